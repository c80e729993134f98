// Concurrency invariants: parallel requests on one record against the real local stack. Exactly one outcome
// wins, every other request gets a clear problem, and the table holds that one outcome (Query of the
// partner's partitions): one new version, one activity record, one customer.
import { newPartner, customerBody, startApi, uniqueId, type ApiResponse, type TestApi } from '../support/api';
import { deliverOutbox } from '../support/outbox';
import { publicPages } from '../support/pages';
import { changeShape, partnerItems } from '../support/table-state';
import { businessProfileBody, createCustomer, expectProblem, expectStatus, listAllCustomers, newDomain, putBusinessProfile } from '../integration/helpers';
import { acceptBody, act, createBody, incomingReferral } from '../integration/referral-helpers';

jest.setTimeout(60_000);

type Partner = Awaited<ReturnType<typeof newPartner>>;

const PARALLEL = 6;

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ mailer: false });
});
afterAll(() => api.close());

const { openPage, postForm, linkFromMail } = publicPages(() => api);

const statuses = (answers: { status: number }[]) => answers.map((a) => a.status).sort();
const operationsOf = async (partnerId: string) =>
  [...(await partnerItems(partnerId)).values()].filter((item) => String(item.pk).endsWith('#ACTIVITY')).map((item) => String(item.operation)).sort();

/** One 2xx; every other answer a 412 problem. */
function expectOneWinner(answers: ApiResponse[], success: number): void {
  expect(statuses(answers)).toEqual([success, ...Array(answers.length - 1).fill(412)].sort());
  for (const loser of answers.filter((a) => a.status === 412)) expectProblem(loser, 412, 'precondition-failed');
}

describe('one ETag, many writers', () => {
  test('PATCH of a customer: one 200, the rest 412; one new version, one activity record', async () => {
    const partner = await newPartner(api);
    const { customer, etag } = await createCustomer(api, partner.tokens['global-admin']);
    const before = await partnerItems(partner.partnerId);
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        api.request('PATCH', `/v1/customers/${customer.id}`, { token: partner.tokens['admin-agent'], body: { billingProfile: { defaultAddress: { city: `City ${i}` } } }, headers: { 'If-Match': etag } }),
      ),
    );
    expectOneWinner(answers, 200);
    const winner = answers.find((a) => a.status === 200)!;
    const now = await api.request('GET', `/v1/customers/${customer.id}`, { token: partner.tokens['global-admin'] });
    expect(now.body.billingProfile.defaultAddress.city).toBe(winner.body.billingProfile.defaultAddress.city);
    expect(now.headers.get('etag')).toBe(winner.headers.get('etag'));
    expect(changeShape(before, await partnerItems(partner.partnerId), [partner.partnerId]).filter((line) => line.includes('ACTIVITY'))).toEqual([`added PARTNER#P0#ACTIVITY|*#*`]);
  });

  test('PATCH of a referral: one 200, the rest 412', async () => {
    const partner = await newPartner(api);
    const { id } = await incomingReferral(partner.partnerId);
    await act(api, partner.tokens['global-admin'], id, 'accept', acceptBody());
    const etag = (await api.request('GET', `/v1/referrals/${id}`, { token: partner.tokens['global-admin'] })).headers.get('etag')!;
    const operations = await operationsOf(partner.partnerId);
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => api.request('PATCH', `/v1/referrals/${id}`, { token: partner.tokens['sales-agent'], body: { notes: `note ${i}` }, headers: { 'If-Match': etag } })),
    );
    expectOneWinner(answers, 200);
    const now = await api.request('GET', `/v1/referrals/${id}`, { token: partner.tokens['global-admin'] });
    expect(now.body.notes).toBe(answers.find((a) => a.status === 200)!.body.notes);
    expect((await operationsOf(partner.partnerId)).length).toBe(operations.length + 1);
  });

  test('PUT of a business profile: one 200, the rest 412', async () => {
    const partner = await newPartner(api);
    const token = partner.tokens['global-admin'];
    const { etag } = await putBusinessProfile(api, token, 'US', businessProfileBody('US'));
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => api.request('PUT', '/v1/business-profiles/US', { token, body: businessProfileBody('US', { description: `Version ${i}` }), headers: { 'If-Match': etag } })),
    );
    expectOneWinner(answers, 200);
    const now = await api.request('GET', '/v1/business-profiles/US', { token });
    expect(now.body.description).toBe(answers.find((a) => a.status === 200)!.body.description);
  });
});

