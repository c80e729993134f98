import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { openCursor, sealCursor } from './cursor.js';
import { INDEXES, KEY_ATTRIBUTES, type IndexName } from './table-definition.js';

export interface PartitionQuery {
  /** Omitted: the table itself. */
  index?: IndexName;
  pk: string;
  /** A condition on the sort key within the partition. */
  sortKey?: { beginsWith: string } | { lessThan: string };
  /** A filter applied after the key condition (DynamoDB still counts filtered items against Limit). */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  newestFirst?: boolean;
  limit?: number;
  consistent?: boolean;
  /** Where an internal walk left off (a previous page's `lastEvaluatedKey`); callers' pages use `paging`. */
  startAfter?: Record<string, unknown>;
}

/**
 * The highest code point: every sort key that starts with a prefix sorts at or below the prefix followed by
 * it (DynamoDB orders strings by their UTF-8 bytes, which is code point order), unless the key itself holds
 * U+10FFFF, a noncharacter, right after the prefix.
 */
const PREFIX_END = '\u{10FFFF}';

/**
 * A sort key prefix as a range: DynamoDB reads the same entries for `BETWEEN` as for `begins_with`, but
 * DynamoDB Local walks every entry with the prefix before it applies Limit, so a page over a common prefix
 * grew with the partition there (scripts/bench measures both forms against each other).
 */
function sortKeyCondition(sk: NonNullable<PartitionQuery['sortKey']>) {
  return 'beginsWith' in sk
    ? { expression: ' AND #sk BETWEEN :sk AND :skEnd', values: { ':sk': sk.beginsWith, ':skEnd': `${sk.beginsWith}${PREFIX_END}` } }
    : { expression: ' AND #sk < :sk', values: { ':sk': sk.lessThan } };
}

/** One Query request from `startKey`. */
async function send(query: PartitionQuery, startKey: Record<string, unknown> | undefined) {
  const index = query.index ? INDEXES[query.index] : undefined;
  const pkName = index?.partitionKey ?? KEY_ATTRIBUTES.partitionKey;
  const skName = index?.sortKey ?? KEY_ATTRIBUTES.sortKey;
  const sk = query.sortKey ? sortKeyCondition(query.sortKey) : undefined;
  return db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: index?.name,
      KeyConditionExpression: `#pk = :pk${sk?.expression ?? ''}`,
      ExpressionAttributeNames: { '#pk': pkName, ...(sk ? { '#sk': skName } : {}), ...query.filter?.names },
      ExpressionAttributeValues: { ':pk': query.pk, ...sk?.values, ...query.filter?.values },
      ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
      ScanIndexForward: !query.newestFirst,
      Limit: query.limit,
      ConsistentRead: query.consistent,
      ExclusiveStartKey: startKey,
    }),
  );
}

/**
 * One Query round trip. With `binding`, the page's continuation token is sealed to it and a token
 * given back is opened against it: a token only works for the caller and query it was issued for.
 */
export async function queryPage(query: PartitionQuery, paging?: { binding: string; continuationToken?: string }) {
  const result = await send(query, paging ? await openCursor(paging.continuationToken, paging.binding) : query.startAfter);
  return {
    items: result.Items ?? [],
    lastEvaluatedKey: result.LastEvaluatedKey,
    continuationToken: paging ? await sealCursor(result.LastEvaluatedKey, paging.binding) : undefined,
  };
}

/** The key DynamoDB would give as LastEvaluatedKey had a read stopped at `item`: the table's key and the index's. */
function keyOf(item: Record<string, unknown>, indexName?: IndexName): Record<string, unknown> {
  const index = indexName ? INDEXES[indexName] : undefined;
  const names = [KEY_ATTRIBUTES.partitionKey, KEY_ATTRIBUTES.sortKey, ...(index ? [index.partitionKey, index.sortKey] : [])];
  return Object.fromEntries(names.map((name) => [name, item[name]]));
}

/** Query requests one filtered page may take (see queryFullPage). */
export const FULL_PAGE_MAX_REQUESTS = 4;

/**
 * A page of `limit` items whenever that many remain, where a filter drops some of what the key condition
 * reads (DynamoDB counts dropped items against Limit). The first request reads `readAhead` times what the
 * page lacks, the share of entries the caller expects to keep, so a typical page is still one round trip;
 * each further one reads four times more, up to FULL_PAGE_MAX_REQUESTS (then a page may come short, with a
 * token: at most what those requests read, a few MB of dropped entries, lies between two pages). The token
 * is sealed at the last item returned, so the next page starts right after it: no item twice, none skipped.
 */
export async function queryFullPage(
  query: PartitionQuery & { limit: number },
  paging: { binding: string; continuationToken?: string },
  readAhead = 1,
) {
  const items: Record<string, unknown>[] = [];
  let startKey = await openCursor(paging.continuationToken, paging.binding);
  for (let request = 0; request < FULL_PAGE_MAX_REQUESTS; request++) {
    const result = await send({ ...query, limit: (query.limit - items.length) * readAhead * 4 ** request }, startKey);
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
    if (items.length >= query.limit || !startKey) break;
  }
  if (items.length > query.limit) {
    items.length = query.limit;
    startKey = keyOf(items[query.limit - 1]!, query.index);
  }
  return { items, continuationToken: await sealCursor(startKey, paging.binding) };
}
