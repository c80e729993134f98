// The workers under faults: the mailer (its stream handler, functions/mailer.ts), the bounce handler
// (functions/mail-events.ts), the scheduled cleanup (functions/cleanup.ts) and the import worker
// (functions/import-worker.ts). A failed run leaves the work for
// the next run, and the next run does it exactly once: one mail, one bounce mark, one expiry with its one
// activity record. And mail sent twice: when SES's answer is lost after it accepted the mail, a retry sends
// the same link again, or nothing; never a new link that kills the one in the customer's mailbox.
import type { DynamoDBStreamEvent, SNSEvent } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { handler as cleanupHandler } from '../../functions/cleanup';
import { handler as importWorker } from '../../functions/import-worker';
import { importKeys } from '../../shared/customer-imports/index';
import { handler as mailEventsHandler } from '../../functions/mail-events';
import { clock, DAY_MS } from '../../shared/platform/clock';
import { db } from '../../shared/platform/dynamo/client';
import { sesClient, SES_MAX_ATTEMPTS } from '../../shared/platform/mail/ses-sender';
import { linksIn, newPartner, startApi, uniqueId, type CapturedMail, type TestApi } from '../support/api';
import { dynamoDbFaults, isTransaction, sesFaults, type DynamoDbFault, type FaultInjector, type SesFault } from '../support/faults';
import { deliverOutbox, outboxItems } from '../support/outbox';
import { publicPages } from '../support/pages';
import { differences, getItem, partnerItems, watchWrites } from '../support/table-state';
import { allActivity, expectStatus, listAllCustomers, newDomain } from '../integration/helpers';
import { importRow } from '../integration/import-helpers';
import { incomingReferral } from '../integration/referral-helpers';

jest.setTimeout(120_000);

type Partner = Awaited<ReturnType<typeof newPartner>>;

let api: TestApi;
let dynamo: FaultInjector<DynamoDbFault>;
let ses: FaultInjector<SesFault>;

beforeAll(async () => {
  // Mail goes out only when a test hands the outbox to the mailer (deliverOutbox): no poller's commands mix in.
  api = await startApi({ mailer: false });
  dynamo = dynamoDbFaults(db());
  ses = sesFaults(sesClient());
  // The SDK's backoff is random up to seconds; at 0 its retries happen at once.
  jest.spyOn(Math, 'random').mockReturnValue(0);
});
afterAll(async () => {
  dynamo.remove();
  ses.remove();
  clock.now = () => new Date();
  await api.close();
});

const { openPage, postForm } = publicPages(() => api);

/** One partner for the mail cases: each has its own invitation, recipient and outbox item. */
let mailPartner: Promise<Partner> | undefined;

/** `owner`: a new partner (true), the given one, or the mail cases' partner. */
async function queuedInvitation(ownPartner: boolean | Partner = false, body: Record<string, unknown> = {}): Promise<{ owner: Partner; id: string; email: string }> {
  const owner = ownPartner === true ? await newPartner(api) : ownPartner || (await (mailPartner ??= newPartner(api)));
  const email = `${uniqueId('mail')}@customer.example`;
  const response = await api.request('POST', '/v1/invitations', { token: owner.tokens['global-admin'], body: { email, ...body } });
  expectStatus(response, 201);
  return { owner, id: response.body.id, email };
}

const invitationOf = async (owner: Partner, id: string) => (await api.request('GET', `/v1/invitations/${id}`, { token: owner.tokens['global-admin'] })).body;

const linkOf = (mail: CapturedMail): string => {
  const links = [...new Set([...linksIn(mail.text), ...linksIn(mail.html.replace(/&amp;/g, '&'))])];
  expect(links).toHaveLength(1);
  return links[0]!;
};

