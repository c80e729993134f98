// Delegated admin end dates, through the real flow: a partner invites with delegated admin, the customer
// admin accepts on the public page, and the scheduled cleanup (called directly) expires, auto-extends and
// warns by end date; its warning mails go through the outbox to the test mailer (the stream poller), so a
// test drains the mailer before it reads the mailbox.
//
// The end-date queue is global and the table is shared by parallel jest workers, so grants are made with
// the clock moved into the PAST (their end dates are near or past at the real now), the cleanup runs at
// the real now (once, briefly, a few minutes later), and every assertion is about this file's own
// partners, grants and contact addresses, never about global counts.
// Invitations made that long ago must still be pending when accepted, and must never sit overdue in the
// invitation expiry queue that other files' cleanup tests read: they live a year here.
process.env.INVITATION_TTL_DAYS = '365';

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '../../shared/platform/clock';
import { config } from '../../shared/platform/config';
import { db } from '../../shared/platform/dynamo/client';
import { getGrant } from '../../shared/invitations/store';
import { grantKeys, type GrantRecord } from '../../shared/delegated-admin/entity';
import { outboxKey } from '../../shared/platform/mail/outbox';
import { sesClient } from '../../shared/platform/mail/ses-sender';
import { logger } from '../../shared/platform/logger';
import { processDelegatedAdminEndDates } from '../../shared/delegated-admin/cleanup';
import { expectProblem, expectStatus } from './helpers';
import { linksIn, newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());
afterEach(() => {
  clock.now = () => new Date();
  jest.restoreAllMocks();
});

const { linkFromMail, accept } = publicPages(() => api);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const realNow = () => Date.now();
const contactEmail = () => `${uniqueId('contact')}@${uniqueId('partner')}.example`;

type Partner = Awaited<ReturnType<typeof newPartner>>;

/** A partner whose legal profile names its own primary contact (who receives the warnings). */
async function partnerWithContact() {
  const contact = { name: 'Pat Partner', email: contactEmail() };
  const partner = await newPartner(api, { companyName: 'Fabrikam Cloud Partners LLC', primaryContact: contact });
  return { ...partner, contact };
}

interface MadeGrant {
  id: string;
  customerId: string;
  companyName: string;
  displayName: string;
  stored: GrantRecord;
}

/**
 * An active grant made through the whole flow (invite, mail, public page, accept) with the clock `agoMs`
 * in the past: it was activated then, so it ends at (real now - agoMs + duration).
 */
async function grantActivatedAgo(partner: Partner, agoMs: number, request: { roles: string[]; duration: string; autoExtend?: boolean }): Promise<MadeGrant> {
  const to = `${uniqueId('admin')}@${uniqueId('org')}.example`;
  const domain = `${uniqueId('gdap')}.onmicrosoft.com`;
  const companyName = `Northwind ${uniqueId('co')} Ltd`;
  const displayName = uniqueId('Access');
  const token = partner.tokens['admin-agent'];
  clock.now = () => new Date(realNow() - agoMs);
  let invitationId: string;
  try {
    const invited = await api.request('POST', '/v1/invitations', { token, body: { email: to, domain, delegatedAdmin: { displayName, ...request } } });
    expectStatus(invited, 201);
    invitationId = invited.body.id;
    const { path } = await linkFromMail(to);
    expect((await accept(path, { domain, companyName })).status).toBe(200);
  } finally {
    clock.now = () => new Date();
  }
  const customerId = (await api.request('GET', `/v1/invitations/${invitationId}`, { token })).body.customerId as string;
  const listed = await api.request('GET', `/v1/customers/${customerId}/delegated-admin`, { token });
  expectStatus(listed, 200);
  expect(listed.body.items).toHaveLength(1);
  const id = listed.body.items[0].id as string;
  const stored = (await getGrant(partner.partnerId, id))!;
  expect(stored).toMatchObject({ state: 'active', displayName, customerId });
  return { id, customerId, companyName, displayName, stored };
}

/** The stored item as it is, queue attributes included. */
async function rawGrantItem(partnerId: string, grantId: string) {
  const { Item } = await db().send(new GetCommand({ TableName: config().tableName, Key: grantKeys.grant(partnerId, grantId), ConsistentRead: true }));
  return Item!;
}

async function view(partner: Partner, grant: MadeGrant) {
  const listed = await api.request('GET', `/v1/customers/${grant.customerId}/delegated-admin`, { token: partner.tokens['admin-agent'] });
  expectStatus(listed, 200);
  return listed.body.items.find((g: { id: string }) => g.id === grant.id);
}

async function activityOf(partner: Partner, customerId: string): Promise<any[]> {
  const response = await api.request('GET', `/v1/activity?customerId=${customerId}&limit=100`, { token: partner.tokens['global-admin'] });
  expectStatus(response, 200);
  return response.body.items;
}

