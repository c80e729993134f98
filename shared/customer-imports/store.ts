import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/dynamo/client.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { queryPage } from '../platform/dynamo/query.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';
import { put, putVersioned, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import {
  ChunkItem,
  chunkItem,
  CountsItem,
  ImportIdempotencyItem,
  importIdempotencyItem,
  ImportItem,
  importItem,
  importKeys,
  ROW_OUTCOMES,
  RowItem,
  rowItem,
  type ImportIdempotencyRecord,
  type ImportRecord,
  type InputRow,
  type RowOutcome,
  type RowRecord,
} from './entity.js';

export type Counts = Record<RowOutcome, number>;

/**
 * A chunk item stays well under DynamoDB's 400 KB, and a transaction of chunks under its 4 MB; a file of a few
 * thousand typical rows (1-2 MB) is then one transaction.
 */
const CHUNK_BYTES = 300_000;
const TRANSACTION_BYTES = 3_500_000;
const TRANSACTION_ITEMS = 100;
/** Room for an item other than a chunk in a transaction's size. */
const IMPORT_BYTES = 2_000;

export type StoreOutcome = { outcome: 'stored'; record: ImportRecord } | { outcome: 'exists'; stored: ImportIdempotencyRecord };

const idempotencyPart = (record: ImportRecord, key: string, idempotency: ImportIdempotencyRecord, nowEpoch: number): LabelledPart => ({
  label: 'idempotency',
  part: {
    Put: {
      TableName: tableName(),
      Item: importIdempotencyItem(record.partnerId, key, idempotency),
      ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ':now': nowEpoch },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  },
});

/** The rows in chunk items of at most CHUNK_BYTES each, in order, as transaction parts with their sizes. */
function chunkParts(record: ImportRecord, rows: InputRow[]): { part: LabelledPart; bytes: number }[] {
  const chunks: InputRow[][] = [[]];
  let size = 0;
  for (const row of rows) {
    const bytes = Buffer.byteLength(JSON.stringify(row));
    if (size + bytes > CHUNK_BYTES && chunks.at(-1)!.length > 0) chunks.push([]), (size = 0);
    chunks.at(-1)!.push(row);
    size += bytes;
  }
  return chunks.map((chunk, i) => ({ part: put('chunk', chunkItem(record.partnerId, record.id, i + 1, chunk)), bytes: Buffer.byteLength(JSON.stringify(chunk)) }));
}

/** Groups parts into transactions of at most TRANSACTION_BYTES and DynamoDB's 100 parts, in order. */
function transactions(parts: { part: LabelledPart; bytes: number }[]): LabelledPart[][] {
  const groups: LabelledPart[][] = [[]];
  let size = 0;
  for (const { part, bytes } of parts) {
    const group = groups.at(-1)!;
    if (group.length > 0 && (size + bytes > TRANSACTION_BYTES || group.length === TRANSACTION_ITEMS)) groups.push([]), (size = 0);
    groups.at(-1)!.push(part);
    size += bytes;
  }
  return groups;
}

/**
 * The import, its idempotency record and the file's rows (in chunk items), and the import `processing` (its
 * stream record starts the worker). A file that fits one transaction (a few thousand typical rows) is stored
 * in one: all or nothing. A larger one goes in several, and the import is `received` until the last one turns it
 * `processing`; a crash between them leaves it `received`, and the same request with the same Idempotency-Key
 * stores the rest (resumeRows). A live Idempotency-Key answers with the import it made.
 */
export async function storeImport(record: ImportRecord, rows: InputRow[], key: string, idempotency: ImportIdempotencyRecord, nowEpoch: number): Promise<StoreOutcome> {
  const processing: ImportRecord = { ...record, state: 'processing' };
  const chunks = chunkParts(record, rows);
  const single = transactions([...chunks, { part: putVersioned('import', importItem(processing)), bytes: IMPORT_BYTES }, { part: idempotencyPart(record, key, idempotency, nowEpoch), bytes: IMPORT_BYTES }]);
  const first = single.length === 1 ? single[0]! : [idempotencyPart(record, key, idempotency, nowEpoch), putVersioned('import', importItem(record))];
  const outcome = await transact(first);
  if (!outcome.ok) {
    const stored = outcome.oldItems.idempotency;
    if (stored) return { outcome: 'exists', stored: readItem(ImportIdempotencyItem, stored) };
    throw new Error('the import could not be stored', { cause: outcome.cause });
  }
  return { outcome: 'stored', record: single.length === 1 ? processing : await resumeRows(record, rows) };
}

/** The chunks of a `received` import, then the import `processing`; chunks are put whole, so doing it again writes the same items. */
export async function resumeRows(record: ImportRecord, rows: InputRow[]): Promise<ImportRecord> {
  const processing: ImportRecord = { ...record, state: 'processing', version: record.version + 1 };
  // Turned `processing` only from the version read as `received`: an import the worker has begun is never written to again.
  for (const group of transactions([...chunkParts(record, rows), { part: putVersioned('import', importItem(processing), record.version), bytes: IMPORT_BYTES }])) {
    const outcome = await transact(group);
    if (!outcome.ok) throw new Error('the import could not be stored', { cause: outcome.cause });
  }
  return processing;
}

export async function getImport(partnerId: string, importId: string): Promise<ImportRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: importKeys.import(partnerId, importId), ConsistentRead: true }));
  return Item ? readItem(ImportItem, Item) : undefined;
}

