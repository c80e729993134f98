// The relationship flow as people live it: a partner invites, the mail arrives (captured by the local
// SES), the customer admin opens the link from it and answers on the public page.
process.env.MAX_PENDING_INVITATIONS_PER_PARTNER = '4';

import { clock } from '../../shared/platform/clock';
import { getGrant, getInvitation } from '../../shared/invitations/store';
import { recordBounce } from '../../shared/invitations/delivery';
import { expireOverdueInvitations } from '../../shared/invitations/cleanup';
import { customerBody, newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';

jest.setTimeout(30_000);

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());
afterEach(() => {
  clock.now = () => new Date();
});

const realNow = () => new Date();
const email = () => `${uniqueId('admin')}@contoso-${uniqueId('org')}.example`;

const { linkFromMail, openPage, postForm, accept } = publicPages(() => api);

test('invite → mail → link → accept → active → end → reinstate → active again, with history', async () => {
  const { tokens } = await newPartner(api, { companyName: 'Fabrikam Cloud Partners LLC' });
  const admin = tokens['global-admin'];
  const to = email();
  const domain = `${uniqueId('org')}.onmicrosoft.com`;

  const invited = await api.request('POST', '/v1/invitations', {
    token: tokens['admin-agent'],
    body: { email: to, domain, delegatedAdmin: { displayName: uniqueId('Support'), roles: ['globalReader', 'helpdeskAdministrator'], duration: 'P90D', autoExtend: true } },
  });
  expect(invited.status).toBe(201);
  expect(invited.body).toMatchObject({ state: 'pending', email: to, delivery: { state: 'queued' } });
  expect(JSON.stringify(invited.body)).not.toMatch(/token/i);

  const { path, mail } = await linkFromMail(to);
  expect(mail.subject + mail.text).toContain('Fabrikam Cloud Partners LLC');
  expect((await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: admin })).body.delivery).toMatchObject({ state: 'sent', attempts: 1 });

  const page = await openPage(path);
  expect(page.response.headers.get('cache-control')).toBe('no-store');
  expect(page.response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(page.response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  expect(page.html).toContain('Fabrikam Cloud Partners LLC');
  expect(page.html).toContain('Global Reader');

  const accepted = await postForm(`${path}/accept`, { csrf: page.csrf!, domain, companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' }, page.cookie);
  expect(accepted.status).toBe(200);
  const customerId = (await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: admin })).body.customerId;
  const customer = await api.request('GET', `/v1/customers/${customerId}`, { token: admin });
  expect(customer.body).toMatchObject({ state: 'active', relationshipToPartner: 'reseller', companyProfile: { domain } });
  const listed = await api.request('GET', `/v1/customers?q=${domain}&state=active`, { token: admin });
  expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([customerId]);
  const agreements = await api.request('GET', `/v1/customers/${customerId}/agreements`, { token: admin });
  expect(agreements.body.items).toHaveLength(1);
  const grants = await api.request('GET', `/v1/customers/${customerId}/delegated-admin`, { token: admin });
  expect(grants.body.items).toEqual([expect.objectContaining({ state: 'active', roles: ['globalReader', 'helpdeskAdministrator'] })]);
  expect(Date.parse(grants.body.items[0].endsAt) - Date.now()).toBeGreaterThan(89 * 86400_000);

  // The link is single use.
  expect((await openPage(path)).response.status).toBe(410);
  expect((await api.request('HEAD', path)).status).toBe(410);
  expect((await postForm(`${path}/decline`, { csrf: page.csrf! }, page.cookie)).status).toBe(410);

  const ended = await api.request('POST', `/v1/customers/${customerId}/relationship/end`, { token: admin, body: { reason: 'Customer moved to another partner' } });
  expect(ended.status).toBe(200);
  expect(ended.body.state).toBe('ended');
  expect((await api.request('POST', `/v1/customers/${customerId}/relationship/end`, { token: admin, body: { reason: 'Again' } })).status).toBe(409);
  expect((await api.request('GET', `/v1/customers/${customerId}/delegated-admin`, { token: admin })).body.items[0].state).toBe('terminated');
  expect((await api.request('GET', `/v1/customers?q=${domain}&state=active`, { token: admin })).body.items).toEqual([]);
  expect((await api.request('GET', `/v1/customers?q=${domain}&state=ended`, { token: admin })).body.items).toHaveLength(1);

  const reinvite = await api.request('POST', `/v1/customers/${customerId}/invitations`, { token: tokens['sales-agent'], body: { email: to } });
  expect(reinvite.status).toBe(201);
  const second = await linkFromMail(to);
  expect((await accept(second.path, { domain })).status).toBe(200);
  const again = await api.request('GET', `/v1/customers/${customerId}`, { token: admin });
  expect(again.body).toMatchObject({ id: customerId, state: 'active', createdAt: customer.body.createdAt });
  // Only an ended relationship, of a customer of this partner, can be reinstated.
  expect((await api.request('POST', `/v1/customers/${customerId}/invitations`, { token: admin, body: { email: to } })).status).toBe(409);
  expect((await api.request('POST', `/v1/customers/${invited.body.id}/invitations`, { token: admin, body: { email: to } })).status).toBe(404);

  const history = await api.request('GET', `/v1/activity?customerId=${customerId}`, { token: admin });
  expect(history.body.items.map((a: { operation: string }) => a.operation)).toEqual([
    'Accept Invitation: Reinstate Relationship',
    'Reinstate Customer Relationship: Invite',
    'End Customer Relationship',
    'Accept Invitation',
  ]);
});

