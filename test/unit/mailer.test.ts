// The mailer Lambda with DynamoDB and SES mocked (aws-sdk-client-mock): a small in-memory table stands in
// for DynamoDB, so the delivery workflow's reads, versioned writes and transactions run as written.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SESClient, SESServiceException, SendEmailCommand } from '@aws-sdk/client-ses';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler, registry } from '../../functions/mailer.js';
import { resetConfig } from '../../shared/platform/config.js';
import { invitationItem, invitationKeys, type InvitationRecord } from '../../shared/invitations/entity.js';
import { partnerProfileItem, partnerProfileKey } from '../../shared/partner/entity.js';
import { invitationMailPart } from '../../shared/invitations/delivery.js';
import { grantEndWarningPart, type GrantEndWarningPayload } from '../../shared/delegated-admin/end-warning-email.js';
import { mailRegistry } from '../../shared/platform/mail/dispatch.js';
import { outboxPart } from '../../shared/platform/mail/outbox.js';
import { logger } from '../../shared/platform/logger.js';
import { resetSesClient, sendMail, sesClient } from '../../shared/platform/mail/ses-sender.js';

const ENV = {
  TABLE_NAME: 'mailer-test',
  PUBLIC_BASE_URL: 'https://accounts.example.com',
  MAIL_SENDER: 'invitations@accounts.example.com',
  SES_CONFIGURATION_SET: 'invitation-mail',
  MAX_DELIVERY_ATTEMPTS: '4',
};

const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESClient);

/** The table: items by "pk|sk". */
let table: Map<string, Record<string, any>>;
const keyOf = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;

function installTable() {
  ddb.reset();
  // An unmatched command would resolve to undefined: fail loudly instead.
  ddb.onAnyCommand().rejects(new Error('unexpected DynamoDB command'));
  ddb.on(GetCommand).callsFake((input) => ({ Item: table.get(keyOf(input.Key)) }));
  ddb.on(BatchGetCommand).callsFake((input) => {
    const [[name, request]] = Object.entries(input.RequestItems as Record<string, { Keys: { pk: string; sk: string }[] }>);
    return { Responses: { [name]: request.Keys.map((k) => table.get(keyOf(k))).filter(Boolean) } };
  });
  ddb.on(UpdateCommand).callsFake((input) => {
    const current = table.get(keyOf(input.Key));
    if (!conditionHolds(current, input)) throw Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
    const next = updated(current ?? { ...input.Key }, input);
    table.set(keyOf(input.Key), next);
    return { Attributes: structuredClone(next) };
  });
  ddb.on(TransactWriteCommand).callsFake((input) => {
    const parts = input.TransactItems as any[];
    // Conditions first, all or nothing, as DynamoDB does.
    const reasons = parts.map((part) => {
      const op = part.Put ?? part.Delete ?? part.Update ?? part.ConditionCheck;
      const key = part.Put ? { pk: op.Item.pk, sk: op.Item.sk } : op.Key;
      return { Code: conditionHolds(table.get(keyOf(key)), op) ? 'None' : 'ConditionalCheckFailed' };
    });
    if (reasons.some((r) => r.Code !== 'None')) {
      throw new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: reasons });
    }
    for (const part of parts) {
      if (part.Put) table.set(keyOf(part.Put.Item), structuredClone(part.Put.Item));
      if (part.Delete) table.delete(keyOf(part.Delete.Key));
      if (part.Update) table.set(keyOf(part.Update.Key), updated(table.get(keyOf(part.Update.Key)) ?? { ...part.Update.Key }, part.Update));
    }
    return {};
  });
}

