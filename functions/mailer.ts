// The mailer: reads the table's stream (through an event source mapping that passes only new outbox
// items) and sends each invitation's email. A record whose delivery failed is reported back, so the
// mapping retries it and, after its last attempt, parks it in the dead-letter queue.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { renderInvitationEmail } from '../shared/invitations/email.js';
import { isOutboxInsert } from '../shared/platform/mail/outbox-filter.js';
import { sendMail } from '../shared/platform/mail/ses-sender.js';
import { withLambdaContext } from '../shared/platform/lambda-context.js';
import { logger } from '../shared/platform/logger.js';
import { deliverInvitation, type MailPorts } from '../shared/invitations/delivery.js';
import { OutboxItem, type OutboxRequest } from '../shared/invitations/entity.js';
import { readItem } from '../shared/platform/dynamo/item-schema.js';

const ports: MailPorts = { render: renderInvitationEmail, send: sendMail };

/** The outbox request in a stream record: only the INSERT of an outbox item is one. */
export function outboxRequestOf(record: DynamoDBRecord): OutboxRequest | undefined {
  if (!isOutboxInsert(record)) return undefined;
  return readItem(OutboxItem, unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>));
}

export const handler = withLambdaContext(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    let request: OutboxRequest | undefined;
    try {
      request = outboxRequestOf(record);
      if (!request) continue;
      const outcome = await deliverInvitation(request, ports);
      logger.info('outbox record done', { invitationId: request.invitationId, generation: request.generation, outcome, sequenceNumber });
    } catch (error) {
      // Ids and the error's name only: SES messages can quote the recipient's address.
      logger.error('outbox record failed', { invitationId: request?.invitationId, generation: request?.generation, sequenceNumber, error: (error as Error).name || 'Error' });
      // Without a sequence number the record cannot be named: failing the whole batch is the only safe answer.
      if (!sequenceNumber) throw new Error('a failed stream record has no sequence number');
      batchItemFailures.push({ itemIdentifier: sequenceNumber });
    }
  }
  return { batchItemFailures };
});
