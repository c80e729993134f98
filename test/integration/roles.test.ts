// Who may call what: every partner route of the route table against every role of the role table, the
// partner id taken from the verified token, and the public routes. Verifying the token is the gateway's
// job; its local stand-in's checks are in test/harness/local-server.test.ts.
import { randomUUID } from 'node:crypto';
import { PERMISSIONS, ROLES, type Role } from '../../shared/platform/roles';
import { routes, type RouteDef } from '../../shared/routes/index';
import { customerBody, newPartner, partnerProfileBody, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { allActivity, businessProfileBody, createCustomer, domainStatus, expectProblem, expectStatus, newDomain, putBusinessProfile } from './helpers';
import { acceptBody, act, createBody, declineBody, incomingReferral, wonBody } from './referral-helpers';
import { importRow } from './import-helpers';

jest.setTimeout(30_000);

type Partner = Awaited<ReturnType<typeof newPartner>>;

let api: TestApi;
let partner: Partner;
/** An indirect reseller: only one authorizes indirect providers. */
let reseller: Partner;
let customer: { id: string; domain: string };

beforeAll(async () => {
  api = await startApi();
  [partner, reseller] = await Promise.all([newPartner(api), newPartner(api, { partnerType: 'indirectReseller', markets: ['US'] })]);
  const created = await createCustomer(api, partner.tokens['global-admin']);
  customer = { id: created.customer.id, domain: created.domain };
});
afterAll(() => api.close());

const { linkFromMail, accept } = publicPages(() => api);

const partnerRoutes = (routes as readonly RouteDef[]).filter(
  (r): r is RouteDef & { auth: { kind: 'partner'; action: keyof typeof PERMISSIONS } } => r.auth.kind === 'partner',
);
const publicRoutes = (routes as readonly RouteDef[]).filter((r) => r.auth.kind === 'public');

interface Prepared {
  /** Whose users make the call; this file's partner unless the route needs another kind of partner. */
  caller?: Partner;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Runs after a refused call: throws if the refused call changed anything. */
  nothingWritten: () => Promise<void>;
}

const admin = () => partner.tokens['global-admin'];
const noCheck = async () => undefined;

/**
 * A valid request per operation: an allowed role must then get the route's success status, a refused one
 * 403 with nothing written. Every partner route needs one: a new route without a builder fails below.
 */
const builders: Record<string, () => Promise<Prepared>> = {
  createCustomerImport: async () => {
    // An earlier case's import is still being worked through in the background, writing its activity: let it finish.
    await api.mailer.drain();
    const before = await importIds();
    return {
      path: '/v1/customer-imports',
      body: { rows: [importRow(newDomain('import'))] },
      headers: { 'idempotency-key': uniqueId('role-import') },
      nothingWritten: async () => expect(await importIds()).toEqual(before),
    };
  },
  listCustomerImports: async () => ({ path: '/v1/customer-imports', nothingWritten: noCheck }),
  getCustomerImport: async () => ({ path: `/v1/customer-imports/${await newImport()}`, nothingWritten: noCheck }),
  listCustomerImportRows: async () => ({ path: `/v1/customer-imports/${await newImport()}/rows`, nothingWritten: noCheck }),
  getCustomerImportResult: async () => ({ path: `/v1/customer-imports/${await newImport()}/result.csv`, nothingWritten: noCheck }),
  resendCustomerImportInvitations: async () => {
    const path = `/v1/customer-imports/${await newImport()}/resend`;
    // The new import is worked through in the background, writing its activity: let it finish first.
    await api.mailer.drain();
    return { path, nothingWritten: noCheck };
  },
  getPartnerProfile: async () => ({ path: '/v1/partner', nothingWritten: noCheck }),
  putPartnerProfile: async () => {
    const before = (await api.request('GET', '/v1/partner', { token: admin() })).body;
    return {
      path: '/v1/partner',
      body: partnerProfileBody({ companyName: 'Renamed By Role Test Ltd' }),
      nothingWritten: async () => {
        const after = await api.request('GET', '/v1/partner', { token: admin() });
        expect(after.body).toEqual(before);
      },
    };
  },
  createCustomer: async () => {
    const domain = newDomain('role');
    return {
      path: '/v1/customers',
      body: customerBody(domain),
      nothingWritten: async () => expect(await domainStatus(api, admin(), domain)).toBe(404),
    };
  },
  listCustomers: async () => ({ path: '/v1/customers?limit=5', nothingWritten: noCheck }),
  exportCustomers: async () => ({ path: '/v1/customers/export', nothingWritten: noCheck }),
  getCustomer: async () => ({ path: `/v1/customers/${customer.id}`, nothingWritten: noCheck }),
  updateCustomer: async () => {
    const current = await api.request('GET', `/v1/customers/${customer.id}`, { token: admin() });
    const city = `City ${Math.random().toString(36).slice(2, 8)}`;
    return {
      path: `/v1/customers/${customer.id}`,
      body: { billingProfile: { defaultAddress: { city } } },
      headers: { 'If-Match': current.headers.get('etag')! },
      nothingWritten: async () => {
        const after = await api.request('GET', `/v1/customers/${customer.id}`, { token: admin() });
        expect(after.headers.get('etag')).toBe(current.headers.get('etag'));
        expect(after.body).toEqual(current.body);
      },
    };
  },
  recordAgreement: async () => {
    const before = await api.request('GET', `/v1/customers/${customer.id}/agreements`, { token: admin() });
    return {
      path: `/v1/customers/${customer.id}/agreements`,
      body: { dateAgreed: '2025-01-02T03:04:05Z', primaryContact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' } },
      nothingWritten: async () => {
        const after = await api.request('GET', `/v1/customers/${customer.id}/agreements`, { token: admin() });
        expect(after.body.items).toEqual(before.body.items);
      },
    };
  },
  listAgreements: async () => ({ path: `/v1/customers/${customer.id}/agreements`, nothingWritten: noCheck }),
  checkDomain: async () => ({ path: `/v1/domains/${customer.domain}`, nothingWritten: noCheck }),
  getPurchasePermissions: async () => ({ path: `/v1/customers/${customer.id}/purchase-permissions`, nothingWritten: noCheck }),
  putPurchasePermission: async () => {
    // The ETag as read now: an allowed role's change succeeds (or, once on, changes nothing), a refused one writes nothing.
    const read = () => api.request('GET', `/v1/customers/${customer.id}/purchase-permissions`, { token: admin() });
    const before = await read();
    return {
      path: `/v1/customers/${customer.id}/purchase-permissions/azureReservations`,
      body: { enabled: true },
      headers: { 'If-Match': before.headers.get('etag')! },
      nothingWritten: async () => {
        const after = await read();
        expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
        expect(after.body).toEqual(before.body);
      },
    };
  },
  createValidationCode: async () => {
    const code = `GOV-${uniqueId('role')}`;
    const list = async () => (await api.request('GET', '/v1/validation-codes?limit=100', { token: admin() })).body.items;
    const before = await list();
    return { path: '/v1/validation-codes', body: { code, allowedCreations: 3 }, nothingWritten: async () => expect(await list()).toEqual(before) };
  },
  listValidationCodes: async () => ({ path: '/v1/validation-codes', nothingWritten: noCheck }),
  listActivity: async () => ({ path: '/v1/activity?limit=5', nothingWritten: noCheck }),

  // Relationship routes.
  createInvitation: async () => {
    const email = `${uniqueId('invite')}@customer.example`;
    return { path: '/v1/invitations', body: { email }, nothingWritten: async () => expect(await invitationsTo(email)).toEqual([]) };
  },
  listInvitations: async () => ({ path: '/v1/invitations?limit=5', nothingWritten: noCheck }),
  getInvitation: async () => ({ path: `/v1/invitations/${(await newInvitation()).id}`, nothingWritten: noCheck }),
  resendInvitation: async () => {
    const { id } = await newInvitation();
    // The mailer writes the delivery state meanwhile: once it is done, only a resend could change the invitation.
    await api.mailer.drain();
    const read = () => api.request('GET', `/v1/invitations/${id}`, { token: admin() });
    const before = (await read()).body;
    return { path: `/v1/invitations/${id}/resend`, nothingWritten: async () => expect((await read()).body).toEqual(before) };
  },
  revokeInvitation: async () => {
    const invitation = await newInvitation();
    return {
      path: `/v1/invitations/${invitation.id}/revoke`,
      nothingWritten: async () => expect((await api.request('GET', `/v1/invitations/${invitation.id}`, { token: admin() })).body.state).toBe('pending'),
    };
  },
  reinstateCustomer: async () => {
    const ended = await createCustomer(api, admin());
    expectStatus(await api.request('POST', `/v1/customers/${ended.customer.id}/relationship/end`, { token: admin(), body: { reason: 'role test' } }), 200);
    // Only an address of the organization itself may reinstate it (consent cannot be forged).
    const email = `${uniqueId('reinstate')}@${ended.domain}`;
    return {
      path: `/v1/customers/${ended.customer.id}/invitations`,
      body: { email },
      nothingWritten: async () => expect(await invitationsTo(email)).toEqual([]),
    };
  },
  getRelationshipLink: async () => ({ path: '/v1/relationship-link', nothingWritten: noCheck }),
  endRelationship: async () => {
    const fresh = await createCustomer(api, admin());
    return {
      path: `/v1/customers/${fresh.customer.id}/relationship/end`,
      body: { reason: 'The customer moved to another reseller' },
      nothingWritten: async () => expect((await api.request('GET', `/v1/customers/${fresh.customer.id}`, { token: admin() })).body.state).toBe('active'),
    };
  },
  listDelegatedAdmin: async () => ({ path: `/v1/customers/${customer.id}/delegated-admin`, nothingWritten: noCheck }),
  terminateDelegatedAdmin: async () => {
    const customerId = await customerWithActiveGrant();
    return {
      path: `/v1/customers/${customerId}/delegated-admin/terminate`,
      nothingWritten: async () => {
        const grants = await api.request('GET', `/v1/customers/${customerId}/delegated-admin`, { token: admin() });
        expect(grants.body.items.map((g: { state: string }) => g.state)).toEqual(['active']);
      },
    };
  },

  // Referral routes: each call gets a referral of its own in the state the route needs.
  listReferrals: async () => ({ path: '/v1/referrals?limit=5', nothingWritten: noCheck }),
  createReferral: async () => {
    const body = createBody({ name: uniqueId('role referral') });
    return { path: '/v1/referrals', body, nothingWritten: async () => expect(await referralNames()).not.toContain(body.name) };
  },
  getReferral: async () => ({ path: `/v1/referrals/${(await incomingReferral(partner.partnerId)).id}`, nothingWritten: noCheck }),
  updateReferral: async () => {
    const id = await referralIn('accepted');
    const current = await readReferral(id);
    return {
      path: `/v1/referrals/${id}`,
      body: { notes: 'role test' },
      headers: { 'If-Match': current.headers.get('etag')! },
      nothingWritten: async () => expect((await readReferral(id)).body).toEqual(current.body),
    };
  },
  acceptReferral: async () => {
    const id = await referralIn('received');
    return { path: `/v1/referrals/${id}/accept`, body: acceptBody(), nothingWritten: async () => expect((await readReferral(id)).body.substatus).toBe('received') };
  },
  declineReferral: async () => {
    const id = await referralIn('received');
    return { path: `/v1/referrals/${id}/decline`, body: declineBody, nothingWritten: async () => expect((await readReferral(id)).body.substatus).toBe('received') };
  },
  closeReferral: async () => {
    const id = await referralIn('accepted');
    return { path: `/v1/referrals/${id}/close`, body: wonBody, nothingWritten: async () => expect((await readReferral(id)).body.substatus).toBe('accepted') };
  },
  referToReseller: async () => {
    const provider = await linkedProvider();
    const body = { name: uniqueId('role partner referral'), customerProfile: createBody().customerProfile, consent: createBody().consent };
    return {
      caller: provider,
      path: `/v1/indirect-resellers/${reseller.partnerId}/referrals`,
      body,
      nothingWritten: async () => expect(await referralNames(provider)).not.toContain(body.name),
    };
  },
  inviteReferralCustomer: async () => {
    const id = await referralIn('won');
    return { path: `/v1/referrals/${id}/invitation`, body: {}, nothingWritten: async () => expect((await readReferral(id)).body.invitationId).toBeUndefined() };
  },

  listIndirectProviders: async () => ({ path: '/v1/indirect-providers', nothingWritten: noCheck }),
  authorizeIndirectProvider: async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    return {
      caller: reseller,
      path: `/v1/indirect-providers/${provider.partnerId}`,
      nothingWritten: async () => expect(await providersOf(reseller)).not.toContain(provider.partnerId),
    };
  },
  removeIndirectProvider: async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    expectStatus(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: reseller.tokens['global-admin'] }), 200);
    return {
      caller: reseller,
      path: `/v1/indirect-providers/${provider.partnerId}`,
      body: { reason: 'partnershipEnded' },
      nothingWritten: async () => expect(await providersOf(reseller)).toContain(provider.partnerId),
    };
  },
  acceptPartnershipInvitation: async () => {
    const { provider, token } = await pendingPartnershipInvitation();
    return {
      caller: reseller,
      path: '/v1/indirect-providers/accept',
      body: { invitationToken: token },
      nothingWritten: async () => expect(await providersOf(reseller)).not.toContain(provider.partnerId),
    };
  },
  listIndirectResellers: async () => ({ path: '/v1/indirect-resellers', nothingWritten: noCheck }),
  getIndirectProvider: async () => {
    const provider = await linkedProvider();
    return { caller: reseller, path: `/v1/indirect-providers/${provider.partnerId}`, nothingWritten: noCheck };
  },
  getIndirectReseller: async () => {
    const provider = await linkedProvider();
    return { caller: provider, path: `/v1/indirect-resellers/${reseller.partnerId}`, nothingWritten: noCheck };
  },
  endIndirectReseller: async () => {
    const provider = await linkedProvider();
    return {
      caller: provider,
      path: `/v1/indirect-resellers/${reseller.partnerId}`,
      body: { reason: 'noActivity', comment: 'Role test' },
      nothingWritten: async () => expect(await providersOf(reseller)).toContain(provider.partnerId),
    };
  },
  createResellerInvitation: async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    return {
      caller: provider,
      path: '/v1/reseller-invitations',
      body: { email: `${uniqueId('reseller')}@reseller.example` },
      nothingWritten: async () => expect((await api.request('GET', '/v1/reseller-invitations', { token: provider.tokens['global-admin'] })).body.items).toEqual([]),
    };
  },
  listResellerInvitations: async () => ({ path: '/v1/reseller-invitations?limit=5', nothingWritten: noCheck }),
  getResellerInvitation: async () => {
    const { provider, path } = await pendingPartnershipInvitation();
    return { caller: provider, path, nothingWritten: noCheck };
  },
  resendResellerInvitation: async () => {
    const { provider, path, before } = await pendingPartnershipInvitation();
    return { caller: provider, path: `${path}/resend`, nothingWritten: async () => expect((await api.request('GET', path, { token: provider.tokens['global-admin'] })).body).toEqual(before) };
  },
  revokeResellerInvitation: async () => {
    const { provider, path, before } = await pendingPartnershipInvitation();
    return { caller: provider, path: `${path}/revoke`, nothingWritten: async () => expect((await api.request('GET', path, { token: provider.tokens['global-admin'] })).body).toEqual(before) };
  },

  // Business profiles: each write gets a partner of its own, so that every role starts from the same state.
  listBusinessProfiles: async () => ({ path: '/v1/business-profiles', nothingWritten: noCheck }),
  getBusinessProfile: async () => {
    await ensureProfile(partner);
    return { path: '/v1/business-profiles/US', nothingWritten: noCheck };
  },
  putBusinessProfile: async () => {
    const owner = await newPartner(api);
    return { caller: owner, path: '/v1/business-profiles/US', body: businessProfileBody('US'), nothingWritten: async () => expect(await profileStatus(owner)).toBe(404) };
  },
  deleteBusinessProfile: async () => {
    const owner = await withProfile();
    return { caller: owner, path: '/v1/business-profiles/US', nothingWritten: async () => expect(await profileStatus(owner)).toBe(200) };
  },
  publishBusinessProfile: async () => {
    const owner = await withProfile();
    return { caller: owner, path: '/v1/business-profiles/US/publish', nothingWritten: async () => expect(await published(owner)).toBe(false) };
  },
  unpublishBusinessProfile: async () => {
    const owner = await withProfile();
    expectStatus(await api.request('POST', '/v1/business-profiles/US/publish', { token: owner.tokens['global-admin'] }), 200);
    return { caller: owner, path: '/v1/business-profiles/US/unpublish', nothingWritten: async () => expect(await published(owner)).toBe(true) };
  },
};