/** The conditions the code under test writes: none, "must not exist", or one attribute equal to a value. */
function conditionHolds(current: Record<string, any> | undefined, op: any): boolean {
  const condition: string | undefined = op.ConditionExpression;
  if (!condition) return true;
  if (condition === 'attribute_not_exists(pk)') return !current;
  const equal = /^(#?\w+) = (:\w+)$/.exec(condition);
  if (!equal) throw new Error(`condition not modelled: ${condition}`);
  return current?.[op.ExpressionAttributeNames?.[equal[1]!] ?? equal[1]!] === op.ExpressionAttributeValues[equal[2]!];
}

/** The update expressions the code under test writes: `SET a = :x, b = :y` or `ADD a :n`. */
function updated(current: Record<string, any>, op: any): Record<string, any> {
  const [, action, clauses] = /^(SET|ADD) (.*)$/.exec(op.UpdateExpression)!;
  const next = structuredClone(current);
  for (const clause of clauses!.split(', ')) {
    const [field, value] = clause.split(action === 'SET' ? ' = ' : ' ') as [string, string];
    const name = op.ExpressionAttributeNames?.[field] ?? field;
    next[name] = action === 'SET' ? op.ExpressionAttributeValues[value] : (next[name] ?? 0) + op.ExpressionAttributeValues[value];
  }
  return next;
}

const throttling = () =>
  new SESServiceException({ name: 'Throttling', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'Maximum sending rate exceeded.' });

const PARTNER = 'partner-1';
const EMAIL = 'admin@contoso.example';

function seedInvitation(overrides: Partial<InvitationRecord> = {}): InvitationRecord {
  const record: InvitationRecord = {
    id: `inv-${table.size}`,
    partnerId: PARTNER,
    email: EMAIL,
    delegatedAdmin: { displayName: 'Helpdesk <ops>', roles: ['helpdeskAdministrator'], duration: 'P90D', autoExtend: false },
    source: 'partner',
    state: 'pending',
    createdAt: '2026-11-01T10:00:00.000Z',
    expiresAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    delivery: { state: 'queued', attempts: 0 },
    generation: 1,
    createdBy: 'user-1',
    version: 1,
    ...overrides,
  };
  table.set(keyOf(invitationKeys.invitation(PARTNER, record.id)), invitationItem(record));
  return record;
}

let sequence = 100;
function streamRecord(item: Record<string, unknown>, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT'): DynamoDBRecord {
  const image = marshall(item, { removeUndefinedValues: true }) as any;
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:111122223333:table/mailer-test/stream/2026-11-25T00:00:00.000',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: marshall({ pk: item.pk, sk: item.sk }) as any,
      ...(eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image }),
      SequenceNumber: String(sequence++).padStart(21, '0'),
      SizeBytes: 100,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

/** The outbox item as the transaction writes it (into the table) and as the stream hands it over. */
function outboxRecordOf(part: { part: { Put?: { Item?: Record<string, any> } } }): DynamoDBRecord {
  const item = part.part.Put!.Item!;
  table.set(keyOf(item as { pk: string; sk: string }), structuredClone(item));
  return streamRecord(item);
}
const outboxRecord = (invitation: InvitationRecord) => outboxRecordOf(invitationMailPart(invitation, new Date()));
const event = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
const stored = (invitation: InvitationRecord) => table.get(keyOf(invitationKeys.invitation(PARTNER, invitation.id)))!;

let output: string[];
// The log assertions need info logs, whatever level the integration setup exported to the workers.
beforeAll(() => logger.setLogLevel('INFO'));

beforeEach(() => {
  Object.assign(process.env, ENV);
  resetConfig();
  resetSesClient();
  table = new Map();
  table.set(
    keyOf(partnerProfileKey(PARTNER)),
    partnerProfileItem({
      partnerId: PARTNER,
      companyName: 'Fabrikam <Reseller> Ltd',
      country: 'DE',
      partnerType: 'directBill',
      markets: ['DE'],
      primaryContact: { name: 'Pat Partner', email: 'pat@fabrikam.example' },
      partnerDomain: 'fabrikam.example',
      updatedAt: '2026-11-01T09:00:00.000Z',
      version: 1,
    }),
  );
  installTable();
  ses.reset();
  ses.onAnyCommand().rejects(new Error('unexpected SES command'));
  output = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    output.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('mailer', () => {
  test('an outbox INSERT sends one mail from the configured sender and configuration set; delivery becomes sent', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    const invitation = seedInvitation();

    const response = await handler(event(outboxRecord(invitation)));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ Source: ENV.MAIL_SENDER, ConfigurationSetName: ENV.SES_CONFIGURATION_SET, Destination: { ToAddresses: [EMAIL] } });
    const subject = input.Message!.Subject!.Data!;
    const html = input.Message!.Body!.Html!.Data!;
    const text = input.Message!.Body!.Text!.Data!;
    expect(subject).toBe('Fabrikam <Reseller> Ltd invites you to a reseller relationship and asks for admin access');
    expect(text).toContain('Fabrikam <Reseller> Ltd, a cloud services partner based in Germany');
    expect(text).toContain('Helpdesk Administrator');
    expect(html).toContain('Fabrikam &lt;Reseller&gt; Ltd');
    expect(html).toContain('named “Helpdesk &lt;ops&gt;”');
    expect(html).not.toMatch(/<Reseller>|<ops>/);

    // Exactly one link, the same in both parts, and it is the link whose hash the table now holds.
    const links = text.match(/https?:\/\/\S+/g)!;
    expect(links).toHaveLength(1);
    expect(html.match(/https?:\/\/[^\s"'<>]+/g)).toEqual(links);
    expect(links[0]).toMatch(/^https:\/\/accounts\.example\.com\/invitations\/[A-Za-z0-9_-]{43}$/);

    const after = stored(invitation);
    expect(after.delivery).toEqual({ state: 'sent', attempts: 1, sentAt: expect.any(String) });
    expect(after.tokenHash).toEqual(expect.any(String));
    expect(table.get(keyOf(invitationKeys.token(after.tokenHash)))).toMatchObject({ partnerId: PARTNER, invitationId: invitation.id, generation: 1 });
    expect(table.get(keyOf(invitationKeys.sentMessage('ses-message-1')))).toMatchObject({ partnerId: PARTNER, invitationId: invitation.id });

    // Logs carry ids only: never the link, its token, the address or the partner's name.
    const logs = output.join('');
    expect(logs).toContain(invitation.id);
    const token = links[0]!.split('/').at(-1)!;
    for (const secret of [token, links[0]!, EMAIL, 'Fabrikam']) expect(logs).not.toContain(secret);
  });

  test('SES throttling: the record is reported for retry and the attempt is recorded', async () => {
    ses.on(SendEmailCommand).rejects(throttling());
    const invitation = seedInvitation();
    const record = outboxRecord(invitation);

    const response = await handler(event(record));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber }] });
    expect(stored(invitation).delivery).toEqual({ state: 'queued', attempts: 1, lastError: 'Throttling' });
    expect(output.join('')).not.toContain(EMAIL);
  });

  test('a retry after throttling succeeds; the earlier link is replaced', async () => {
    const invitation = seedInvitation();
    const record = outboxRecord(invitation);
    ses.on(SendEmailCommand).rejectsOnce(throttling()).resolves({ MessageId: 'ses-message-2' });

    expect((await handler(event(record))).batchItemFailures).toHaveLength(1);
    const firstHash = stored(invitation).tokenHash;
    expect(await handler(event(record))).toEqual({ batchItemFailures: [] });

    expect(stored(invitation).delivery).toMatchObject({ state: 'sent', attempts: 2 });
    expect(stored(invitation).tokenHash).not.toBe(firstHash);
    // The earlier link is dead because the invitation no longer names its hash; its token item is not
    // deleted (no delete traffic) but left to expire by TTL with the invitation.
    expect(table.get(keyOf(invitationKeys.token(firstHash)))).toMatchObject({ expiresAtEpoch: Math.floor(Date.parse(stored(invitation).expiresAt) / 1000) });
  });

  test(`after MAX_DELIVERY_ATTEMPTS failures the delivery is failed, and the record is still reported (so it goes to the DLQ)`, async () => {
    ses.on(SendEmailCommand).rejects(throttling());
    const invitation = seedInvitation();
    const record = outboxRecord(invitation);

    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await handler(event(record));
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.dynamodb!.SequenceNumber }]);
      expect(stored(invitation).delivery).toEqual({ state: attempt < 4 ? 'queued' : 'failed', attempts: attempt, lastError: 'Throttling' });
    }
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 4);
  });

  test('only the failed record of a batch is reported', async () => {
    const ok = seedInvitation();
    const bad = seedInvitation({ email: 'bounce@contoso.example' });
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-ok' });
    ses.on(SendEmailCommand, { Destination: { ToAddresses: ['bounce@contoso.example'] } }).rejects(
      new SESServiceException({ name: 'MessageRejected', $fault: 'client', $metadata: {}, message: 'Email address is not verified: bounce@contoso.example' }),
    );
    const okRecord = outboxRecord(ok);
    const badRecord = outboxRecord(bad);

    const response = await handler(event(okRecord, badRecord));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: badRecord.dynamodb!.SequenceNumber }] });
    expect(stored(ok).delivery.state).toBe('sent');
    expect(stored(bad).delivery).toMatchObject({ state: 'queued', attempts: 1, lastError: 'MessageRejected' });
    expect(output.join('')).not.toContain('bounce@contoso.example');
  });

  test('records that are not outbox INSERTs are ignored without any call', async () => {
    const invitation = seedInvitation();
    const outbox = invitationMailPart(invitation, new Date()).part.Put!.Item!;
    const response = await handler(
      event(
        streamRecord(invitationItem(invitation)),
        streamRecord(outbox, 'MODIFY'),
        streamRecord(outbox, 'REMOVE'),
        streamRecord({ ...partnerProfileKey(PARTNER), kind: 'partnerProfile', companyName: 'X' }),
      ),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(ddb.calls()).toHaveLength(0);
    expect(ses.calls()).toHaveLength(0);
  });

  test('a stale request (superseded by a resend, or no longer pending) sends nothing and is not a failure', async () => {
    const resent = seedInvitation({ generation: 2 });
    const revoked = seedInvitation({ state: 'revoked' });
    const expired = seedInvitation({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    const staleRecord = outboxRecord({ ...resent, generation: 1 });

    const response = await handler(event(staleRecord, outboxRecord(revoked), outboxRecord(expired)));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(ses.calls()).toHaveLength(0);
  });

  test('a mail already sent is not sent again when the record comes twice', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-once' });
    const invitation = seedInvitation();
    const record = outboxRecord(invitation);
    await handler(event(record));
    await handler(event(record));
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });

  test('a DynamoDB failure is reported for retry, not swallowed', async () => {
    const invitation = seedInvitation();
    ddb.on(BatchGetCommand).rejects(Object.assign(new Error('throughput exceeded'), { name: 'ProvisionedThroughputExceededException' }));
    const record = outboxRecord(invitation);
    expect(await handler(event(record))).toEqual({ batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber }] });
    expect(ses.calls()).toHaveLength(0);
  });
});