/** One cleanup run, and every mail it wrote to the outbox handled by the test mailer. */
async function cleanupAndMail() {
  const result = await processDelegatedAdminEndDates();
  await api.mailer.drain();
  return result;
}

const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();

test('at its end date a grant without auto-extend expires in storage, once, with its activity; the view says so before and after', async () => {
  const partner = await partnerWithContact();
  const grant = await grantActivatedAgo(partner, 2 * DAY, { roles: ['globalAdministrator', 'globalReader'], duration: 'P1D' });
  const endsAt = grant.stored.endsAt!;
  expect(Date.parse(endsAt)).toBeLessThan(realNow());
  // While active it sits in the end-date queue, in the partition of its end date's UTC day, by end date.
  expect(await rawGrantItem(partner.partnerId, grant.id)).toMatchObject({ gsi3pk: `DELEGATED_ADMIN#ACTIVE#${endsAt.slice(0, 10)}`, gsi3sk: `${endsAt}#${partner.partnerId}#${grant.id}` });
  const before = await view(partner, grant);
  expect(before).toMatchObject({ state: 'expired', endsAt });

  const result = await cleanupAndMail();
  expect(result.expired).toBeGreaterThanOrEqual(1);

  const stored = (await getGrant(partner.partnerId, grant.id))!;
  expect(stored).toMatchObject({ state: 'expired', endsAt, version: grant.stored.version + 1 });
  const raw = await rawGrantItem(partner.partnerId, grant.id);
  expect(raw.gsi3pk).toBeUndefined();
  expect(raw.gsi3sk).toBeUndefined();
  expect(await view(partner, grant)).toEqual(before);
  const expiries = (await activityOf(partner, grant.customerId)).filter((a) => a.operation === 'Expire Delegated Admin Relationship');
  expect(expiries).toEqual([
    expect.objectContaining({
      actor: { partnerId: partner.partnerId, userId: 'system:cleanup' },
      customerId: grant.customerId,
      changes: [{ field: `delegatedAdmin.${grant.id}.state`, before: 'active', after: 'expired' }],
    }),
  ]);

  // Idempotent: a second run changes nothing of ours; an ended grant gets no warning.
  await cleanupAndMail();
  expect((await getGrant(partner.partnerId, grant.id))!.version).toBe(stored.version);
  expect((await activityOf(partner, grant.customerId)).filter((a) => a.operation === 'Expire Delegated Admin Relationship')).toHaveLength(1);
  expect(await api.mailbox({ to: partner.contact.email })).toEqual([]);
  // An expired grant cannot be terminated: nothing active is left.
  expectProblem(await api.request('POST', `/v1/customers/${grant.customerId}/delegated-admin/terminate`, { token: partner.tokens['admin-agent'] }), 409);
});

test('an auto-extending grant moves its end date by 180 days (as often as needed to reach the future) and stays active', async () => {
  const partner = await partnerWithContact();
  const recent = await grantActivatedAgo(partner, 2 * DAY, { roles: ['globalReader', 'helpdeskAdministrator'], duration: 'P1D', autoExtend: true });
  // Ended 199 days ago (the cleanup did not run meanwhile): two steps of 180 days.
  const old = await grantActivatedAgo(partner, 200 * DAY, { roles: ['userAdministrator'], duration: 'P1D', autoExtend: true });
  const expected = new Map([
    [recent.id, plusDays(recent.stored.endsAt!, 180)],
    [old.id, plusDays(old.stored.endsAt!, 360)],
  ]);
  // The view shows the extended end date already, so an extended grant never reads as expired.
  const before = [await view(partner, recent), await view(partner, old)];
  expect(before).toEqual([
    expect.objectContaining({ state: 'active', endsAt: expected.get(recent.id) }),
    expect.objectContaining({ state: 'active', endsAt: expected.get(old.id) }),
  ]);

  // The cleanup did not run meanwhile, so its watermark is still at the old grant's end date (the day
  // queue catches up from there); several runs may take it back to the present.
  await db().send(new PutCommand({ TableName: config().tableName, Item: { ...grantKeys.activeWatermark, kind: 'queueWatermark', day: old.stored.endsAt!.slice(0, 10) } }));
  let extended = 0;
  for (let run = 0, more = true; more && run < 5; run++) {
    const result = await cleanupAndMail();
    extended += result.extended;
    more = result.more;
  }
  expect(extended).toBeGreaterThanOrEqual(2);

  for (const grant of [recent, old]) {
    const endsAt = expected.get(grant.id)!;
    expect(Date.parse(endsAt)).toBeGreaterThan(realNow());
    const stored = (await getGrant(grant.stored.partnerId, grant.id))!;
    expect(stored).toMatchObject({ state: 'active', endsAt, version: grant.stored.version + 1, autoExtend: true });
    expect(await rawGrantItem(partner.partnerId, grant.id)).toMatchObject({ gsi3pk: `DELEGATED_ADMIN#ACTIVE#${endsAt.slice(0, 10)}`, gsi3sk: `${endsAt}#${partner.partnerId}#${grant.id}` });
    const extensions = (await activityOf(partner, grant.customerId)).filter((a) => a.operation === 'Auto-extend Delegated Admin Relationship');
    expect(extensions).toEqual([
      expect.objectContaining({
        actor: { partnerId: partner.partnerId, userId: 'system:cleanup' },
        changes: [{ field: `delegatedAdmin.${grant.id}.endsAt`, before: grant.stored.endsAt, after: endsAt }],
      }),
    ]);
  }
  expect([await view(partner, recent), await view(partner, old)]).toEqual(before);

  await cleanupAndMail();
  for (const grant of [recent, old]) expect((await getGrant(partner.partnerId, grant.id))!.version).toBe(grant.stored.version + 1);
  expect(await api.mailbox({ to: partner.contact.email })).toEqual([]);
});