/** The link works: its page opens, and the customer admin can accept with it. */
async function expectWorkingLink(link: string): Promise<void> {
  const path = new URL(link).pathname;
  const page = await openPage(path);
  expect(page.response.status).toBe(200);
  const fields = { csrf: page.csrf!, domain: newDomain('mailed'), companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' };
  expect((await postForm(`${path}/accept`, fields, page.cookie)).status).toBe(200);
}

const positionsOf = (count: number): number[] => [...new Set([1, 2, count])].filter((p) => p >= 1 && p <= count);
const faultsOf = (commandName: string, position: number): DynamoDbFault[] => [
  position % 2 === 1 ? 'provisionedThroughputExceeded' : 'throttled',
  'internalServerError',
  ...(isTransaction(commandName) ? (['transactionCanceled'] as const) : []),
];

describe('mailer', () => {
  test('DynamoDB faults at its first, second and last command: the mail goes out once, with a working link', async () => {
    const clean = await queuedInvitation();
    const counted = dynamo.count();
    expect(await deliverOutbox(clean.owner.partnerId, clean.id)).toEqual([]);
    dynamo.disarm();
    const commands = [...counted.commands];
    expect(await api.mailbox({ to: clean.email })).toHaveLength(1);

    for (const position of positionsOf(commands.length)) {
      for (const fault of faultsOf(commands[position - 1]!, position)) {
        const label = `${fault} at command ${position} of ${commands.length} (${commands.join(', ')})`;
        const { owner, id, email } = await queuedInvitation();
        await dynamo.arm({ command: position, fault, attempts: 'every' });
        const failures = await deliverOutbox(owner.partnerId, id);
        dynamo.disarm();
        const sentBeforeFault = position === commands.length;
        // Before the send, the record is handed back for a retry; after it, a retry would only mail again.
        expect({ label, failures: failures.length, mails: (await api.mailbox({ to: email })).length }).toEqual({ label, failures: sentBeforeFault ? 0 : 1, mails: sentBeforeFault ? 1 : 0 });

        // The stream brings the record again (after a failure, or because the run timed out).
        expect({ label, failures: await deliverOutbox(owner.partnerId, id) }).toEqual({ label, failures: [] });
        const mails = await api.mailbox({ to: email });
        expect({ label, mails: mails.length }).toEqual({ label, mails: 1 });
        if (!sentBeforeFault) expect({ label, delivery: (await invitationOf(owner, id)).delivery.state }).toEqual({ label, delivery: 'sent' });
        await expectWorkingLink(linkOf(mails[0]!));
      }
    }
  });

  test.each([
    ['throttling', 'Throttling'],
    ['messageRejected', 'MessageRejected'],
  ] as const)('SES %s on every attempt: the attempt is recorded, nothing is sent, and the next run sends it once', async (fault, errorName) => {
    const { owner, id, email } = await queuedInvitation();
    const log = await ses.arm({ command: 1, fault, attempts: 'every' });
    expect(await deliverOutbox(owner.partnerId, id)).toHaveLength(1);
    ses.disarm();
    // Throttling is retried by the SDK (every attempt failed here); a rejection is not.
    expect(log.injected).toBe(fault === 'throttling' ? SES_MAX_ATTEMPTS : 1);
    expect(await api.mailbox({ to: email })).toEqual([]);
    expect((await invitationOf(owner, id)).delivery).toMatchObject({ state: 'queued', attempts: 1, lastError: errorName });
    const outbox = (await outboxItems(owner.partnerId)).find((item) => String(item.sk).includes(id));
    expect(outbox).toMatchObject({ state: 'queued', attempts: 1, lastError: errorName });

    expect(await deliverOutbox(owner.partnerId, id)).toEqual([]);
    const mails = await api.mailbox({ to: email });
    expect(mails).toHaveLength(1);
    expect((await invitationOf(owner, id)).delivery).toMatchObject({ state: 'sent', attempts: 2 });
    await expectWorkingLink(linkOf(mails[0]!));
  });

  test('SES throttling on the first attempt only: the SDK retries, and the mail goes out once in the same run', async () => {
    const { owner, id, email } = await queuedInvitation();
    const log = await ses.arm({ command: 1, fault: 'throttling', attempts: 'first' });
    expect(await deliverOutbox(owner.partnerId, id)).toEqual([]);
    ses.disarm();
    expect(log.injected).toBe(1);
    expect(await api.mailbox({ to: email })).toHaveLength(1);
    expect((await invitationOf(owner, id)).delivery).toMatchObject({ state: 'sent', attempts: 1 });
  });
});

describe('mail sent twice', () => {
  test("SES's answer lost once: the SDK sends again, and both mails carry the same working link", async () => {
    const { owner, id, email } = await queuedInvitation();
    await ses.arm({ command: 1, fault: 'timeoutAfterSend', attempts: 'first' });
    expect(await deliverOutbox(owner.partnerId, id)).toEqual([]);
    ses.disarm();
    const mails = await api.mailbox({ to: email });
    expect(mails).toHaveLength(2);
    expect(linkOf(mails[1]!)).toBe(linkOf(mails[0]!));
    expect((await invitationOf(owner, id)).delivery.state).toBe('sent');
    await expectWorkingLink(linkOf(mails[0]!));
  });

  test("SES's answer lost on every attempt: the retry of the record sends nothing new, and the mailed link still works", async () => {
    const { owner, id, email } = await queuedInvitation();
    await ses.arm({ command: 1, fault: 'timeoutAfterSend', attempts: 'every' });
    expect(await deliverOutbox(owner.partnerId, id)).toHaveLength(1);
    ses.disarm();
    const mailed = await api.mailbox({ to: email });
    expect(mailed).toHaveLength(SES_MAX_ATTEMPTS);
    // The stream retries the record: a new link would kill the one already in the mailbox.
    expect(await deliverOutbox(owner.partnerId, id)).toEqual([]);
    const mails = await api.mailbox({ to: email });
    expect(mails).toHaveLength(SES_MAX_ATTEMPTS);
    expect(new Set(mails.map(linkOf)).size).toBe(1);
    await expectWorkingLink(linkOf(mails[0]!));
  });

  test('the "sent" mark fails after SES accepted the mail: a redelivery sends nothing, and the link works', async () => {
    const { owner, id, email } = await queuedInvitation();
    // The mailer's last command is the transaction that marks the mail sent.
    await dynamo.arm({ command: (name, input) => isTransaction(name) && JSON.stringify(input).includes('"state":"sent"'), fault: 'internalServerError', attempts: 'every' });
    expect(await deliverOutbox(owner.partnerId, id)).toEqual([]);
    dynamo.disarm();
    expect(await deliverOutbox(owner.partnerId, id)).toEqual([]);
    const mails = await api.mailbox({ to: email });
    expect(mails).toHaveLength(1);
    // Nobody knows whether it arrived: the partner sees it queued and may resend.
    expect((await invitationOf(owner, id)).delivery.state).toBe('queued');
    await expectWorkingLink(linkOf(mails[0]!));
  });
});

describe('mail events', () => {
  const bounceEvent = (messageId: string): SNSEvent => ({
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-east-1:111122223333:mail-events:1',
        Sns: {
          Type: 'Notification',
          MessageId: uniqueId('sns'),
          TopicArn: 'arn:aws:sns:us-east-1:111122223333:mail-events',
          Subject: '',
          Message: JSON.stringify({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', bounceSubType: 'General' }, mail: { messageId } }),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'sig',
          SigningCertUrl: 'https://sns.example/cert.pem',
          UnsubscribeUrl: 'https://sns.example/unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  });

  async function sentInvitation() {
    const invitation = await queuedInvitation();
    expect(await deliverOutbox(invitation.owner.partnerId, invitation.id)).toEqual([]);
    const [mail] = await api.mailbox({ to: invitation.email });
    return { ...invitation, messageId: mail!.messageId };
  }

  test('DynamoDB faults at its first, second and last command: the run fails with nothing written, and the retry marks the bounce once', async () => {
    const clean = await sentInvitation();
    const counted = dynamo.count();
    await mailEventsHandler(bounceEvent(clean.messageId));
    dynamo.disarm();
    const commands = [...counted.commands];
    expect((await invitationOf(clean.owner, clean.id)).delivery.state).toBe('bounced');

    for (const position of positionsOf(commands.length)) {
      for (const fault of faultsOf(commands[position - 1]!, position)) {
        const label = `${fault} at command ${position} of ${commands.length} (${commands.join(', ')})`;
        const { owner, id, messageId } = await sentInvitation();
        const before = await partnerItems(owner.partnerId);
        const watch = watchWrites(db());
        await dynamo.arm({ command: position, fault, attempts: 'every' });
        // SNS invokes asynchronously: a thrown error makes Lambda retry the event.
        await expect(mailEventsHandler(bounceEvent(messageId))).rejects.toThrow();
        dynamo.disarm();
        watch.stop();
        expect({ label, changed: differences(before, await partnerItems(owner.partnerId)) }).toEqual({ label, changed: [] });
        expect({ label, changed: await watch.changed() }).toEqual({ label, changed: [] });

        await mailEventsHandler(bounceEvent(messageId));
        expect({ label, delivery: (await invitationOf(owner, id)).delivery.state }).toEqual({ label, delivery: 'bounced' });
        const changed = differences(before, await partnerItems(owner.partnerId));
        expect({ label, changed }).toEqual({ label, changed: [`PARTNER#${owner.partnerId}|INVITATION#${id}`] });
      }
    }
  });
});

describe('cleanup', () => {
  /** An invitation and a referral of a new partner, overdue now: made with the clock moved back. */
  async function overdueWork() {
    try {
      clock.now = () => new Date(Date.now() - 31 * DAY_MS);
      const invitation = await queuedInvitation(true);
      // Due today, no earlier: the referral queue's watermark has retired the days before (see
      // test/integration/referral-expiry.test.ts).
      clock.now = () => new Date(Date.now() - 14 * DAY_MS - 60_000);
      const referral = await incomingReferral(invitation.owner.partnerId);
      return { ...invitation, referralId: referral.id };
    } finally {
      clock.now = () => new Date();
    }
  }

  const operationsOf = async (partnerId: string): Promise<string[]> =>
    [...(await partnerItems(partnerId)).values()].filter((item) => String(item.pk).endsWith('#ACTIVITY')).map((item) => String(item.operation));

  const count = (list: string[], operation: string) => list.filter((o) => o === operation).length;

  /** Each item is whole: expired with exactly one activity record, or untouched without one. */
  async function expectWhole(work: Awaited<ReturnType<typeof overdueWork>>, label: string, expired?: boolean) {
    const invitation = await getItem({ pk: `PARTNER#${work.owner.partnerId}`, sk: `INVITATION#${work.id}` });
    const referral = await getItem({ pk: `PARTNER#${work.owner.partnerId}`, sk: `REFERRAL#${work.referralId}` });
    const operations = await operationsOf(work.owner.partnerId);
    const invitationExpired = invitation?.state === 'expired';
    const referralExpired = referral?.substatus === 'expired';
    expect({ label, invitation: count(operations, 'Expire Invitation'), referral: count(operations, 'Expire Referral') }).toEqual({
      label,
      invitation: invitationExpired ? 1 : 0,
      referral: referralExpired ? 1 : 0,
    });
    if (expired !== undefined) expect({ label, invitationExpired, referralExpired }).toEqual({ label, invitationExpired: expired, referralExpired: expired });
  }

  test.each([
    ['the first command (the overdue queue)', () => true],
    ["the write of this partner's expired invitation", (name: string, input: Record<string, unknown>) => isTransaction(name) && JSON.stringify(input).includes('"state":"expired"')],
    ["the write of this partner's expired referral", (name: string, input: Record<string, unknown>) => isTransaction(name) && JSON.stringify(input).includes('"substatus":"expired"')],
  ])('a fault at %s fails the run with nothing half-written; the next runs expire each item once', async (_where, matcher) => {
    for (const fault of ['provisionedThroughputExceeded', 'internalServerError', 'transactionCanceled'] as const) {
      const work = await overdueWork();
      const log = await dynamo.arm({ command: (name, input) => matcher(name, input), fault, attempts: 'every' });
      const outcome = await cleanupHandler({} as never).then(() => 'completed', () => 'failed');
      dynamo.disarm();
      // Another file's run may have taken this partner's items first; then no fault was met here.
      if (log.injected > 0) expect({ fault, outcome }).toEqual({ fault, outcome: 'failed' });
      await expectWhole(work, `${fault}, after the failed run`);
      await cleanupHandler({} as never);
      await cleanupHandler({} as never);
      await expectWhole(work, `${fault}, after two more runs`, true);
    }
  });

  test('a fault at its last command fails the run after its work is written; the retry doubles nothing', async () => {
    // The last command of a run over this work alone, counted on a clean run first (other files' due work,
    // if any shows up meanwhile, moves the position: the invariants below hold wherever the fault lands).
    const clean = await overdueWork();
    const counted = dynamo.count();
    await cleanupHandler({} as never);
    dynamo.disarm();
    const commands = [...counted.commands];
    await expectWhole(clean, 'a clean run', true);
    for (const fault of faultsOf(commands.at(-1)!, commands.length)) {
      const label = `${fault} at command ${commands.length} (${commands.at(-1)})`;
      const work = await overdueWork();
      const log = await dynamo.arm({ command: commands.length, fault, attempts: 'every' });
      const outcome = await cleanupHandler({} as never).then(() => 'completed', () => 'failed');
      dynamo.disarm();
      if (log.injected > 0) expect({ label, outcome }).toEqual({ label, outcome: 'failed' });
      await expectWhole(work, `${label}, after the failed run`);
      await cleanupHandler({} as never);
      await expectWhole(work, `${label}, after the retry`, true);
    }
  });

  test.each([
    ['invitation', (work: Awaited<ReturnType<typeof overdueWork>>) => [work.id, '"state":"expired"']],
    ['referral', (work: Awaited<ReturnType<typeof overdueWork>>) => [work.referralId, '"substatus":"expired"']],
  ])('a run whose %s expiry lost to another transaction on the same item reads again and expires it in that same run', async (_kind, marks) => {
    // What two runs at once meet when their transactions cancel each other: forced here, so it happens every time.
    const work = await overdueWork();
    const log = await dynamo.arm({
      command: (name, input) => isTransaction(name) && marks(work).every((mark) => JSON.stringify(input).includes(mark)),
      fault: 'transactionConflict',
      attempts: 'first',
    });
    await cleanupHandler({} as never);
    dynamo.disarm();
    expect(log.injected).toBe(1);
    await expectWhole(work, 'after the run that lost once', true);
  });

  test('two runs at once: together they expire every due item exactly once', async () => {
    // One after another: each moves the one clock.
    const work = [await overdueWork(), await overdueWork(), await overdueWork(), await overdueWork()];
    await Promise.all([cleanupHandler({} as never), cleanupHandler({} as never)]);
    for (const [i, one] of work.entries()) await expectWhole(one, `item ${i}, after two runs at once`, true);
  });
});

describe('grant end-warning mail', () => {
  /** Receives the warnings of every grant in this block. */
  const contact = { name: 'Pat Partner', email: `${uniqueId('contact')}@partner.example` };
  let warnedPartner: Promise<Partner> | undefined;

  /** An active grant that ends 6 days from now (inside the 7-day window): invited and accepted 2 days ago, for 8 days. */
  async function grantDueForWarning(): Promise<{ owner: Partner; grant: { pk: string; sk: string }; displayName: string }> {
    const owner = await (warnedPartner ??= newPartner(api, { primaryContact: contact }));
    const displayName = uniqueId('Access');
    try {
      clock.now = () => new Date(Date.now() - 2 * DAY_MS);
      const { id, email } = await queuedInvitation(owner, { delegatedAdmin: { displayName, roles: ['globalReader'], duration: 'P8D' } });
      expect(await deliverOutbox(owner.partnerId, id)).toEqual([]);
      await expectWorkingLink(linkOf((await api.mailbox({ to: email }))[0]!));
    } finally {
      clock.now = () => new Date();
    }
    const grant = [...(await partnerItems(owner.partnerId)).values()].find((item) => item.kind === 'delegatedAdminGrant' && item.displayName === displayName)!;
    expect(grant).toMatchObject({ state: 'active' });
    return { owner, grant: { pk: String(grant.pk), sk: String(grant.sk) }, displayName };
  }

  const warningsOf = async (grant: { pk: string; sk: string }) => (await getItem(grant))?.warnings as { sent: string[] } | undefined;
  const warningMails = async (displayName: string) => (await api.mailbox({ to: contact.email })).filter((mail) => mail.subject.includes(displayName));
  const warningOutbox = async (owner: Partner, grant: { sk: string }) => (await outboxItems(owner.partnerId)).filter((item) => String(item.sk).includes(grant.sk.split('#')[1]!));

  /** The warning's mark and its outbox mail: both written once, or neither. */
  async function expectWarnedOnce(made: Awaited<ReturnType<typeof grantDueForWarning>>, label: string, warned: boolean) {
    const warnings = await warningsOf(made.grant);
    const outbox = await warningOutbox(made.owner, made.grant);
    expect({ label, sent: warnings?.sent ?? [], outbox: outbox.length }).toEqual({ label, sent: warned ? ['7'] : [], outbox: warned ? 1 : 0 });
  }

  test("a fault at the warning's write fails the run with nothing half-written; the retry claims it once; the mailer, faulted at its first, second and last command, mails it once", async () => {
    const queued: Awaited<ReturnType<typeof grantDueForWarning>>[] = [];
    for (const fault of ['provisionedThroughputExceeded', 'internalServerError', 'transactionCanceled'] as const) {
      const made = await grantDueForWarning();
      const log = await dynamo.arm({ command: (name, input) => isTransaction(name) && JSON.stringify(input).includes(`"${made.grant.sk}"`), fault, attempts: 'every' });
      const outcome = await cleanupHandler({} as never).then(() => 'completed', () => 'failed');
      dynamo.disarm();
      if (log.injected > 0) expect({ fault, outcome }).toEqual({ fault, outcome: 'failed' });
      await expectWarnedOnce(made, `${fault}, after the failed run`, false);
      await cleanupHandler({} as never);
      await cleanupHandler({} as never);
      await expectWarnedOnce(made, `${fault}, after two more runs`, true);
      queued.push(made);
    }
    queued.push(await grantDueForWarning());
    await cleanupHandler({} as never);
    await expectWarnedOnce(queued[3]!, 'the fourth', true);

    // The mailer: a clean delivery counts its commands, then a fault at each position.
    const [clean, ...rest] = queued;
    const counted = dynamo.count();
    expect(await deliverOutbox(clean!.owner.partnerId, clean!.grant.sk.split('#')[1])).toEqual([]);
    dynamo.disarm();
    const commands = [...counted.commands];
    expect(await warningMails(clean!.displayName)).toHaveLength(1);
    for (const [i, position] of positionsOf(commands.length).entries()) {
      const made = rest[i]!;
      const fault = faultsOf(commands[position - 1]!, position).at(-1)!;
      const label = `${fault} at command ${position} of ${commands.length} (${commands.join(', ')})`;
      const only = made.grant.sk.split('#')[1];
      await dynamo.arm({ command: position, fault, attempts: 'every' });
      await deliverOutbox(made.owner.partnerId, only);
      dynamo.disarm();
      expect({ label, failures: await deliverOutbox(made.owner.partnerId, only) }).toEqual({ label, failures: [] });
      expect({ label, mails: (await warningMails(made.displayName)).length }).toEqual({ label, mails: 1 });
      expect({ label, outbox: (await warningOutbox(made.owner, made.grant)).map((item) => item.state) }).toEqual({ label, outbox: ['sent'] });
      await expectWarnedOnce(made, label, true);
    }
  });
});

describe('import worker', () => {
  /** Five rows: three new customers, one invalid (an unknown country), one duplicate of the first's domain. */
  async function queuedImport(): Promise<{ owner: Partner; importId: string; event: DynamoDBStreamEvent }> {
    const owner = await newPartner(api);
    const first = newDomain('faults');
    const rows = [importRow(first), importRow(newDomain('faults')), importRow(newDomain('faults'), { country: 'XX' }), importRow(first, { companyName: 'Again' }), importRow(newDomain('faults'))];
    const response = await api.request('POST', '/v1/customer-imports', { token: owner.tokens['global-admin'], headers: { 'idempotency-key': uniqueId('faults') }, body: { rows } });
    expectStatus(response, 202);
    const item = await getItem(importKeys.import(owner.partnerId, response.body.id));
    // The record the stream carries for the import's start: the worker gets the same one again when a run fails.
    return { owner, importId: response.body.id, event: { Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: marshall(item!) as never } }] } };
  }

  /** Every row decided once, the counts right, and each created row one customer with one activity record. */
  async function expectImportedOnce(owner: Partner, importId: string, label: string): Promise<void> {
    const token = owner.tokens['global-admin'];
    const done = (await api.request('GET', `/v1/customer-imports/${importId}`, { token })).body;
    expect({ label, state: done.state, counts: done.counts }).toEqual({ label, state: 'completed', counts: { created: 3, invited: 0, alreadyActive: 0, skippedDuplicateInFile: 1, invalid: 1 } });
    const rows = (await api.request('GET', `/v1/customer-imports/${importId}/rows?limit=25`, { token })).body.items;
    expect({ label, rows: rows.map((r: { row: number; outcome: string }) => `${r.row}:${r.outcome}`) }).toEqual({ label, rows: ['1:created', '2:created', '3:invalid', '4:skippedDuplicateInFile', '5:created'] });
    const customers = await listAllCustomers(api, token);
    const created = rows.filter((r: { outcome: string }) => r.outcome === 'created').map((r: { customerId: string }) => r.customerId).sort();
    expect({ label, customers: customers.map((c: { id: string }) => c.id).sort() }).toEqual({ label, customers: created });
    const activity = (await allActivity(api, token)).filter((a) => a.operation === 'Create Customer');
    expect({ label, activity: activity.map((a) => a.customerId).sort() }).toEqual({ label, activity: created });
  }

  test('DynamoDB faults at the first, second and last command of a batch and at its first rows: the run fails, the redelivered record finishes it, each row once', async () => {
    const clean = await queuedImport();
    const counted = dynamo.count();
    expect((await importWorker(clean.event)).batchItemFailures).toEqual([]);
    dynamo.disarm();
    const commands = [...counted.commands];
    await expectImportedOnce(clean.owner, clean.importId, 'no fault');

    // Also the first two rows' transactions: a run that fails after deciding a row must not decide it again.
    const firstRow = commands.findIndex(isTransaction) + 1;
    expect(firstRow).toBeGreaterThan(2);
    const positions = [...new Set([...positionsOf(commands.length), firstRow, firstRow + 1])].sort((a, b) => a - b);
    for (const position of positions) {
      for (const fault of faultsOf(commands[position - 1]!, position)) {
        const label = `${fault} at command ${position} of ${commands.length} (${commands.join(', ')})`;
        const { owner, importId, event } = await queuedImport();
        const log = await dynamo.arm({ command: position, fault, attempts: 'every' });
        const failed = await importWorker(event);
        dynamo.disarm();
        expect({ label, injected: log.injected > 0, failures: failed.batchItemFailures.length }).toEqual({ label, injected: true, failures: 1 });
        expect({ label, state: (await api.request('GET', `/v1/customer-imports/${importId}`, { token: owner.tokens['global-admin'] })).body.state }).toEqual({ label, state: 'processing' });

        expect({ label, failures: (await importWorker(event)).batchItemFailures }).toEqual({ label, failures: [] });
        await expectImportedOnce(owner, importId, label);
        // A record delivered once more (the stream's at-least-once) finds the import past it and writes nothing.
        const again = dynamo.count();
        expect((await importWorker(event)).batchItemFailures).toEqual([]);
        dynamo.disarm();
        expect({ label, writes: again.commands.filter((c) => /Write|Put|Update|Delete/.test(c)) }).toEqual({ label, writes: [] });
      }
    }
  });
});
