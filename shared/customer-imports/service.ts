// Customer imports as the partner manages them: send a file (or check it), follow it, read its outcomes,
// mail its pending invitations again. The rows themselves are worked through by ./worker.ts.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../platform/auth.js';
import { nowEpochSeconds, nowIso } from '../platform/clock.js';
import { safeParse } from '../platform/zod.js';
import { idempotencyKeyReused, isProblem, malformedJson, payloadTooLarge, validationFailed } from '../platform/errors.js';
import { issuesToFieldErrors } from '../platform/http/request.js';
import { IDEMPOTENCY_KEY, IDEMPOTENCY_TTL_SECONDS, requestHash } from '../customers/index.js';
import { findPartnerProfile, profileRequired } from '../partner/index.js';
import { listInvitations, resendInvitation } from '../invitations/index.js';
import { claimedDomains } from '../organizations/index.js';
import { checkCodeAllows } from '../validation-codes/index.js';
import { headerProblems, MAX_CELL_CHARACTERS, MAX_IMPORT_ROWS, rowCells } from './columns.js';
import { CsvSyntaxError, parseCsv, resultCsvHeader, resultCsvRow } from './csv.js';
import { ROW_OUTCOMES, type ImportRecord, type InputRow, type RowOutcome, type RowRecord } from './entity.js';
import { importNotFound } from './problems.js';
import { ImportRowsRequest, type CustomerImport, type ImportRow } from './schemas.js';
import * as store from './store.js';
import { checkRows, rowErrorList, type RowError } from './validation.js';

export const importLocation = (importId: string) => `/v1/customer-imports/${importId}`;

export interface Upload {
  /** `text/csv` or `application/json`, as the request named it. */
  contentType: string;
  text: string;
}

const tooMany = (count: number) => payloadTooLarge(`The file has ${count} rows; an import takes at most ${MAX_IMPORT_ROWS}.`);

/** The file's rows, each as its cells by column, and the validation code a JSON body names. */
interface ReadFile {
  rows: Record<string, string>[];
  validationCode?: string;
}

/** The rows of the file; a file that cannot be read as rows is a 400 (413 past the row limit). */
export function readRows(upload: Upload): ReadFile {
  if (upload.contentType === 'text/csv') {
    let records: string[][];
    try {
      records = parseCsv(upload.text);
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw validationFailed([{ path: 'body', message: error.message }], error);
      throw error;
    }
    const [header, ...lines] = records;
    if (!header) throw validationFailed([{ path: 'body', message: 'the file is empty; its first line is the header' }]);
    const names = header.map((n) => n.trim());
    const problems = headerProblems(names);
    if (problems.length > 0) throw validationFailed(problems.map((message) => ({ path: 'body.header', message })));
    if (lines.length === 0) throw validationFailed([{ path: 'body', message: 'the file has a header and no rows' }]);
    if (lines.length > MAX_IMPORT_ROWS) throw tooMany(lines.length);
    // A line with another number of cells than the header is the row's error, found by the create's schema
    // (its cells are not read by position past the header's): it comes out without the cells it lacks.
    // Cells are bounded as in the JSON form, which keeps a stored row small whatever it holds.
    const long = lines.flatMap((cells, i) => cells.flatMap((cell, c) => (cell.length > MAX_CELL_CHARACTERS ? [{ path: `body.rows.${i + 1}.${names[c] ?? c}`, message: `is longer than ${MAX_CELL_CHARACTERS} characters` }] : [])));
    if (long.length > 0) throw validationFailed(long);
    return { rows: lines.map((cells) => rowCells(Object.fromEntries(names.map((name, i) => [name, cells[i]])))) };
  }
  let json: unknown;
  try {
    json = JSON.parse(upload.text);
  } catch (error) {
    throw malformedJson(error as SyntaxError);
  }
  const count = Array.isArray((json as { rows?: unknown })?.rows) ? (json as { rows: unknown[] }).rows.length : 0;
  if (count > MAX_IMPORT_ROWS) throw tooMany(count);
  const parsed = safeParse(ImportRowsRequest, json);
  if (!parsed.success) throw validationFailed(issuesToFieldErrors('body', parsed.error), parsed.error);
  const problems = headerProblems([...new Set(parsed.data.rows.flatMap((r) => Object.keys(r)))]).filter((p) => !p.startsWith('missing') && !p.startsWith('repeated'));
  if (problems.length > 0) throw validationFailed(problems.map((message) => ({ path: 'body.rows', message })));
  return { rows: parsed.data.rows.map((cells) => rowCells(cells)), ...(parsed.data.validationCode ? { validationCode: parsed.data.validationCode } : {}) };
}

