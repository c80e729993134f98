// The scheduled cleanup's referral part (shared/referrals/expiry.ts), with an injected clock: referrals
// are received with the clock moved into the past, so that only this file's referrals are due at the real
// now; assertions are about this file's partners only (the queue is global and the table is shared). The
// clock is only ever moved back: the queue's watermark follows the cleanup's clock, and a run in the future
// would retire days, and expire referrals, that other files still use. Mails go through the outbox to the
// test mailer (the stream poller), so a test drains it before it reads the local SES mailbox.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '../../shared/platform/clock';
import { config } from '../../shared/platform/config';
import { db } from '../../shared/platform/dynamo/client';
import { referralKeys } from '../../shared/referrals/entity';
import { expireDueReferrals } from '../../shared/referrals/expiry';
import { getReferral as readStored } from '../../shared/referrals/store';
import { hrefs, visible } from '../support/mail';
import { newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { allActivity, businessProfileBody, expectProblem, expectStatus, putBusinessProfile } from './helpers';
import { acceptBody, act, declineBody, incomingReferral } from './referral-helpers';

jest.setTimeout(60_000);

let api: TestApi;
let partner: Awaited<ReturnType<typeof newPartner>>;
beforeAll(async () => {
  api = await startApi();
  partner = await newPartner(api);
});
afterAll(() => api.close());
afterEach(() => {
  clock.now = () => new Date();
});

const DAY = 86400_000;
const receivedAgo = async (ms: number) => {
  clock.now = () => new Date(Date.now() - ms);
  const referral = await incomingReferral(partner.partnerId);
  clock.now = () => new Date();
  return referral.id;
};

test('a new referral 14 days after arrival is closed/expired with its activity record; a younger one or an answered one is left alone', async () => {
  const due = await receivedAgo(14 * DAY + 60_000);
  const young = await receivedAgo(13 * DAY);
  const answered = await receivedAgo(14 * DAY + 120_000);
  expectStatus(await api.request('POST', `/v1/referrals/${answered}/accept`, { token: partner.tokens['global-admin'], body: acceptBody() }), 200);

  const result = await expireDueReferrals();
  expect(result.expired).toBeGreaterThanOrEqual(1);

  const read = (id: string) => api.request('GET', `/v1/referrals/${id}`, { token: partner.tokens['global-admin'] });
  const expired = await read(due);
  expect(expired.body).toMatchObject({ status: 'closed', substatus: 'expired' });
  expect(expired.body.customerProfile.contacts).toBeUndefined();
  expect(expired.body.expirationDateTime).toBeDefined();
  expect((await read(young)).body).toMatchObject({ status: 'new', substatus: 'received' });
  expect((await read(answered)).body).toMatchObject({ status: 'active', substatus: 'accepted' });

  const records = (await allActivity(api, partner.tokens['global-admin'])).filter((a) => a.operation === 'Expire Referral');
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ actor: { userId: 'system:cleanup', partnerId: partner.partnerId } });
  expect(records[0].changes).toEqual([
    { field: 'referral', after: { id: due } },
    { field: 'status', before: 'new', after: 'closed' },
    { field: 'substatus', before: 'received', after: 'expired' },
  ]);
  // An expired referral no longer waits: accepting it is refused, a second run finds nothing of it.
  const late = await api.request('POST', `/v1/referrals/${due}/accept`, { token: partner.tokens['global-admin'], body: acceptBody() });
  expectProblem(late, 409, 'referral-transition-not-allowed');
  expect(late.body.allowedTransitions).toEqual([]);
  const version = (await readStored(partner.partnerId, due))!.version;
  await expireDueReferrals();
  expect((await readStored(partner.partnerId, due))!.version).toBe(version);
});

test('a referral expires at its expiration time, not before', async () => {
  // The clock is only ever moved back here: the queue's watermark follows the cleanup's clock, and a run in
  // the future would retire days that other files' referrals (made at the real now) still use.
  const id = await receivedAgo(14 * DAY - 3000);
  await expireDueReferrals();
  expect((await readStored(partner.partnerId, id))!.substatus).toBe('received');
  await new Promise((resolve) => setTimeout(resolve, 3500));
  const result = await expireDueReferrals({ maxPerRun: 1000 });
  expect(result.more).toBe(false);
  expect((await readStored(partner.partnerId, id))!.substatus).toBe('expired');
});

// ─── Warnings and the requester's note ──────────────────────────────────────────────────────────────

const address = (prefix: string) => `${uniqueId(prefix)}@${uniqueId('mail')}.example`;

/**
 * A partner with its own primary contact, and a published-or-not US business profile whose one location has
 * its own contact: a directory request names that location as its target.
 */