describe('one Idempotency-Key, many senders', () => {
  test('creating a customer: one create; the others replay it or are told it is in progress; one customer in the table', async () => {
    const partner = await newPartner(api);
    const domain = newDomain('idem');
    const key = uniqueId('key');
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () => api.request('POST', '/v1/customers', { token: partner.tokens['sales-agent'], body: customerBody(domain), headers: { 'Idempotency-Key': key } })),
    );
    const created = answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') !== 'true');
    expect(created).toHaveLength(1);
    for (const other of answers.filter((a) => a !== created[0])) {
      if (other.status === 201) expect(other.body.id).toBe(created[0]!.body.id);
      else expectProblem(other, 409, 'idempotency-in-progress');
    }
    const customers = await listAllCustomers(api, partner.tokens['global-admin']);
    expect(customers.map((c) => c.id)).toEqual([created[0]!.body.id]);
    expect((await operationsOf(partner.partnerId)).filter((o) => o === 'Create Customer')).toHaveLength(1);
  });

  test('creating a referral: one create; the others replay it or are told it is in progress; one referral', async () => {
    const partner = await newPartner(api);
    const key = uniqueId('key');
    const body = createBody({ name: uniqueId('idem referral') });
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => api.request('POST', '/v1/referrals', { token: partner.tokens['sales-agent'], body, headers: { 'Idempotency-Key': key } })));
    const created = answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') !== 'true');
    expect(created).toHaveLength(1);
    for (const other of answers.filter((a) => a !== created[0])) {
      if (other.status === 201) expect(other.body.id).toBe(created[0]!.body.id);
      else expectProblem(other, 409, 'idempotency-in-progress');
    }
    const list = await api.request('GET', '/v1/referrals?direction=outgoing&limit=100', { token: partner.tokens['global-admin'] });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([created[0]!.body.id]);
  });
});

test('the same domain created by two partners at once: one 201, the other 409 domain-taken with nothing written', async () => {
  const [first, second] = await Promise.all([newPartner(api), newPartner(api)]);
  const domain = newDomain('race');
  const answers = await Promise.all([first, second].map((p) => api.request('POST', '/v1/customers', { token: p.tokens['global-admin'], body: customerBody(domain) })));
  expect(statuses(answers)).toEqual([201, 409]);
  const loserIndex = answers.findIndex((a) => a.status === 409);
  expectProblem(answers[loserIndex]!, 409, 'domain-taken');
  const loser = [first, second][loserIndex]!;
  expect(await listAllCustomers(api, loser.tokens['global-admin'])).toEqual([]);
  expect([...(await partnerItems(loser.partnerId)).keys()].filter((key) => !key.includes('|PROFILE') && !key.includes('#ACTIVITY|'))).toEqual([]);
});

