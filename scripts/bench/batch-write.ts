// Seeding by BatchWriteItem: items built by the features' own entity code, 25 a request, `concurrency`
// requests in flight, unprocessed items sent again. Thousands of items take seconds, not API calls.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/platform/dynamo/client.js';

const BATCH = 25;

export async function batchWrite(items: Iterable<Record<string, unknown>>, concurrency = 8): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const nextBatch = () => {
    const batch: Record<string, unknown>[] = [];
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      batch.push(next.value);
      if (batch.length === BATCH) break;
    }
    return batch;
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const { UnprocessedItems } = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
          pending = (UnprocessedItems?.[tableName()] ?? []) as typeof pending;
        }
      }
    }),
  );
}