/** What a new import has decided: nothing yet; the worker records even the rows validation decided, as it passes them. */
const NO_COUNTS = Object.fromEntries(ROW_OUTCOMES.map((o) => [o, 0])) as store.Counts;

const view = (record: ImportRecord, counts: store.Counts, errors?: RowError[]): CustomerImport => {
  const decided = ROW_OUTCOMES.reduce((sum, o) => sum + counts[o], 0);
  return {
    id: record.id,
    state: record.state,
    rowCount: record.rowCount,
    counts,
    pending: record.rowCount - decided,
    progress: record.rowCount === 0 ? 1 : Math.round((decided / record.rowCount) * 1000) / 1000,
    createdAt: record.createdAt,
    ...(record.completedAt ? { completedAt: record.completedAt } : {}),
    ...(errors ? { errors } : {}),
  };
};

export function validateImport(rows: InputRow[]) {
  const count = (outcome?: RowOutcome) => rows.filter((r) => r.outcome === outcome).length;
  return { rowCount: rows.length, valid: count(undefined), skippedDuplicateInFile: count('skippedDuplicateInFile'), invalid: count('invalid'), errors: rowErrorList(rows) };
}

export type ImportResult =
  | { kind: 'validation'; validation: ReturnType<typeof validateImport> }
  | { kind: 'import'; replayed: boolean; customerImport: CustomerImport };

/**
 * Checks every row (nothing is written with validateOnly); otherwise stores the import, its rows and their
 * starting outcomes, and hands it to the worker. The same Idempotency-Key with the same rows answers with
 * that import, and finishes storing it if a crash stopped the first request midway.
 */
/** The code a request names: in a JSON body, or for a CSV file in the query (one place for each form). */
function namedCode(upload: Upload, file: ReadFile, queryCode: string | undefined): string | undefined {
  if (queryCode !== undefined && upload.contentType !== 'text/csv') {
    throw validationFailed([{ path: 'query.validationCode', message: 'is for a text/csv file; a JSON body names the code in validationCode' }]);
  }
  return queryCode ?? file.validationCode;
}

/** Rows that would create a new organization: those left to process whose domain no organization has. */
async function wouldCreate(rows: InputRow[]): Promise<number> {
  const domains = rows.flatMap((r) => (r.outcome ? [] : [r.input.domain!.trim().toLowerCase()]));
  const claimed = await claimedDomains(domains);
  return domains.filter((d) => !claimed.has(d)).length;
}