async function referralIn(state: 'received' | 'accepted' | 'won'): Promise<string> {
  const { id } = await incomingReferral(partner.partnerId);
  if (state !== 'received') await act(api, admin(), id, 'accept', acceptBody());
  if (state === 'won') await act(api, admin(), id, 'close', wonBody);
  return id;
}

const readReferral = (id: string) => api.request('GET', `/v1/referrals/${id}`, { token: admin() });

async function referralNames(owner = partner): Promise<string[]> {
  const page = await api.request('GET', '/v1/referrals?direction=outgoing&limit=100', { token: owner.tokens['global-admin'] });
  expectStatus(page, 200);
  return page.body.items.map((r: { name: string }) => r.name);
}

const profileStatus = async (owner: Partner) => (await api.request('GET', '/v1/business-profiles/US', { token: owner.tokens['global-admin'] })).status;
const published = async (owner: Partner) => (await api.request('GET', '/v1/business-profiles/US', { token: owner.tokens['global-admin'] })).body.published;

async function ensureProfile(owner: Partner) {
  if ((await profileStatus(owner)) === 404) await putBusinessProfile(api, owner.tokens['global-admin'], 'US', businessProfileBody('US'));
}

async function withProfile(): Promise<Partner> {
  const owner = await newPartner(api);
  await ensureProfile(owner);
  return owner;
}

