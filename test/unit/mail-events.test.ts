import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import { handler, mailEventOf } from '../../functions/mail-events.js';
import { recordBounce } from '../../shared/invitations/delivery.js';

jest.mock('../../shared/invitations/delivery.js', () => ({ recordBounce: jest.fn() }));
const recordBounceMock = recordBounce as jest.MockedFunction<typeof recordBounce>;

/** An SNS record as Lambda receives it from the topic of an SES configuration set event destination. */
function snsRecord(message: unknown, type = 'Notification'): SNSEventRecord {
  return {
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:us-east-1:111122223333:mail-events:0d1e',
    EventSource: 'aws:sns',
    Sns: {
      SignatureVersion: '1',
      Timestamp: '2026-11-25T10:00:00.000Z',
      Signature: 'sig',
      SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/cert.pem',
      MessageId: `sns-${Math.random().toString(36).slice(2)}`,
      Message: typeof message === 'string' ? message : JSON.stringify(message),
      MessageAttributes: {},
      Type: type,
      UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
      TopicArn: 'arn:aws:sns:us-east-1:111122223333:mail-events',
      Subject: '',
    },
  };
}

const mail = (messageId: string) => ({
  timestamp: '2026-11-25T09:59:00.000Z',
  source: 'invitations@accounts.example.com',
  messageId,
  destination: ['admin@contoso.example'],
});
const bounce = (messageId: string, bounceType: string, bounceSubType = 'General') => ({
  eventType: 'Bounce',
  bounce: { bounceType, bounceSubType, bouncedRecipients: [{ emailAddress: 'admin@contoso.example' }], timestamp: '2026-11-25T10:00:00.000Z', feedbackId: 'f-1' },
  mail: mail(messageId),
});
const complaint = (messageId: string) => ({
  eventType: 'Complaint',
  complaint: { complainedRecipients: [{ emailAddress: 'admin@contoso.example' }], timestamp: '2026-11-25T10:00:00.000Z', feedbackId: 'f-2' },
  mail: mail(messageId),
});
const event = (...records: SNSEventRecord[]): SNSEvent => ({ Records: records });

beforeEach(() => {
  recordBounceMock.mockReset();
  recordBounceMock.mockResolvedValue('recorded');
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => jest.restoreAllMocks());

describe('mail-events', () => {
  test('a permanent bounce is recorded with the SES message id', async () => {
    await handler(event(snsRecord(bounce('ses-msg-1', 'Permanent'))));
    expect(recordBounceMock).toHaveBeenCalledTimes(1);
    expect(recordBounceMock).toHaveBeenCalledWith('ses-msg-1', 'bounce');
  });

  test('a bounce because the address is on the suppression list is permanent too', async () => {
    await handler(event(snsRecord(bounce('ses-msg-s', 'Permanent', 'OnAccountSuppressionList'))));
    expect(recordBounceMock).toHaveBeenCalledWith('ses-msg-s', 'bounce');
  });

  test('transient and undetermined bounces are ignored', async () => {
    await handler(event(snsRecord(bounce('ses-msg-2', 'Transient', 'MailboxFull')), snsRecord(bounce('ses-msg-3', 'Undetermined'))));
    expect(recordBounceMock).not.toHaveBeenCalled();
  });

  test('a complaint is recorded', async () => {
    await handler(event(snsRecord(complaint('ses-msg-4'))));
    expect(recordBounceMock).toHaveBeenCalledWith('ses-msg-4', 'complaint');
  });

  test('identity notifications (notificationType) are understood as well', async () => {
    await handler(event(snsRecord({ notificationType: 'Bounce', bounce: { bounceType: 'Permanent' }, mail: mail('ses-msg-5') })));
    expect(recordBounceMock).toHaveBeenCalledWith('ses-msg-5', 'bounce');
  });

  test('other event types, SNS control messages and non-SES messages are ignored without failing', async () => {
    await expect(
      handler(
        event(
          snsRecord({ eventType: 'Delivery', delivery: {}, mail: mail('ses-msg-6') }),
          snsRecord({ eventType: 'Send', mail: mail('ses-msg-7') }),
          snsRecord({ Type: 'SubscriptionConfirmation', SubscribeURL: 'https://sns.example/confirm' }, 'SubscriptionConfirmation'),
          snsRecord('x', 'UnsubscribeConfirmation'),
          snsRecord('Successfully validated SNS topic for Amazon SES event publishing.'),
          snsRecord('null'),
          snsRecord('[1,2]'),
          snsRecord({ eventType: 'Bounce', bounce: { bounceType: 'Permanent' } }),
          snsRecord({ eventType: 'Complaint', mail: { messageId: 42 } }),
        ),
      ),
    ).resolves.toBeUndefined();
    expect(recordBounceMock).not.toHaveBeenCalled();
  });

  test('mailEventOf explains why a record is ignored', () => {
    expect(mailEventOf(snsRecord(bounce('m', 'Transient')))).toEqual({ kind: 'ignore', reason: 'bounce type Transient' });
    expect(mailEventOf(snsRecord('{}', 'SubscriptionConfirmation'))).toEqual({ kind: 'ignore', reason: 'SNS message type SubscriptionConfirmation' });
    expect(mailEventOf(snsRecord('not json'))).toEqual({ kind: 'ignore', reason: 'not JSON' });
  });

  test('a bounce for a message this system does not know is fine (outcome unknown)', async () => {
    recordBounceMock.mockResolvedValue('unknown');
    await expect(handler(event(snsRecord(bounce('foreign', 'Permanent'))))).resolves.toBeUndefined();
  });

  test('a failure to record fails the invocation (Lambda retries it), after the other records were handled', async () => {
    recordBounceMock.mockRejectedValueOnce(new Error('invitation changed while recording a bounce'));
    await expect(handler(event(snsRecord(bounce('ses-a', 'Permanent')), snsRecord(complaint('ses-b'))))).rejects.toThrow(/1 mail event/);
    expect(recordBounceMock).toHaveBeenCalledWith('ses-b', 'complaint');
  });
});