test('Global Administrator cannot be requested with auto-extend', async () => {
  const partner = await partnerWithContact();
  const refused = await api.request('POST', '/v1/invitations', {
    token: partner.tokens['admin-agent'],
    body: { email: `${uniqueId('admin')}@contoso.example`, delegatedAdmin: { displayName: uniqueId('GA'), roles: ['globalReader', 'globalAdministrator'], duration: 'P90D', autoExtend: true } },
  });
  expectProblem(refused, 400, 'validation');
  expect(refused.body.errors).toEqual([expect.objectContaining({ path: expect.stringMatching(/autoExtend$/) })]);
  expect((await api.request('GET', '/v1/invitations', { token: partner.tokens['admin-agent'] })).body.items).toEqual([]);
});

test('warnings 30, 7 and 1 days before the end date: each sent once per grant, to the partner contact, naming the customer', async () => {
  const partner = await partnerWithContact();
  // End dates a few minutes beyond a window's edge at the real now; a second pass 10 minutes later crosses it.
  const MARGIN = 5 * MINUTE;
  const LATER = 10 * MINUTE;
  const ago = DAY - MARGIN;
  const in30 = await grantActivatedAgo(partner, ago, { roles: ['globalReader'], duration: 'P31D' }); // ends now + 30 d + 5 min
  const in7 = await grantActivatedAgo(partner, ago, { roles: ['helpdeskAdministrator', 'licenseAdministrator'], duration: 'P8D' }); // now + 7 d + 5 min
  const in1 = await grantActivatedAgo(partner, ago, { roles: ['directoryReaders'], duration: 'P2D' }); // now + 1 d + 5 min
  const renewing = await grantActivatedAgo(partner, 12 * HOUR, { roles: ['globalReader'], duration: 'P1D', autoExtend: true }); // now + 12 h
  const far = await grantActivatedAgo(partner, ago, { roles: ['globalReader'], duration: 'P61D' }); // now + 60 d + 5 min
  const grants = { in30, in7, in1, renewing, far };

  const mails = async () => (await api.mailbox({ to: partner.contact.email })).filter((m) => Object.values(grants).some((g) => m.subject.includes(g.displayName)));
  const sentFor = async (grant: MadeGrant) => (await mails()).filter((m) => m.subject.includes(grant.displayName));
  const marks = async () =>
    Object.fromEntries(await Promise.all(Object.entries(grants).map(async ([name, g]) => [name, (await getGrant(partner.partnerId, g.id))!.warnings?.sent ?? []])));

  // At the real now: in7 is in the 30-day window, in1 in the 7-day one, renewing in the 1-day one.
  await cleanupAndMail();
  expect(await marks()).toEqual({ in30: [], in7: ['30'], in1: ['7'], renewing: ['1'], far: [] });
  expect((await mails()).length).toBe(3);
  await cleanupAndMail();
  expect((await mails()).length).toBe(3);

  // Ten minutes later each crosses into its next window; renewing has had its last warning.
  clock.now = () => new Date(realNow() + LATER);
  await cleanupAndMail();
  await cleanupAndMail();
  clock.now = () => new Date();
  expect(await marks()).toEqual({ in30: ['30'], in7: ['30', '7'], in1: ['7', '1'], renewing: ['1'], far: [] });
  for (const [grant, count] of [[in30, 1], [in7, 2], [in1, 2], [renewing, 1], [far, 0]] as const) expect(await sentFor(grant)).toHaveLength(count);
  expect((await mails()).length).toBe(6);

  // What a warning says: the customer's company name, the access, human role names, the end date, renewal.
  const [sevenDays] = (await sentFor(in7)).slice(-1);
  expect(sevenDays!.to).toEqual([partner.contact.email]);
  expect(sevenDays!.subject).toBe(`Admin access “${in7.displayName}” to ${in7.companyName} ends on ${formatUtc(in7.stored.endsAt!)}`);
  const text = sevenDays!.text.replace(/\u200B/g, '');
  expect(text).toContain('Hello Pat Partner,');
  expect(text).toContain(`“${in7.displayName}” of Fabrikam Cloud Partners LLC to ${in7.companyName} reaches its end date on ${formatUtc(in7.stored.endsAt!)}`);
  expect(text).toContain('- Helpdesk Administrator\n- License Administrator');
  expect(text).toContain('It does not renew');
  const [renewal] = await sentFor(renewing);
  expect(renewal!.subject).toContain(`to ${renewing.companyName} renews automatically on`);
  expect(renewal!.text).toContain('It renews automatically for 180 more days on that date.');
  for (const mail of await mails()) {
    expect(linksIn(mail.text)).toEqual([]);
    expect(linksIn(mail.html)).toEqual([]);
  }

  // The marks are the cleanup's own: the view shows the grants as they were, without them.
  for (const grant of Object.values(grants)) {
    const shown = await view(partner, grant);
    expect(shown).toMatchObject({ state: 'active', endsAt: grant.stored.endsAt });
    expect(shown.warnings).toBeUndefined();
  }
});