/** A new provider's invitation, mailed; `before` as the provider reads it once the mail went out. */
async function pendingPartnershipInvitation() {
  const provider = await newPartner(api, { partnerType: 'indirectProvider' });
  const email = `${uniqueId('reseller')}@reseller.example`;
  const created = await api.request('POST', '/v1/reseller-invitations', { token: provider.tokens['global-admin'], body: { email } });
  expectStatus(created, 201);
  const { path: linkPath } = await linkFromMail(email);
  const path = `/v1/reseller-invitations/${created.body.id}`;
  const before = (await api.request('GET', path, { token: provider.tokens['global-admin'] })).body;
  return { provider, path, before, token: linkPath.split('/').pop()! };
}

/** A new provider that this file's reseller has authorized. */
async function linkedProvider(): Promise<Partner> {
  const provider = await newPartner(api, { partnerType: 'indirectProvider' });
  expectStatus(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: reseller.tokens['global-admin'] }), 200);
  return provider;
}

async function providersOf(caller: Partner): Promise<string[]> {
  const list = await api.request('GET', '/v1/indirect-providers', { token: caller.tokens['global-admin'] });
  expectStatus(list, 200);
  return list.body.items.filter((a: { state: string }) => a.state === 'active').map((a: { providerId: string }) => a.providerId);
}

