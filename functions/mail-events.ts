// Bounces and complaints: SES publishes them (configuration set event destination) to an SNS topic that
// invokes this function. A permanent bounce or a complaint marks the invitation and the recipient;
// transient bounces (full mailbox, auto-replies) and every other event type are left alone.
import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import { withLambdaContext } from '../shared/platform/lambda-context.js';
import { logger } from '../shared/platform/logger.js';
import { recordBounce } from '../shared/invitations/index.js';

/** What this function reads of an SES event (event publishing uses `eventType`, identity notifications `notificationType`). */
interface SesEvent {
  eventType?: string;
  notificationType?: string;
  bounce?: { bounceType?: string; bounceSubType?: string };
  mail?: { messageId?: string };
}

export type MailEventAction = { kind: 'bounce' | 'complaint'; messageId: string } | { kind: 'ignore'; reason: string };

/** Decides what one SNS record asks for, without side effects. */
export function mailEventOf(record: SNSEventRecord): MailEventAction {
  const { Type: type, Message: message } = record.Sns ?? {};
  // Lambda subscriptions are confirmed by SNS itself; anything but a notification is not an SES event.
  if (type && type !== 'Notification') return { kind: 'ignore', reason: `SNS message type ${type}` };
  let event: SesEvent;
  try {
    const parsed: unknown = JSON.parse(message ?? '');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { kind: 'ignore', reason: 'not an SES event' };
    event = parsed as SesEvent;
  } catch {
    // e.g. "Successfully validated SNS topic for Amazon SES event publishing."
    return { kind: 'ignore', reason: 'not JSON' };
  }
  const eventType = event.eventType ?? event.notificationType;
  const messageId = event.mail?.messageId;
  if (eventType !== 'Bounce' && eventType !== 'Complaint') return { kind: 'ignore', reason: `event type ${String(eventType)}` };
  if (typeof messageId !== 'string' || messageId === '') return { kind: 'ignore', reason: 'no mail.messageId' };
  if (eventType === 'Complaint') return { kind: 'complaint', messageId };
  if (event.bounce?.bounceType !== 'Permanent') return { kind: 'ignore', reason: `bounce type ${String(event.bounce?.bounceType)}` };
  return { kind: 'bounce', messageId };
}

export const handler = withLambdaContext(async (event: SNSEvent): Promise<void> => {
  let failed = 0;
  for (const record of event.Records ?? []) {
    const action = mailEventOf(record);
    if (action.kind === 'ignore') {
      logger.info('mail event ignored', { snsMessageId: record.Sns?.MessageId, reason: action.reason });
      continue;
    }
    try {
      const outcome = await recordBounce(action.messageId, action.kind);
      logger.info('mail event recorded', { sesMessageId: action.messageId, kind: action.kind, outcome });
    } catch (error) {
      failed += 1;
      logger.error('mail event not recorded', { sesMessageId: action.messageId, kind: action.kind, error: (error as Error).name || 'Error' });
    }
  }
  // Thrown at the end, so that one failure does not stop the others; SNS invokes asynchronously, so
  // Lambda retries the event and then hands it to the function's dead-letter queue.
  if (failed > 0) throw new Error(`${failed} mail event(s) could not be recorded`);
});