async function partnerWithLocation() {
  const primary = { name: 'Pat Primary', email: address('primary') };
  const p = await newPartner(api, { companyName: `Fabrikam ${uniqueId('co')} Ltd`, primaryContact: primary });
  const contact = { name: 'Lee Location', email: address('location') };
  const body = businessProfileBody('US', { locations: [{ address: { country: 'US', city: 'Seattle', addressLine1: '1 Pike Street', postalCode: '98101' }, contact }] });
  const { profile } = await putBusinessProfile(api, p.tokens['global-admin'], 'US', body);
  const target = { country: 'US', locationId: profile.locations[0].id as string };
  return { ...p, primary, contact, target, companyName: (await api.request('GET', '/v1/partner', { token: p.tokens['global-admin'] })).body.companyName as string };
}
type LocatedPartner = Awaited<ReturnType<typeof partnerWithLocation>>;

/** A referral received `agoMs` before the real now: a directory request to the partner's location, or (`target` null) a provider's. */
async function received(p: LocatedPartner, agoMs: number, target: LocatedPartner['target'] | null = p.target) {
  const requester = address('requester');
  clock.now = () => new Date(Date.now() - agoMs);
  try {
    const referral = await incomingReferral(p.partnerId, {
      customerProfile: {
        name: 'Contoso Lead Ltd',
        address: { country: 'US', city: 'Redmond', addressLine1: '1 Lead Way', postalCode: '98052' },
        size: '10to50employees',
        contacts: [{ firstName: 'Lena', lastName: 'Requester', email: requester, phoneNumber: '+1 425 555 0101' }],
      },
      ...(target ? { target } : { target: undefined, qualification: 'salesQualified', source: 'system:indirect-provider:test' }),
    });
    return { id: referral.id, requester };
  } finally {
    clock.now = () => new Date();
  }
}

/** One cleanup run at `atMs` (default: the real now; only ever earlier), and every mail it wrote handled by the test mailer. */
async function cleanupAndMail(atMs?: number) {
  if (atMs !== undefined) clock.now = () => new Date(atMs);
  try {
    return await expireDueReferrals({ maxPerRun: 1000 });
  } finally {
    clock.now = () => new Date();
    await api.mailer.drain();
  }
}

const rawItem = async (partnerId: string, id: string) =>
  (await db().send(new GetCommand({ TableName: config().tableName, Key: referralKeys.referral(partnerId, id), ConsistentRead: true }))).Item!;

const minus = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString();

test('3 days before expiry the target location contact of a directory request is warned once; the referral moves on to its 1-day time', async () => {
  const p = await partnerWithLocation();
  const { id, requester } = await received(p, 11 * DAY + 60_000);
  const stored = (await readStored(p.partnerId, id))!;
  expect((await rawItem(p.partnerId, id)).gsi3sk).toBe(`${minus(stored.expirationDateTime!, 3 * DAY)}#${p.partnerId}#${id}`);

  const result = await cleanupAndMail();
  expect(result.warned).toBeGreaterThanOrEqual(1);
  const mails = await api.mailbox({ to: p.contact.email });
  expect(mails).toHaveLength(1);
  const [mail] = mails;
  expect(mail!.subject).toMatch(/^A referral from Contoso Lead Ltd expires on /);
  for (const body of [mail!.text.replace(/\u200B/g, ''), visible(mail!.html)]) {
    expect(body).toContain('Hello Lee Location,');
    expect(body).toContain(`Accept or decline referral ${id} in your referrals.`);
    expect(body).toContain(`as the contact of the Seattle location of ${p.companyName}.`);
    expect(body).toContain('The customer asked for help through the partner directory.');
    // The customer's contacts show only once the partner accepts: not in the mail either.
    expect(body).not.toMatch(/Lena|Requester|requester-/);
  }
  expect(hrefs(mail!.html)).toEqual([]);
  expect(await api.mailbox({ to: p.primary.email })).toEqual([]);

  const marked = (await readStored(p.partnerId, id))!;
  expect(marked).toMatchObject({ status: 'new', substatus: 'received', expiryWarnings: ['3'], version: stored.version + 1, updatedDateTime: stored.updatedDateTime });
  expect((await rawItem(p.partnerId, id)).gsi3sk).toBe(`${minus(stored.expirationDateTime!, DAY)}#${p.partnerId}#${id}`);
  // Not part of what the API shows.
  const shown = await api.request('GET', `/v1/referrals/${id}`, { token: p.tokens['global-admin'] });
  expect(shown.body).not.toHaveProperty('expiryWarnings');

  // Idempotent: a second run sends nothing more and leaves the referral as it is.
  await cleanupAndMail();
  expect(await api.mailbox({ to: p.contact.email })).toHaveLength(1);
  expect((await readStored(p.partnerId, id))!.version).toBe(marked.version);
  expect(await api.mailbox({ to: requester })).toEqual([]);
});

