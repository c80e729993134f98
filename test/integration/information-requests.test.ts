// The directory's request-for-information form over HTTP, on DynamoDB Local and the local SES: the form on a
// location page, the pending request and its confirmation mail, the confirmation page (opening the link
// confirms nothing), the referral and the lead mail, and every protection (honeypot, fill time, CSRF, Origin,
// one submission per page view, limits per client network and per partner, one-time expiring link), each
// refusal leaving nothing in the table or the mailbox. Each client sends from its own loopback address.
process.env.MAX_INFORMATION_REQUESTS_PER_CLIENT_PER_DAY = '2';
process.env.MAX_INFORMATION_REQUESTS_PER_PARTNER_PER_DAY = '3';

import { randomInt } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { clock, utcDay } from '../../shared/platform/clock';
import { db, tableName } from '../../shared/platform/dynamo/client';
import { informationRequestKeys } from '../../shared/information-requests/entity';
import { newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { visible } from '../support/mail';
import { acceptBody } from './referral-helpers';
import { businessProfileBody, expectStatus, newDomain, putBusinessProfile } from './helpers';

jest.setTimeout(60_000);

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());
afterEach(() => {
  clock.now = () => new Date();
});

const { openPage, postForm, linkFromMail, accept } = publicPages(() => api);

/** A loopback address no other test uses, standing for one client network. */
const client = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

/** Moves the clock on, as a person filling the form in would. */
const later = (seconds: number) => {
  const at = Date.now() + seconds * 1000;
  clock.now = () => new Date(at);
};

async function listedLocation(word = `zq${randomInt(1e9)}`) {
  const partner = await newPartner(api, { companyName: `Northwind Cloud ${uniqueId('p')} Ltd` });
  const contact = `${uniqueId('leads')}@northwind-partner.example`;
  const { profile } = await putBusinessProfile(
    api,
    partner.tokens['global-admin'],
    'US',
    businessProfileBody('US', {
      solutions: [`${word} rollout`],
      locations: [{ address: { country: 'US', city: 'Austin', addressLine1: '1 Main Street', postalCode: '78701' }, contact: { name: 'Lee Leads', email: contact } }],
    }),
  );
  expectStatus(await api.request('POST', '/v1/business-profiles/US/publish', { token: partner.tokens['global-admin'] }), 200);
  const path = `/directory/${partner.partnerId}/${profile.locations[0].id}`;
  return { ...partner, path, contact, word };
}

const requester = () => ({
  firstName: 'Rita',
  lastName: 'Requester',
  companyName: 'Woodgrove Clinics Ltd',
  email: `${uniqueId('rita')}@woodgrove-clinics.example`,
  phone: '+1 512 555 0142',
  country: 'US',
  size: '10to50employees',
  need: 'We want to move 40 mailboxes and our file server to the cloud.',
  contactMe: 'yes',
});

/** One page view and one post of its form, as a browser on `from` would, after `fill` seconds. */
async function submit(path: string, options: { from?: string; fields?: Record<string, string>; fill?: number } = {}) {
  clock.now = () => new Date();
  const page = await openPage(path);
  expect(page.response.status).toBe(200);
  later(options.fill ?? 10);
  const fields = options.fields ?? requester();
  return { page, fields, response: await postForm(path, { csrf: page.csrf!, ...fields }, page.cookie, options.from ?? client()) };
}

const referralsOf = async (token: string) => (await api.request('GET', '/v1/referrals?limit=100', { token })).body.items as any[];
const partnerCounter = async (partnerId: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: informationRequestKeys.partnerDayCounter(partnerId, utcDay(new Date())), ConsistentRead: true }))).Item;
const mailTo = async (to: string) => {
  await api.mailer.drain();
  return api.mailbox({ to });
};

