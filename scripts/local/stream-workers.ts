// Several functions on the table's stream, as the stack runs them: one event source mapping each, with its own
// filter. Locally one poller reads the stream once and hands each function the records its filter passes, both
// at once (as two mappings would), and what any of them reports failed is retried.
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamHandler } from './stream-poller.js';

export interface StreamWorker {
  filter: (record: DynamoDBRecord) => boolean;
  handler: StreamHandler;
}

/** The poller's filter and handler for these workers together. */
export function streamWorkers(workers: readonly StreamWorker[]) {
  return {
    filter: (record: DynamoDBRecord) => workers.some((w) => w.filter(record)),
    handler: async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      const answers = await Promise.all(
        workers.map((w) => {
          const Records = event.Records.filter(w.filter);
          return Records.length > 0 ? w.handler({ Records }) : undefined;
        }),
      );
      return { batchItemFailures: answers.flatMap((answer) => answer?.batchItemFailures ?? []) };
    },
  };
}
