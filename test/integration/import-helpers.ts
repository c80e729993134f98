// Shared helpers of the customer import tests (not a test file).
import { IMPORT_COLUMNS } from '../../shared/customer-imports/index';
import type { TestApi } from '../support/api';
import { expectStatus } from './helpers';

/** One row's cells: a valid new customer at `domain` unless overridden (undefined removes a cell). */
export const importRow = (domain: string, overrides: Record<string, string | undefined> = {}): Record<string, string> => {
  const row: Record<string, string | undefined> = {
    companyName: `Imported ${domain.split('.')[0]}`,
    domain,
    billingEmail: `billing@${domain}`,
    culture: 'en-US',
    language: 'en',
    country: 'US',
    city: 'Redmond',
    postalCode: '98052',
    addressLine1: '1 Microsoft Way',
    contactFirstName: 'Avery',
    contactLastName: 'Admin',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(row).filter((e): e is [string, string] => e[1] !== undefined));
};

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** The rows as a CSV file with every import column in the header. */
export const importCsv = (rows: Record<string, string>[]): string =>
  [IMPORT_COLUMNS.map((c) => c.name).join(','), ...rows.map((row) => IMPORT_COLUMNS.map((c) => quote(row[c.name] ?? '')).join(','))].join('\r\n') + '\r\n';

/** Waits (polling) until the import is completed, and returns it. */
export async function importCompleted(api: TestApi, token: string, importId: string, timeoutMs = 240_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await api.request('GET', `/v1/customer-imports/${importId}`, { token });
    expectStatus(response, 200);
    if (response.body.state === 'completed') return response.body;
    if (Date.now() > until) throw new Error(`import ${importId} not completed in time: ${response.text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A minimal RFC 4180 reader for the result CSV (quoted cells). */
export function readCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(cell), (cell = '');
    else if (c === '\n') record.push(cell), records.push(record), (record = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  const [header, ...rows] = records;
  return rows.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i] ?? ''])));
}
