import { array, enum as zodEnum, globalRegistry, int, maxLength, meta, minLength, nullable, number, object, optional, pipe, record, strictObject, string, transform, uuid } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { ContinuationToken, IsoDateTime, Limit, ValidationCode } from '../platform/schemas.js';
import { IMPORT_STATES, ROW_OUTCOMES } from './entity.js';
import { IMPORT_COLUMNS, MAX_CELL_CHARACTERS, MAX_IMPORT_ROWS } from './columns.js';

const Cell = string().check(maxLength(MAX_CELL_CHARACTERS));

/** A JSON import: the rows as objects keyed by the CSV header's column names (the CSV file's cells, in JSON). */
export const ImportRowsRequest = strictObject({
  rows: array(record(string(), nullable(Cell))).check(minLength(1), maxLength(MAX_IMPORT_ROWS)),
  validationCode: optional(ValidationCode).check(
    meta({ description: 'US Government cloud only, and required there when a row would create a new customer: a recorded validation code with a creation left for each; every created row uses one' }),
  ),
}).check(
  meta({
    id: 'CustomerImportRequest',
    description: `One object per customer, keyed by column: ${IMPORT_COLUMNS.map((c) => c.name).join(', ')}. The same columns make the header of a text/csv file.`,
  }),
);
export type ImportRowsRequest = Infer<typeof ImportRowsRequest>;

export const ImportQuery = strictObject({
  validateOnly: optional(zodEnum(['true', 'false'])).check(meta({ description: 'true: check every row and answer with every error; nothing is stored' })),
  validationCode: optional(ValidationCode).check(
    meta({ description: 'text/csv only (a JSON body names it in validationCode): US Government cloud only, and required there when a row would create a new customer; see CustomerImportRequest' }),
  ),
});

export const RowError = object({ row: number().check(int()), path: string(), message: string() }).register(globalRegistry, { id: 'CustomerImportRowError' });

const Counts = object(Object.fromEntries(ROW_OUTCOMES.map((o) => [o, number().check(int())])) as Record<(typeof ROW_OUTCOMES)[number], ReturnType<typeof number>>);

export const CustomerImport = object({
  id: string(),
  state: zodEnum(IMPORT_STATES),
  rowCount: number().check(int()),
  counts: Counts,
  pending: number().check(int()).check(meta({ description: 'Rows not yet decided' })),
  progress: number().check(meta({ description: 'Decided rows as a share of all rows, 0 to 1' })),
  createdAt: IsoDateTime,
  completedAt: optional(IsoDateTime),
  errors: optional(array(RowError)).check(meta({ description: 'In the answer to the POST: every error of every invalid row' })),
}).register(globalRegistry, { id: 'CustomerImport' });
export type CustomerImport = Infer<typeof CustomerImport>;

export const ImportValidation = object({
  rowCount: number().check(int()),
  valid: number().check(int()),
  skippedDuplicateInFile: number().check(int()),
  invalid: number().check(int()),
  errors: array(RowError),
}).register(globalRegistry, { id: 'CustomerImportValidation' });

export const CustomerImportPage = object({ items: array(CustomerImport), continuationToken: optional(string()) }).register(globalRegistry, { id: 'CustomerImportPage' });

export const ImportRow = object({
  row: number().check(int()),
  outcome: zodEnum(ROW_OUTCOMES),
  customerId: optional(string()),
  invitationId: optional(string()),
  errors: optional(array(object({ path: string(), message: string() }))),
}).register(globalRegistry, { id: 'CustomerImportRow' });
export type ImportRow = Infer<typeof ImportRow>;

export const ImportRowPage = object({ items: array(ImportRow), continuationToken: optional(string()) })
  .check(meta({ description: 'Decided rows only, in file order; the result CSV has every row with its cells' }))
  .register(globalRegistry, { id: 'CustomerImportRowPage' });

export const ImportIdParams = strictObject({ importId: pipe(uuid(), transform((id: string) => id.toLowerCase())) });

export const ListImportsQuery = strictObject({ limit: Limit, continuationToken: optional(ContinuationToken) });

export const ListRowsQuery = strictObject({ outcome: optional(zodEnum(ROW_OUTCOMES)), limit: Limit, continuationToken: optional(ContinuationToken) });

export const ResendResult = object({
  resent: number().check(int()),
  refused: number().check(int()).check(meta({ description: 'Pending invitations not mailed again: a per-recipient or bounce limit, or changed meanwhile' })),
  continuationToken: optional(string()).check(meta({ description: 'More pending invitations remain: send the same request with it' })),
}).register(globalRegistry, { id: 'CustomerImportResendResult' });

export const ResendQuery = strictObject({ continuationToken: optional(ContinuationToken) });
