// Who may call what: every partner route of the route table against every role of the role table, the
// partner id taken from the verified token, and the public routes. Verifying the token is the gateway's
// job; its local stand-in's checks are in test/harness/local-server.test.ts.
import { randomUUID } from 'node:crypto';
import { PERMISSIONS, ROLES, type Role } from '../../shared/platform/roles';
import { routes, type RouteDef } from '../../shared/routes';
import { customerBody, newPartner, partnerProfileBody, startApi, uniqueId, type TestApi } from '../support/api';
import { allActivity, createCustomer, domainStatus, expectProblem, expectStatus, newDomain } from './helpers';

jest.setTimeout(30_000);

let api: TestApi;
let partner: Awaited<ReturnType<typeof newPartner>>;
let customer: { id: string; domain: string };
/** A second customer that routes without a specific builder below may act on. */
let scratch: { id: string; domain: string };

beforeAll(async () => {
  api = await startApi();
  partner = await newPartner(api);
  const [created, other] = await Promise.all([createCustomer(api, partner.tokens['global-admin']), createCustomer(api, partner.tokens['global-admin'])]);
  customer = { id: created.customer.id, domain: created.domain };
  scratch = { id: other.customer.id, domain: other.domain };
});
afterAll(() => api.close());

const partnerRoutes = (routes as readonly RouteDef[]).filter(
  (r): r is RouteDef & { auth: { kind: 'partner'; action: keyof typeof PERMISSIONS } } => r.auth.kind === 'partner',
);
const publicRoutes = (routes as readonly RouteDef[]).filter((r) => r.auth.kind === 'public');

interface Prepared {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Runs after a refused call: throws if the refused call changed anything. */
  nothingWritten: () => Promise<void>;
}

const admin = () => partner.tokens['global-admin'];
const noCheck = async () => undefined;

/**
 * A valid request per operation: an allowed role must then get the route's success status. A route
 * without a builder here still gets checked through `genericRequest` (refused roles: 403 and nothing
 * written; allowed roles: not 401/403), so a new route cannot slip past the role checks.
 */
const builders: Record<string, () => Promise<Prepared>> = {
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
  listActivity: async () => ({ path: '/v1/activity?limit=5', nothingWritten: noCheck }),

  // Relationship routes.
  createInvitation: async () => {
    const email = `${uniqueId('invite')}@customer.example`;
    return { path: '/v1/invitations', body: { email }, nothingWritten: async () => expect(await invitationsTo(email)).toEqual([]) };
  },
  listInvitations: async () => ({ path: '/v1/invitations?limit=5', nothingWritten: noCheck }),
  getInvitation: async () => ({ path: `/v1/invitations/${(await newInvitation()).id}`, nothingWritten: noCheck }),
  resendInvitation: async () => {
    const invitation = await newInvitation();
    return {
      path: `/v1/invitations/${invitation.id}/resend`,
      nothingWritten: async () => expect((await api.request('GET', `/v1/invitations/${invitation.id}`, { token: admin() })).body).toEqual(invitation),
    };
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
  // terminateDelegatedAdmin needs an approved grant (a customer admin's accept on the public page): generic request.
};

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

/** Some request for a route we have no specific builder for: path parameters filled, an empty JSON body. */
function genericRequest(route: RouteDef): Prepared {
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    name === 'customerId' ? scratch.id : name === 'domain' ? scratch.domain : randomUUID(),
  );
  const write = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);
  return {
    path,
    ...(write ? { body: {} } : {}),
    ...(route.headers?.includes('If-Match') ? { headers: { 'If-Match': '"v1"' } } : {}),
    nothingWritten: noCheck,
  };
}

const prepare = (route: RouteDef): Promise<Prepared> => (builders[route.operationId] ? builders[route.operationId]!() : Promise.resolve(genericRequest(route)));

describe('the role table is enforced on every partner route', () => {
  test('the route table has the partner routes this file knows how to call', () => {
    const known = Object.keys(builders);
    expect(partnerRoutes.map((r) => r.operationId)).toEqual(expect.arrayContaining(known));
  });

  const cases = partnerRoutes.flatMap((route) =>
    ROLES.map((role) => ({ route, role, allowed: (PERMISSIONS[route.auth.action] as readonly Role[]).includes(role) })),
  );

  test.each(cases.map((c) => [`${c.route.operationId} (${c.route.method} ${c.route.path}, ${c.route.auth.action})`, c.role, c.allowed ? 'allowed' : 'refused', c] as const))(
    '%s as %s: %s',
    async (_name, role, _verdict, { route, allowed }) => {
      const specific = Boolean(builders[route.operationId]);
      const prepared = await prepare(route);
      const activityBefore = await allActivity(api, admin());

      const response = await api.request(route.method, prepared.path, { token: partner.tokens[role], body: prepared.body, headers: prepared.headers });

      if (allowed) {
        expect(response.status).not.toBe(403);
        expect(response.status).not.toBe(401);
        if (specific) expectStatus(response, route.response.status);
        else expect(response.status).toBeLessThan(500);
      } else {
        if (route.method === 'HEAD') {
          expect(response.status).toBe(403); // a HEAD answer has no body to inspect
        } else {
          expectProblem(response, 403, 'forbidden');
          expect(response.body.detail).toContain(role);
        }
        await prepared.nothingWritten();
        const activityAfter = await allActivity(api, admin());
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
    const token = await api.token(partner.partnerId, []);
    for (const route of partnerRoutes) {
      const prepared = await prepare(route);
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
  test('every public route of the table answers without a token', async () => {
    expect(publicRoutes.map((r) => r.path)).toEqual(expect.arrayContaining(['/docs', '/health', '/v1/openapi.json']));
    for (const route of publicRoutes) {
      const hasParams = route.path.includes('{');
      const path = route.path.replace(/\{(\w+)\}/g, () => randomUUID());
      const response = await api.request(route.method, path, route.method === 'POST' ? { rawBody: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {});
      if (hasParams) expect({ path: route.path, unauthorized: response.status === 401 }).toEqual({ path: route.path, unauthorized: false });
      else expect({ path: route.path, status: response.status }).toEqual({ path: route.path, status: route.response.status });
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
