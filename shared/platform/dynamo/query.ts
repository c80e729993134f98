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
 * One Query round trip. With `binding`, the page's continuation token is sealed to it and a token
 * given back is opened against it: a token only works for the caller and query it was issued for.
 */
export async function queryPage(query: PartitionQuery, paging?: { binding: string; continuationToken?: string }) {
  const index = query.index ? INDEXES[query.index] : undefined;
  const pkName = index?.partitionKey ?? KEY_ATTRIBUTES.partitionKey;
  const skName = index?.sortKey ?? KEY_ATTRIBUTES.sortKey;
  const sk = query.sortKey;
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: index?.name,
      KeyConditionExpression: `#pk = :pk${sk ? ('beginsWith' in sk ? ' AND begins_with(#sk, :sk)' : ' AND #sk < :sk') : ''}`,
      ExpressionAttributeNames: { '#pk': pkName, ...(sk ? { '#sk': skName } : {}), ...query.filter?.names },
      ExpressionAttributeValues: { ':pk': query.pk, ...(sk ? { ':sk': 'beginsWith' in sk ? sk.beginsWith : sk.lessThan } : {}), ...query.filter?.values },
      ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
      ScanIndexForward: !query.newestFirst,
      Limit: query.limit,
      ConsistentRead: query.consistent,
      ExclusiveStartKey: paging ? await openCursor(paging.continuationToken, paging.binding) : query.startAfter,
    }),
  );
  return {
    items: result.Items ?? [],
    lastEvaluatedKey: result.LastEvaluatedKey,
    continuationToken: paging ? await sealCursor(result.LastEvaluatedKey, paging.binding) : undefined,
  };
}