test('decline closes the invitation and creates no customer', async () => {
  const { tokens } = await newPartner(api);
  const to = email();
  const invited = await api.request('POST', '/v1/invitations', { token: tokens['sales-agent'], body: { email: to } });
  const { path } = await linkFromMail(to);
  const page = await openPage(path);
  expect((await postForm(`${path}/decline`, { csrf: page.csrf!, reason: 'Not now' })).status).toBe(403);
  const declined = await postForm(`${path}/decline`, { csrf: page.csrf!, reason: 'Not now' }, page.cookie);
  expect(declined.status).toBe(200);
  const after = await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: tokens['global-admin'] });
  expect(after.body).toMatchObject({ state: 'declined', declineReason: 'Not now' });
  expect(after.body.customerId).toBeUndefined();
  expect((await api.request('GET', '/v1/customers', { token: tokens['global-admin'] })).body.items).toEqual([]);
});

test('an expired invitation cannot be used (injected clock), and reads as expired', async () => {
  const { tokens } = await newPartner(api);
  const to = email();
  const invited = await api.request('POST', '/v1/invitations', { token: tokens['sales-agent'], body: { email: to } });
  const { path } = await linkFromMail(to);
  const page = await openPage(path);
  clock.now = () => new Date(realNow().getTime() + 31 * 86400_000);
  expect((await openPage(path)).response.status).toBe(410);
  expect((await postForm(`${path}/accept`, { csrf: page.csrf!, domain: 'x.example.com', companyName: 'Contoso Ltd', country: 'US', acceptorName: 'A' }, page.cookie)).status).toBe(410);
  expect((await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: tokens['global-admin'] })).body.state).toBe('expired');
  expect((await api.request('POST', `/v1/invitations/${invited.body.id}/resend`, { token: tokens['global-admin'] })).status).toBe(409);
});