/** Nothing of a refused post: no counter, no mail, no referral. */
async function nothingWritten(partner: Awaited<ReturnType<typeof listedLocation>>, email: string) {
  expect(await partnerCounter(partner.partnerId)).toBeUndefined();
  expect(await mailTo(email)).toEqual([]);
  expect(await referralsOf(partner.tokens['global-admin'])).toEqual([]);
}

test('the location page carries the form with its cookie; a post stores a pending request and mails only the requester', async () => {
  const partner = await listedLocation();
  const page = await openPage(partner.path);
  expect(page.response.headers.get('set-cookie')).toMatch(/^csrf-[A-Za-z0-9_-]{16}=/);
  for (const name of ['firstName', 'lastName', 'companyName', 'email', 'phone', 'country', 'size', 'need', 'contactMe', 'website']) expect(page.html).toContain(`name="${name}"`);
  expect(page.html).toContain(`action="${partner.path}"`);

  const { fields, response } = await submit(partner.path);
  expect(response.status).toBe(200);
  expect(visible(response.html)).toContain('Check your email');
  expect((await partnerCounter(partner.partnerId))?.count).toBe(1);
  const mails = await mailTo(fields.email);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.subject).toContain('Confirm your request to Northwind Cloud');
  // Nothing reaches the partner yet.
  expect(await referralsOf(partner.tokens['global-admin'])).toEqual([]);
  expect(await mailTo(partner.contact)).toEqual([]);
});

test('the link opens a page with a button (GET confirms nothing); POST confirms once: the referral and the lead mail, without the requester', async () => {
  const partner = await listedLocation();
  const { fields } = await submit(partner.path);
  const { path } = await linkFromMail(fields.email);
  expect(path).toMatch(/^\/information-requests\/[A-Za-z0-9_-]{43}$/);

  const confirm = await openPage(path);
  expect(confirm.response.status).toBe(200);
  expect(visible(confirm.html)).toContain('Confirm and send my request');
  expect((await openPage(path)).response.status).toBe(200);
  expect(await referralsOf(partner.tokens['global-admin'])).toEqual([]);

  const confirmed = await postForm(path, { csrf: confirm.csrf! }, confirm.cookie);
  expect(confirmed.status).toBe(200);
  expect(visible(confirmed.html)).toContain('Your request has been sent');

  const [referral, ...others] = await referralsOf(partner.tokens['global-admin']);
  expect(others).toEqual([]);
  expect(referral).toMatchObject({
    status: 'new',
    substatus: 'received',
    direction: 'incoming',
    qualification: 'direct',
    customerProfile: { name: 'Woodgrove Clinics Ltd', address: { country: 'US' }, size: '10to50employees' },
    consent: { consentToContact: true, consentToShareReferralWithPartners: false },
    details: { customerRequestedContact: true, notes: fields.need },
    target: { country: 'US', locationId: partner.path.split('/').pop() },
  });
  expect(referral.customerProfile.contacts).toBeUndefined();

  const [lead, ...more] = await mailTo(partner.contact);
  expect(more).toEqual([]);
  const text = `${lead!.subject} ${lead!.text} ${visible(lead!.html)}`;
  expect(text).toContain(referral.id);
  expect(text).toContain('10 to 50 employees');
  for (const secret of [fields.email, fields.firstName, fields.lastName, fields.phone, fields.need, fields.companyName]) expect(text).not.toContain(secret);

  // The link is spent: another confirm, or opening it again, is 410, and nothing more is written.
  expect((await postForm(path, { csrf: confirm.csrf! }, confirm.cookie)).status).toBe(410);
  const again = await openPage(path);
  expect(again.response.status).toBe(410);
  expect(visible(again.html)).toContain('This confirmation link can’t be used');
  expect(await referralsOf(partner.tokens['global-admin'])).toHaveLength(1);
  expect(await mailTo(partner.contact)).toHaveLength(1);
});

