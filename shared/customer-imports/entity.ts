// Customer imports as stored: the import (its state and how far the worker got), its counts, one item per row
// of the file (the row's cells and, once decided, its outcome), and the Idempotency-Key that made it.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { array, number, object, oneOf, optional, record, string, type Infer } from '../platform/dynamo/item-schema.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';

/**
 * `received` until every row is stored (a crash meanwhile leaves it so, and the same request with the same
 * Idempotency-Key stores the rest), then `processing` while the worker works through the rows, `completed`.
 */
export const IMPORT_STATES = ['received', 'processing', 'completed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];
export const ROW_OUTCOMES = ['created', 'invited', 'alreadyActive', 'skippedDuplicateInFile', 'invalid'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];
/** The kind of the import item: the worker's stream filter passes its writes while it is `processing`. */
export const IMPORT_KIND = 'customerImport';

/** Rows sort by number as text: zero-padded past the largest file. */
const rowSk = (importId: string, row: number) => `IMPORT#${importId}#ROW#${String(row).padStart(6, '0')}`;
/** An import's rows sit in a partition of their own, so thousands of row writes do not heat the partner's. */
const rowsPartition = (partnerId: string, importId: string) => `${partnerPartition(partnerId)}#IMPORT#${importId}`;

export const importKeys = {
  import: (partnerId: string, importId: string) => ({ pk: partnerPartition(partnerId), sk: `IMPORT#${importId}` }),
  listing: (partnerId: string) => ({ index: 'listing', pk: `${partnerPartition(partnerId)}#IMPORTS` }) as const,
  counts: (partnerId: string, importId: string) => ({ pk: rowsPartition(partnerId, importId), sk: `IMPORT#${importId}#COUNTS` }),
  /** The file's rows as sent, a few hundred to an item, in order. */
  chunk: (partnerId: string, importId: string, n: number) => ({ pk: rowsPartition(partnerId, importId), sk: `IMPORT#${importId}#CHUNK#${String(n).padStart(4, '0')}` }),
  chunks: (partnerId: string, importId: string) => ({ pk: rowsPartition(partnerId, importId), skPrefix: `IMPORT#${importId}#CHUNK#` }),
  /** A decided row: written once, in the transaction of the change its outcome stands for. */
  row: (partnerId: string, importId: string, row: number) => ({ pk: rowsPartition(partnerId, importId), sk: rowSk(importId, row) }),
  rows: (partnerId: string, importId: string) => ({ pk: rowsPartition(partnerId, importId), skPrefix: `IMPORT#${importId}#ROW#` }),
  rowSk,
  /** A row by its outcome, in row order. */
  outcome: (partnerId: string, importId: string, outcome: RowOutcome) => ({ index: 'listingByState', pk: `${rowsPartition(partnerId, importId)}#OUTCOME#${outcome}` }) as const,
  idempotency: (partnerId: string, key: string) => ({ pk: partnerPartition(partnerId), sk: `IMPORT_IDEMPOTENCY#${key}` }),
};

export const ImportItem = object({
  id: string,
  partnerId: string,
  state: oneOf(IMPORT_STATES),
  rowCount: number,
  /** The first row the worker has not yet passed: rows before it are decided. */
  nextRow: number,
  /** Bumped by every checkpoint; a stream record of an older batch is stale. */
  batch: number,
  /** Who sent the file: the worker acts as this user, with these roles, in activity records and checks. */
  createdBy: string,
  roles: array(string),
  createdAt: string,
  completedAt: optional(string),
  /** US Government cloud: the code the file named, which each created row spends one creation of (never the code itself). */
  validationCode: optional(object({ codeHash: string, maskedCode: string })),
  version: number,
});
export type ImportRecord = Infer<typeof ImportItem>;

export function importItem(record: ImportRecord) {
  return {
    ...importKeys.import(record.partnerId, record.id),
    gsi1pk: importKeys.listing(record.partnerId).pk,
    gsi1sk: `${record.createdAt}#${record.id}`,
    kind: IMPORT_KIND,
    ...record,
  };
}

export const CountsItem = object({
  created: optional(number),
  invited: optional(number),
  alreadyActive: optional(number),
  skippedDuplicateInFile: optional(number),
  invalid: optional(number),
});

export const FieldErrorItem = object({ path: string, message: string });

/**
 * A row of the file: its cells by column as sent (empty cells left out) and, when validation decided it
 * (`invalid`, `skippedDuplicateInFile`), that outcome; the worker records it like any other.
 */
export const InputRowItem = object({
  row: number,
  input: record(string),
  outcome: optional(oneOf(['invalid', 'skippedDuplicateInFile'] as const)),
  errors: optional(array(FieldErrorItem)),
});
export type InputRow = Infer<typeof InputRowItem>;

export const ChunkItem = object({ rows: array(InputRowItem) });

export const chunkItem = (partnerId: string, importId: string, n: number, rows: InputRow[]) => ({ ...importKeys.chunk(partnerId, importId, n), kind: 'customerImportChunk', rows });

/** A decided row: its outcome and what it made, found or broke. */
export const RowItem = object({
  row: number,
  outcome: oneOf(ROW_OUTCOMES),
  customerId: optional(string),
  invitationId: optional(string),
  errors: optional(array(FieldErrorItem)),
});
export type RowRecord = Infer<typeof RowItem>;

export const rowItem = (partnerId: string, importId: string, row: RowRecord) => ({
  ...importKeys.row(partnerId, importId, row.row),
  gsi2pk: importKeys.outcome(partnerId, importId, row.outcome).pk,
  gsi2sk: rowSk(importId, row.row),
  kind: 'customerImportRow',
  ...row,
});

/** The import an Idempotency-Key made, for a day; the same key with another file is refused. */
export const ImportIdempotencyItem = object({ importId: string, requestHash: string, expiresAtEpoch: number });
export type ImportIdempotencyRecord = Infer<typeof ImportIdempotencyItem>;

export const importIdempotencyItem = (partnerId: string, key: string, record: ImportIdempotencyRecord) => ({
  ...importKeys.idempotency(partnerId, key),
  kind: 'customerImportIdempotency',
  ...record,
  [TTL_ATTRIBUTE]: record.expiresAtEpoch,
});
