// Referrals over HTTP: a partner's own referral (Idempotency-Key), incoming ones through receiveReferral,
// every legal and every illegal transition, If-Match on updates, contacts hidden and revealed (with their
// activity records), list filters and pages, isolation between partners, and a won referral's customer
// invited through the invitation flow, down to the mail in the local SES.
import { randomUUID } from 'node:crypto';
import { clock } from '../../shared/platform/clock';
import { insertReferral, getReferral as readStored } from '../../shared/referrals/store';
import { expireDueReferrals } from '../../shared/referrals/expiry';
import { activityItem } from '../../shared/activity/store';
import type { ReferralRecord } from '../../shared/referrals/entity';
import { countDynamoDbCalls, newPartner, startApi, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { allActivity, expectProblem, expectStatus, leakedStorageAttributes, newDomain } from './helpers';
import { acceptBody, act, contactEmail, createBody, customerProfile, declineBody, incomingReferral, lostBody, wonBody } from './referral-helpers';

jest.setTimeout(60_000);

type Partner = Awaited<ReturnType<typeof newPartner>>;
let api: TestApi;
let partner: Partner;
let other: Partner;

beforeAll(async () => {
  api = await startApi();
  [partner, other] = await Promise.all([newPartner(api), newPartner(api)]);
});
afterAll(() => api.close());
afterEach(() => {
  clock.now = () => new Date();
});

const admin = () => partner.tokens['global-admin'];
const get = (id: string, token = admin()) => api.request('GET', `/v1/referrals/${id}`, { token });
const { linkFromMail, accept } = publicPages(() => api);

/** A referral of `partner` in the given state, made through the API from an incoming one. */
async function referralIn(state: 'received' | 'accepted' | 'declined' | 'won' | 'lost' | 'expired' | 'pending', owner = partner): Promise<string> {
  if (state === 'pending') return pendingReferral(owner.partnerId);
  if (state === 'expired') return expiredReferral(owner.partnerId);
  const { id } = await incomingReferral(owner.partnerId);
  const token = owner.tokens['global-admin'];
  if (state === 'received') return id;
  if (state === 'declined') {
    await act(api, token, id, 'decline', declineBody);
    return id;
  }
  await act(api, token, id, 'accept', acceptBody());
  if (state === 'won') await act(api, token, id, 'close', wonBody);
  if (state === 'lost') await act(api, token, id, 'close', lostBody);
  return id;
}

/** The sender's copy of a partner-to-partner referral (made by the indirect channel, issue 10): stored directly. */
async function pendingReferral(partnerId: string): Promise<string> {
  const at = new Date().toISOString();
  const record: ReferralRecord = {
    id: randomUUID(), partnerId, engagementId: randomUUID(), status: 'new', substatus: 'pending', direction: 'outgoing', qualification: 'salesQualified',
    customerProfile: customerProfile(), consent: { consentToContact: true, consentToShareReferralWithPartners: true }, details: { customerRequestedContact: false },
    team: [], createdDateTime: at, updatedDateTime: at, expirationDateTime: new Date(Date.now() + 14 * 86400_000).toISOString(), revealedTo: {}, version: 1,
  };
  const actor = { partnerId, userId: 'system:test', roles: [] };
  expect((await insertReferral(record, activityItem(actor, 'Send Referral', at, []))).outcome).toBe('created');
  return record.id;
}

/** A referral that arrived 15 days ago (injected clock) and was expired by the scheduled cleanup. */
async function expiredReferral(partnerId: string): Promise<string> {
  clock.now = () => new Date(Date.now() - 15 * 86400_000);
  const { id } = await incomingReferral(partnerId);
  clock.now = () => new Date();
  await expireDueReferrals();
  expect((await readStored(partnerId, id))?.substatus).toBe('expired');
  return id;
}

describe("the partner's own referral", () => {
  test('POST creates it active/accepted, outgoing, with Location and ETag; contacts shown', async () => {
    const body = createBody();
    const response = await api.request('POST', '/v1/referrals', { token: partner.tokens['sales-agent'], body });
    expectStatus(response, 201);
    const referral = response.body;
    expect(referral).toMatchObject({ status: 'active', substatus: 'accepted', direction: 'outgoing', qualification: 'salesQualified', name: body.name });
    expect(referral.acceptedDateTime).toBe(referral.createdDateTime);
    expect(referral.expirationDateTime).toBeUndefined();
    expect(referral.customerProfile.contacts).toEqual(body.customerProfile.contacts);
    expect(referral.details).toMatchObject({ dealValue: 12000, currency: 'USD', customerRequestedContact: false });
    expect(response.headers.get('location')).toBe(`/v1/referrals/${referral.id}`);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(leakedStorageAttributes(referral)).toEqual([]);
    const activity = await allActivity(api, admin());
    expect(activity.find((a) => a.operation === 'Create Referral' && a.changes[0].after.id === referral.id)).toBeDefined();
  });

  test('Idempotency-Key: the same body gives the first answer again; another body is 422', async () => {
    const body = createBody();
    const headers = { 'Idempotency-Key': `ref-${randomUUID()}` };
    const first = await api.request('POST', '/v1/referrals', { token: admin(), body, headers });
    expectStatus(first, 201);
    const again = await api.request('POST', '/v1/referrals', { token: admin(), body, headers });
    expectStatus(again, 201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const list = await api.request('GET', '/v1/referrals?direction=outgoing&limit=100', { token: admin() });
    expect(list.body.items.filter((r: { id: string }) => r.id === first.body.id)).toHaveLength(1);
    expectProblem(await api.request('POST', '/v1/referrals', { token: admin(), body: createBody({ name: 'Another deal' }), headers }), 422, 'idempotency-key-reused');
  });

  test('invalid bodies are 400 naming the field: currency, reason, customer size, unknown fields', async () => {
    for (const body of [createBody({ currency: 'XYZ' }), createBody({ team: [] }), createBody({ customerProfile: { ...customerProfile(), size: 'huge' } }), createBody({ status: 'closed' })]) {
      const response = await api.request('POST', '/v1/referrals', { token: admin(), body });
      expectProblem(response, 400, 'validation');
    }
  });
});

describe('an incoming referral', () => {
  test('arrives new/received, expires 14 days after arrival, and hides the contacts', async () => {
    const before = Date.now();
    const { id } = await incomingReferral(partner.partnerId);
    const response = await get(id);
    expectStatus(response, 200);
    expect(response.body).toMatchObject({ status: 'new', substatus: 'received', direction: 'incoming', qualification: 'direct' });
    expect(response.body.customerProfile.contacts).toBeUndefined();
    expect(response.body.customerProfile.name).toBe('Contoso Lead Ltd');
    const expiresIn = Date.parse(response.body.expirationDateTime) - Date.parse(response.body.createdDateTime);
    expect(expiresIn).toBe(14 * 86400_000);
    expect(Date.parse(response.body.createdDateTime)).toBeGreaterThanOrEqual(before - 1000);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(leakedStorageAttributes(response.body)).toEqual([]);
  });

  test('accept: active/accepted, deal fields set, contacts shown, response time stored, one activity record', async () => {
    clock.now = () => new Date(Date.now() - 3 * 3600_000);
    const { id } = await incomingReferral(partner.partnerId);
    clock.now = () => new Date();
    const response = await act(api, partner.tokens['sales-agent'], id, 'accept', acceptBody({ notes: 'Call Lena first', externalReferenceId: 'CRM-42', campaignId: 'fy27-q1' }));
    expect(response.body).toMatchObject({ status: 'active', substatus: 'accepted', name: 'Contoso mailbox move', externalReferenceId: 'CRM-42', campaignId: 'fy27-q1' });
    expect(response.body.details).toMatchObject({ dealValue: 12000, currency: 'USD', closingDateTime: '2027-03-01T00:00:00Z', notes: 'Call Lena first', customerRequestedContact: true });
    expect(response.body.customerProfile.contacts[0].firstName).toBe('Lena');
    expect(response.body.acceptedDateTime).toBeDefined();
    expect(response.body.expirationDateTime).toBeUndefined();
    expect(response.headers.get('etag')).toBe('"v2"');
    const stored = await readStored(partner.partnerId, id);
    expect(stored!.responseTimeHours).toBeGreaterThanOrEqual(2.99);
    expect(stored!.responseTimeHours).toBeLessThan(3.1);
    const records = (await allActivity(api, admin())).filter((a) => a.changes[0]?.after?.id === id);
    expect(records.map((r) => r.operation)).toEqual(['Accept Referral', 'Receive Referral']);
    // The log never shows the contacts, which were hidden when the referral arrived.
    expect(JSON.stringify(records)).not.toContain('contoso-lead.example');
    expect(records[0].changes).toEqual(expect.arrayContaining([{ field: 'status', before: 'new', after: 'active' }, { field: 'substatus', before: 'received', after: 'accepted' }]));
  });

  test('decline: closed/declined with its reason, contacts hidden, response time stored', async () => {
    const id = await referralIn('received');
    const response = await act(api, admin(), id, 'decline', declineBody);
    expect(response.body).toMatchObject({ status: 'closed', substatus: 'declined', reasonCode: 'timelineTooShort', statusReason: 'Needs it next week' });
    expect(response.body.customerProfile.contacts).toBeUndefined();
    expect((await readStored(partner.partnerId, id))!.responseTimeHours).toBeGreaterThanOrEqual(0);
    expectProblem(await api.request('POST', `/v1/referrals/${await referralIn('received')}/decline`, { token: admin(), body: {} }), 400, 'validation');
    expectProblem(await api.request('POST', `/v1/referrals/${await referralIn('received')}/decline`, { token: admin(), body: { reasonCode: 'tooExpensive' } }), 400, 'validation');
  });

  test('close won and lost; lost needs a reason code; contacts stay shown', async () => {
    const won = await act(api, admin(), await referralIn('accepted'), 'close', wonBody);
    expect(won.body).toMatchObject({ status: 'closed', substatus: 'won' });
    expect(won.body.customerProfile.contacts).toHaveLength(1);
    const lost = await act(api, admin(), await referralIn('accepted'), 'close', { ...lostBody, statusReason: 'Went elsewhere' });
    expect(lost.body).toMatchObject({ status: 'closed', substatus: 'lost', reasonCode: 'customerChoseAnotherVendor', statusReason: 'Went elsewhere' });
    const noReason = await api.request('POST', `/v1/referrals/${await referralIn('accepted')}/close`, { token: admin(), body: { outcome: 'lost' } });
    expectProblem(noReason, 400, 'validation');
    expect(noReason.body.errors).toEqual([{ path: 'body.reasonCode', message: 'is required when the referral is lost' }]);
  });
});

describe('every illegal transition is a 409 naming the state and what it allows, and changes nothing', () => {
  const attempts = {
    accept: { method: 'POST', suffix: '/accept', body: acceptBody() },
    decline: { method: 'POST', suffix: '/decline', body: declineBody },
    close: { method: 'POST', suffix: '/close', body: wonBody },
    update: { method: 'PATCH', suffix: '', body: { notes: 'late note' } },
  } as const;
  const allowed: Record<string, string[]> = {
    pending: [], received: ['accept', 'decline'], accepted: ['update', 'close'], won: [], lost: [], declined: [], expired: [],
  };
  const cases = Object.entries(allowed).flatMap(([state, ok]) =>
    Object.keys(attempts).filter((a) => !ok.includes(a)).map((attempt) => [state, attempt] as const),
  );

  test.each(cases)('%s: %s', async (state, attempt) => {
    const id = await referralIn(state as Parameters<typeof referralIn>[0]);
    const before = await get(id);
    const { method, suffix, body } = attempts[attempt as keyof typeof attempts];
    const response = await api.request(method, `/v1/referrals/${id}${suffix}`, { token: admin(), body, headers: { 'If-Match': before.headers.get('etag')! } });
    expectProblem(response, 409, 'referral-transition-not-allowed');
    expect(response.body).toMatchObject({ currentStatus: before.body.status, currentSubstatus: state, allowedTransitions: allowed[state] });
    const after = await get(id);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(after.body).toEqual(before.body);
  });
});

describe('PATCH of an active referral', () => {
  test('needs If-Match (428), refuses a stale one (412), and changes only the editable fields', async () => {
    const id = await referralIn('accepted');
    const current = await get(id);
    expectProblem(await api.request('PATCH', `/v1/referrals/${id}`, { token: admin(), body: { notes: 'x' } }), 428, 'precondition-required');
    expectProblem(await api.request('PATCH', `/v1/referrals/${id}`, { token: admin(), body: { notes: 'x' }, headers: { 'If-Match': '"v1"' } }), 412, 'precondition-failed');
    const patch = { name: 'Bigger deal', dealValue: 50000, currency: 'EUR', closingDateTime: '2027-06-30T00:00:00Z', notes: 'Scope grew', externalReferenceId: 'CRM-9', campaignId: 'c-2', solutions: ['Mailbox migration'] };
    const updated = await api.request('PATCH', `/v1/referrals/${id}`, { token: partner.tokens['admin-agent'], body: patch, headers: { 'If-Match': current.headers.get('etag')! } });
    expectStatus(updated, 200);
    expect(updated.headers.get('etag')).toBe('"v3"');
    expect(updated.body).toMatchObject({ name: 'Bigger deal', externalReferenceId: 'CRM-9', campaignId: 'c-2', status: 'active', substatus: 'accepted' });
    expect(updated.body.details).toMatchObject({ dealValue: 50000, currency: 'EUR', closingDateTime: '2027-06-30T00:00:00Z', notes: 'Scope grew', requirements: { solutions: ['Mailbox migration'] } });
    // null clears an optional field; the old ETag no longer matches.
    expectProblem(await api.request('PATCH', `/v1/referrals/${id}`, { token: admin(), body: { notes: null }, headers: { 'If-Match': current.headers.get('etag')! } }), 412, 'precondition-failed');
    const cleared = await api.request('PATCH', `/v1/referrals/${id}`, { token: admin(), body: { notes: null, campaignId: null }, headers: { 'If-Match': '"v3"' } });
    expectStatus(cleared, 200);
    expect(cleared.body.details.notes).toBeUndefined();
    expect(cleared.body.campaignId).toBeUndefined();
    expect((await allActivity(api, admin())).filter((a) => a.operation === 'Update Referral' && a.changes[0].after.id === id)).toHaveLength(2);
  });

  test("the customer's name and address, the consent and the target are never editable (400)", async () => {
    const id = await referralIn('accepted');
    const current = await get(id);
    for (const body of [{ customerProfile: { name: 'Other Co' } }, { consent: { consentToContact: false } }, { target: { country: 'US', locationId: 'x' } }, { status: 'closed' }, {}]) {
      expectProblem(await api.request('PATCH', `/v1/referrals/${id}`, { token: admin(), body, headers: { 'If-Match': current.headers.get('etag')! } }), 400, 'validation');
    }
    expect((await get(id)).body).toEqual(current.body);
  });
});

describe("the customer's contacts", () => {
  test('each reveal is an activity record: the first read of a user per UTC day, who saw whose contacts', async () => {
    const id = await referralIn('accepted');
    const reveals = async () => (await allActivity(api, admin())).filter((a) => a.operation === 'Reveal Referral Contact' && a.changes[0].after.id === id);
    const agent = await api.token(partner.partnerId, 'sales-agent', `agent-${randomUUID().slice(0, 6)}`);
    const read = await get(id, agent);
    expect(read.body.customerProfile.contacts[0]).toMatchObject({ firstName: 'Lena', lastName: 'Lead' });
    await get(id, agent);
    let records = await reveals();
    expect(records).toHaveLength(1);
    expect(records[0].actor.partnerId).toBe(partner.partnerId);
    expect(records[0].changes).toEqual([{ field: 'referral', after: { id, contacts: ['Lena Lead'] } }]);
    const colleague = await api.token(partner.partnerId, 'admin-agent', `colleague-${randomUUID().slice(0, 6)}`);
    await get(id, colleague);
    records = await reveals();
    expect(records).toHaveLength(2);
    expect(new Set(records.map((r) => r.actor.userId)).size).toBe(2);
    // Reading does not change the version.
    expect((await get(id)).headers.get('etag')).toBe(read.headers.get('etag'));
  });

  test('hidden before the answer, in every list, once declined, and once expired; no reveal is recorded then', async () => {
    const ids = [await referralIn('received'), await referralIn('declined'), await referralIn('expired')];
    for (const id of ids) expect((await get(id)).body.customerProfile.contacts).toBeUndefined();
    await referralIn('accepted');
    const list = await api.request('GET', '/v1/referrals?limit=100', { token: admin() });
    for (const item of list.body.items) expect(item.customerProfile.contacts).toBeUndefined();
    const reveals = (await allActivity(api, admin())).filter((a) => a.operation === 'Reveal Referral Contact' && ids.includes(a.changes[0].after.id));
    expect(reveals).toEqual([]);
  });
});

describe('the list', () => {
  let owner: Partner;
  const made: Record<string, string> = {};
  beforeAll(async () => {
    owner = await newPartner(api);
    made.received = await referralIn('received', owner);
    made.accepted = await referralIn('accepted', owner);
    made.won = await referralIn('won', owner);
    made.declined = await referralIn('declined', owner);
    made.sales = (await incomingReferral(owner.partnerId, { qualification: 'salesQualified' })).id;
    const own = await api.request('POST', '/v1/referrals', { token: owner.tokens['global-admin'], body: createBody({ qualification: 'marketingQualified' }) });
    made.outgoing = own.body.id;
  });
  const ids = async (query: string) => {
    const response = await api.request('GET', `/v1/referrals?${query}`, { token: owner.tokens['global-admin'] });
    expectStatus(response, 200);
    return response.body.items.map((r: { id: string }) => r.id);
  };

  test('new first, then active, then closed, each newest first', async () => {
    expect(await ids('limit=100')).toEqual([made.sales, made.received, made.outgoing, made.accepted, made.won, made.declined]);
  });

  test('filters by status, substatus, direction and qualification, alone and together', async () => {
    expect(await ids('status=new')).toEqual([made.sales, made.received]);
    expect(await ids('status=closed')).toEqual([made.won, made.declined]);
    expect(await ids('substatus=won')).toEqual([made.won]);
    expect(await ids('status=closed&substatus=declined')).toEqual([made.declined]);
    expect(await ids('direction=outgoing')).toEqual([made.outgoing]);
    expect(await ids('direction=incoming&status=active')).toEqual([made.accepted]);
    expect(await ids('qualification=salesQualified')).toEqual([made.sales]);
    expect(await ids('qualification=marketingQualified&substatus=accepted')).toEqual([made.outgoing]);
    expect(await ids('direction=incoming&qualification=direct&status=new')).toEqual([made.received]);
    expect(await ids('direction=outgoing&qualification=direct')).toEqual([]);
  });

  test('pages with a continuation token bound to the query', async () => {
    const first = await api.request('GET', '/v1/referrals?limit=2', { token: owner.tokens['global-admin'] });
    expect(first.body.items).toHaveLength(2);
    const token = first.body.continuationToken;
    const second = await api.request('GET', `/v1/referrals?limit=2&continuationToken=${encodeURIComponent(token)}`, { token: owner.tokens['global-admin'] });
    expect(second.body.items.map((r: { id: string }) => r.id)).toEqual((await ids('limit=4')).slice(2));
    expectProblem(await api.request('GET', `/v1/referrals?limit=2&status=new&continuationToken=${encodeURIComponent(token)}`, { token: owner.tokens['global-admin'] }), 400, 'invalid-continuation-token');
  });

  test('a substatus of another status, or an unknown parameter, is 400', async () => {
    expectProblem(await api.request('GET', '/v1/referrals?status=new&substatus=won', { token: admin() }), 400, 'validation');
    expectProblem(await api.request('GET', '/v1/referrals?state=new', { token: admin() }), 400, 'validation');
  });
});

describe('partners see only their own referrals', () => {
  test('every id-taking route answers 404 for another partner\'s referral, and nothing changes', async () => {
    const received = await referralIn('received');
    const accepted = await referralIn('accepted');
    const won = await referralIn('won');
    const theirs = other.tokens['global-admin'];
    const calls: [string, string, unknown, Record<string, string>?][] = [
      ['GET', `/v1/referrals/${received}`, undefined],
      ['POST', `/v1/referrals/${received}/accept`, acceptBody()],
      ['POST', `/v1/referrals/${received}/decline`, declineBody],
      ['POST', `/v1/referrals/${accepted}/close`, wonBody],
      ['PATCH', `/v1/referrals/${accepted}`, { notes: 'mine now' }, { 'If-Match': '"v2"' }],
      ['POST', `/v1/referrals/${won}/invitation`, {}],
    ];
    const before = await Promise.all([received, accepted, won].map((id) => get(id)));
    for (const [method, path, body, headers] of calls) expectProblem(await api.request(method, path, { token: theirs, body, headers }), 404, 'not-found');
    const after = await Promise.all([received, accepted, won].map((id) => get(id)));
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
    const list = await api.request('GET', '/v1/referrals?limit=100', { token: theirs });
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toEqual(expect.arrayContaining([received]));
  });
});

describe('the customer of a won referral', () => {
  test('is invited in one step; the mail reaches the contact, the referral names the invitation, and accepting makes the customer', async () => {
    const email = contactEmail();
    const { id } = await incomingReferral(partner.partnerId, { customerProfile: customerProfile(email) });
    await act(api, admin(), id, 'accept', acceptBody());
    await act(api, admin(), id, 'close', wonBody);
    const invite = countDynamoDbCalls();
    const response = await api.request('POST', `/v1/referrals/${id}/invitation`, { token: partner.tokens['sales-agent'], body: {} });
    invite.stop();
    expectStatus(response, 201);
    // The referral is read, the invitation flow reads what it checks, and one transaction writes both.
    expect(invite.calls[0]).toBe('GetItemCommand');
    expect(invite.calls.filter((c) => c === 'TransactWriteItemsCommand')).toEqual(['TransactWriteItemsCommand']);
    expect(invite.calls[invite.calls.length - 1]).toBe('TransactWriteItemsCommand');
    expect(response.body).toMatchObject({ email, companyName: 'Contoso Lead Ltd', state: 'pending', source: 'partner' });
    expect(response.headers.get('location')).toBe(`/v1/invitations/${response.body.id}`);
    const referral = await get(id);
    expect(referral.body.invitationId).toBe(response.body.id);
    expect(referral.headers.get('etag')).toBe('"v4"');
    const { path, mail } = await linkFromMail(email);
    expect(mail.to).toEqual([email]);
    expect((await accept(path, { domain: newDomain('won'), companyName: 'Contoso Lead Ltd' })).status).toBe(200);
    const invitation = await api.request('GET', `/v1/invitations/${response.body.id}`, { token: admin() });
    expect(invitation.body.state).toBe('accepted');
    expectStatus(await api.request('GET', `/v1/customers/${invitation.body.customerId}`, { token: admin() }), 200);
    const operations = (await allActivity(api, admin())).map((a) => a.operation);
    expect(operations).toEqual(expect.arrayContaining(['Invite Referral Customer', 'Invite Customer']));
    // Once only: the referral is read, the invitation flow runs its checks, and nothing is written. The accept's
    // confirmation mail goes out first, so the mailer's own writes are not counted here.
    await api.mailer.drain();
    const counter = countDynamoDbCalls();
    expectProblem(await api.request('POST', `/v1/referrals/${id}/invitation`, { token: admin(), body: {} }), 409, 'state-conflict');
    counter.stop();
    expect(counter.calls).toEqual(['GetItemCommand']);
  });

  test('a referral that is not won is a 409 naming its state; an address that is not a contact is 422; nothing is sent', async () => {
    for (const state of ['received', 'accepted', 'lost'] as const) {
      const id = await referralIn(state);
      const response = await api.request('POST', `/v1/referrals/${id}/invitation`, { token: admin(), body: {} });
      expectProblem(response, 409, 'referral-transition-not-allowed');
      expect(response.body.currentSubstatus).toBe(state);
    }
    const won = await referralIn('won');
    expectProblem(await api.request('POST', `/v1/referrals/${won}/invitation`, { token: admin(), body: { email: 'someone.else@contoso-lead.example' } }), 422, 'business-rule');
    expect((await get(won)).body.invitationId).toBeUndefined();
  });
});
