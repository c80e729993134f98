// Indirect providers and resellers (issue 10): a provider's partnership invitation by email, its public page,
// the reseller's signed-in accept, both sides' views of the link, the pre-flight checks, ending from either
// side with a reason and a mail, and what a third partner can (not) see or do.
import { customerBody, newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { allActivity, expectProblem, expectStatus, listAllCustomers, newDomain } from './helpers';

jest.setTimeout(60_000);

type Partner = Awaited<ReturnType<typeof newPartner>>;

let api: TestApi;
afterAll(() => api.close());
beforeAll(async () => {
  api = await startApi();
});

const { linkFromMail, openPage } = publicPages(() => api);

/** A partner with a primary contact of its own, so that its mail can be told apart. */
async function partnerOf(partnerType: string, profile: Record<string, unknown> = {}) {
  const contact = `${uniqueId('contact')}@${partnerType.toLowerCase()}.example`;
  const name = `${partnerType} ${uniqueId('co')}`;
  const created = await newPartner(api, { partnerType, companyName: name, primaryContact: { name: 'Casey Contact', email: contact }, ...profile });
  return { ...created, contact, name };
}

const provider = () => partnerOf('indirectProvider', { markets: ['US', 'CA'] });
const reseller = () => partnerOf('indirectReseller', { markets: ['US'] });
const admin = (partner: Partner) => partner.tokens['global-admin'];

async function invite(from: Partner, message?: string) {
  const email = `${uniqueId('admin')}@reseller.example`;
  const created = await api.request('POST', '/v1/reseller-invitations', { token: admin(from), body: { email, ...(message ? { message } : {}) } });
  expectStatus(created, 201);
  expect(created.headers.get('location')).toBe(`/v1/reseller-invitations/${created.body.id}`);
  const { path, mail } = await linkFromMail(email);
  return { id: created.body.id as string, email, path, mail, token: path.split('/').pop()! };
}

const accept = (by: Partner, token: string) => api.request('POST', '/v1/indirect-providers/accept', { token: admin(by), body: { invitationToken: token } });
const invitationOf = async (owner: Partner, id: string) => (await api.request('GET', `/v1/reseller-invitations/${id}`, { token: admin(owner) })).body;

test('invite by email → page → accept signed in → both list each other → customer for the reseller → the reseller ends it → the provider is told, customers stay', async () => {
  const [p, r] = await Promise.all([provider(), reseller()]);
  const { id, path, mail, token } = await invite(p, 'We would like to serve your customers with you.');
  expect(mail.subject).toBe(`${p.name} invites you to authorize it as your indirect provider`);
  expect(mail.text).toContain('We would like to serve your customers with you.');
  expect(path).toMatch(/^\/reseller-invitations\/[A-Za-z0-9_-]{43}$/);
  expect((await invitationOf(p, id)).delivery.state).toBe('sent');

  const page = await openPage(path);
  expect(page.response.status).toBe(200);
  expect(page.html).toContain(p.name);
  expect(page.html).toContain(p.partnerId);
  expect(page.html).toContain('create customers for your company');
  expect(page.html).toContain('place orders for your customers');
  expect(page.html).toContain('POST /v1/indirect-providers/accept');
  expect(page.html).not.toContain('<form');
  // Opening the page changed nothing.
  expect((await invitationOf(p, id)).state).toBe('pending');

  const userId = uniqueId('reseller-admin');
  const accepted = await api.request('POST', '/v1/indirect-providers/accept', { token: await api.token(r.partnerId, 'global-admin', userId), body: { invitationToken: token } });
  expectStatus(accepted, 200);
  expect(accepted.body).toEqual(expect.objectContaining({ providerId: p.partnerId, providerName: p.name, state: 'active', authorizedBy: userId, invitationId: id }));
  expect(await invitationOf(p, id)).toEqual(expect.objectContaining({ state: 'accepted', acceptedBy: { partnerId: r.partnerId, userId } }));
  // The link is used once, and its page says so.
  expectProblem(await accept(r, token), 410, 'gone');
  expect((await openPage(path)).response.status).toBe(410);

  const providers = await api.request('GET', '/v1/indirect-providers', { token: r.tokens['helpdesk-agent'] });
  expect(providers.body.items).toEqual([expect.objectContaining({ providerId: p.partnerId, providerName: p.name, state: 'active', authorizedBy: userId, authorizedAt: accepted.body.authorizedAt })]);
  const resellers = await api.request('GET', '/v1/indirect-resellers', { token: p.tokens['sales-agent'] });
  const link = { resellerId: r.partnerId, resellerName: r.name, state: 'active', authorizedBy: userId, authorizedAt: accepted.body.authorizedAt, invitationId: id };
  expect(resellers.body.items).toEqual([link]);
  expect((await api.request('GET', `/v1/indirect-resellers/${r.partnerId}`, { token: p.tokens['helpdesk-agent'] })).body).toEqual({ ...link, counts: { sharedCustomers: 0, openReferrals: 0, pendingInvitations: 0 } });
  expect((await allActivity(api, admin(p))).map((a) => a.operation)).toEqual(expect.arrayContaining(['Invite Indirect Reseller', 'Indirect Reseller Linked']));
  expect((await allActivity(api, admin(r))).map((a) => a.operation)).toContain('Authorize Indirect Provider');

  expectStatus(await api.request('POST', '/v1/customers', { token: admin(p), body: customerBody(newDomain('shared'), { associatedPartnerId: r.partnerId }) }), 201);

  const ended = await api.request('DELETE', `/v1/indirect-providers/${p.partnerId}`, { token: admin(r), body: { reason: 'commercialTerms', comment: 'Prices changed.' } });
  expectStatus(ended, 204);
  await api.mailer.drain();
  const [told] = await api.mailbox({ to: p.contact });
  expect(told!.subject).toBe(`${r.name} ended its indirect reseller link with you`);
  expect(told!.text).toContain('the commercial terms no longer suit');
  expect(told!.text).toContain('Prices changed.');
  expect(await api.mailbox({ to: r.contact })).toEqual([]);

  const end = { at: expect.any(String), by: expect.any(String), side: 'reseller', reason: 'commercialTerms', comment: 'Prices changed.' };
  expect((await api.request('GET', '/v1/indirect-resellers', { token: admin(p) })).body.items).toEqual([{ ...link, state: 'ended', ended: end }]);
  expect((await api.request('GET', '/v1/indirect-providers', { token: admin(r) })).body.items).toEqual([expect.objectContaining({ providerId: p.partnerId, state: 'ended', ended: end })]);
  expect((await allActivity(api, admin(p)))[0].operation).toBe('End Indirect Reseller Link');
  expect((await allActivity(api, admin(r)))[0].operation).toBe('End Indirect Provider Link');
  // Customers stay on both sides; the provider can no longer create any for the reseller.
  expect(await listAllCustomers(api, admin(r))).toHaveLength(1);
  expect(await listAllCustomers(api, admin(p))).toHaveLength(1);
  expectProblem(await api.request('POST', '/v1/customers', { token: admin(p), body: customerBody(newDomain('after'), { associatedPartnerId: r.partnerId }) }), 403, 'forbidden');

  // Linking again later works, and shows as active on both sides.
  expectStatus(await api.request('PUT', `/v1/indirect-providers/${p.partnerId}`, { token: admin(r) }), 200);
  expect((await api.request('GET', '/v1/indirect-providers', { token: admin(r) })).body.items).toEqual([expect.objectContaining({ providerId: p.partnerId, state: 'active' })]);
  expect((await api.request('GET', `/v1/indirect-resellers/${r.partnerId}`, { token: admin(p) })).body).toEqual(expect.objectContaining({ state: 'active' }));
});

test('the provider ends the link: the reseller is told, and its authorization is gone', async () => {
  const [p, r] = await Promise.all([provider(), reseller()]);
  expectStatus(await api.request('PUT', `/v1/indirect-providers/${p.partnerId}`, { token: admin(r) }), 200);
  expectProblem(await api.request('DELETE', `/v1/indirect-resellers/${r.partnerId}`, { token: admin(p), body: {} }), 400, 'validation');
  expectProblem(await api.request('DELETE', `/v1/indirect-resellers/${r.partnerId}`, { token: admin(p), body: { reason: 'because' } }), 400, 'validation');
  expectStatus(await api.request('DELETE', `/v1/indirect-resellers/${r.partnerId}`, { token: admin(p), body: { reason: 'noActivity' } }), 204);
  await api.mailer.drain();
  const [told] = await api.mailbox({ to: r.contact });
  expect(told!.subject).toBe(`${p.name} ended its indirect provider link with you`);
  expect(told!.text).toContain('there was no activity');
  expect((await api.request('GET', '/v1/indirect-providers', { token: admin(r) })).body.items).toEqual([expect.objectContaining({ state: 'ended', ended: expect.objectContaining({ side: 'provider', reason: 'noActivity' }) })]);
  expectProblem(await api.request('DELETE', `/v1/indirect-resellers/${r.partnerId}`, { token: admin(p), body: { reason: 'noActivity' } }), 404, 'not-found');
  expectProblem(await api.request('DELETE', `/v1/indirect-providers/${p.partnerId}`, { token: admin(r), body: { reason: 'noActivity' } }), 404, 'not-found');
});

test('every pre-flight check fails with a type of its own, for PUT and for accept alike; a refused accept leaves the invitation pending', async () => {
  const [p, r, direct, foreign] = await Promise.all([provider(), reseller(), partnerOf('directBill'), partnerOf('indirectReseller', { country: 'DE', markets: ['DE'] })]);
  const withoutProfile = await api.token(uniqueId('partner'), 'global-admin');
  const put = (token: string, providerId: string) => api.request('PUT', `/v1/indirect-providers/${providerId}`, { token });

  expectProblem(await put(admin(direct), p.partnerId), 422, 'not-an-indirect-reseller');
  expectProblem(await put(admin(r), direct.partnerId), 422, 'not-an-indirect-provider');
  expectProblem(await put(admin(r), uniqueId('nobody')), 422, 'provider-profile-required');
  expectProblem(await put(withoutProfile, p.partnerId), 409, 'partner-profile-required');
  expectProblem(await put(admin(foreign), p.partnerId), 422, 'indirect-market-mismatch');

  const { id, token } = await invite(p);
  expectProblem(await accept(direct, token), 422, 'not-an-indirect-reseller');
  expectProblem(await accept(foreign, token), 422, 'indirect-market-mismatch');
  expectProblem(await api.request('POST', '/v1/indirect-providers/accept', { token: withoutProfile, body: { invitationToken: token } }), 409, 'partner-profile-required');
  expectProblem(await accept(p, token), 422, 'not-an-indirect-reseller');
  expect((await invitationOf(p, id)).state).toBe('pending');

  // Only an indirect provider with a legal profile invites.
  expectProblem(await api.request('POST', '/v1/reseller-invitations', { token: admin(direct), body: { email: 'a@reseller.example' } }), 422, 'not-an-indirect-provider');
  expectProblem(await api.request('POST', '/v1/reseller-invitations', { token: withoutProfile, body: { email: 'a@reseller.example' } }), 409, 'partner-profile-required');

  // A reseller already linked cannot consume an invitation: it stays pending for the provider to revoke.
  expectStatus(await put(admin(r), p.partnerId), 200);
  expectStatus(await put(admin(r), p.partnerId), 200);
  expectProblem(await accept(r, token), 409, 'already-linked');
  expect((await invitationOf(p, id)).state).toBe('pending');
  expect((await api.request('GET', '/v1/indirect-resellers', { token: admin(p) })).body.items).toHaveLength(1);
});

test('resend sends a new link and kills the old one; revoke kills the link; the list is newest first, paged', async () => {
  const p = await provider();
  const first = await invite(p);
  const resent = await api.request('POST', `/v1/reseller-invitations/${first.id}/resend`, { token: admin(p) });
  expectStatus(resent, 200);
  const { path: newPath } = await linkFromMail(first.email);
  expect(newPath).not.toBe(first.path);
  expect((await openPage(first.path)).response.status).toBe(410);
  expect((await openPage(newPath)).response.status).toBe(200);
  expect(await api.mailbox({ to: first.email })).toHaveLength(2);

  const second = await invite(p);
  const revoked = await api.request('POST', `/v1/reseller-invitations/${second.id}/revoke`, { token: admin(p) });
  expectStatus(revoked, 200);
  expect(revoked.body.state).toBe('revoked');
  expect((await openPage(second.path)).response.status).toBe(410);
  const r = await reseller();
  expectProblem(await accept(r, second.token), 410, 'gone');
  expectProblem(await api.request('POST', `/v1/reseller-invitations/${second.id}/revoke`, { token: admin(p) }), 409, 'state-conflict');
  expectProblem(await api.request('POST', `/v1/reseller-invitations/${second.id}/resend`, { token: admin(p) }), 409, 'state-conflict');

  const page1 = await api.request('GET', '/v1/reseller-invitations?limit=1', { token: admin(p) });
  expect(page1.body.items.map((i: { id: string }) => i.id)).toEqual([second.id]);
  const page2 = await api.request('GET', `/v1/reseller-invitations?limit=1&continuationToken=${encodeURIComponent(page1.body.continuationToken)}`, { token: admin(p) });
  expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
  expect((await openPage(`/reseller-invitations/${'x'.repeat(43)}`)).response.status).toBe(404);
});

test('a third partner sees nothing of a link or an invitation, and can neither read, revoke nor reuse them', async () => {
  const [p, r, third, thirdProvider] = await Promise.all([provider(), reseller(), reseller(), provider()]);
  const { id, token } = await invite(p);
  expectStatus(await accept(r, token), 200);
  for (const outsider of [third, thirdProvider]) {
    expectProblem(await api.request('GET', `/v1/reseller-invitations/${id}`, { token: admin(outsider) }), 404, 'not-found');
    expectProblem(await api.request('POST', `/v1/reseller-invitations/${id}/revoke`, { token: admin(outsider) }), 404, 'not-found');
    expectProblem(await api.request('POST', `/v1/reseller-invitations/${id}/resend`, { token: admin(outsider) }), 404, 'not-found');
    expect((await api.request('GET', '/v1/reseller-invitations', { token: admin(outsider) })).body.items).toEqual([]);
    expect((await api.request('GET', '/v1/indirect-resellers', { token: admin(outsider) })).body.items).toEqual([]);
    expect((await api.request('GET', '/v1/indirect-providers', { token: admin(outsider) })).body.items).toEqual([]);
    expectProblem(await api.request('GET', `/v1/indirect-resellers/${r.partnerId}`, { token: admin(outsider) }), 404, 'not-found');
    expectProblem(await api.request('DELETE', `/v1/indirect-resellers/${r.partnerId}`, { token: admin(outsider), body: { reason: 'other' } }), 404, 'not-found');
  }
  expectProblem(await accept(third, token), 410, 'gone');
  expectProblem(await api.request('DELETE', `/v1/indirect-providers/${p.partnerId}`, { token: admin(third), body: { reason: 'other' } }), 404, 'not-found');
  expect((await api.request('GET', '/v1/indirect-resellers', { token: admin(p) })).body.items.map((l: { resellerId: string }) => l.resellerId)).toEqual([r.partnerId]);
});
