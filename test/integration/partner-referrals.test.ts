// Referrals between partners (shared/referrals/engagement.ts): an indirect provider refers a customer to a
// reseller that authorized it; one engagement, two copies. The reseller works its copy; the provider's copy
// follows in the same transaction and is read-only to the provider; nobody else sees either. The open
// engagements between the two are counted (countOpenReferralsWith) by the same transactions.
import { clock } from '../../shared/platform/clock';
import { countOpenReferralsWith } from '../../shared/referrals/index';
import { expireDueReferrals } from '../../shared/referrals/expiry';
import { newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { visible } from '../support/mail';
import { allActivity, expectProblem, expectStatus } from './helpers';
import { acceptBody, act, customerProfile, declineBody, lostBody, team, wonBody } from './referral-helpers';

jest.setTimeout(60_000);

type Partner = Awaited<ReturnType<typeof newPartner>>;

let api: TestApi;
let provider: Partner;
let reseller: Partner;
/** A direct-bill partner: neither side, and no provider. */
let outsider: Partner;
const resellerContact = { name: 'Rosa Reseller', email: `${uniqueId('rosa')}@fabrikam-reseller.example` };

beforeAll(async () => {
  api = await startApi();
  [provider, reseller, outsider] = await Promise.all([
    newPartner(api, { partnerType: 'indirectProvider', companyName: 'Tailspin Distribution Ltd' }),
    newPartner(api, { partnerType: 'indirectReseller', markets: ['US'], companyName: 'Fabrikam Reseller LLC', primaryContact: resellerContact }),
    newPartner(api),
  ]);
  await link(reseller, provider);
});
afterAll(() => api.close());
afterEach(() => {
  clock.now = () => new Date();
});

async function link(to: Partner, by: Partner) {
  expectStatus(await api.request('PUT', `/v1/indirect-providers/${by.partnerId}`, { token: to.tokens['global-admin'] }), 200);
}

const referralBody = (overrides: Record<string, unknown> = {}) => ({
  name: uniqueId('Contoso rollout'),
  customerProfile: customerProfile(),
  consent: { consentToContact: true, consentToShareReferralWithPartners: true },
  notes: 'Wants 40 seats before spring',
  ...overrides,
});

const refer = (by: Partner, to: string, body: unknown = referralBody(), headers: Record<string, string> = {}) =>
  api.request('POST', `/v1/indirect-resellers/${to}/referrals`, { token: by.tokens['sales-agent'], body, headers });

const read = (owner: Partner, id: string) => api.request('GET', `/v1/referrals/${id}`, { token: owner.tokens['global-admin'] });

/** The reseller's copy of an engagement, found as the reseller finds it: in its incoming referrals. */
async function copyOf(owner: Partner, engagementId: string, direction = 'incoming') {
  const page = await api.request('GET', `/v1/referrals?direction=${direction}&limit=100`, { token: owner.tokens['global-admin'] });
  expectStatus(page, 200);
  return page.body.items.find((r: { engagementId: string }) => r.engagementId === engagementId);
}

/** A new engagement: the provider's copy and the reseller's. */
async function engagement(body = referralBody()) {
  const created = await refer(provider, reseller.partnerId, body);
  expectStatus(created, 201);
  const received = await copyOf(reseller, created.body.engagementId);
  return { sent: created.body, received };
}

const open = () => countOpenReferralsWith(provider.partnerId, reseller.partnerId);

test('a referral to a linked reseller is two copies with one engagementId, both activity logs, one more open engagement and the mail to the reseller', async () => {
  const openBefore = await open();
  const body = referralBody();
  const created = await refer(provider, reseller.partnerId, body);
  expectStatus(created, 201);
  const sent = created.body;
  expect(created.headers.get('location')).toBe(`/v1/referrals/${sent.id}`);
  expect(sent).toMatchObject({
    name: body.name,
    status: 'new',
    substatus: 'pending',
    direction: 'outgoing',
    qualification: 'salesQualified',
    counterparty: { partnerId: reseller.partnerId, name: 'Fabrikam Reseller LLC' },
    details: { notes: body.notes, customerRequestedContact: false },
    team: [],
  });
  // The provider gave the contacts: its own copy shows them.
  expect(sent.customerProfile.contacts).toEqual(body.customerProfile.contacts);
  expect(sent.counterparty.contact).toBeUndefined();
  expect(Date.parse(sent.expirationDateTime) - Date.parse(sent.createdDateTime)).toBe(14 * 86400_000);

  const received = await copyOf(reseller, sent.engagementId);
  expect(received).toMatchObject({
    name: body.name,
    status: 'new',
    substatus: 'received',
    direction: 'incoming',
    counterparty: { partnerId: provider.partnerId, name: 'Tailspin Distribution Ltd' },
    expirationDateTime: sent.expirationDateTime,
  });
  expect(received.id).not.toBe(sent.id);
  const fromReseller = await read(reseller, received.id);
  expect(fromReseller.body.customerProfile.contacts).toBeUndefined();
  expect(fromReseller.body.counterparty).toEqual({ partnerId: provider.partnerId, name: 'Tailspin Distribution Ltd' });
  expect(await copyOf(provider, sent.engagementId, 'incoming')).toBeUndefined();
  expect(await open()).toBe(openBefore + 1);
  expect(await countOpenReferralsWith(reseller.partnerId, provider.partnerId)).toBe(openBefore + 1);

  const providerLog = (await allActivity(api, provider.tokens['global-admin'])).filter((a) => a.changes[0]?.after?.id === sent.id);
  expect(providerLog.map((a) => a.operation)).toEqual(['Refer Customer to Reseller']);
  const resellerLog = (await allActivity(api, reseller.tokens['global-admin'])).filter((a) => a.changes[0]?.after?.id === received.id);
  expect(resellerLog).toHaveLength(1);
  expect(resellerLog[0]).toMatchObject({ operation: 'Receive Referral', actor: { partnerId: provider.partnerId } });

  await api.mailer.drain();
  const mails = (await api.mailbox({ to: resellerContact.email })).filter((m) => m.text.includes(received.id));
  expect(mails).toHaveLength(1);
  const text = visible(mails[0]!.html);
  expect(text).toContain('Tailspin Distribution Ltd');
  expect(text).toContain('Contoso Lead Ltd');
  expect(mails[0]!.text).not.toContain(body.customerProfile.contacts[0]!.email);
});

test('the same Idempotency-Key answers the stored copy and writes no second engagement; another body under it is refused', async () => {
  const body = referralBody();
  const key = { 'Idempotency-Key': uniqueId('partner-referral') };
  const first = await refer(provider, reseller.partnerId, body, key);
  expectStatus(first, 201);
  const openAfterFirst = await open();
  const again = await refer(provider, reseller.partnerId, body, key);
  expectStatus(again, 201);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(again.body.id).toBe(first.body.id);
  expect(await open()).toBe(openAfterFirst);
  const page = await api.request('GET', '/v1/referrals?direction=incoming&limit=100', { token: reseller.tokens['global-admin'] });
  expect(page.body.items.filter((r: { name?: string }) => r.name === body.name)).toHaveLength(1);
  expectProblem(await refer(provider, reseller.partnerId, referralBody(), key), 422, 'idempotency-key-reused');
});

test('accept: the provider copy becomes active/accepted in the same change and learns the reseller team lead; an update stays the reseller\'s; won closes both', async () => {
  const { sent, received } = await engagement();
  const openBefore = await open();
  const accepted = await act(api, reseller.tokens['admin-agent'], received.id, 'accept', acceptBody({ dealValue: 99000 }));
  expect(accepted.body.customerProfile.contacts).toHaveLength(1);

  const followed = (await read(provider, sent.id)).body;
  expect(followed).toMatchObject({ status: 'active', substatus: 'accepted', acceptedDateTime: accepted.body.acceptedDateTime });
  expect(followed.counterparty).toEqual({ partnerId: reseller.partnerId, name: 'Fabrikam Reseller LLC', contact: team[0] });
  // The reseller's deal stays its own.
  expect(followed.details.dealValue).toBeUndefined();
  expect(followed.expirationDateTime).toBeUndefined();
  const providerLog = (await allActivity(api, provider.tokens['global-admin'])).filter((a) => a.changes[0]?.after?.id === sent.id);
  expect(providerLog.find((a) => a.operation === 'Accept Referral')).toMatchObject({ actor: { partnerId: reseller.partnerId } });
  expect(await open()).toBe(openBefore);

  const etag = (await read(provider, sent.id)).headers.get('etag');
  const resellerEtag = (await read(reseller, received.id)).headers.get('etag')!;
  expectStatus(await api.request('PATCH', `/v1/referrals/${received.id}`, { token: reseller.tokens['global-admin'], body: { dealValue: 5 }, headers: { 'If-Match': resellerEtag } }), 200);
  expect((await read(provider, sent.id)).headers.get('etag')).toBe(etag);

  await act(api, reseller.tokens['sales-agent'], received.id, 'close', wonBody);
  expect((await read(provider, sent.id)).body).toMatchObject({ status: 'closed', substatus: 'won' });
  expect(await open()).toBe(openBefore - 1);
});

test('decline and lost carry their reason code to the provider copy and close the engagement', async () => {
  const declined = await engagement();
  const openBefore = await open();
  await act(api, reseller.tokens['global-admin'], declined.received.id, 'decline', declineBody);
  const sentDeclined = (await read(provider, declined.sent.id)).body;
  expect(sentDeclined).toMatchObject({ status: 'closed', substatus: 'declined', ...declineBody });
  expect(sentDeclined.counterparty.contact).toBeUndefined();
  expect(await open()).toBe(openBefore - 1);

  const lost = await engagement();
  await act(api, reseller.tokens['global-admin'], lost.received.id, 'accept', acceptBody());
  await act(api, reseller.tokens['global-admin'], lost.received.id, 'close', lostBody);
  expect((await read(provider, lost.sent.id)).body).toMatchObject({ status: 'closed', substatus: 'lost', reasonCode: lostBody.reasonCode });
  expect(await open()).toBe(openBefore - 1);
});

test('the provider only reads its copy (409 naming no possible transition) and cannot reach the reseller copy; a third partner sees and touches neither', async () => {
  const { sent, received } = await engagement();
  const token = provider.tokens['global-admin'];
  const asked = [
    api.request('POST', `/v1/referrals/${sent.id}/accept`, { token, body: acceptBody() }),
    api.request('POST', `/v1/referrals/${sent.id}/decline`, { token, body: declineBody }),
  ];
  for (const response of await Promise.all(asked)) {
    expectProblem(response, 409, 'referral-transition-not-allowed');
    expect(response.body).toMatchObject({ currentStatus: 'new', currentSubstatus: 'pending', allowedTransitions: [] });
  }
  await act(api, reseller.tokens['global-admin'], received.id, 'accept', acceptBody());
  const etag = (await read(provider, sent.id)).headers.get('etag')!;
  const later = [
    api.request('POST', `/v1/referrals/${sent.id}/close`, { token, body: wonBody }),
    api.request('PATCH', `/v1/referrals/${sent.id}`, { token, body: { notes: 'mine now' }, headers: { 'If-Match': etag } }),
  ];
  for (const response of await Promise.all(later)) {
    expectProblem(response, 409, 'referral-transition-not-allowed');
    expect(response.body.allowedTransitions).toEqual([]);
  }
  expect((await read(provider, sent.id)).headers.get('etag')).toBe(etag);

  for (const id of [received.id]) {
    expectProblem(await read(provider, id), 404);
    expectProblem(await api.request('POST', `/v1/referrals/${id}/close`, { token, body: wonBody }), 404);
  }
  for (const id of [sent.id, received.id]) {
    expectProblem(await read(outsider, id), 404);
    expectProblem(await api.request('POST', `/v1/referrals/${id}/close`, { token: outsider.tokens['global-admin'], body: lostBody }), 404);
  }
  expect(await copyOf(outsider, sent.engagementId)).toBeUndefined();
  expect(await copyOf(outsider, sent.engagementId, 'outgoing')).toBeUndefined();
  expect((await read(reseller, received.id)).body.substatus).toBe('accepted');
});

test('refused with nothing written: not a provider, a provider the reseller never linked, an unknown reseller, and a link that ended (its referrals stay)', async () => {
  const unlinked = await newPartner(api, { partnerType: 'indirectProvider' });
  const linkedThenEnded = await newPartner(api, { partnerType: 'indirectProvider' });
  await link(reseller, linkedThenEnded);
  const kept = await refer(linkedThenEnded, reseller.partnerId);
  expectStatus(kept, 201);
  expectStatus(await api.request('DELETE', `/v1/indirect-providers/${linkedThenEnded.partnerId}`, { token: reseller.tokens['global-admin'], body: { reason: 'other' } }), 204);

  const body = referralBody();
  expectProblem(await refer(outsider, reseller.partnerId, body), 403, 'indirect-provider-only');
  expectProblem(await refer(reseller, reseller.partnerId, body), 403, 'indirect-provider-only');
  expectProblem(await refer(unlinked, reseller.partnerId, body), 403, 'reseller-not-linked');
  expectProblem(await refer(unlinked, uniqueId('partner'), body), 403, 'reseller-not-linked');
  expectProblem(await refer(linkedThenEnded, reseller.partnerId, body), 403, 'reseller-not-linked');
  expectProblem(await api.request('POST', `/v1/indirect-resellers/${reseller.partnerId}/referrals`, { token: provider.tokens['helpdesk-agent'], body }), 403, 'forbidden');

  const names = async (owner: Partner, direction: string) =>
    (await api.request('GET', `/v1/referrals?direction=${direction}&limit=100`, { token: owner.tokens['global-admin'] })).body.items.map((r: { name?: string }) => r.name);
  expect(await names(reseller, 'incoming')).not.toContain(body.name);
  for (const who of [outsider, unlinked, linkedThenEnded]) expect(await names(who, 'outgoing')).not.toContain(body.name);
  expect(await countOpenReferralsWith(unlinked.partnerId, reseller.partnerId)).toBe(0);
  // The ended link left the referral made while it lasted as it was.
  expect((await read(linkedThenEnded, kept.body.id)).body).toMatchObject({ status: 'new', substatus: 'pending' });
  expect(await countOpenReferralsWith(linkedThenEnded.partnerId, reseller.partnerId)).toBe(1);
});

test('the expiry of the reseller copy closes both copies as expired, with the provider\'s activity record, and the engagement no longer counts as open', async () => {
  clock.now = () => new Date(Date.now() - 14 * 86400_000 - 60_000);
  const { sent, received } = await engagement();
  clock.now = () => new Date();
  const openBefore = await open();

  await expireDueReferrals();

  expect((await read(reseller, received.id)).body).toMatchObject({ status: 'closed', substatus: 'expired' });
  expect((await read(provider, sent.id)).body).toMatchObject({ status: 'closed', substatus: 'expired' });
  const providerLog = (await allActivity(api, provider.tokens['global-admin'])).filter((a) => a.changes[0]?.after?.id === sent.id);
  expect(providerLog.map((a) => a.operation)).toContain('Expire Referral');
  expect(await open()).toBe(openBefore - 1);
});