test('a warning whose mail fails is claimed once with its outbox mail; the mailer retries it up to the limit, and logs ids, not the address', async () => {
  const partner = await partnerWithContact();
  const grant = await grantActivatedAgo(partner, DAY, { roles: ['globalReader'], duration: 'P4D' }); // ends now + 3 d
  const client = sesClient();
  const send = client.send.bind(client);
  jest.spyOn(client, 'send').mockImplementation(((command: { input: { Destination?: { ToAddresses?: string[] } } }) =>
    command.input.Destination?.ToAddresses?.includes(partner.contact.email)
      ? Promise.reject(Object.assign(new Error(`Address ${partner.contact.email} rejected`), { name: 'MessageRejected' }))
      : send(command as never)) as never);
  const warnings = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  const errors = jest.spyOn(logger, 'error').mockImplementation(() => undefined);

  const result = await cleanupAndMail();
  expect(result.warned).toBeGreaterThanOrEqual(1);
  const claimed = (await getGrant(partner.partnerId, grant.id))!;
  expect(claimed.warnings).toEqual({ endsAt: grant.stored.endsAt, sent: ['7'] });
  const ids = { kind: 'delegatedAdmin.endWarning', partnerId: partner.partnerId, grantId: grant.id, warning: '7' };
  const attempts = config().mail.maxDeliveryAttempts;
  const failures = warnings.mock.calls.filter(([message, data]) => message === 'mail not sent' && (data as { grantId?: string }).grantId === grant.id);
  expect(failures.map(([, data]) => data)).toEqual(
    Array.from({ length: attempts }, (_, i) => ({ ...ids, attempt: i + 1, final: i + 1 === attempts, error: 'MessageRejected' })),
  );
  expect(JSON.stringify([warnings.mock.calls, errors.mock.calls])).not.toContain(partner.contact.email);
  const { Item: outbox } = await db().send(
    new GetCommand({ TableName: config().tableName, Key: outboxKey({ partnerId: partner.partnerId, id: `${grant.id}#${grant.stored.endsAt}#7` }, 'delegatedAdmin.endWarning'), ConsistentRead: true }),
  );
  expect(outbox).toMatchObject({ state: 'failed', attempts, lastError: 'MessageRejected' });

  jest.mocked(client.send).mockRestore();
  await cleanupAndMail();
  expect((await getGrant(partner.partnerId, grant.id))!.version).toBe(claimed.version);
  expect(await api.mailbox({ to: partner.contact.email })).toEqual([]);
});

test('only active grants sit in the end-date queue: terminating one takes it out', async () => {
  const partner = await partnerWithContact();
  const grant = await grantActivatedAgo(partner, 0, { roles: ['globalReader'], duration: 'P90D' });
  expect((await rawGrantItem(partner.partnerId, grant.id)).gsi3pk).toBe(`DELEGATED_ADMIN#ACTIVE#${grant.stored.endsAt!.slice(0, 10)}`);
  expectStatus(await api.request('POST', `/v1/customers/${grant.customerId}/delegated-admin/terminate`, { token: partner.tokens['admin-agent'] }), 200);
  const raw = await rawGrantItem(partner.partnerId, grant.id);
  expect(raw).toMatchObject({ state: 'terminated' });
  expect(raw.gsi3pk).toBeUndefined();
});

/** The end date as the mail gives it (UTC, en). */
function formatUtc(iso: string): string {
  return `${new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`;
}