describe('outbox dispatch', () => {
  const warning = (overrides: Partial<GrantEndWarningPayload> = {}): GrantEndWarningPayload => ({
    partnerId: PARTNER,
    grantId: 'grant-1',
    warning: '7',
    to: 'contact@fabrikam.example',
    locale: 'en',
    contactName: 'Pat Partner',
    partnerName: 'Fabrikam <Reseller> Ltd',
    customerName: 'Contoso Ltd',
    displayName: 'Helpdesk access',
    roles: ['helpdeskAdministrator'],
    endsAt: '2026-12-25T16:00:00.000Z',
    autoExtend: false,
    ...overrides,
  });
  const outboxState = (record: DynamoDBRecord) => table.get(`${record.dynamodb!.NewImage!.pk!.S}|${record.dynamodb!.NewImage!.sk!.S}`)!;

  test('every mail kind is registered once; a kind registered twice is refused', () => {
    expect([...registry.keys()].sort()).toEqual([
      'customerManage.confirmation',
      'customerManage.partnerNotice',
      'delegatedAdmin.endWarning',
      'indirectLinks.ended',
      'informationRequest.confirmation',
      'informationRequest.lead',
      'invitation',
      'referrals.expiredRequester',
      'referrals.expiryWarning',
      'referrals.partnerReferral',
      'resellerInvitation',
    ]);
    const [kind] = [...registry.values()];
    expect(() => mailRegistry([kind!, kind!])).toThrow(/registered twice/);
  });

  test('an unknown kind is a logged fault, not a retry: no send, no failure reported, the error names the kind', async () => {
    const errors = jest.spyOn(logger, 'error');
    const record = outboxRecordOf(outboxPart('outbox', { kind: 'referral.expiry', payload: { referralId: 'r-1' } }, { partnerId: PARTNER, id: 'r-1' }, new Date()));

    const response = await handler(event(record));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(ses.calls()).toHaveLength(0);
    expect(errors).toHaveBeenCalledWith('outbox mail of an unknown kind', expect.objectContaining({ kind: 'referral.expiry' }));
    expect(outboxState(record)).toMatchObject({ state: 'queued', attempts: 0 });
  });

  test('a malformed payload is reported for retry (and so parked in the dead-letter queue), with nothing sent', async () => {
    const record = outboxRecordOf(outboxPart('outbox', { kind: 'invitation', payload: { invitationId: 42 } }, { partnerId: PARTNER, id: 'x#1' }, new Date()));
    expect(await handler(event(record))).toEqual({ batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber }] });
    expect(ses.calls()).toHaveLength(0);
  });

  test('a grant end warning is rendered from its payload and sent once to its recipient; the item records it', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-warning-1' });
    const record = outboxRecordOf(grantEndWarningPart(warning(), new Date()));

    expect(await handler(event(record))).toEqual({ batchItemFailures: [] });
    expect(await handler(event(record))).toEqual({ batchItemFailures: [] });

    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.Destination).toEqual({ ToAddresses: ['contact@fabrikam.example'] });
    expect(input.Message!.Subject!.Data).toBe('Admin access “Helpdesk access” to Contoso Ltd ends on December 25, 2026 at 4:00 PM UTC');
    expect(input.Message!.Body!.Html!.Data).toContain('Fabrikam &lt;Reseller&gt; Ltd');
    expect(outboxState(record)).toMatchObject({ state: 'sent', attempts: 1, messageId: 'ses-warning-1' });
    const logs = output.join('');
    expect(logs).toContain('grant-1');
    for (const personal of ['contact@fabrikam.example', 'Pat Partner', 'Fabrikam']) expect(logs).not.toContain(personal);
  });

  test('a warning whose send keeps failing is retried up to the attempt limit, then failed and never sent again', async () => {
    ses.on(SendEmailCommand).rejects(throttling());
    const record = outboxRecordOf(grantEndWarningPart(warning(), new Date()));
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await handler(event(record))).batchItemFailures).toHaveLength(1);
      expect(outboxState(record)).toMatchObject({ state: attempt < 4 ? 'queued' : 'failed', attempts: attempt, lastError: 'Throttling' });
    }
    expect(await handler(event(record))).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 4);
  });
});

