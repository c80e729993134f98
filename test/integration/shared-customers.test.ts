// Customers an indirect provider and its reseller share (issue 10): each side lists them with
// ?indirectReseller= / ?indirectProvider=, paged exactly like the list; the provider's view of a reseller counts
// them; only the provider's Global admin ends (or invites back) one, and both records end (or come back) at once.
import { customerBody, newPartner, uniqueId, startApi, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { ROLES } from '../../shared/platform/roles';
import { customerProfile } from './referral-helpers';
import { allActivity, bulkCreateCustomers, expectProblem, expectStatus, newDomain } from './helpers';

jest.setTimeout(120_000);

type Partner = Awaited<ReturnType<typeof newPartner>>;

let api: TestApi;
afterAll(() => api.close());
beforeAll(async () => {
  api = await startApi();
});

const { linkFromMail, openPage, postForm } = publicPages(() => api);

const provider = () => newPartner(api, { partnerType: 'indirectProvider', markets: ['US', 'CA'] });
const reseller = () => newPartner(api, { partnerType: 'indirectReseller', markets: ['US'] });
const admin = (partner: Partner) => partner.tokens['global-admin'];

/** The reseller authorizes the provider, which may then create customers for it. */
async function linked(p: Partner, r: Partner) {
  expectStatus(await api.request('PUT', `/v1/indirect-providers/${p.partnerId}`, { token: admin(r) }), 200);
}

async function sharedCustomer(p: Partner, r: Partner, name = uniqueId('Shared Co')) {
  const domain = newDomain('shared');
  const created = await api.request('POST', '/v1/customers', { token: admin(p), body: customerBody(domain, { associatedPartnerId: r.partnerId, companyProfile: { companyName: name, domain } }) });
  expectStatus(created, 201);
  return { id: created.body.id as string, domain, name, etag: created.headers.get('etag')! };
}

/** The ids on one page of a shared listing, as `token` asks for it. */
async function sharedPage(token: string, query: string) {
  const response = await api.request('GET', `/v1/customers?${query}`, { token });
  expectStatus(response, 200);
  return { ids: response.body.items.map((c: { id: string }) => c.id) as string[], items: response.body.items as any[], continuationToken: response.body.continuationToken as string | undefined };
}

/** Every page of a listing at `limit`, checking each page but the last is full. */
async function allPages(token: string, query: string, limit: number) {
  const pages: string[][] = [];
  let continuationToken: string | undefined;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', String(limit));
    if (continuationToken) params.set('continuationToken', continuationToken);
    const page = await sharedPage(token, params.toString());
    pages.push(page.ids);
    continuationToken = page.continuationToken;
  } while (continuationToken && pages.length < 50);
  return pages;
}

const counts = async (p: Partner, r: Partner) => {
  const view = await api.request('GET', `/v1/indirect-resellers/${r.partnerId}`, { token: p.tokens['helpdesk-agent'] });
  expectStatus(view, 200);
  return view.body.counts;
};