/** A customer whose admin approved a delegated admin request on the public page: its grant is active. */
async function customerWithActiveGrant(): Promise<string> {
  const email = `${uniqueId('grant')}@customer.example`;
  const invited = await api.request('POST', '/v1/invitations', {
    token: admin(),
    body: { email, delegatedAdmin: { displayName: uniqueId('Role test'), roles: ['globalReader'], duration: 'P30D' } },
  });
  expectStatus(invited, 201);
  const { path } = await linkFromMail(email);
  expect((await accept(path, { domain: newDomain('grant') })).status).toBe(200);
  return (await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: admin() })).body.customerId;
}

async function importIds(): Promise<string[]> {
  const page = await api.request('GET', '/v1/customer-imports?limit=100', { token: admin() });
  expectStatus(page, 200);
  return page.body.items.map((i: { id: string }) => i.id);
}

async function newImport(): Promise<string> {
  const response = await api.request('POST', '/v1/customer-imports', { token: admin(), body: { rows: [importRow(newDomain('import'))] }, headers: { 'idempotency-key': uniqueId('import') } });
  expectStatus(response, 202);
  return response.body.id;
}

async function newInvitation() {
  const response = await api.request('POST', '/v1/invitations', { token: admin(), body: { email: `${uniqueId('inv')}@customer.example` } });
  expectStatus(response, 201);
  return response.body;
}