describe('the customer admin against the partner', () => {
  async function openInvitation(owner: Partner, body: Record<string, unknown> = {}) {
    const email = `${uniqueId('race')}@customer.example`;
    const invited = await api.request('POST', '/v1/invitations', { token: owner.tokens['global-admin'], body: { email, ...body } });
    expectStatus(invited, 201);
    expect(await deliverOutbox(owner.partnerId)).toEqual([]);
    const { path } = await linkFromMail(email);
    const page = await openPage(path);
    return { id: invited.body.id as string, path, page };
  }

  test('accept against revoke: exactly one wins, the loser gets a clear answer, and the table holds the winner', async () => {
    for (let round = 0; round < 4; round++) {
      const owner = await newPartner(api);
      const { id, path, page } = await openInvitation(owner);
      const fields = { csrf: page.csrf!, domain: newDomain('race'), companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' };
      const [accepted, revoked] = await Promise.all([
        postForm(`${path}/accept`, fields, page.cookie),
        api.request('POST', `/v1/invitations/${id}/revoke`, { token: owner.tokens['global-admin'] }),
      ]);
      const invitation = (await api.request('GET', `/v1/invitations/${id}`, { token: owner.tokens['global-admin'] })).body;
      const customers = await listAllCustomers(api, owner.tokens['global-admin']);
      if (accepted.status === 200) {
        expectProblem(revoked, 409, 'state-conflict');
        expect(invitation.state).toBe('accepted');
        expect(customers).toHaveLength(1);
      } else {
        expectStatus(revoked, 200);
        // The revoked link is gone (410), or the accept lost its race inside the transaction (409).
        expect([409, 410]).toContain(accepted.status);
        expect(invitation.state).toBe('revoked');
        expect(customers).toEqual([]);
      }
    }
  });

  test('relationship end against the accept of an invitation sent before it: exactly one wins, and relationship and grant agree', async () => {
    for (let round = 0; round < 3; round++) {
      const owner = await newPartner(api);
      const token = owner.tokens['global-admin'];
      const { customer, domain } = await createCustomer(api, token);
      const email = `${uniqueId('admin')}@${domain}`;
      const invited = await api.request('POST', '/v1/invitations', { token, body: { email, delegatedAdmin: { displayName: uniqueId('Access'), roles: ['globalReader'], duration: 'P30D' } } });
      expectStatus(invited, 201);
      expect(await deliverOutbox(owner.partnerId)).toEqual([]);
      const { path } = await linkFromMail(email);
      const page = await openPage(path);
      const fields = { csrf: page.csrf!, domain, companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' };
      const [accepted, ended] = await Promise.all([
        postForm(`${path}/accept`, fields, page.cookie),
        api.request('POST', `/v1/customers/${customer.id}/relationship/end`, { token, body: { reason: 'moving on' } }),
      ]);
      const label = `round ${round}: accept ${accepted.status}, end ${ended.status}`;
      const state = (await api.request('GET', `/v1/customers/${customer.id}`, { token })).body.state;
      const grants = (await api.request('GET', `/v1/customers/${customer.id}/delegated-admin`, { token })).body.items.map((g: { state: string }) => g.state);
      const invitation = (await api.request('GET', `/v1/invitations/${invited.body.id}`, { token })).body.state;
      // The accept's record names it a reinstatement whenever the customer exists, ended or not.
      const operations = (await operationsOf(owner.partnerId)).flatMap((o) => (o.startsWith('Accept Invitation') ? ['accept'] : o === 'End Customer Relationship' ? ['end'] : []));
      if (ended.status !== 200) {
        // The accept landed first; the end, which read the customer before it, lost its condition.
        expectProblem(ended, 409, 'state-conflict');
        expect({ label, accepted: accepted.status, state, grants, invitation, operations }).toEqual({ label, accepted: 200, state: 'active', grants: ['active'], invitation: 'accepted', operations: ['accept'] });
      } else if (accepted.status !== 200) {
        // The end landed first: an invitation sent before it must not undo it.
        expect({ label, accepted: accepted.status, state, grants, invitation, operations }).toEqual({ label, accepted: 409, state: 'ended', grants: [], invitation: 'pending', operations: ['end'] });
      } else {
        // Both, one after the other: the accept, then an end that found it active and ended its grant too.
        expect({ label, state, grants, invitation, operations: [...operations].sort() }).toEqual({ label, state: 'ended', grants: ['terminated'], invitation: 'accepted', operations: ['accept', 'end'] });
      }
    }
  });

  test('relationship end against the accept of a reinstating invitation: the table ends in the order they landed', async () => {
    const owner = await newPartner(api);
    const token = owner.tokens['global-admin'];
    const ended = await createCustomer(api, token);
    expectStatus(await api.request('POST', `/v1/customers/${ended.customer.id}/relationship/end`, { token, body: { reason: 'moved' } }), 200);
    const email = `${uniqueId('back')}@${ended.domain}`;
    const invited = await api.request('POST', `/v1/customers/${ended.customer.id}/invitations`, { token, body: { email } });
    expectStatus(invited, 201);
    expect(await deliverOutbox(owner.partnerId)).toEqual([]);
    const { path } = await linkFromMail(email);
    const page = await openPage(path);
    const fields = { csrf: page.csrf!, domain: ended.domain, companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' };
    const [accepted, endAgain] = await Promise.all([
      postForm(`${path}/accept`, fields, page.cookie),
      api.request('POST', `/v1/customers/${ended.customer.id}/relationship/end`, { token, body: { reason: 'again' } }),
    ]);
    expect(accepted.status).toBe(200);
    const customer = (await api.request('GET', `/v1/customers/${ended.customer.id}`, { token })).body;
    const operations = await operationsOf(owner.partnerId);
    // An end that landed first found it ended already (409, nothing written) and the accept reinstated it;
    // one that landed after the accept ended it again, with its activity record.
    if (endAgain.status === 200) {
      expect(customer.state).toBe('ended');
      expect(operations.filter((o) => /end/i.test(o) && /relationship/i.test(o))).toHaveLength(2);
    } else {
      expectProblem(endAgain, 409, 'state-conflict');
      expect(customer.state).toBe('active');
      expect(operations.filter((o) => /end/i.test(o) && /relationship/i.test(o))).toHaveLength(1);
    }
  });
});