test('both sides list the customers they share, every role, and nothing else; the wrong side or an unknown partner is an empty page', async () => {
  const [p, r] = await Promise.all([provider(), reseller()]);
  await linked(p, r);
  const shared = [await sharedCustomer(p, r, 'Alpha Shared'), await sharedCustomer(p, r, 'Beta Shared')];
  const own = await api.request('POST', '/v1/customers', { token: admin(p), body: customerBody(newDomain('own')) });
  expectStatus(own, 201);
  const ids = shared.map((c) => c.id).sort();

  for (const role of ROLES) {
    expect((await sharedPage(p.tokens[role], `indirectReseller=${r.partnerId}`)).ids.sort()).toEqual(ids);
    expect((await sharedPage(r.tokens[role], `indirectProvider=${p.partnerId}`)).ids.sort()).toEqual(ids);
  }
  // Each side sees its own record: the same customer id, pointing at the other partner.
  const [providerSide, resellerSide] = [await sharedPage(admin(p), `indirectReseller=${r.partnerId}`), await sharedPage(admin(r), `indirectProvider=${p.partnerId}`)];
  expect(providerSide.items.every((c) => c.associatedPartnerId === r.partnerId)).toBe(true);
  expect(resellerSide.items.every((c) => c.associatedPartnerId === p.partnerId)).toBe(true);
  // Sorted by name like the list; the own customer is in the provider's full list only.
  expect(providerSide.items.map((c) => c.companyProfile.companyName)).toEqual(['Alpha Shared', 'Beta Shared']);
  expect((await sharedPage(admin(p), 'limit=100')).ids).toContain(own.body.id);

  // The wrong side, oneself, or a partner nobody knows: an empty page, the same as sharing nothing.
  for (const query of [`indirectProvider=${r.partnerId}`, `indirectReseller=${p.partnerId}`, `indirectReseller=${uniqueId('nobody')}`]) {
    expect(await sharedPage(admin(p), query)).toEqual({ ids: [], items: [], continuationToken: undefined });
  }
  expect((await sharedPage(admin(r), `indirectReseller=${p.partnerId}`)).ids).toEqual([]);
  expect((await sharedPage(admin(r), `indirectProvider=${uniqueId('nobody')}`)).ids).toEqual([]);

  // Search and state combine with it.
  expect((await sharedPage(admin(p), `indirectReseller=${r.partnerId}&q=beta`)).ids).toEqual([shared[1]!.id]);
  expect((await sharedPage(admin(r), `indirectProvider=${p.partnerId}&q=${shared[0]!.domain}`)).ids).toEqual([shared[0]!.id]);
  expect((await sharedPage(admin(r), `indirectProvider=${p.partnerId}&state=active`)).ids.sort()).toEqual(ids);
  expect((await sharedPage(admin(r), `indirectProvider=${p.partnerId}&state=ended`)).ids).toEqual([]);

  expectProblem(await api.request('GET', `/v1/customers?indirectReseller=${r.partnerId}&indirectProvider=${p.partnerId}`, { token: admin(p) }), 400, 'validation');
  expectProblem(await api.request('GET', '/v1/customers?indirectReseller=not%20an%20id', { token: admin(p) }), 400, 'validation');
  // A token is for the query it came from.
  const first = await sharedPage(admin(p), `indirectReseller=${r.partnerId}&limit=1`);
  expectProblem(await api.request('GET', `/v1/customers?limit=1&continuationToken=${encodeURIComponent(first.continuationToken!)}`, { token: admin(p) }), 400, 'invalid-continuation-token');
});

test('pages are exact: more shared customers than the limit come limit at a time, each once, with search and state too', async () => {
  const [p, r] = await Promise.all([provider(), reseller()]);
  await linked(p, r);
  const tag = uniqueId('pg').toLowerCase().replace(/[^a-z0-9]/g, '');
  const shared = await bulkCreateCustomers(p.partnerId, 11, (i) => {
    const domain = `${tag}${String(i).padStart(2, '0')}.onmicrosoft.com`;
    return { domain, overrides: { associatedPartnerId: r.partnerId, companyProfile: { companyName: `${tag} shared ${i}`, domain } } };
  });
  await bulkCreateCustomers(p.partnerId, 6, (i) => ({ domain: `${tag}own${i}.onmicrosoft.com`, overrides: { companyProfile: { companyName: `${tag} own ${i}`, domain: `${tag}own${i}.onmicrosoft.com` } } }));

  for (const [token, query] of [
    [admin(p), `indirectReseller=${r.partnerId}`],
    [admin(r), `indirectProvider=${p.partnerId}`],
    [admin(p), `indirectReseller=${r.partnerId}&state=active`],
    // Every customer's name and domain both start with the tag: each still comes once.
    [admin(p), `indirectReseller=${r.partnerId}&q=${tag}`],
    [admin(r), `indirectProvider=${p.partnerId}&q=${tag}&state=active`],
  ] as const) {
    const pages = await allPages(token, query, 4);
    expect(pages.map((page) => page.length)).toEqual([4, 4, 3]);
    expect(pages.flat().sort()).toEqual([...shared].sort());
  }
  expect((await counts(p, r)).sharedCustomers).toBe(11);
});