async function invitationsTo(email: string) {
  const page = await api.request('GET', '/v1/invitations?limit=100', { token: admin() });
  expectStatus(page, 200);
  return page.body.items.filter((i: { email: string }) => i.email === email);
}

function prepare(route: RouteDef): Promise<Prepared> {
  const build = builders[route.operationId];
  if (!build) throw new Error(`no request builder for ${route.operationId}: add one to the builders of this file`);
  return build();
}

describe('the role table is enforced on every partner route', () => {
  test('every partner route of the table has a request builder here, and every builder a route', () => {
    expect(Object.keys(builders).sort()).toEqual(partnerRoutes.map((r) => r.operationId).sort());
  });

  const cases = partnerRoutes.flatMap((route) =>
    ROLES.map((role) => ({ route, role, allowed: (PERMISSIONS[route.auth.action] as readonly Role[]).includes(role) })),
  );

  test.each(cases.map((c) => [`${c.route.operationId} (${c.route.method} ${c.route.path}, ${c.route.auth.action})`, c.role, c.allowed ? 'allowed' : 'refused', c] as const))(
    '%s as %s: %s',
    async (_name, role, _verdict, { route, allowed }) => {
      const prepared = await prepare(route);
      const caller = prepared.caller ?? partner;
      const activityBefore = await allActivity(api, caller.tokens['global-admin']);

      const response = await api.request(route.method, prepared.path, { token: caller.tokens[role], body: prepared.body, headers: prepared.headers });

      if (allowed) {
        expectStatus(response, route.response.status);
      } else {
        if (route.method === 'HEAD') {
          expect(response.status).toBe(403); // a HEAD answer has no body to inspect
        } else {
          expectProblem(response, 403, 'forbidden');
          expect(response.body.detail).toContain(role);
        }
        await prepared.nothingWritten();
        const activityAfter = await allActivity(api, caller.tokens['global-admin']);
        expect(activityAfter.map((a) => a.id)).toEqual(activityBefore.map((a) => a.id));
      }
    },
  );

  test("the role table grants exactly what the domain notes' table says", () => {
    // Written out from /work/shared/domain.md, so that a slip in shared/platform/roles.ts cannot pass unnoticed.
    // (partner.read is left out: the notes do not say plainly who may read the legal profile.)
    const all: readonly Role[] = ['global-admin', 'admin-agent', 'sales-agent', 'helpdesk-agent'];
    const expected: Record<string, readonly Role[]> = {
      'customers.read': all,
      'customers.create': ['global-admin', 'admin-agent', 'sales-agent'],
      'customers.agreements.record': ['global-admin', 'admin-agent', 'sales-agent'],
      'customers.billing.update': all,
      'invitations.manage': ['global-admin', 'admin-agent', 'sales-agent'],
      'delegatedAdmin.manage': ['global-admin', 'admin-agent'],
      'relationship.end': ['global-admin'],
      'purchasePermissions.read': all,
      'purchasePermissions.write': ['global-admin', 'admin-agent'],
      // Not in the notes' table (issue 11): only the Global admin records US Government validation codes; those who add customers read them.
      'validationCodes.read': ['global-admin', 'admin-agent', 'sales-agent'],
      'validationCodes.write': ['global-admin'],
      'referrals.manage': ['global-admin', 'admin-agent', 'sales-agent'],
      'businessProfile.read': all,
      'businessProfile.write': ['global-admin'],
      'partner.write': ['global-admin'],
      'indirectLinks.manage': ['global-admin'],
      'activity.read': ['global-admin', 'admin-agent'],
    };
    const actions = Object.keys(PERMISSIONS).filter((a) => a !== 'partner.read').sort();
    expect(actions).toEqual(Object.keys(expected).sort());
    for (const action of actions) {
      expect({ action, roles: [...PERMISSIONS[action as keyof typeof PERMISSIONS]].sort() }).toEqual({ action, roles: [...expected[action]!].sort() });
    }
    // Every partner route names an action of the table.
    for (const route of partnerRoutes) expect(Object.keys(PERMISSIONS)).toContain(route.auth.action);
  });

  test('a user with several roles gets the union of their permissions', async () => {
    const token = await api.token(partner.partnerId, ['helpdesk-agent', 'sales-agent']);
    const domain = newDomain('multi');
    const created = await api.request('POST', '/v1/customers', { token, body: customerBody(domain) });
    expectStatus(created, 201);
    expect(created.body.companyProfile.domain).toBe(domain);
  });

  test('a token with no roles is refused with 403 on every partner route, and nothing is written', async () => {
    for (const route of partnerRoutes) {
      const prepared = await prepare(route);
      const token = await api.token((prepared.caller ?? partner).partnerId, []);
      const response = await api.request(route.method, prepared.path, { token, body: prepared.body, headers: prepared.headers });
      expect({ op: route.operationId, status: response.status }).toEqual({ op: route.operationId, status: 403 });
      if (route.method !== 'HEAD') expectProblem(response, 403, 'forbidden');
      await prepared.nothingWritten();
    }
  });

  test('a token with only unknown roles is refused with 403', async () => {
    const token = await api.issuer.sign({ partnerId: partner.partnerId, roles: ['superuser', 'Global-Admin'], userId: 'user-unknown-role' });
    const response = await api.request('GET', '/v1/customers', { token });
    expectProblem(response, 403, 'forbidden');
  });

  test('a helpdesk agent cannot create a customer even with an Idempotency-Key, and the domain stays free', async () => {
    const domain = newDomain('helpdesk');
    const response = await api.request('POST', '/v1/customers', {
      token: partner.tokens['helpdesk-agent'],
      body: customerBody(domain),
      headers: { 'Idempotency-Key': `k-${domain}` },
    });
    expectProblem(response, 403, 'forbidden');
    expect(await domainStatus(api, admin(), domain)).toBe(404);
  });
});