export async function createImport(
  principal: Principal,
  upload: Upload,
  options: { idempotencyKey?: string; validateOnly: boolean; validationCode?: string },
): Promise<ImportResult> {
  const { idempotencyKey, validateOnly } = options;
  if (!validateOnly && (idempotencyKey === undefined || !IDEMPOTENCY_KEY.test(idempotencyKey))) {
    throw validationFailed([{ path: 'header.Idempotency-Key', message: 'is required: 1-255 visible ASCII characters' }]);
  }
  const file = readRows(upload);
  const cells = file.rows;
  const code = namedCode(upload, file, options.validationCode);
  const profile = await findPartnerProfile(principal.partnerId);
  if (!profile) throw profileRequired();
  const rows = checkRows(cells, profile);
  // The creates spend the code row by row; a file the code cannot cover is refused before anything is stored.
  const validationCode = await checkCodeAllows(principal.partnerId, code, () => wouldCreate(rows));
  if (validateOnly) return { kind: 'validation', validation: validateImport(rows) };

  const hash = requestHash(cells);
  const record: ImportRecord = {
    id: randomUUID(),
    partnerId: principal.partnerId,
    state: 'received',
    rowCount: rows.length,
    nextRow: 1,
    batch: 1,
    createdBy: principal.userId,
    roles: principal.roles,
    createdAt: nowIso(),
    ...(validationCode ? { validationCode } : {}),
    version: 1,
  };
  const stored = await store.storeImport(record, rows, idempotencyKey!, { importId: record.id, requestHash: hash, expiresAtEpoch: nowEpochSeconds() + IDEMPOTENCY_TTL_SECONDS }, nowEpochSeconds());
  if (stored.outcome === 'stored') return { kind: 'import', replayed: false, customerImport: view(stored.record, NO_COUNTS, rowErrorList(rows)) };
  if (stored.stored.requestHash !== hash) throw idempotencyKeyReused();
  const earlier = await store.getImport(principal.partnerId, stored.stored.importId);
  if (!earlier) throw importNotFound(stored.stored.importId);
  if (earlier.state === 'received') await store.resumeRows(earlier, rows);
  const found = (await store.getImportWithCounts(principal.partnerId, earlier.id))!;
  return { kind: 'import', replayed: true, customerImport: view(found.record, found.counts, rowErrorList(rows)) };
}

export async function getImport(principal: Principal, importId: string): Promise<CustomerImport> {
  const found = await store.getImportWithCounts(principal.partnerId, importId);
  if (!found) throw importNotFound(importId);
  return view(found.record, found.counts);
}

export async function listImports(principal: Principal, query: { limit: number; continuationToken?: string }) {
  const page = await store.listImports(principal.partnerId, query.limit, query.continuationToken);
  return { items: page.items.map(({ record, counts }) => view(record, counts)), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
}

const rowView = (row: RowRecord): ImportRow => row;

export async function listRows(principal: Principal, importId: string, query: { outcome?: RowOutcome; limit: number; continuationToken?: string }) {
  if (!(await store.getImport(principal.partnerId, importId))) throw importNotFound(importId);
  const page = await store.rowPage(principal.partnerId, importId, query);
  return { items: page.rows.map(rowView), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
}

/** Every row as sent, with `outcome` (`pending` while undecided), `customerId` and `errors`. */
export async function resultCsv(principal: Principal, importId: string): Promise<string> {
  if (!(await store.getImport(principal.partnerId, importId))) throw importNotFound(importId);
  const decided = new Map<number, RowRecord>();
  for await (const rows of store.decidedRows(principal.partnerId, importId)) for (const row of rows) decided.set(row.row, row);
  const input = await store.inputRows(principal.partnerId, importId);
  return [resultCsvHeader(), ...input.map((row) => resultCsvRow(row, decided.get(row.row)))].join('');
}

/** Invitations one request mails again: each is a read and a transaction, and the request has seconds. */
export const RESEND_PAGE = 50;

/**
 * Mails the import's pending invitations again, a page at a time, each through the invitation's own resend (a
 * new link, the recipient's daily allowance, a bounced address refused); a refused one is counted, not fatal.
 */
export async function resendPending(principal: Principal, importId: string, continuationToken?: string) {
  if (!(await store.getImport(principal.partnerId, importId))) throw importNotFound(importId);
  const page = await listInvitations(principal, { importId, state: 'pending', limit: RESEND_PAGE, ...(continuationToken ? { continuationToken } : {}) });
  let resent = 0;
  let refused = 0;
  for (const invitation of page.items) {
    try {
      await resendInvitation(principal, invitation.id, false);
      resent += 1;
    } catch (error) {
      if (!isProblem(error) || isProblem(error, 'http.serviceUnavailable')) throw error;
      refused += 1;
    }
  }
  return { resent, refused, ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
}