test('a third partner sees nothing shared by others, and a provider cannot read another provider’s reseller', async () => {
  const [p, r, otherProvider, otherReseller] = await Promise.all([provider(), reseller(), provider(), reseller()]);
  await Promise.all([linked(p, r), linked(otherProvider, r), linked(p, otherReseller)]);
  const ours = await sharedCustomer(p, r);
  const theirs = await sharedCustomer(otherProvider, r);
  const withOther = await sharedCustomer(p, otherReseller);

  expect((await sharedPage(admin(otherProvider), `indirectReseller=${r.partnerId}`)).ids).toEqual([theirs.id]);
  expect((await sharedPage(admin(r), `indirectProvider=${p.partnerId}`)).ids).toEqual([ours.id]);
  expect((await sharedPage(admin(r), `indirectProvider=${otherProvider.partnerId}`)).ids).toEqual([theirs.id]);
  expect((await sharedPage(admin(otherReseller), `indirectProvider=${p.partnerId}`)).ids).toEqual([withOther.id]);
  expect((await sharedPage(admin(otherReseller), `indirectProvider=${otherProvider.partnerId}`)).ids).toEqual([]);
  expect((await sharedPage(admin(p), `indirectReseller=${r.partnerId}`)).ids).toEqual([ours.id]);

  const stranger = await provider();
  expectProblem(await api.request('GET', `/v1/indirect-resellers/${r.partnerId}`, { token: admin(stranger) }), 404, 'not-found');
  expect((await sharedPage(admin(stranger), `indirectReseller=${r.partnerId}`)).ids).toEqual([]);
  // Nor may anyone else end or read the customer itself.
  expectProblem(await api.request('GET', `/v1/customers/${ours.id}`, { token: admin(otherProvider) }), 404, 'not-found');
  expectProblem(await api.request('POST', `/v1/customers/${ours.id}/relationship/end`, { token: admin(otherProvider), body: { reason: 'x' } }), 404, 'not-found');
  expect((await counts(p, r)).sharedCustomers).toBe(1);
  expect((await counts(otherProvider, r)).sharedCustomers).toBe(1);
  expect((await counts(p, otherReseller)).sharedCustomers).toBe(1);
});

test('a PATCH and an end move the shared listing entry with the record', async () => {
  const [p, r] = await Promise.all([provider(), reseller()]);
  await linked(p, r);
  const c = await sharedCustomer(p, r);
  const patched = await api.request('PATCH', `/v1/customers/${c.id}`, {
    token: p.tokens['sales-agent'],
    headers: { 'If-Match': c.etag },
    body: { billingProfile: { companyName: 'Renamed Billing Ltd' } },
  });
  expectStatus(patched, 200);
  const [entry] = (await sharedPage(admin(p), `indirectReseller=${r.partnerId}`)).items;
  expect(entry).toEqual(patched.body);
  expect((await sharedPage(admin(p), `indirectReseller=${r.partnerId}&q=${c.domain}`)).items).toEqual([patched.body]);

  expectStatus(await api.request('POST', `/v1/customers/${c.id}/relationship/end`, { token: admin(p), body: { reason: 'Contract over' } }), 200);
  for (const [token, query] of [[admin(p), `indirectReseller=${r.partnerId}`], [admin(r), `indirectProvider=${p.partnerId}`]] as const) {
    expect((await sharedPage(token, `${query}&state=active`)).ids).toEqual([]);
    expect((await sharedPage(token, `${query}&state=active&q=${c.domain}`)).ids).toEqual([]);
    expect((await sharedPage(token, `${query}&state=ended`)).ids).toEqual([c.id]);
    const [ended] = (await sharedPage(token, query)).items;
    expect(ended).toMatchObject({ id: c.id, state: 'ended' });
  }
  expect((await sharedPage(admin(p), `indirectReseller=${r.partnerId}`)).items[0].billingProfile.companyName).toBe('Renamed Billing Ltd');
});