describe('identity from the verified token', () => {
  test('a token without a partner id is 403', async () => {
    const token = await api.issuer.sign({ partnerId: '', roles: ['global-admin'], userId: 'u-nopartner' });
    expectProblem(await api.request('GET', '/v1/customers', { token }), 403, 'forbidden');
  });
});

describe('public routes', () => {
  test('every public route of the table answers without a token: a link made up of random values is 404', async () => {
    expect(publicRoutes.map((r) => r.path)).toEqual(expect.arrayContaining(['/docs', '/health', '/v1/openapi.json']));
    for (const route of publicRoutes) {
      const link = route.path.includes('{');
      const path = route.path.replace(/\{(\w+)\}/g, () => randomUUID());
      const response = await api.request(route.method, path, route.method === 'POST' ? { rawBody: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {});
      expect({ path: route.path, status: response.status }).toEqual({ path: route.path, status: link ? 404 : route.response.status });
    }
  });

  test('/health says ok', async () => {
    const response = await api.request('GET', '/health');
    expectStatus(response, 200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  test('/docs is an HTML page naming every route', async () => {
    const response = await api.request('GET', '/docs');
    expectStatus(response, 200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    for (const route of routes as readonly RouteDef[]) expect(response.text).toContain(`<code>${route.path}</code>`);
  });

  test('/v1/openapi.json is an OpenAPI 3.1 document listing every route of the table with its operationId', async () => {
    const response = await api.request('GET', '/v1/openapi.json');
    expectStatus(response, 200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = response.body;
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe('reseller-accounts');
    const listed = Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => ['get', 'put', 'post', 'patch', 'delete', 'head'].includes(method))
        .map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );
    expect(listed.sort()).toEqual((routes as readonly RouteDef[]).map((r) => `${r.method} ${r.path} ${r.operationId}`).sort());
  });

  test('/v1/openapi.json marks partner routes as bearer-secured (with their roles) and public routes as open', async () => {
    const doc = (await api.request('GET', '/v1/openapi.json')).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const route of routes as readonly RouteDef[]) {
      const op = doc.paths[route.path][route.method.toLowerCase()];
      if (route.auth.kind === 'partner') {
        expect({ op: route.operationId, security: op.security }).toEqual({ op: route.operationId, security: [{ bearer: [] }] });
        expect(op.description).toBe(`Roles: ${PERMISSIONS[route.auth.action].join(', ')}.`);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining([String(route.response.status), '401', '403']));
      } else {
        expect({ op: route.operationId, security: op.security }).toEqual({ op: route.operationId, security: [] });
      }
    }
  });

});
