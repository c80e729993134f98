import type { Customer } from './schemas.js';

const COLUMNS: [string, (c: Customer) => string | undefined][] = [
  ['id', (c) => c.id],
  ['tenantId', (c) => c.tenantId],
  ['companyName', (c) => c.companyProfile.companyName],
  ['domain', (c) => c.companyProfile.domain],
  ['state', (c) => c.state],
  ['relationshipToPartner', (c) => c.relationshipToPartner],
  ['associatedPartnerId', (c) => c.associatedPartnerId],
  ['billingEmail', (c) => c.billingProfile?.email],
  ['billingCompanyName', (c) => c.billingProfile?.companyName],
  ['country', (c) => c.billingProfile?.defaultAddress.country],
  ['region', (c) => c.billingProfile?.defaultAddress.region],
  ['city', (c) => c.billingProfile?.defaultAddress.city],
  ['postalCode', (c) => c.billingProfile?.defaultAddress.postalCode],
  ['addressLine1', (c) => c.billingProfile?.defaultAddress.addressLine1],
  ['addressLine2', (c) => c.billingProfile?.defaultAddress.addressLine2],
  ['contactFirstName', (c) => c.billingProfile?.defaultAddress.firstName],
  ['contactLastName', (c) => c.billingProfile?.defaultAddress.lastName],
  ['phoneNumber', (c) => c.billingProfile?.defaultAddress.phoneNumber],
  ['createdAt', (c) => c.createdAt],
  ['updatedAt', (c) => c.updatedAt],
];

/**
 * RFC 4180 quoting, and (OWASP's advice against CSV injection) a leading quote on any cell a
 * spreadsheet would read as a formula.
 */
export function csvCell(value: string | undefined): string {
  let cell = value ?? '';
  if (/^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
  return `"${cell.replace(/"/g, '""')}"`;
}

export const customerCsvHeader = (): string => COLUMNS.map(([name]) => csvCell(name)).join(',') + '\r\n';

export const customerCsvRows = (customers: Customer[]): string =>
  customers.map((c) => COLUMNS.map(([, read]) => csvCell(read(c))).join(',') + '\r\n').join('');
