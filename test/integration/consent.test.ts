// Consent cannot be forged: a relationship with an existing organization, and any delegated admin grant on
// it, comes into being only through a person who controls one of that organization's mailboxes. These
// tests replay the attacks found by outside probing; each must fail and change nothing.
import { customerBody, newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { expectProblem, expectStatus, newDomain } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const { linkFromMail, openPage, postForm, accept } = publicPages(() => api);

const globalAdminFor730Days = () => ({ displayName: uniqueId('Takeover'), roles: ['globalAdministrator'], duration: 'P730D', autoExtend: false });

/** Partner B's customer: an existing organization that partner A wants to attach to itself. */
async function victimOrganization() {
  const owner = await newPartner(api, { companyName: 'Owner Partner LLC' });
  const domain = newDomain('victim');
  const created = await api.request('POST', '/v1/customers', { token: owner.tokens['global-admin'], body: customerBody(domain) });
  expectStatus(created, 201);
  return { owner, domain, customer: created.body };
}

async function customersOf(token: string) {
  return (await api.request('GET', '/v1/customers', { token })).body.items as { id: string; tenantId: string; companyProfile: { domain: string } }[];
}

describe('a partner cannot attach an existing organization through a mailbox of its own choosing', () => {
  test('POST /v1/invitations naming the domain with an address outside it: 422 naming the qualifying addresses, nothing written', async () => {
    const { domain } = await victimOrganization();
    const attacker = await newPartner(api, { companyName: 'Attacker Partner LLC' });
    const own = `${uniqueId('me')}@attacker-partner.example`;
    const response = await api.request('POST', '/v1/invitations', {
      token: attacker.tokens['global-admin'],
      body: { email: own, domain, delegatedAdmin: globalAdminFor730Days() },
    });
    expectProblem(response, 422, 'recipient-outside-organization');
    expect(response.body.detail).toContain(`@${domain}`);
    expect(response.body.qualifyingAddresses).toEqual({ domains: [domain], adminContacts: [] });
    expect((await api.request('GET', '/v1/invitations', { token: attacker.tokens['global-admin'] })).body.items).toEqual([]);
  });

  test('accepting its own link and typing the domain of another partner’s customer is refused on the page; nothing changes', async () => {
    const { owner, domain, customer } = await victimOrganization();
    const attacker = await newPartner(api, { companyName: 'Attacker Partner LLC' });
    const own = `${uniqueId('me')}@attacker-partner.example`;
    const invited = await api.request('POST', '/v1/invitations', { token: attacker.tokens['global-admin'], body: { email: own, delegatedAdmin: globalAdminFor730Days() } });
    expectStatus(invited, 201);
    const { path } = await linkFromMail(own);

    const refused = await accept(path, { domain, companyName: 'Contoso Ltd' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('not sent to one of its addresses');
    expect(refused.html).toContain('Nothing has changed');

    expect(await customersOf(attacker.tokens['global-admin'])).toEqual([]);
    const invitation = (await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: attacker.tokens['global-admin'] })).body;
    expect(invitation).toMatchObject({ state: 'pending' });
    expect(invitation.customerId).toBeUndefined();
    expect((await api.request('GET', `/v1/customers/${customer.id}`, { token: owner.tokens['global-admin'] })).body).toMatchObject({ state: 'active', tenantId: customer.tenantId });
    // The link still works for what it may do: a new organization of the recipient's own.
    expect((await openPage(path)).response.status).toBe(200);
  });

  test('the same attack through the partner’s public relationship link, anonymously, is refused too', async () => {
    const { domain } = await victimOrganization();
    const attacker = await newPartner(api, { companyName: 'Attacker Partner LLC' });
    const link = await api.request('GET', '/v1/relationship-link', { token: attacker.tokens['global-admin'] });
    const requestPath = new URL(link.body.url).pathname;
    const form = await openPage(requestPath);
    const anonymous = `${uniqueId('anon')}@anywhere.example`;
    expect((await postForm(requestPath, { csrf: form.csrf!, email: anonymous }, form.cookie)).status).toBe(200);
    const { path } = await linkFromMail(anonymous);

    const refused = await accept(path, { domain });
    expect(refused.status).toBe(422);
    expect(await customersOf(attacker.tokens['global-admin'])).toEqual([]);
  });

  test('reinstating an ended customer goes only to an address of the organization', async () => {
    const partner = await newPartner(api);
    const domain = newDomain('ended');
    const created = await api.request('POST', '/v1/customers', { token: partner.tokens['global-admin'], body: customerBody(domain) });
    expectStatus(await api.request('POST', `/v1/customers/${created.body.id}/relationship/end`, { token: partner.tokens['global-admin'], body: { reason: 'test' } }), 200);
    const outside = await api.request('POST', `/v1/customers/${created.body.id}/invitations`, { token: partner.tokens['global-admin'], body: { email: `someone@partner-chosen.example` } });
    expectProblem(outside, 422, 'recipient-outside-organization');
    expectStatus(await api.request('POST', `/v1/customers/${created.body.id}/invitations`, { token: partner.tokens['global-admin'], body: { email: `admin@${domain}` } }), 201);
  });
});

describe('who may accept for an organization', () => {
  test('an address at the organization’s domain joins it: same tenant, and the delegated admin grant becomes active', async () => {
    const { domain, customer } = await victimOrganization();
    const second = await newPartner(api, { companyName: 'Second Partner LLC' });
    const admin = `${uniqueId('it')}@${domain}`;
    expectStatus(await api.request('POST', '/v1/invitations', { token: second.tokens['global-admin'], body: { email: admin, domain, delegatedAdmin: { displayName: uniqueId('Ops'), roles: ['globalReader'], duration: 'P30D' } } }), 201);
    const { path } = await linkFromMail(admin);
    expect((await accept(path, { domain })).status).toBe(200);
    const [joined] = await customersOf(second.tokens['global-admin']);
    expect(joined).toMatchObject({ tenantId: customer.tenantId, companyProfile: { domain } });
    const grants = await api.request('GET', `/v1/customers/${joined!.id}/delegated-admin`, { token: second.tokens['global-admin'] });
    expect(grants.body.items).toEqual([expect.objectContaining({ state: 'active' })]);
  });

  test('an admin contact the organization proved by accepting before qualifies later, and is shown only masked', async () => {
    const first = await newPartner(api, { companyName: 'First Partner LLC' });
    const domain = newDomain('neworg');
    const boss = `boss-${uniqueId('x')}@mailhost.example`;
    // A new organization: its first admin proves the address by accepting.
    expectStatus(await api.request('POST', '/v1/invitations', { token: first.tokens['global-admin'], body: { email: boss, domain } }), 201);
    expect((await accept((await linkFromMail(boss)).path, { domain })).status).toBe(200);

    const later = await newPartner(api, { companyName: 'Later Partner LLC' });
    const outsider = await api.request('POST', '/v1/invitations', { token: later.tokens['global-admin'], body: { email: `x@${uniqueId('other')}.example`, domain } });
    expectProblem(outsider, 422, 'recipient-outside-organization');
    expect(outsider.body.qualifyingAddresses).toEqual({ domains: [domain], adminContacts: ['b***@m***.example'] });
    expect(outsider.text).not.toContain(boss);

    expectStatus(await api.request('POST', '/v1/invitations', { token: later.tokens['global-admin'], body: { email: boss, domain } }), 201);
    expect((await accept((await linkFromMail(boss)).path, { domain })).status).toBe(200);
    const [a] = await customersOf(first.tokens['global-admin']);
    const [b] = await customersOf(later.tokens['global-admin']);
    expect(b!.tenantId).toBe(a!.tenantId);
  });
});

describe('an indirect reseller cannot create organizations through an invitation', () => {
  test('naming a new domain is refused at once, and typing one on the page is refused there; an existing organization can be joined', async () => {
    const reseller = await newPartner(api, { companyName: 'Reseller Partner LLC', partnerType: 'indirectReseller' });
    const fresh = newDomain('fresh');
    const direct = await api.request('POST', '/v1/invitations', { token: reseller.tokens['global-admin'], body: { email: `admin@${fresh}`, domain: fresh } });
    expectProblem(direct, 422, 'organization-creation-not-allowed');

    const to = `admin-${uniqueId('r')}@${fresh}`;
    expectStatus(await api.request('POST', '/v1/invitations', { token: reseller.tokens['global-admin'], body: { email: to } }), 201);
    const { path } = await linkFromMail(to);
    const refused = await accept(path, { domain: fresh });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('cannot register new ones');
    expect(await customersOf(reseller.tokens['global-admin'])).toEqual([]);
    const head = await api.request('HEAD', `/v1/domains/${fresh}`, { token: reseller.tokens['global-admin'] });
    expect(head.status).toBe(404);

    const { domain } = await victimOrganization();
    const member = `it-${uniqueId('r')}@${domain}`;
    expectStatus(await api.request('POST', '/v1/invitations', { token: reseller.tokens['global-admin'], body: { email: member, domain } }), 201);
    expect((await accept((await linkFromMail(member)).path, { domain })).status).toBe(200);
    expect(await customersOf(reseller.tokens['global-admin'])).toHaveLength(1);
  });
});

test('two partners’ invitations accepted at the same moment for one new domain: both succeed, on one organization', async () => {
  for (let round = 0; round < 6; round++) {
    const [a, b] = await Promise.all([newPartner(api), newPartner(api)]);
    const domain = newDomain('race');
    const [toA, toB] = [`a-${uniqueId('x')}@${domain}`, `b-${uniqueId('x')}@${domain}`];
    await Promise.all([
      api.request('POST', '/v1/invitations', { token: a.tokens['global-admin'], body: { email: toA, domain } }),
      api.request('POST', '/v1/invitations', { token: b.tokens['global-admin'], body: { email: toB, domain } }),
    ]);
    const [pageA, pageB] = await Promise.all([linkFromMail(toA).then((l) => openPage(l.path).then((p) => ({ ...p, path: l.path }))), linkFromMail(toB).then((l) => openPage(l.path).then((p) => ({ ...p, path: l.path })))]);
    const fields = { domain, companyName: 'Race Co', country: 'US', acceptorName: 'Robin Race' };
    const results = await Promise.all([pageA, pageB].map((page) => postForm(`${page.path}/accept`, { csrf: page.csrf!, ...fields }, page.cookie)));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const [[ca], [cb]] = await Promise.all([customersOf(a.tokens['global-admin']), customersOf(b.tokens['global-admin'])]);
    expect(ca!.tenantId).toBe(cb!.tenantId);
  }
}, 60_000);
