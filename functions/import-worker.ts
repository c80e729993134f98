// The import worker: reads the table's stream (through an event source mapping that passes only writes of an
// import item that leave it processing) and works the import on from its checkpoint while the function has
// time; its own last checkpoint's record brings it back for the rest. A failed record is reported back, so the
// mapping retries it (rows decided before the failure are not done again) and, after its last attempt, parks
// it in the dead-letter queue.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { dueImport, isImportDue, runImport } from '../shared/customer-imports/index.js';
import { withLambdaContext } from '../shared/platform/lambda-context.js';
import { logger } from '../shared/platform/logger.js';

/** Time kept back at the end of a run for the batch under way (25 rows) and its checkpoint. */
const RESERVE_MS = 30_000;

export const handler = withLambdaContext(async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  // Local pollers call without a context and have no deadline: a run goes to the end of the import.
  const hasTime = typeof context.getRemainingTimeInMillis === 'function' ? () => context.getRemainingTimeInMillis() > RESERVE_MS : () => true;
  for (const record of event.Records) {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (!isImportDue(record)) continue;
    const { partnerId, importId, batch } = dueImport(record);
    try {
      const outcome = await runImport(partnerId, importId, batch, hasTime);
      logger.info('import record done', { importId, batch, outcome, sequenceNumber });
    } catch (error) {
      logger.error('import record failed', { importId, batch, sequenceNumber, error: (error as Error).name || 'Error' });
      if (!sequenceNumber) throw new Error('a failed stream record has no sequence number');
      batchItemFailures.push({ itemIdentifier: sequenceNumber });
    }
  }
  return { batchItemFailures };
});