test('revoke kills the link; resend sends a new link and kills the old one', async () => {
  const { tokens } = await newPartner(api);
  const to = email();
  const first = await api.request('POST', '/v1/invitations', { token: tokens['sales-agent'], body: { email: to } });
  const old = await linkFromMail(to);
  const resent = await api.request('POST', `/v1/invitations/${first.body.id}/resend`, { token: tokens['sales-agent'] });
  expect(resent.status).toBe(200);
  const fresh = await linkFromMail(to);
  expect(fresh.link).not.toBe(old.link);
  expect((await openPage(old.path)).response.status).toBe(404);
  expect((await openPage(fresh.path)).response.status).toBe(200);

  const revoked = await api.request('POST', `/v1/invitations/${first.body.id}/revoke`, { token: tokens['sales-agent'] });
  expect(revoked.body.state).toBe('revoked');
  const gone = await openPage(fresh.path);
  expect(gone.response.status).toBe(410);
  // Unknown and used-up links read the same: no hint whether a link ever existed.
  const unknown = await openPage(`/invitations/${'A'.repeat(43)}`);
  expect(unknown.response.status).toBe(404);
  expect(unknown.html).toBe(gone.html);
});

test('GET and HEAD of a link change nothing (mail scanners open links)', async () => {
  const { tokens } = await newPartner(api);
  const to = email();
  const invited = await api.request('POST', '/v1/invitations', { token: tokens['sales-agent'], body: { email: to } });
  const { path } = await linkFromMail(to);
  const before = await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: tokens['global-admin'] });
  for (let i = 0; i < 3; i++) {
    expect((await api.request('HEAD', path)).status).toBe(200);
    expect((await openPage(path)).response.status).toBe(200);
  }
  expect((await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: tokens['global-admin'] })).body).toEqual(before.body);
});

test('a post without the page cookie, or from another site, is refused', async () => {
  const { tokens } = await newPartner(api);
  const to = email();
  await api.request('POST', '/v1/invitations', { token: tokens['sales-agent'], body: { email: to } });
  const { path } = await linkFromMail(to);
  const page = await openPage(path);
  const fields = { csrf: page.csrf!, domain: 'a.example.com', companyName: 'Contoso Ltd', country: 'US', acceptorName: 'A' };
  expect((await postForm(`${path}/accept`, fields)).status).toBe(403);
  const crossSite = await api.request('POST', `${path}/accept`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.cookie!, origin: 'https://evil.example' },
    rawBody: new URLSearchParams(fields).toString(),
  });
  expect(crossSite.status).toBe(403);
  expect((await openPage(path)).response.status).toBe(200);
});

test('two concurrent accepts of one link: exactly one succeeds', async () => {
  const { tokens } = await newPartner(api);
  const to = email();
  await api.request('POST', '/v1/invitations', { token: tokens['sales-agent'], body: { email: to } });
  const { path } = await linkFromMail(to);
  const page = await openPage(path);
  const domain = `${uniqueId('race')}.onmicrosoft.com`;
  const fields = { csrf: page.csrf!, domain, companyName: 'Contoso Ltd', country: 'US', acceptorName: 'A B' };
  const results = await Promise.all([1, 2, 3].map(() => postForm(`${path}/accept`, fields, page.cookie)));
  expect(results.map((r) => r.status).sort()).toEqual([200, 410, 410]);
  expect((await api.request('GET', '/v1/customers', { token: tokens['global-admin'] })).body.items).toHaveLength(1);
});

test('a permanent bounce marks the invitation; resending to that address needs an override', async () => {
  const { tokens } = await newPartner(api);
  const to = email();
  const invited = await api.request('POST', '/v1/invitations', { token: tokens['sales-agent'], body: { email: to } });
  const { mail } = await linkFromMail(to);
  expect(await recordBounce(mail.messageId, 'bounce')).toBe('recorded');
  expect((await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: tokens['sales-agent'] })).body.delivery.state).toBe('bounced');
  const refused = await api.request('POST', `/v1/invitations/${invited.body.id}/resend`, { token: tokens['sales-agent'] });
  expect(refused.status).toBe(409);
  expect(refused.body.type).toMatch(/recipient-bounced$/);
  expect((await api.request('POST', '/v1/invitations', { token: tokens['sales-agent'], body: { email: to } })).status).toBe(409);
  const overridden = await api.request('POST', `/v1/invitations/${invited.body.id}/resend?overrideBounce=true`, { token: tokens['sales-agent'] });
  expect(overridden.status).toBe(200);
  await linkFromMail(to);
  expect((await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: tokens['sales-agent'] })).body.delivery.state).toBe('sent');
});