test('a link past its time is 410 and confirms nothing; a made-up one is 404 with the same page', async () => {
  const partner = await listedLocation();
  const { fields } = await submit(partner.path);
  const { path } = await linkFromMail(fields.email);
  later(49 * 3600);
  expect((await openPage(path)).response.status).toBe(410);
  clock.now = () => new Date();
  const page = await openPage(path);
  later(49 * 3600);
  expect((await postForm(path, { csrf: page.csrf! }, page.cookie)).status).toBe(410);
  expect(await referralsOf(partner.tokens['global-admin'])).toEqual([]);
  const unknown = await openPage(`/information-requests/${'A'.repeat(43)}`);
  expect(unknown.response.status).toBe(404);
  expect(visible(unknown.html)).toContain('This confirmation link can’t be used');
});

test('invalid fields: the location page again with the errors and what was entered (400), nothing written', async () => {
  const partner = await listedLocation();
  const fields = { ...requester(), email: 'not-an-address', size: 'huge' };
  const { response } = await submit(partner.path, { fields });
  expect(response.status).toBe(400);
  expect(response.headers['set-cookie']).toBeDefined();
  expect(response.html).toContain('There is a problem');
  expect(response.html).toContain('href="#f-email"');
  expect(response.html).toContain('value="Woodgrove Clinics Ltd"');
  await nothingWritten(partner, fields.email);
});

test('a filled honeypot looks sent, but nothing is stored or mailed', async () => {
  const partner = await listedLocation();
  const fields = { ...requester(), website: 'https://spam.example' };
  const { response } = await submit(partner.path, { fields });
  expect(response.status).toBe(200);
  await nothingWritten(partner, fields.email);
});

test('a form sent sooner than a person fills it in: the page again (422), nothing written', async () => {
  const partner = await listedLocation();
  const { fields, response } = await submit(partner.path, { fill: 0 });
  expect(response.status).toBe(422);
  expect(response.headers['set-cookie']).toBeDefined();
  expect(visible(response.html)).toContain('The form was sent very quickly');
  await nothingWritten(partner, fields.email);
});

test('CSRF: without the cookie, with another page’s value, or from another origin is 403, nothing written', async () => {
  const partner = await listedLocation();
  const other = await listedLocation();
  const page = await openPage(partner.path);
  const otherPage = await openPage(other.path);
  later(10);
  const fields = requester();
  expect((await postForm(partner.path, { csrf: page.csrf!, ...fields })).status).toBe(403);
  expect((await postForm(partner.path, { csrf: otherPage.csrf!, ...fields }, page.cookie)).status).toBe(403);
  expect((await postForm(partner.path, { csrf: page.csrf!.replace(/^\d+/, (t) => String(Number(t) - 1)), ...fields }, page.cookie)).status).toBe(403);
  const crossSite = await fetch(api.url + partner.path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.cookie!, origin: 'https://evil.example' },
    body: new URLSearchParams({ csrf: page.csrf!, ...fields }).toString(),
  });
  expect(crossSite.status).toBe(403);
  await nothingWritten(partner, fields.email);
});

test('each page view serves one request: the same form posted again is 403 and adds nothing', async () => {
  const partner = await listedLocation();
  const { page, response } = await submit(partner.path);
  expect(response.status).toBe(200);
  const second = { ...requester() };
  expect((await postForm(partner.path, { csrf: page.csrf!, ...second }, page.cookie, client())).status).toBe(403);
  expect((await partnerCounter(partner.partnerId))?.count).toBe(1);
  expect(await mailTo(second.email)).toEqual([]);
});

test('one client network gets a few requests a day, then 429 with Retry-After; another network still can', async () => {
  const partner = await listedLocation();
  const other = await listedLocation();
  const from = client();
  expect((await submit(partner.path, { from })).response.status).toBe(200);
  expect((await submit(other.path, { from })).response.status).toBe(200);
  const limited = await submit(partner.path, { from });
  expect(limited.response.status).toBe(429);
  expect(Number(limited.response.headers['retry-after'])).toBeGreaterThan(0);
  expect(await mailTo(limited.fields.email)).toEqual([]);
  expect((await partnerCounter(partner.partnerId))?.count).toBe(1);
  expect((await submit(partner.path, { from: client() })).response.status).toBe(200);
});

