// The columns of an import file and how a row becomes the body of a single create (POST /v1/customers), so
// that every row is checked by that create's own schema and rules.

/** An API Gateway payload is at most 6 MB; 5,000 rows of a typical export (about 300 bytes each) take 1.5 MB. */
export const MAX_IMPORT_ROWS = 5_000;

/** The longest cell an import takes: far beyond any field the create allows, and it keeps a row small. */
export const MAX_CELL_CHARACTERS = 1000;

interface Column {
  name: string;
  /** Where the cell goes in the create's body; none: a column of the import only. */
  path?: readonly string[];
}

/** The columns an import reads: the export's (same names), the billing profile's others, and the admin address. */
export const IMPORT_COLUMNS: readonly Column[] = [
  { name: 'companyName', path: ['companyProfile', 'companyName'] },
  { name: 'domain', path: ['companyProfile', 'domain'] },
  { name: 'associatedPartnerId', path: ['associatedPartnerId'] },
  { name: 'billingEmail', path: ['billingProfile', 'email'] },
  { name: 'billingCompanyName', path: ['billingProfile', 'companyName'] },
  { name: 'culture', path: ['billingProfile', 'culture'] },
  { name: 'language', path: ['billingProfile', 'language'] },
  { name: 'country', path: ['billingProfile', 'defaultAddress', 'country'] },
  { name: 'region', path: ['billingProfile', 'defaultAddress', 'region'] },
  { name: 'city', path: ['billingProfile', 'defaultAddress', 'city'] },
  { name: 'postalCode', path: ['billingProfile', 'defaultAddress', 'postalCode'] },
  { name: 'addressLine1', path: ['billingProfile', 'defaultAddress', 'addressLine1'] },
  { name: 'addressLine2', path: ['billingProfile', 'defaultAddress', 'addressLine2'] },
  { name: 'contactFirstName', path: ['billingProfile', 'defaultAddress', 'firstName'] },
  { name: 'contactLastName', path: ['billingProfile', 'defaultAddress', 'lastName'] },
  { name: 'phoneNumber', path: ['billingProfile', 'defaultAddress', 'phoneNumber'] },
  { name: 'companyRegistrationId', path: ['companyRegistrationId'] },
  /** Who gets the invitation when the domain is an existing organization's; it must be one of its mailboxes. */
  { name: 'adminEmail' },
];

/** Columns of an export that an import takes and ignores, so that an export file can be sent back as it is. */
export const EXPORT_ONLY_COLUMNS = new Set(['id', 'tenantId', 'state', 'relationshipToPartner', 'createdAt', 'updatedAt']);

/** A header without one of these cannot make any valid row. */
export const REQUIRED_COLUMNS = ['companyName', 'domain', 'billingEmail', 'culture', 'language', 'country', 'city', 'postalCode', 'addressLine1', 'contactFirstName', 'contactLastName'];

const KNOWN = new Set(IMPORT_COLUMNS.map((c) => c.name));

/** The header's problems: unknown and missing columns, as messages (empty: the header is fine). */
export function headerProblems(names: readonly string[]): string[] {
  const unknown = names.filter((n) => !KNOWN.has(n) && !EXPORT_ONLY_COLUMNS.has(n));
  const missing = REQUIRED_COLUMNS.filter((n) => !names.includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  return [
    ...(unknown.length ? [`unknown columns: ${unknown.join(', ')}`] : []),
    ...(missing.length ? [`missing columns: ${missing.join(', ')}`] : []),
    ...(repeated.length ? [`repeated columns: ${[...new Set(repeated)].join(', ')}`] : []),
  ];
}

/** A row's cells: the import's columns only, empty cells left out. */
export function rowCells(cells: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(cells).filter((e): e is [string, string] => KNOWN.has(e[0]) && typeof e[1] === 'string' && e[1] !== ''));
}

/** The body of the single create that the row stands for (the billing company name defaults to the company's). */
export function createBody(cells: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const filled: Record<string, string> = { ...cells, ...(cells.billingCompanyName || !cells.companyName ? {} : { billingCompanyName: cells.companyName }) };
  for (const { name, path } of IMPORT_COLUMNS) {
    const value = filled[name];
    if (!path || value === undefined) continue;
    let target = body;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path.at(-1)!] = value;
  }
  // Nested objects the create requires are there even when all their cells are empty, so the errors name the fields.
  const billing = ((body.billingProfile ??= {}) as Record<string, unknown>);
  billing.defaultAddress ??= {};
  body.companyProfile ??= {};
  return body;
}

/** The column a path of the create's body comes from (a field error names the cell to fix). */
export function columnOf(path: readonly (string | number)[]): string {
  const key = path.join('.');
  const column = IMPORT_COLUMNS.find((c) => c.path && (key === c.path.join('.') || key.startsWith(`${c.path.join('.')}.`)));
  return column?.name ?? (key || 'row');
}
