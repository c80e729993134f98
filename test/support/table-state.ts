// The table as the fault and concurrency suites check it: a partner's items read by Query (never a Scan),
// the items a request's writes were aimed at as they were before it, and the shape of a change with its ids
// left out, so that two runs of one operation on two records can be compared.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { config } from '../../shared/platform/config';

type Item = Record<string, unknown>;
export type TableState = Map<string, Item>;

let raw: DynamoDBDocumentClient | undefined;
/** A client of its own, so that what the tests read is never counted or failed as the handlers' work. */
const rawDb = (): DynamoDBDocumentClient =>
  (raw ??= DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: config().dynamoDbEndpoint })));

const keyOf = (item: { pk?: unknown; sk?: unknown }) => `${String(item.pk)}|${String(item.sk)}`;

async function partition(pk: string, into: TableState): Promise<void> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await rawDb().send(new QueryCommand({ TableName: config().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true, ExclusiveStartKey }));
    for (const item of page.Items ?? []) into.set(keyOf(item), item);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** Every item in the partitions of these partners (their records and their activity log). */
export async function partnerItems(...partnerIds: string[]): Promise<TableState> {
  const state: TableState = new Map();
  for (const id of partnerIds) {
    await partition(`PARTNER#${id}`, state);
    await partition(`PARTNER#${id}#ACTIVITY`, state);
  }
  return state;
}

export const getItem = async (key: { pk: string; sk: string }): Promise<Item | undefined> =>
  (await rawDb().send(new GetCommand({ TableName: config().tableName, Key: key, ConsistentRead: true }))).Item;

/** A key as a command carries it: native values (document client) or attribute values (after marshalling). */
function plainKey(key: unknown): { pk: string; sk: string } | undefined {
  if (!key || typeof key !== 'object') return undefined;
  const k = key as Record<string, unknown>;
  const value = (v: unknown) => (v && typeof v === 'object' && 'S' in (v as object) ? String((v as { S: unknown }).S) : typeof v === 'string' ? v : undefined);
  const pk = value(k.pk);
  const sk = value(k.sk);
  return pk !== undefined && sk !== undefined ? { pk, sk } : undefined;
}

/** The keys a write command is aimed at. */
function writeKeys(input: Record<string, any>): { pk: string; sk: string }[] {
  const parts = Array.isArray(input.TransactItems) ? input.TransactItems : [input];
  return parts
    .map((part: Record<string, any>) => {
      const body = part.Put ?? part.Update ?? part.Delete ?? part.ConditionCheck ?? part;
      return plainKey(body.Item ?? body.Key);
    })
    .filter((key: unknown): key is { pk: string; sk: string } => key !== undefined);
}

const WRITES = /^(PutItem|UpdateItem|DeleteItem|TransactWriteItems|BatchWriteItem)Command$/;

interface Stackable {
  middlewareStack: { add(middleware: (next: any, context: any) => (args: any) => Promise<any>, options: Record<string, unknown>): void; remove(name: string): boolean };
}

/**
 * Records, before each write command of the client runs, the items its keys held (once per key). `changed()`
 * then lists the keys whose items differ now: after a failed request, there must be none.
 */
export function watchWrites(client: Stackable) {
  const before = new Map<string, { key: { pk: string; sk: string }; item: Item | undefined }>();
  const name = `writeWatch-${randomUUID()}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (WRITES.test(context.commandName ?? '')) {
        for (const key of writeKeys(args.input ?? {})) {
          const id = keyOf(key);
          if (!before.has(id)) before.set(id, { key, item: await getItem(key) });
        }
      }
      return next(args);
    },
    { step: 'initialize', priority: 'high', name },
  );
  return {
    /** Keys of the watched writes whose items are not as they were. */
    async changed(): Promise<string[]> {
      const changed: string[] = [];
      for (const [id, { key, item }] of before) if (JSON.stringify(await getItem(key)) !== JSON.stringify(item)) changed.push(id);
      return changed;
    },
    keys: () => [...before.keys()],
    stop: () => client.middlewareStack.remove(name),
  };
}

/**
 * The ids in a key, left out: `PARTNER#p-1|CUSTOMER#3f…` → `PARTNER#P|CUSTOMER#*`. Segments holding a digit and
 * at least 8 characters are ids, timestamps or hashes.
 */
export function keyShape(key: string, partnerIds: string[]): string {
  let shape = key;
  partnerIds.forEach((id, i) => (shape = shape.split(id).join(`P${i}`)));
  return shape
    .split(/([#|])/)
    .map((segment) => (segment.length >= 8 && /\d/.test(segment) ? '*' : segment))
    .join('');
}

/** What changed between two states, as sorted `added|changed|removed key-shape` lines. */
export function changeShape(before: TableState, after: TableState, partnerIds: string[]): string[] {
  const lines: string[] = [];
  for (const [key, item] of after) {
    const old = before.get(key);
    if (!old) lines.push(`added ${keyShape(key, partnerIds)}`);
    else if (JSON.stringify(old) !== JSON.stringify(item)) lines.push(`changed ${keyShape(key, partnerIds)}`);
  }
  for (const key of before.keys()) if (!after.has(key)) lines.push(`removed ${keyShape(key, partnerIds)}`);
  return lines.sort();
}

/** The items that differ between two states, by key (for messages). */
export function differences(before: TableState, after: TableState): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key))).sort();
}

export { unmarshall };