test('rate limits: pending invitations per partner, mails per recipient per day; 429 and no mail', async () => {
  const { tokens } = await newPartner(api);
  for (let i = 0; i < 4; i++) expect((await api.request('POST', '/v1/invitations', { token: tokens['sales-agent'], body: { email: email() } })).status).toBe(201);
  const over = email();
  const refused = await api.request('POST', '/v1/invitations', { token: tokens['sales-agent'], body: { email: over } });
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  await api.mailer.drain();
  expect(await api.mailbox({ to: over })).toEqual([]);

  const other = await newPartner(api);
  const target = email();
  const first = await api.request('POST', '/v1/invitations', { token: other.tokens['sales-agent'], body: { email: target } });
  for (let i = 0; i < 4; i++) expect((await api.request('POST', `/v1/invitations/${first.body.id}/resend`, { token: other.tokens['sales-agent'] })).status).toBe(200);
  const sixth = await api.request('POST', `/v1/invitations/${first.body.id}/resend`, { token: other.tokens['sales-agent'] });
  expect(sixth.status).toBe(429);
});

test('another partner cannot read, resend or revoke an invitation; roles are enforced', async () => {
  const owner = await newPartner(api);
  const stranger = await newPartner(api);
  const invited = await api.request('POST', '/v1/invitations', { token: owner.tokens['sales-agent'], body: { email: email() } });
  for (const [method, suffix] of [['GET', ''], ['POST', '/resend'], ['POST', '/revoke']] as const) {
    expect((await api.request(method, `/v1/invitations/${invited.body.id}${suffix}`, { token: stranger.tokens['global-admin'] })).status).toBe(404);
  }
  expect((await api.request('GET', '/v1/invitations', { token: stranger.tokens['global-admin'] })).body.items).toEqual([]);
  expect((await api.request('POST', '/v1/invitations', { token: owner.tokens['helpdesk-agent'], body: { email: email() } })).status).toBe(403);
  const salesWithAdmin = await api.request('POST', '/v1/invitations', {
    token: owner.tokens['sales-agent'],
    body: { email: email(), delegatedAdmin: { displayName: 'x', roles: ['globalReader'], duration: 'P30D' } },
  });
  expect(salesWithAdmin.status).toBe(403);
  const created = await api.request('POST', '/v1/customers', { token: owner.tokens['global-admin'], body: customerBody(`${uniqueId('c')}.onmicrosoft.com`) });
  expect((await api.request('POST', `/v1/customers/${created.body.id}/relationship/end`, { token: owner.tokens['admin-agent'], body: { reason: 'x' } })).status).toBe(403);
  expect((await api.request('POST', `/v1/customers/${created.body.id}/relationship/end`, { token: stranger.tokens['global-admin'], body: { reason: 'x' } })).status).toBe(404);
});

test('an invitation asking for delegated admin is resent or revoked only by a Global admin or an Admin agent', async () => {
  const { partnerId, tokens } = await newPartner(api);
  const to = email();
  const invited = await api.request('POST', '/v1/invitations', {
    token: tokens['admin-agent'],
    body: { email: to, delegatedAdmin: { displayName: uniqueId('Support'), roles: ['globalReader'], duration: 'P30D' } },
  });
  expect(invited.status).toBe(201);
  const { path } = await linkFromMail(to);
  const stored = await getInvitation(partnerId, invited.body.id);
  const grantBefore = await getGrant(partnerId, stored!.grantId!);

  for (const action of ['resend', 'revoke']) {
    const refused = await api.request('POST', `/v1/invitations/${invited.body.id}/${action}`, { token: tokens['sales-agent'] });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toMatch(/delegated admin/);
  }
  await api.mailer.drain();
  expect(await api.mailbox({ to })).toHaveLength(1);
  expect(await getInvitation(partnerId, invited.body.id)).toEqual(stored);
  expect(await getGrant(partnerId, stored!.grantId!)).toEqual(grantBefore);
  expect((await openPage(path)).response.status).toBe(200);

  expect((await api.request('POST', `/v1/invitations/${invited.body.id}/resend`, { token: tokens['admin-agent'] })).status).toBe(200);
  const revoked = await api.request('POST', `/v1/invitations/${invited.body.id}/revoke`, { token: tokens['global-admin'] });
  expect(revoked.body.state).toBe('revoked');
  expect((await getGrant(partnerId, stored!.grantId!))!.state).toBe('terminated');
});

