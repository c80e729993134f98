// The mailer: reads the table's stream (through an event source mapping that passes only new outbox
// items) and sends each mail through the mail kind that its feature registered. A record whose delivery
// failed is reported back, so the mapping retries it and, after its last attempt, parks it in the
// dead-letter queue. Only the features' mail modules are imported here: no schemas, no routes.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { customerChangeMail, manageConfirmationMail } from '../shared/customer-manage/index.js';
import { grantEndWarningMail } from '../shared/delegated-admin/index.js';
import { invitationMail } from '../shared/invitations/index.js';
import { linkEndedMail } from '../shared/indirect-providers/index.js';
import { resellerInvitationMail } from '../shared/reseller-invitations/index.js';
import { confirmationMail } from '../shared/information-requests/index.js';
import { leadMail } from '../shared/information-requests/index.js';
import { partnerReferralMail, referralExpiryWarningMail, requesterNoteMail } from '../shared/referrals/index.js';
import { dispatch, mailRegistry } from '../shared/platform/mail/dispatch.js';
import { outboxItemOf, type OutboxItem } from '../shared/platform/mail/outbox.js';
import { isOutboxInsert } from '../shared/platform/mail/outbox-filter.js';
import { sendMail } from '../shared/platform/mail/ses-sender.js';
import { withLambdaContext } from '../shared/platform/lambda-context.js';
import { logger } from '../shared/platform/logger.js';

/** Every kind of mail the system sends. */
export const registry = mailRegistry([
  invitationMail,
  grantEndWarningMail,
  referralExpiryWarningMail,
  requesterNoteMail,
  partnerReferralMail,
  confirmationMail,
  leadMail,
  linkEndedMail,
  resellerInvitationMail,
  manageConfirmationMail,
  customerChangeMail,
]);

/** The outbox item in a stream record: only the INSERT of an outbox item is one. */
export function outboxItemOfRecord(record: DynamoDBRecord): OutboxItem | undefined {
  if (!isOutboxInsert(record)) return undefined;
  return outboxItemOf(unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>));
}

export const handler = withLambdaContext(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    let item: OutboxItem | undefined;
    try {
      item = outboxItemOfRecord(record);
      if (!item) continue;
      const outcome = await dispatch(item, registry, sendMail);
      logger.info('outbox record done', { kind: item.kind, sk: item.key.sk, outcome, sequenceNumber });
    } catch (error) {
      // Ids and the error's name only: SES messages can quote the recipient's address.
      logger.error('outbox record failed', { kind: item?.kind, sk: item?.key.sk, sequenceNumber, error: (error as Error).name || 'Error' });
      // Without a sequence number the record cannot be named: failing the whole batch is the only safe answer.
      if (!sequenceNumber) throw new Error('a failed stream record has no sequence number');
      batchItemFailures.push({ itemIdentifier: sequenceNumber });
    }
  }
  return { batchItemFailures };
});
