// Joint customer invitations (issue 10): an indirect reseller invites a customer to relationships with itself and
// a linked indirect provider at once. Routes and roles on both sides, the provider's read-only view, the page that
// names both partners, the accept that makes both shared records in one transaction, reactivation of an ended
// pair, the pre-flight failures, and a third partner that sees nothing.
import { clock } from '../../shared/platform/clock';
import { countPendingJointInvitations } from '../../shared/invitations/index';
import { expireOverdueInvitations } from '../../shared/invitations/cleanup';
import { customerBody, newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { allActivity, expectProblem, expectStatus, listAllCustomers, newDomain } from './helpers';

jest.setTimeout(60_000);

type Partner = Awaited<ReturnType<typeof newPartner>> & { name: string; contact: string };

let api: TestApi;
const realNow = clock.now;
afterEach(() => {
  clock.now = realNow;
});
afterAll(() => api.close());
beforeAll(async () => {
  api = await startApi();
});

const { linkFromMail, openPage, postForm } = publicPages(() => api);

async function partnerOf(partnerType: string, markets: string[]): Promise<Partner> {
  const name = `${partnerType} ${uniqueId('co')}`;
  const contact = `${uniqueId('contact')}@${partnerType.toLowerCase()}.example`;
  const created = await newPartner(api, { partnerType, companyName: name, markets, primaryContact: { name: 'Casey Contact', email: contact } });
  return { ...created, name, contact };
}

const admin = (partner: Partner) => partner.tokens['global-admin'];

/** A provider and a reseller that has authorized it. */
async function linkedPair() {
  const [p, r] = await Promise.all([partnerOf('indirectProvider', ['US', 'CA']), partnerOf('indirectReseller', ['US'])]);
  expectStatus(await api.request('PUT', `/v1/indirect-providers/${p.partnerId}`, { token: admin(r) }), 200);
  return { p, r };
}

/** An organization that exists already (an indirect reseller cannot create one): a direct partner's customer made it. */
async function existingOrganization() {
  const maker = await partnerOf('directBill', ['US']);
  const domain = newDomain('joint');
  expectStatus(await api.request('POST', '/v1/customers', { token: admin(maker), body: customerBody(domain) }), 201);
  return domain;
}

async function jointInvite(r: Partner, p: Partner, domain: string, token = r.tokens['sales-agent']) {
  const email = `${uniqueId('admin')}@${domain}`;
  const created = await api.request('POST', '/v1/invitations', { token, body: { email, domain, indirectProviderId: p.partnerId } });
  expectStatus(created, 201);
  const { path } = await linkFromMail(email);
  return { id: created.body.id as string, email, path };
}

async function acceptOnPage(path: string, domain: string) {
  const page = await openPage(path);
  expect(page.response.status).toBe(200);
  return { page, answer: await postForm(`${path}/accept`, { csrf: page.csrf!, domain, companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' }, page.cookie) };
}

const providerView = (p: Partner, r: Partner, token = p.tokens['helpdesk-agent']) => api.request('GET', `/v1/invitations?indirectReseller=${r.partnerId}`, { token });

test('a joint invitation: both partners see it, the page names both, accept makes both shared records and activity on both sides', async () => {
  const { p, r } = await linkedPair();
  const domain = await existingOrganization();
  const { id, path } = await jointInvite(r, p, domain);

  const own = await api.request('GET', `/v1/invitations/${id}`, { token: r.tokens['helpdesk-agent'] });
  expect(own.body).toEqual(expect.objectContaining({ state: 'pending', indirectProviderId: p.partnerId, indirectProviderName: p.name }));
  // Every role of the provider reads its view; the view is read-only: the invitation is not the provider's.
  for (const role of ['global-admin', 'admin-agent', 'sales-agent', 'helpdesk-agent'] as const) {
    const view = await providerView(p, r, p.tokens[role]);
    expectStatus(view, 200);
    expect(view.body.items).toEqual([expect.objectContaining({ id, state: 'pending', indirectProviderId: p.partnerId })]);
  }
  expect(await countPendingJointInvitations(p.partnerId, r.partnerId)).toBe(1);
  // Both sides' views of the link count it.
  expect((await api.request('GET', `/v1/indirect-resellers/${r.partnerId}`, { token: p.tokens['helpdesk-agent'] })).body.counts).toEqual({ sharedCustomers: 0, openReferrals: 0, pendingInvitations: 1 });
  expect((await api.request('GET', `/v1/indirect-providers/${p.partnerId}`, { token: r.tokens['helpdesk-agent'] })).body.counts).toEqual({ sharedCustomers: 0, openReferrals: 0, pendingInvitations: 1 });
  expectProblem(await api.request('GET', `/v1/invitations/${id}`, { token: admin(p) }), 404, 'not-found');
  expectProblem(await api.request('POST', `/v1/invitations/${id}/revoke`, { token: admin(p) }), 404, 'not-found');
  expectProblem(await api.request('POST', `/v1/invitations/${id}/resend`, { token: admin(p) }), 404, 'not-found');
  // Nor does it list among the provider's own invitations.
  expect((await api.request('GET', '/v1/invitations', { token: admin(p) })).body.items).toEqual([]);

  const { page, answer } = await acceptOnPage(path, domain);
  expect(page.html).toContain(r.name);
  expect(page.html).toContain(p.name);
  expect(page.html).toContain('its indirect provider');
  expect(page.html).toContain('place orders for it');
  expect(answer.status).toBe(200);
  expect(answer.html).toContain(`${p.name} its indirect provider`);
  await api.mailer.drain();

  const accepted = (await api.request('GET', `/v1/invitations/${id}`, { token: admin(r) })).body;
  expect(accepted.state).toBe('accepted');
  expect((await providerView(p, r)).body.items).toEqual([expect.objectContaining({ id, state: 'accepted', customerId: accepted.customerId })]);
  expect(await countPendingJointInvitations(p.partnerId, r.partnerId)).toBe(0);
  // The accepted invitation leaves the pending count and its customer joins the shared one, on both sides.
  expect((await api.request('GET', `/v1/indirect-resellers/${r.partnerId}`, { token: admin(p) })).body.counts).toEqual({ sharedCustomers: 1, openReferrals: 0, pendingInvitations: 0 });
  expect((await api.request('GET', `/v1/indirect-providers/${p.partnerId}`, { token: admin(r) })).body.counts).toEqual({ sharedCustomers: 1, openReferrals: 0, pendingInvitations: 0 });

  const resellerRecord = await api.request('GET', `/v1/customers/${accepted.customerId}`, { token: admin(r) });
  const providerRecord = await api.request('GET', `/v1/customers/${accepted.customerId}`, { token: admin(p) });
  expect(resellerRecord.body).toEqual(expect.objectContaining({ state: 'active', associatedPartnerId: p.partnerId, companyProfile: { companyName: 'Contoso Ltd', domain } }));
  expect(providerRecord.body).toEqual(expect.objectContaining({ state: 'active', associatedPartnerId: r.partnerId, tenantId: resellerRecord.body.tenantId }));

  expect((await allActivity(api, admin(r))).map((a) => a.operation)).toEqual(expect.arrayContaining(['Invite Customer', 'Accept Invitation']));
  expect((await allActivity(api, admin(p))).map((a) => a.operation)).toEqual(expect.arrayContaining(['Joint Invitation Sent', 'Accept Joint Invitation']));
  expect((await allActivity(api, admin(p), accepted.customerId)).map((a) => a.operation)).toContain('Accept Joint Invitation');
});

test('a third partner sees nothing of it, and the reseller alone revokes; the provider sees the outcome', async () => {
  const { p, r } = await linkedPair();
  const third = await partnerOf('indirectProvider', ['US']);
  const { id } = await jointInvite(r, p, await existingOrganization());
  expect((await providerView(third, r)).body.items).toEqual([]);
  expect((await api.request('GET', `/v1/invitations?indirectReseller=${p.partnerId}`, { token: admin(third) })).body.items).toEqual([]);
  expectProblem(await api.request('GET', `/v1/invitations/${id}`, { token: admin(third) }), 404, 'not-found');
  expect(await countPendingJointInvitations(third.partnerId, r.partnerId)).toBe(0);

  expectProblem(await api.request('POST', `/v1/invitations/${id}/revoke`, { token: r.tokens['helpdesk-agent'] }), 403, 'forbidden');
  expectStatus(await api.request('POST', `/v1/invitations/${id}/revoke`, { token: r.tokens['sales-agent'] }), 200);
  expect((await providerView(p, r)).body.items).toEqual([expect.objectContaining({ id, state: 'revoked' })]);
  expect(await countPendingJointInvitations(p.partnerId, r.partnerId)).toBe(0);
  expect((await allActivity(api, admin(p)))[0].operation).toBe('Joint Invitation Revoked');
});

test('an expired joint invitation reads as expired on both sides, no longer counts as pending, and its expiry shows in both logs', async () => {
  const { p, r } = await linkedPair();
  const domain = await existingOrganization();
  // Made 31 days ago (injected clock), so the cleanup at the real time finds it overdue; a cleanup run at a
  // clock moved ahead would move the expiry queue's watermark past what other files leave due.
  clock.now = () => new Date(realNow().getTime() - 31 * 86400_000);
  const made = await api.request('POST', '/v1/invitations', { token: admin(r), body: { email: `${uniqueId('admin')}@${domain}`, domain, indirectProviderId: p.partnerId } });
  expectStatus(made, 201);
  clock.now = realNow;
  const { id } = made.body;
  expect((await api.request('GET', `/v1/invitations/${id}`, { token: admin(r) })).body.state).toBe('expired');
  expect((await providerView(p, r)).body.items).toEqual([expect.objectContaining({ id, state: 'expired' })]);
  expect(await countPendingJointInvitations(p.partnerId, r.partnerId)).toBe(0);
  expect((await expireOverdueInvitations()).expired).toBeGreaterThanOrEqual(1);
  expect((await allActivity(api, admin(p)))[0].operation).toBe('Joint Invitation Expired');
  expect((await allActivity(api, admin(r)))[0].operation).toBe('Expire Invitation');
  expect((await providerView(p, r)).body.items).toEqual([expect.objectContaining({ id, state: 'expired' })]);
});

test('pre-flight: each failure its own problem, and nothing is written', async () => {
  const { p, r } = await linkedPair();
  const domain = await existingOrganization();
  const body = (providerId: string) => ({ email: `${uniqueId('admin')}@${domain}`, domain, indirectProviderId: providerId });

  // Not an indirect reseller.
  const direct = await partnerOf('directBill', ['US']);
  expectProblem(await api.request('POST', '/v1/invitations', { token: admin(direct), body: body(p.partnerId) }), 422, 'not-an-indirect-reseller');
  // A provider this reseller never authorized, or one that is no provider at all.
  const other = await partnerOf('indirectProvider', ['US']);
  expectProblem(await api.request('POST', '/v1/invitations', { token: admin(r), body: body(other.partnerId) }), 404, 'not-found');
  expectProblem(await api.request('POST', '/v1/invitations', { token: admin(r), body: body(direct.partnerId) }), 404, 'not-found');
  // Malformed.
  expectProblem(await api.request('POST', '/v1/invitations', { token: admin(r), body: body('not a partner id!') }), 400, 'validation');
  expectProblem(await api.request('GET', `/v1/invitations?indirectReseller=${r.partnerId}&importId=${crypto.randomUUID()}`, { token: admin(p) }), 400, 'validation');
  // The helpdesk agent sends no invitation, joint or not.
  expectProblem(await api.request('POST', '/v1/invitations', { token: r.tokens['helpdesk-agent'], body: body(p.partnerId) }), 403, 'forbidden');
  // An ended link.
  expectStatus(await api.request('DELETE', `/v1/indirect-providers/${p.partnerId}`, { token: admin(r), body: { reason: 'other' } }), 204);
  expectProblem(await api.request('POST', '/v1/invitations', { token: admin(r), body: body(p.partnerId) }), 404, 'not-found');

  expect((await api.request('GET', '/v1/invitations', { token: admin(r) })).body.items).toEqual([]);
  expect((await api.request('GET', '/v1/invitations', { token: admin(direct) })).body.items).toEqual([]);
  expect((await providerView(p, r)).body.items).toEqual([]);
});

test('the link ends between invite and accept: the accept page says so and nothing is written', async () => {
  const { p, r } = await linkedPair();
  const domain = await existingOrganization();
  const { id, path } = await jointInvite(r, p, domain);
  const page = await openPage(path);
  expectStatus(await api.request('DELETE', `/v1/indirect-resellers/${r.partnerId}`, { token: admin(p), body: { reason: 'partnershipEnded' } }), 204);
  const answer = await postForm(`${path}/accept`, { csrf: page.csrf!, domain, companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' }, page.cookie);
  expect(answer.status).toBe(409);
  expect(answer.html).toContain('no longer work together');
  expect(answer.html).toContain('Nothing has changed for your organization.');
  expect((await api.request('GET', `/v1/invitations/${id}`, { token: admin(r) })).body.state).toBe('pending');
  expect(await listAllCustomers(api, admin(r))).toEqual([]);
  expect(await listAllCustomers(api, admin(p))).toEqual([]);
});

test('reactivation: a new joint invitation brings an ended shared pair back, same customer id on both sides', async () => {
  const { p, r } = await linkedPair();
  const domain = await existingOrganization();
  const first = await jointInvite(r, p, domain);
  expect((await acceptOnPage(first.path, domain)).answer.status).toBe(200);
  const customerId = (await api.request('GET', `/v1/invitations/${first.id}`, { token: admin(r) })).body.customerId as string;
  // The provider's Global admin ends the shared customer.
  expectStatus(await api.request('POST', `/v1/customers/${customerId}/relationship/end`, { token: admin(p), body: { reason: 'Contract over' } }), 200);
  expect((await api.request('GET', `/v1/customers/${customerId}`, { token: admin(p) })).body.state).toBe('ended');

  const second = await jointInvite(r, p, domain, admin(r));
  expect((await acceptOnPage(second.path, domain)).answer.status).toBe(200);
  await api.mailer.drain();
  expect((await api.request('GET', `/v1/invitations/${second.id}`, { token: admin(r) })).body.customerId).toBe(customerId);
  for (const [owner, other] of [[r, p], [p, r]] as const) {
    const record = await api.request('GET', `/v1/customers/${customerId}`, { token: admin(owner) });
    expect(record.body).toEqual(expect.objectContaining({ state: 'active', associatedPartnerId: other.partnerId }));
    expect(await listAllCustomers(api, admin(owner))).toHaveLength(1);
  }
  expect((await allActivity(api, admin(p)))[0].operation).toBe('Accept Joint Invitation: Reinstate Relationship');
});

test('refused or declined: an organization the provider holds directly, a country outside the provider’s markets, and a decline both sides see', async () => {
  const [p, r] = await Promise.all([partnerOf('indirectProvider', ['US']), partnerOf('indirectReseller', ['US', 'BR'])]);
  expectStatus(await api.request('PUT', `/v1/indirect-providers/${p.partnerId}`, { token: admin(r) }), 200);

  // The provider's own direct customer cannot become a shared one by this invitation.
  const direct = newDomain('direct');
  expectStatus(await api.request('POST', '/v1/customers', { token: admin(p), body: customerBody(direct) }), 201);
  const refused = await jointInvite(r, p, direct);
  const { answer } = await acceptOnPage(refused.path, direct);
  expect(answer.status).toBe(409);
  expect(answer.html).toContain('on other terms');
  expect(await listAllCustomers(api, admin(r))).toEqual([]);
  expect((await api.request('GET', `/v1/invitations/${refused.id}`, { token: admin(r) })).body.state).toBe('pending');

  // The reseller serves Brazil, the provider does not: the page asks again.
  const domain = await existingOrganization();
  const { id, path } = await jointInvite(r, p, domain);
  const page = await openPage(path);
  const outside = await postForm(`${path}/accept`, { csrf: page.csrf!, domain, companyName: 'Contoso Ltd', country: 'BR', acceptorName: 'Avery Admin' }, page.cookie);
  expect(outside.status).toBe(422);
  expect((await api.request('GET', `/v1/invitations/${id}`, { token: admin(r) })).body.state).toBe('pending');

  const again = await openPage(path);
  expect((await postForm(`${path}/decline`, { csrf: again.csrf!, reason: 'Not now' }, again.cookie)).status).toBe(200);
  expect((await providerView(p, r)).body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, state: 'declined', declineReason: 'Not now' })]));
  expect((await allActivity(api, admin(p)))[0].operation).toBe('Joint Invitation Declined');
  expect(await countPendingJointInvitations(p.partnerId, r.partnerId)).toBe(1);
});

test('the customer ends a shared customer on its manage page: both records end, each partner is told and logs it', async () => {
  const { p, r } = await linkedPair();
  const domain = await existingOrganization();
  const { id, email, path } = await jointInvite(r, p, domain);
  expect((await acceptOnPage(path, domain)).answer.status).toBe(200);
  const customerId = (await api.request('GET', `/v1/invitations/${id}`, { token: admin(r) })).body.customerId as string;
  const manage = await linkFromMail(email);
  expect(manage.path).toMatch(/^\/manage\/[^/]+$/);

  const page = await openPage(manage.path);
  expect((await postForm(`${manage.path}/end`, { csrf: page.csrf!, reason: 'We buy elsewhere now.' }, page.cookie)).status).toBe(200);
  await api.mailer.drain();
  for (const side of [r, p]) {
    expect((await api.request('GET', `/v1/customers/${customerId}`, { token: admin(side) })).body.state).toBe('ended');
    const [last] = await allActivity(api, admin(side), customerId);
    expect(last).toMatchObject({ operation: 'End Customer Relationship', changes: expect.arrayContaining([{ field: 'reason', after: 'We buy elsewhere now.' }]) });
    const notice = (await api.mailbox({ to: side.contact })).at(-1)!;
    expect(notice.subject).toBe(`Contoso Ltd ended its reseller relationship with ${side.name}`);
  }
  expect((await api.request('GET', `/v1/indirect-resellers/${r.partnerId}`, { token: admin(p) })).body.counts.sharedCustomers).toBe(0);
});