test('one partner takes a bounded number of requests a day, whatever the networks', async () => {
  const partner = await listedLocation();
  for (let i = 0; i < 3; i++) expect((await submit(partner.path)).response.status).toBe(200);
  const limited = await submit(partner.path);
  expect(limited.response.status).toBe(429);
  expect(Number(limited.response.headers['retry-after'])).toBeGreaterThan(0);
  expect(await mailTo(limited.fields.email)).toEqual([]);
  expect((await partnerCounter(partner.partnerId))?.count).toBe(3);
});

test('an unknown or unpublished location is 404, for the page and the post', async () => {
  const partner = await listedLocation();
  const page = await openPage(partner.path);
  expectStatus(await api.request('POST', '/v1/business-profiles/US/unpublish', { token: partner.tokens['global-admin'] }), 200);
  later(10);
  expect((await postForm(partner.path, { csrf: page.csrf!, ...requester() }, page.cookie)).status).toBe(404);
  expect((await openPage(partner.path)).response.status).toBe(404);
  expect((await postForm(`/directory/${partner.partnerId}/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, { csrf: page.csrf!, ...requester() }, page.cookie)).status).toBe(404);
});

test('the whole path: search → request → confirmation mail → confirm → referral → accept → won → invitation → accepted customer', async () => {
  const partner = await listedLocation();
  const admin = partner.tokens['global-admin'];
  const found = await api.request('GET', `/directory?q=${partner.word}`, { headers: { Accept: 'application/json' } });
  expectStatus(found, 200);
  const [listing] = found.body.items;
  expect(listing.partnerId).toBe(partner.partnerId);
  const locationPath = listing.locations[0].path as string;

  const { fields, response } = await submit(locationPath);
  expect(response.status).toBe(200);
  const { path } = await linkFromMail(fields.email);
  const confirm = await openPage(path);
  expect((await postForm(path, { csrf: confirm.csrf! }, confirm.cookie)).status).toBe(200);

  const listed = await api.request('GET', '/v1/referrals?status=new&substatus=received', { token: admin });
  expectStatus(listed, 200);
  const [referral] = listed.body.items;
  expect(referral).toMatchObject({ status: 'new', substatus: 'received', qualification: 'direct', direction: 'incoming' });
  expect(await mailTo(partner.contact)).toHaveLength(1);

  expectStatus(await api.request('POST', `/v1/referrals/${referral.id}/accept`, { token: admin, body: acceptBody() }), 200);
  const accepted = await api.request('GET', `/v1/referrals/${referral.id}`, { token: admin });
  expect(accepted.body.customerProfile.contacts).toEqual([{ firstName: 'Rita', lastName: 'Requester', email: fields.email, phoneNumber: fields.phone }]);
  expectStatus(await api.request('POST', `/v1/referrals/${referral.id}/close`, { token: admin, body: { outcome: 'won' } }), 200);
  const invited = await api.request('POST', `/v1/referrals/${referral.id}/invitation`, { token: admin, body: {} });
  expectStatus(invited, 201);
  expect(invited.body).toMatchObject({ email: fields.email, companyName: 'Woodgrove Clinics Ltd' });

  const invitation = await linkFromMail(fields.email);
  expect(invitation.path).toMatch(/^\/invitations\//);
  expect((await accept(invitation.path, { domain: newDomain('rfi'), companyName: 'Woodgrove Clinics Ltd' })).status).toBe(200);
  const answered = await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: admin });
  expect(answered.body.state).toBe('accepted');
  const customer = await api.request('GET', `/v1/customers/${answered.body.customerId}`, { token: admin });
  expectStatus(customer, 200);
  expect(customer.body).toMatchObject({ state: 'active', companyProfile: { companyName: 'Woodgrove Clinics Ltd' } });
});