describe('SES sender', () => {
  test('one client per process, retrying throttling with backoff (adaptive, 3 attempts), local endpoint when set', async () => {
    process.env.SES_ENDPOINT = 'http://127.0.0.1:8005';
    resetConfig();
    resetSesClient();
    try {
      const client = sesClient();
      expect(sesClient()).toBe(client);
      expect(client.config.retryMode).toBe('adaptive');
      expect(await client.config.maxAttempts()).toBe(3);
      expect(((await client.config.retryStrategy()) as { mode?: string }).mode).toBe('adaptive');
      expect(await client.config.endpoint?.()).toMatchObject({ hostname: '127.0.0.1', port: 8005, protocol: 'http:' });
    } finally {
      delete process.env.SES_ENDPOINT;
      resetConfig();
      resetSesClient();
    }
  });

  test('without a configuration set none is named; the MessageId is returned', async () => {
    delete process.env.SES_CONFIGURATION_SET;
    resetConfig();
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-3' });
    await expect(sendMail({ to: EMAIL, subject: 'S', html: '<p>H</p>', text: 'T' })).resolves.toBe('ses-3');
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input).not.toHaveProperty('ConfigurationSetName');
    expect(input.Message).toEqual({
      Subject: { Data: 'S', Charset: 'UTF-8' },
      Body: { Html: { Data: '<p>H</p>', Charset: 'UTF-8' }, Text: { Data: 'T', Charset: 'UTF-8' } },
    });
  });

  test('a reply without MessageId is an error (nothing could be matched to a bounce later)', async () => {
    ses.on(SendEmailCommand).resolves({});
    await expect(sendMail({ to: EMAIL, subject: 'S', html: 'H', text: 'T' })).rejects.toThrow(/MessageId/);
  });
});