test('only the provider’s Global admin ends a shared customer: both records end in one go, with activity on both sides; the reseller may neither end nor reinstate it', async () => {
  const [p, r] = await Promise.all([provider(), reseller()]);
  await linked(p, r);
  const [c, kept] = [await sharedCustomer(p, r), await sharedCustomer(p, r)];
  expect(await counts(p, r)).toEqual({ sharedCustomers: 2, openReferrals: 0, pendingInvitations: 0 });
  const end = (token: string, id = c.id) => api.request('POST', `/v1/customers/${id}/relationship/end`, { token, body: { reason: 'Contract over' } });

  expectProblem(await end(admin(r)), 403, 'provider-ends-shared-customer');
  for (const role of ['admin-agent', 'sales-agent', 'helpdesk-agent'] as const) {
    expectProblem(await end(r.tokens[role]), 403, 'forbidden');
    expectProblem(await end(p.tokens[role]), 403, 'forbidden');
  }
  expect((await api.request('GET', `/v1/customers/${c.id}`, { token: admin(r) })).body.state).toBe('active');

  const ended = await end(admin(p));
  expectStatus(ended, 200);
  expect(ended.body).toMatchObject({ id: c.id, state: 'ended', associatedPartnerId: r.partnerId });
  const resellerRecord = await api.request('GET', `/v1/customers/${c.id}`, { token: r.tokens['helpdesk-agent'] });
  expect(resellerRecord.body).toMatchObject({ id: c.id, state: 'ended', associatedPartnerId: p.partnerId });
  for (const side of [p, r]) {
    const [last] = await allActivity(api, admin(side), c.id);
    expect(last).toMatchObject({ operation: 'End Customer Relationship', actor: { partnerId: p.partnerId }, customerId: c.id });
  }
  expect(await counts(p, r)).toEqual({ sharedCustomers: 1, openReferrals: 0, pendingInvitations: 0 });
  expect((await api.request('GET', `/v1/customers/${kept.id}`, { token: admin(r) })).body.state).toBe('active');

  expectProblem(await end(admin(p)), 409, 'state-conflict');
  expectProblem(await end(admin(r)), 403, 'provider-ends-shared-customer');
  // Reinstating is the provider's too.
  const reinstate = (token: string) => api.request('POST', `/v1/customers/${c.id}/invitations`, { token, body: { email: `admin@${c.domain}` } });
  expectProblem(await reinstate(admin(r)), 403, 'provider-ends-shared-customer');
  expectProblem(await reinstate(r.tokens['sales-agent']), 403, 'provider-ends-shared-customer');
  expectStatus(await reinstate(p.tokens['sales-agent']), 201);

  // The customer's accept brings both records back together, each side with its activity record.
  const { path } = await linkFromMail(`admin@${c.domain}`);
  const page = await openPage(path);
  const accepted = await postForm(`${path}/accept`, { csrf: page.csrf!, domain: c.domain, companyName: c.name, country: 'US', acceptorName: 'Avery Admin' }, page.cookie);
  expect(accepted.status).toBe(200);
  for (const side of [p, r]) {
    expect((await api.request('GET', `/v1/customers/${c.id}`, { token: admin(side) })).body).toMatchObject({ id: c.id, state: 'active' });
    const [last] = await allActivity(api, admin(side), c.id);
    expect(last).toMatchObject({ operation: 'Accept Invitation: Reinstate Relationship', customerId: c.id, changes: expect.arrayContaining([{ field: 'state', before: 'ended', after: 'active' }]) });
  }
  expect(await counts(p, r)).toEqual({ sharedCustomers: 2, openReferrals: 0, pendingInvitations: 0 });
  await api.mailer.drain();
});

test('each side’s view of the other counts shared customers and open referrals, for every role; an ended link keeps its counts', async () => {
  const [p, r, stranger] = await Promise.all([provider(), reseller(), provider()]);
  await linked(p, r);
  await sharedCustomer(p, r);
  const referral = await api.request('POST', `/v1/indirect-resellers/${r.partnerId}/referrals`, {
    token: p.tokens['sales-agent'],
    body: { name: uniqueId('Lead'), customerProfile: customerProfile(), consent: { consentToContact: true, consentToShareReferralWithPartners: true } },
  });
  expectStatus(referral, 201);
  const expected = { sharedCustomers: 1, openReferrals: 1, pendingInvitations: 0 };
  for (const role of ROLES) {
    const providerView = await api.request('GET', `/v1/indirect-resellers/${r.partnerId}`, { token: p.tokens[role] });
    expectStatus(providerView, 200);
    expect(providerView.body).toMatchObject({ resellerId: r.partnerId, state: 'active', counts: expected });
    const resellerView = await api.request('GET', `/v1/indirect-providers/${p.partnerId}`, { token: r.tokens[role] });
    expectStatus(resellerView, 200);
    expect(resellerView.body).toMatchObject({ providerId: p.partnerId, state: 'active', counts: expected });
  }
  // Each route is one side's: the other side, or a partner never linked, finds nothing.
  expectProblem(await api.request('GET', `/v1/indirect-resellers/${p.partnerId}`, { token: admin(r) }), 404, 'not-found');
  expectProblem(await api.request('GET', `/v1/indirect-providers/${r.partnerId}`, { token: admin(p) }), 404, 'not-found');
  expectProblem(await api.request('GET', `/v1/indirect-providers/${stranger.partnerId}`, { token: admin(r) }), 404, 'not-found');
  expectProblem(await api.request('GET', `/v1/indirect-providers/${p.partnerId}`, { token: admin(stranger) }), 404, 'not-found');

  expectStatus(await api.request('DELETE', `/v1/indirect-providers/${p.partnerId}`, { token: admin(r), body: { reason: 'noActivity' } }), 204);
  const afterEnd = await api.request('GET', `/v1/indirect-providers/${p.partnerId}`, { token: admin(r) });
  expectStatus(afterEnd, 200);
  expect(afterEnd.body).toMatchObject({ state: 'ended', ended: expect.objectContaining({ side: 'reseller' }), counts: expected });
});
