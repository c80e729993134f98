// The counters behind the request budgets (shared/platform/http/request-budget.ts). One item per subject (a
// partner, a client network) and minute holds how many tokens have been leased out; instances lease in batches,
// so a counter sees a fraction of the traffic.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.js';
import type { ItemKey } from './keys.js';
import { TTL_ATTRIBUTE } from './table-definition.js';

// Its own client: the budgets are a cost of the front door, measured by `npm run bench`, not one of the
// operations whose round trips the call-count tests pin down.
let client: DynamoDBDocumentClient | undefined;
export const leaseDb = (): DynamoDBDocumentClient => {
  const { dynamoDbEndpoint } = config();
  return (client ??= DynamoDBDocumentClient.from(new DynamoDBClient(dynamoDbEndpoint ? { endpoint: dynamoDbEndpoint } : {})));
};

/** The conditional update that takes `count` of the window's `limit` tokens from the counter at `key`; the item expires by TTL an hour after its window. */
export const leaseUpdate = (key: ItemKey, windowEnd: number, count: number, limit: number) => ({
  TableName: config().tableName,
  Key: key,
  UpdateExpression: 'ADD #taken :count SET #ttl = :ttl',
  ConditionExpression: 'attribute_not_exists(#taken) OR #taken <= :most',
  ExpressionAttributeNames: { '#taken': 'taken', '#ttl': TTL_ATTRIBUTE },
  ExpressionAttributeValues: { ':count': count, ':most': limit - count, ':ttl': Math.ceil(windowEnd / 1000) + 3600 },
  ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
});

/**
 * Takes up to `wanted` of the window's `limit` tokens from the counter at `key` in one conditional update, or
 * what is left of them in a second one. Returns how many it got: 0 when the window's budget is spent.
 */
export async function leaseTokens(key: ItemKey, windowEnd: number, wanted: number, limit: number): Promise<number> {
  const take = async (count: number): Promise<number | { taken: number }> => {
    try {
      await leaseDb().send(new UpdateCommand(leaseUpdate(key, windowEnd, count, limit)));
      return count;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { taken: Number(error.Item?.taken?.N ?? limit) };
    }
  };
  // A lease never asks for more than the whole window: a new counter would grant it unchecked.
  const first = await take(Math.min(wanted, limit));
  if (typeof first === 'number') return first;
  const left = limit - first.taken;
  if (left <= 0) return 0;
  const second = await take(left);
  return typeof second === 'number' ? second : 0;
}
