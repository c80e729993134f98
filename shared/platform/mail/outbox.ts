// One outbox for every mail kind. A feature writes its mail as an outbox item in the same transaction as the
// change that causes it (outboxPart), so a mail is never lost nor written without its cause; the mailer
// reads the item's INSERT from the table's stream and hands it to the feature's mail kind (dispatch.ts).
// The item keeps the delivery state and the attempts, so retries and the attempt limit are counted here,
// once, for every kind.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nowEpochSeconds } from '../clock.js';
import { db, tableName } from '../dynamo/client.js';
import { TTL_ATTRIBUTE } from '../dynamo/table-definition.js';
import { put, type LabelledPart } from '../dynamo/transactions.js';
import { OUTBOX_KIND } from './outbox-filter.js';

/** A mail as a feature asks for it: its kind (which names the feature's renderer) and what that needs. */
export interface OutboxMail<K extends string = string, P = unknown> {
  kind: K;
  payload: P;
}

export interface OutboxAddress {
  /** The partner the mail belongs to: the item sits in the partner's partition. */
  partnerId: string;
  /** Unique per mail within the partner and kind. An id whose item still exists is not mailed again. */
  id: string;
}

/** `queued` until sent, or `failed` once the last attempt failed. */
export type OutboxState = 'queued' | 'sent' | 'failed';

/** A week: the stream mapping gives up on a record after hours, and resends write new items. */
const OUTBOX_RETENTION_SECONDS = 7 * 24 * 60 * 60;

/** Where an outbox item sits: in its partner's partition, like all of a partner's items. */
export const outboxKey = (address: OutboxAddress, kind: string) => ({ pk: `PARTNER#${address.partnerId}`, sk: `OUTBOX#${kind}#${address.id}` });

/** The transaction part that puts a mail in the outbox. */
export function outboxPart<L extends string>(label: L, mail: OutboxMail, address: OutboxAddress, at: Date): LabelledPart<L> {
  return put(label, {
    ...outboxKey(address, mail.kind),
    kind: OUTBOX_KIND,
    mailKind: mail.kind,
    payload: mail.payload,
    partnerId: address.partnerId,
    state: 'queued' satisfies OutboxState,
    attempts: 0,
    createdAt: at.toISOString(),
    [TTL_ATTRIBUTE]: nowEpochSeconds() + OUTBOX_RETENTION_SECONDS,
  });
}

/** An outbox item as the mailer reads it from the stream. */
export interface OutboxItem extends OutboxMail {
  key: { pk: string; sk: string };
}

/** The outbox item in an unmarshalled stream image; throws when it is not one. */
export function outboxItemOf(image: Record<string, unknown>): OutboxItem {
  const { pk, sk, mailKind, payload } = image;
  if (typeof pk !== 'string' || typeof sk !== 'string' || typeof mailKind !== 'string') throw new Error('malformed outbox item');
  return { key: { pk, sk }, kind: mailKind, payload };
}

/**
 * Counts one more attempt on a queued item and returns its number; undefined when the item is no longer
 * queued (sent or failed already: the stream or a retry brought the record again) or no longer there.
 */
export async function claimAttempt(item: OutboxItem): Promise<number | undefined> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: item.key,
        UpdateExpression: 'ADD attempts :one',
        ConditionExpression: '#state = :queued',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':one': 1, ':queued': 'queued' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes?.attempts as number;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

/** The transaction part that records how an attempt ended. */
export function settlePart(item: OutboxItem, state: OutboxState, detail: { messageId: string } | { lastError: string }): LabelledPart<'outbox'> {
  const [field, value] = 'messageId' in detail ? ['messageId', detail.messageId] : ['lastError', detail.lastError];
  return {
    label: 'outbox',
    part: {
      Update: {
        TableName: tableName(),
        Key: item.key,
        UpdateExpression: `SET #state = :state, ${field} = :value`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': state, ':value': value },
      },
    },
  };
}