const readCounts = (item: Record<string, unknown> | undefined): Counts => {
  const stored: Partial<Counts> = item ? readItem(CountsItem, item) : {};
  return Object.fromEntries(ROW_OUTCOMES.map((o) => [o, stored[o] ?? 0])) as Counts;
};

/** The import and its counts in one round trip. */
export async function getImportWithCounts(partnerId: string, importId: string): Promise<{ record: ImportRecord; counts: Counts } | undefined> {
  const keys = [importKeys.import(partnerId, importId), importKeys.counts(partnerId, importId)];
  const result = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }));
  const items = result.Responses?.[tableName()] ?? [];
  const record = items.find((i) => i.sk === keys[0]!.sk);
  if (!record) return undefined;
  return { record: readItem(ImportItem, record), counts: readCounts(items.find((i) => i.sk === keys[1]!.sk)) };
}

/** The partner's imports, newest first, each with its counts (one BatchGet for the page's counts). */
export async function listImports(partnerId: string, limit: number, continuationToken?: string) {
  const page = await queryPage({ ...importKeys.listing(partnerId), newestFirst: true, limit }, { binding: `imports|${partnerId}`, continuationToken });
  const records = page.items.map((item) => readItem(ImportItem, item));
  const counts = new Map<string, Record<string, unknown>>();
  if (records.length > 0) {
    const keys = records.map((r) => importKeys.counts(partnerId, r.id));
    const result = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys } } }));
    for (const item of result.Responses?.[tableName()] ?? []) counts.set(String(item.sk), item);
  }
  return { items: records.map((record) => ({ record, counts: readCounts(counts.get(importKeys.counts(partnerId, record.id).sk)) })), continuationToken: page.continuationToken };
}

/** Every item of a partition range, a Query page at a time. */
async function* walk(pk: string, skPrefix: string, startAfter?: Record<string, unknown>): AsyncGenerator<Record<string, unknown>[]> {
  let from = startAfter;
  do {
    const page = await queryPage({ pk, sortKey: { beginsWith: skPrefix }, consistent: true, ...(from ? { startAfter: from } : {}) });
    yield page.items;
    from = page.lastEvaluatedKey;
  } while (from);
}

/** The file's rows as sent, in order. */
export async function inputRows(partnerId: string, importId: string): Promise<InputRow[]> {
  const { pk, skPrefix } = importKeys.chunks(partnerId, importId);
  const rows: InputRow[] = [];
  for await (const items of walk(pk, skPrefix)) for (const item of items) rows.push(...readItem(ChunkItem, item).rows);
  return rows;
}