test('the reusable relationship link sends a one-time invitation to the address given', async () => {
  const withoutProfile = await api.token(uniqueId('partner'), 'sales-agent');
  expect((await api.request('GET', '/v1/relationship-link', { token: withoutProfile })).status).toBe(409);
  const { tokens } = await newPartner(api, { companyName: 'Link Partner Inc' });
  const link = await api.request('GET', '/v1/relationship-link', { token: tokens['sales-agent'] });
  expect(link.status).toBe(200);
  expect(link.body.suggestedEmail.body).toContain(link.body.url);
  const path = new URL(link.body.url).pathname;
  const page = await openPage(path);
  expect(page.html).toContain('Link Partner Inc');
  const invalid = await postForm(path, { csrf: page.csrf!, email: 'not an address' }, page.cookie);
  expect(invalid.status).toBe(400);
  const to = email();
  const sent = await postForm(path, { csrf: page.csrf!, email: to }, page.cookie);
  expect(sent.status).toBe(200);
  const invitation = (await api.request('GET', '/v1/invitations', { token: tokens['global-admin'] })).body.items[0];
  expect(invitation).toMatchObject({ email: to, source: 'relationshipLink' });
  const { path: oneTime } = await linkFromMail(to);
  expect((await accept(oneTime, { domain: `${uniqueId('viaLink')}.onmicrosoft.com` })).status).toBe(200);
  expect((await openPage(`${path.slice(0, -3)}xyz`)).response.status).toBe(404);
});

test('the scheduled cleanup expires overdue invitations, their pending grants, and frees the pending allowance', async () => {
  const { tokens } = await newPartner(api);
  // Made 31 days ago (injected clock), so only this test's invitations are overdue in the shared table.
  clock.now = () => new Date(realNow().getTime() - 31 * 86400_000);
  const invitations = [];
  for (let i = 0; i < 4; i++) {
    const made = await api.request('POST', '/v1/invitations', {
      token: tokens['global-admin'],
      body: { email: email(), ...(i === 0 ? { delegatedAdmin: { displayName: uniqueId('Old'), roles: ['globalReader'], duration: 'P30D' } } : {}) },
    });
    expect(made.status).toBe(201);
    invitations.push(made.body);
  }
  clock.now = () => new Date();
  expect((await api.request('POST', '/v1/invitations', { token: tokens['global-admin'], body: { email: email() } })).status).toBe(429);

  const result = await expireOverdueInvitations();
  expect(result.expired).toBeGreaterThanOrEqual(4);
  for (const invitation of invitations) {
    const stored = await getInvitation(await partnerOf(tokens['global-admin']), invitation.id);
    expect(stored!.state).toBe('expired');
    if (stored!.grantId) expect((await getGrant(stored!.partnerId, stored!.grantId))!.state).toBe('expired');
  }
  expect(invitations[0].delegatedAdmin).toBeDefined();
  const activity = await api.request('GET', '/v1/activity?limit=100', { token: tokens['global-admin'] });
  expect(activity.body.items.filter((a: { operation: string }) => a.operation === 'Expire Invitation')).toHaveLength(4);
  // The pending allowance is free again, and a second run finds nothing of ours left.
  expect((await api.request('POST', '/v1/invitations', { token: tokens['global-admin'], body: { email: email() } })).status).toBe(201);
  expect((await expireOverdueInvitations()).expired).toBe(0);
});

/** The partner id inside a token (the tests make partners through newPartner). */
async function partnerOf(token: string): Promise<string> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())['custom:partnerId'];
}
