// The mailer as the fault suites drive it: the partner's queued outbox items handed to the very stream handler
// the stack deploys (functions/mailer.ts) as INSERT records, at a moment the test chooses, so that no poller's
// commands mix with a request's while commands are counted or failed.
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { handler as mailerHandler } from '../../functions/mailer';
import { partnerItems } from './table-state';

let sequence = 0;

/** The stream record of an item's INSERT, as the event source mapping delivers it. */
export function insertRecord(item: Record<string, unknown>): DynamoDBRecord {
  sequence += 1;
  return {
    eventID: `event-${sequence}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
      NewImage: marshall(item, { removeUndefinedValues: true }) as never,
      SequenceNumber: String(sequence).padStart(21, '0'),
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

/** The partner's outbox items (any state), oldest first. */
export async function outboxItems(partnerId: string): Promise<Record<string, unknown>[]> {
  const state = await partnerItems(partnerId);
  return [...state.values()].filter((item) => String(item.sk).startsWith('OUTBOX#')).sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
}

/**
 * Hands the partner's queued outbox items (those whose key holds `only`, when given) to the mailer once;
 * returns the records it reported as failed.
 */
export async function deliverOutbox(partnerId: string, only?: string): Promise<DynamoDBBatchResponse['batchItemFailures']> {
  const queued = (await outboxItems(partnerId)).filter((item) => item.state === 'queued' && (only === undefined || String(item.sk).includes(only)));
  if (queued.length === 0) return [];
  const { batchItemFailures } = await mailerHandler({ Records: queued.map(insertRecord) });
  return batchItemFailures;
}