/** The rows decided so far from `fromRow` on, up to `limit` of them, in order. */
export async function decidedFrom(partnerId: string, importId: string, fromRow: number, limit: number): Promise<RowRecord[]> {
  const { pk, skPrefix } = importKeys.rows(partnerId, importId);
  const { items } = await queryPage({ pk, sortKey: { beginsWith: skPrefix }, limit, consistent: true, ...(fromRow > 1 ? { startAfter: { pk, sk: importKeys.rowSk(importId, fromRow - 1) } } : {}) });
  return items.map((item) => readItem(RowItem, item));
}

/** Every decided row, in order. */
export async function* decidedRows(partnerId: string, importId: string): AsyncGenerator<RowRecord[]> {
  const { pk, skPrefix } = importKeys.rows(partnerId, importId);
  for await (const items of walk(pk, skPrefix)) yield items.map((item) => readItem(RowItem, item));
}

/** One page of decided rows, all or those of one outcome, in row order. */
export async function rowPage(partnerId: string, importId: string, options: { outcome?: RowOutcome; limit: number; continuationToken?: string }) {
  const { pk, skPrefix } = importKeys.rows(partnerId, importId);
  const target = options.outcome ? importKeys.outcome(partnerId, importId, options.outcome) : { pk, sortKey: { beginsWith: skPrefix } };
  const page = await queryPage({ ...target, limit: options.limit }, { binding: `importRows|${partnerId}|${importId}|${options.outcome ?? ''}`, continuationToken: options.continuationToken });
  return { rows: page.items.map((item) => readItem(RowItem, item)), continuationToken: page.continuationToken };
}

/**
 * The part that decides a row, for the transaction of the change its outcome stands for: the row's outcome,
 * written only if the row has none yet (the at-most-once guard). Its count is the checkpoint's: one counts
 * item in every row's transaction would make each row's write bigger, and serialize them all on that item.
 */
export function decideRowParts(record: ImportRecord, row: RowRecord): [LabelledPart<'row'>] {
  return [{ label: 'row', part: { Put: { TableName: tableName(), Item: rowItem(record.partnerId, record.id, row), ConditionExpression: 'attribute_not_exists(pk)' } } }];
}

/** A row decided by itself (no other change goes with its outcome); false when it was decided already. */
export async function decideRow(record: ImportRecord, row: RowRecord): Promise<boolean> {
  const outcome = await transact(decideRowParts(record, row));
  if (outcome.ok) return true;
  if (outcome.failed.has('row')) return false;
  throw new Error('the row outcome could not be stored', { cause: outcome.cause });
}

/**
 * The worker's checkpoint: rows before `nextRow` are decided, and `counted` (the batch's decided rows) are added
 * to the counts in the same transaction. It is written only from the version read, so a batch is counted once
 * however often it was worked. Its stream record hands the next batch on.
 */
export async function checkpoint(record: ImportRecord, nextRow: number, completedAt: string, counted: readonly RowRecord[]): Promise<ImportRecord | undefined> {
  const done = nextRow > record.rowCount;
  const next: ImportRecord = { ...record, nextRow, batch: record.batch + 1, ...(done ? { state: 'completed' as const, completedAt } : {}), version: record.version + 1 };
  const tally = new Map<RowOutcome, number>();
  for (const row of counted) tally.set(row.outcome, (tally.get(row.outcome) ?? 0) + 1);
  const outcomes = [...tally];
  const counts: LabelledPart<'counts'>[] = outcomes.length
    ? [
        {
          label: 'counts',
          part: {
            Update: {
              TableName: tableName(),
              Key: importKeys.counts(record.partnerId, record.id),
              UpdateExpression: `ADD ${outcomes.map((_, i) => `#o${i} :n${i}`).join(', ')}`,
              ExpressionAttributeNames: Object.fromEntries(outcomes.map(([o], i) => [`#o${i}`, o])),
              ExpressionAttributeValues: Object.fromEntries(outcomes.map(([, n], i) => [`:n${i}`, n])),
            },
          },
        },
      ]
    : [];
  const outcome = await transact([putVersioned('import', importItem(next), record.version), ...counts]);
  return outcome.ok ? next : undefined;
}