test('the 3-day and then the 1-day warning, once each; without a target they go to the partner primary contact', async () => {
  const p = await partnerWithLocation();
  const { id } = await received(p, 13 * DAY + 60_000, null);
  // Two days ago the referral was 3 days (less a minute) from its expiry; now it is 1 day from it.
  await cleanupAndMail(Date.now() - 2 * DAY);
  expect((await readStored(p.partnerId, id))!.expiryWarnings).toEqual(['3']);
  await cleanupAndMail();
  await cleanupAndMail();
  expect((await readStored(p.partnerId, id))!).toMatchObject({ status: 'new', expiryWarnings: ['3', '1'] });

  const mails = await api.mailbox({ to: p.primary.email });
  expect(mails).toHaveLength(2);
  for (const mail of mails) {
    expect(mail.text).toContain('Hello Pat Primary,');
    expect(mail.text.replace(/\u200B/g, '')).toContain(`as the primary contact of ${p.companyName}.`);
    expect(mail.text).not.toContain('partner directory');
  }
  expect(mails[0]!.subject).toBe(mails[1]!.subject);
  expect(await api.mailbox({ to: p.contact.email })).toEqual([]);
});

test('a late run sends only the 1-day warning; a referral whose location is gone warns the primary contact', async () => {
  const p = await partnerWithLocation();
  const late = await received(p, 13 * DAY + 60_000);
  const orphan = await received(p, 11 * DAY + 60_000, { country: 'US', locationId: 'deleted-location' });
  await cleanupAndMail();
  expect((await readStored(p.partnerId, late.id))!.expiryWarnings).toEqual(['1']);
  expect((await readStored(p.partnerId, orphan.id))!.expiryWarnings).toEqual(['3']);
  const toLocation = await api.mailbox({ to: p.contact.email });
  expect(toLocation).toHaveLength(1);
  expect(toLocation[0]!.text).toContain(`referral ${late.id}`);
  const toPrimary = await api.mailbox({ to: p.primary.email });
  expect(toPrimary).toHaveLength(1);
  expect(toPrimary[0]!.text).toContain(`referral ${orphan.id}`);
});

test('an answered referral is warned of nothing, and its requester is told nothing', async () => {
  const p = await partnerWithLocation();
  const accepted = await received(p, 11 * DAY + 60_000);
  const declined = await received(p, 13 * DAY + 60_000);
  const answeredLate = await received(p, 14 * DAY + 60_000);
  await act(api, p.tokens['sales-agent'], accepted.id, 'accept', acceptBody());
  await act(api, p.tokens['sales-agent'], declined.id, 'decline', declineBody);
  // The partner's answer can come after the expiration time, as long as the cleanup has not closed it yet.
  await act(api, p.tokens['sales-agent'], answeredLate.id, 'accept', acceptBody());
  await cleanupAndMail();
  await cleanupAndMail();
  expect(await api.mailbox({ to: p.contact.email })).toEqual([]);
  expect(await api.mailbox({ to: p.primary.email })).toEqual([]);
  for (const r of [accepted, declined, answeredLate]) {
    expect(await api.mailbox({ to: r.requester })).toEqual([]);
    expect((await readStored(p.partnerId, r.id))!.expiryWarnings).toBeUndefined();
  }
});

test('an expired directory request tells the requester, once, to choose another partner in the same country; a provider referral tells nobody', async () => {
  const p = await partnerWithLocation();
  const direct = await received(p, 14 * DAY + 60_000);
  const provider = await received(p, 14 * DAY + 60_000, null);
  await cleanupAndMail();
  await cleanupAndMail();
  for (const r of [direct, provider]) expect((await readStored(p.partnerId, r.id))!.substatus).toBe('expired');

  const notes = await api.mailbox({ to: direct.requester });
  expect(notes).toHaveLength(1);
  const [note] = notes;
  expect(note!.subject).toBe(`${p.companyName} did not answer your request`);
  const link = `${config().publicBaseUrl}/directory?country=US`;
  expect(hrefs(note!.html)).toEqual([link]);
  for (const body of [note!.text.replace(/\u200B/g, ''), visible(note!.html)]) {
    expect(body).toContain('Hello Lena Requester,');
    expect(body).toContain(`You asked ${p.companyName} for help through the partner directory. They did not answer within 14 days, so your request is closed.`);
    expect(body).toContain('Please choose another partner. The directory lists the partners in United States:');
    // Of the partner, the public name only: no contact, no address.
    expect(body).not.toMatch(/Lee Location|Pat Primary|location-|primary-|Pike Street|Seattle/);
  }
  expect(note!.text).toContain(link);
  // The link leads to the public directory of that country.
  expectStatus(await api.request('GET', new URL(link).pathname + new URL(link).search, { headers: { Accept: 'application/json' } }), 200);

  expect(await api.mailbox({ to: provider.requester })).toEqual([]);
  // Expired at once (no warning is sent for a referral already past its expiry).
  expect(await api.mailbox({ to: p.contact.email })).toEqual([]);
  expect(await api.mailbox({ to: p.primary.email })).toEqual([]);
  const expiries = (await allActivity(api, p.tokens['global-admin'])).filter((a) => a.operation === 'Expire Referral');
  expect(expiries.map((a) => a.changes[0].after.id).sort()).toEqual([direct.id, provider.id].sort());
});
