// Which stream records are mail to send: the INSERT of an outbox item (see outboxPart in
// shared/platform/mail/outbox.ts), whatever its mail kind. The stack's event source mapping filters on the
// same two fields, and the local stream poller uses isOutboxInsert as its stand-in for that filter.
import type { DynamoDBRecord } from 'aws-lambda';

/** The `kind` of every outbox item in the table; the mail's own kind is its `mailKind`. */
export const OUTBOX_KIND = 'outbox';

export const isOutboxInsert = (record: DynamoDBRecord): boolean =>
  record.eventName === 'INSERT' && record.dynamodb?.NewImage?.kind?.S === OUTBOX_KIND;

/** The partner an outbox record belongs to (the test harness sends only its own partners' mail). */
export const outboxPartnerId = (record: DynamoDBRecord): string | undefined => record.dynamodb?.NewImage?.partnerId?.S;
