// The activity log: every customer change writes one record (who, what, when, before/after), readable
// by admins only, per partner, newest first, paged; a refused write writes none.
import { randomUUID } from 'node:crypto';
import { customerBody, newPartner, partnerProfileBody, startApi, uniqueId, type TestApi } from '../support/api';
import { allActivity, expectProblem, expectStatus, newDomain } from './helpers';

jest.setTimeout(30_000);

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A partner, a user per role with a known id, and a customer with an addressLine2 to remove later. */
async function setup() {
  const partner = await newPartner(api);
  const users = { creator: uniqueId('creator'), updater: uniqueId('updater'), recorder: uniqueId('recorder') };
  const tokens = {
    creator: await api.token(partner.partnerId, 'sales-agent', users.creator),
    updater: await api.token(partner.partnerId, 'helpdesk-agent', users.updater),
    recorder: await api.token(partner.partnerId, 'admin-agent', users.recorder),
  };
  const domain = newDomain('act');
  const body = customerBody(domain) as any;
  body.billingProfile.defaultAddress.addressLine2 = 'Suite 7';
  const created = await api.request('POST', '/v1/customers', { token: tokens.creator, body });
  expectStatus(created, 201);
  return { partner, users, tokens, domain, customer: created.body, etag: created.headers.get('etag')!, admin: partner.tokens['global-admin'] };
}
type Setup = Awaited<ReturnType<typeof setup>>;

async function update(s: Setup, etag: string, userToken = s.tokens.updater) {
  const response = await api.request('PATCH', `/v1/customers/${s.customer.id}`, {
    token: userToken,
    body: { billingProfile: { defaultAddress: { city: 'Seattle', postalCode: '98101', addressLine2: null } } },
    headers: { 'If-Match': etag },
  });
  expectStatus(response, 200);
  return response;
}

async function recordAgreement(s: Setup) {
  const response = await api.request('POST', `/v1/customers/${s.customer.id}/agreements`, {
    token: s.tokens.recorder,
    body: { dateAgreed: '2025-05-05T05:05:05Z', primaryContact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' } },
  });
  expectStatus(response, 201);
  return response;
}

describe('what a change writes', () => {
  test('create writes "Create Customer" with the actor, the customer id and every field as "after"', async () => {
    const s = await setup();
    const log = await allActivity(api, s.admin, s.customer.id);
    expect(log).toHaveLength(1);
    const record = log[0];
    expect(record).toMatchObject({
      id: expect.any(String),
      at: expect.stringMatching(ISO),
      actor: { userId: s.users.creator, partnerId: s.partner.partnerId },
      operation: 'Create Customer',
      customerId: s.customer.id,
    });
    // Every top-level field of the new customer, as "after" only.
    expect(record.changes).toEqual([
      { field: 'billingProfile', after: s.customer.billingProfile },
      { field: 'companyProfile', after: { companyName: 'Contoso Ltd', domain: s.domain } },
      { field: 'createdAt', after: s.customer.createdAt },
      { field: 'id', after: s.customer.id },
      { field: 'relationshipToPartner', after: 'reseller' },
      { field: 'state', after: 'active' },
      { field: 'tenantId', after: s.customer.tenantId },
      { field: 'updatedAt', after: s.customer.updatedAt },
    ]);
    expect(record.changes[0].after.defaultAddress.addressLine2).toBe('Suite 7');
    expect(record.changes.filter((c: object) => 'before' in c)).toEqual([]);
    expect(record.at).toBe(s.customer.createdAt);
    // The partner-wide log has it too, and it is the newest.
    expect((await allActivity(api, s.admin))[0]).toEqual(record);
  });

  test('update writes "Update Customer Billing Profile" with before/after of exactly the changed fields', async () => {
    const s = await setup();
    const updated = await update(s, s.etag);
    const log = await allActivity(api, s.partner.tokens['admin-agent'], s.customer.id);
    expect(log.map((r) => r.operation)).toEqual(['Update Customer Billing Profile', 'Create Customer']);
    const record = log[0];
    expect(record.actor).toEqual({ userId: s.users.updater, partnerId: s.partner.partnerId });
    expect(record.customerId).toBe(s.customer.id);
    expect(record.at).toBe(updated.body.updatedAt);
    expect([...record.changes].sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'billingProfile.defaultAddress.addressLine2', before: 'Suite 7' },
      { field: 'billingProfile.defaultAddress.city', before: 'Redmond', after: 'Seattle' },
      { field: 'billingProfile.defaultAddress.postalCode', before: '98052', after: '98101' },
    ]);
  });

  test('recording an agreement writes "Record Customer Agreement"', async () => {
    const s = await setup();
    const agreement = await recordAgreement(s);
    const [record] = await allActivity(api, s.admin, s.customer.id);
    expect(record).toMatchObject({
      operation: 'Record Customer Agreement',
      actor: { userId: s.users.recorder, partnerId: s.partner.partnerId },
      customerId: s.customer.id,
      at: agreement.body.recordedAt,
    });
    expect(record.changes).toEqual([{ field: 'agreement', after: { id: agreement.body.id, dateAgreed: '2025-05-05T05:05:05.000Z' } }]);
  });

  test('a patch that changes nothing writes nothing', async () => {
    const s = await setup();
    const response = await api.request('PATCH', `/v1/customers/${s.customer.id}`, {
      token: s.tokens.updater, body: { billingProfile: { defaultAddress: { city: 'Redmond' } } }, headers: { 'If-Match': s.etag },
    });
    expectStatus(response, 200);
    expect(response.headers.get('etag')).toBe(s.etag);
    expect((await allActivity(api, s.admin, s.customer.id)).map((r) => r.operation)).toEqual(['Create Customer']);
  });

  test('changing the legal profile writes its before/after', async () => {
    const s = await setup();
    const put = await api.request('PUT', '/v1/partner', { token: s.admin, body: partnerProfileBody({ companyName: 'Renamed Reseller LLC' }) });
    expectStatus(put, 200);
    const [record] = await allActivity(api, s.admin);
    expect(record.operation).toBe('Update Partner Legal Profile');
    expect(record.customerId).toBeUndefined();
    expect(record.changes).toEqual([{ field: 'companyName', before: 'Test Reseller LLC', after: 'Renamed Reseller LLC' }]);
  });

  test('an indirect provider creating for a reseller writes the record in both logs, naming the provider as actor', async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    const reseller = await newPartner(api, { partnerType: 'indirectReseller' });
    expectStatus(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: reseller.tokens['global-admin'] }), 200);
    const userId = uniqueId('provider-user');
    const token = await api.token(provider.partnerId, 'sales-agent', userId);
    const created = await api.request('POST', '/v1/customers', { token, body: customerBody(newDomain('ind'), { associatedPartnerId: reseller.partnerId }) });
    expectStatus(created, 201);
    const mine = await allActivity(api, provider.tokens['global-admin'], created.body.id);
    const theirs = await allActivity(api, reseller.tokens['global-admin'], created.body.id);
    for (const log of [mine, theirs]) {
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ operation: 'Create Customer', customerId: created.body.id, actor: { userId, partnerId: provider.partnerId } });
    }
  });
});

describe('reading the log', () => {
  test('newest first, in the customer log and in the partner log', async () => {
    const s = await setup();
    await update(s, s.etag);
    await recordAgreement(s);
    const expected = ['Record Customer Agreement', 'Update Customer Billing Profile', 'Create Customer'];

    const customerLog = await allActivity(api, s.admin, s.customer.id);
    expect(customerLog.map((r) => r.operation)).toEqual(expected);
    const times = customerLog.map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);

    const partnerLog = await allActivity(api, s.admin);
    expect(partnerLog.map((r) => r.operation)).toEqual([...expected, 'Create Partner Legal Profile']);
    expect(partnerLog.slice(0, 3)).toEqual(customerLog);
  });

  test('pages with continuationToken return every record exactly once, in the same order', async () => {
    const s = await setup();
    let etag = s.etag;
    for (const city of ['A-town', 'B-town', 'C-town']) {
      const r = await api.request('PATCH', `/v1/customers/${s.customer.id}`, { token: s.tokens.updater, body: { billingProfile: { defaultAddress: { city } } }, headers: { 'If-Match': etag } });
      expectStatus(r, 200);
      etag = r.headers.get('etag')!;
    }
    await recordAgreement(s);
    await recordAgreement(s);
    const whole = await allActivity(api, s.admin, s.customer.id);
    expect(whole).toHaveLength(6);

    for (const base of [`customerId=${s.customer.id}&`, '']) {
      const seen: any[] = [];
      const sizes: number[] = [];
      let continuationToken: string | undefined;
      do {
        const page = await api.request('GET', `/v1/activity?${base}limit=2${continuationToken ? `&continuationToken=${continuationToken}` : ''}`, { token: s.admin });
        expectStatus(page, 200);
        sizes.push(page.body.items.length);
        seen.push(...page.body.items);
        continuationToken = page.body.continuationToken;
      } while (continuationToken && sizes.length < 20);
      expect(sizes.every((n) => n <= 2)).toBe(true);
      const expectedRecords = base ? whole : await allActivity(api, s.admin);
      expect(seen.map((r) => r.id)).toEqual(expectedRecords.map((r) => r.id));
    }
  });

  test('a customer id in upper case reads the same log, as on every customer route', async () => {
    const s = await setup();
    await update(s, s.etag);
    const upper = s.customer.id.toUpperCase();
    expectStatus(await api.request('GET', `/v1/customers/${upper}`, { token: s.admin }), 200);

    const log = await allActivity(api, s.admin, upper);
    expect(log.map((r) => r.operation)).toEqual(['Update Customer Billing Profile', 'Create Customer']);
    expect(log).toEqual(await allActivity(api, s.admin, s.customer.id));
    const first = await api.request('GET', `/v1/activity?customerId=${s.customer.id}&limit=1`, { token: s.admin });
    const next = await api.request('GET', `/v1/activity?customerId=${upper}&limit=1&continuationToken=${first.body.continuationToken}`, { token: s.admin });
    expectStatus(next, 200);
    expect(next.body.items.map((r: any) => r.id)).toEqual([log[1].id]);
  });

  test('a token for one customer log is refused for another, and by another partner', async () => {
    const s = await setup();
    const other = await setup();
    await update(s, s.etag);
    const first = await api.request('GET', `/v1/activity?customerId=${s.customer.id}&limit=1`, { token: s.admin });
    const token = first.body.continuationToken;
    expect(typeof token).toBe('string');
    expectProblem(await api.request('GET', `/v1/activity?limit=1&continuationToken=${token}`, { token: s.admin }), 400, 'invalid-continuation-token');
    expectProblem(await api.request('GET', `/v1/activity?customerId=${other.customer.id}&continuationToken=${token}`, { token: s.admin }), 400, 'invalid-continuation-token');
    expectProblem(await api.request('GET', `/v1/activity?customerId=${s.customer.id}&continuationToken=${token}`, { token: other.admin }), 400, 'invalid-continuation-token');
  });

  test.each(['limit=0', 'limit=101', 'customerId=not-a-uuid', 'operation=x'])('%s is 400', async (query) => {
    const s = await setup();
    expectProblem(await api.request('GET', `/v1/activity?${query}`, { token: s.admin }), 400, 'validation');
  });

  test.each(['sales-agent', 'helpdesk-agent'] as const)('a %s is refused (403), for the partner log and a customer log', async (role) => {
    const s = await setup();
    expectProblem(await api.request('GET', '/v1/activity', { token: s.partner.tokens[role] }), 403, 'forbidden');
    expectProblem(await api.request('GET', `/v1/activity?customerId=${s.customer.id}`, { token: s.partner.tokens[role] }), 403, 'forbidden');
  });

  test("another partner sees none of a partner's records", async () => {
    const s = await setup();
    await update(s, s.etag);
    await recordAgreement(s);
    const ownIds = (await allActivity(api, s.admin)).map((r) => r.id);
    expect(ownIds).toHaveLength(4);
    const other = await newPartner(api);

    const theirLog = await allActivity(api, other.tokens['global-admin']);
    expect(theirLog.map((r) => r.operation)).toEqual(['Create Partner Legal Profile']);
    expect(theirLog.filter((r) => ownIds.includes(r.id))).toEqual([]);
    expect(await allActivity(api, other.tokens['global-admin'], s.customer.id)).toEqual([]);
  });
});

describe('refused writes write no activity', () => {
  test('domain taken (by the same or another partner), stale/absent If-Match, invalid patch, market rule, unknown customer', async () => {
    const s = await setup();
    const other = await newPartner(api);
    const ownBefore = await allActivity(api, s.admin);
    const otherBefore = await allActivity(api, other.tokens['global-admin']);

    const refused = [
      await api.request('POST', '/v1/customers', { token: s.tokens.creator, body: customerBody(s.domain) }),
      await api.request('POST', '/v1/customers', { token: other.tokens['global-admin'], body: customerBody(s.domain) }),
      await api.request('PATCH', `/v1/customers/${s.customer.id}`, { token: s.tokens.updater, body: { billingProfile: { language: 'fr' } }, headers: { 'If-Match': '"v41"' } }),
      await api.request('PATCH', `/v1/customers/${s.customer.id}`, { token: s.tokens.updater, body: { billingProfile: { language: 'fr' } } }),
      await api.request('PATCH', `/v1/customers/${s.customer.id}`, { token: s.tokens.updater, body: { billingProfile: { defaultAddress: { country: 'BR' } } }, headers: { 'If-Match': s.etag } }),
      await api.request('PATCH', `/v1/customers/${s.customer.id}`, { token: s.tokens.updater, body: { billingProfile: { defaultAddress: { country: 'DE' } } }, headers: { 'If-Match': s.etag } }),
      await api.request('PATCH', `/v1/customers/${s.customer.id}`, { token: s.tokens.updater, body: { billingProfile: { email: 'x@test-reseller.example' } }, headers: { 'If-Match': s.etag } }),
      await api.request('POST', `/v1/customers/${randomUUID()}/agreements`, {
        token: s.tokens.recorder, body: { dateAgreed: '2025-01-01T00:00:00Z', primaryContact: { firstName: 'A', lastName: 'B', email: 'a@example.com' } },
      }),
      await api.request('POST', '/v1/customers', { token: s.tokens.creator, body: customerBody(newDomain('de'), { billingProfile: { ...(customerBody('x.example') as any).billingProfile, defaultAddress: { ...(customerBody('x.example') as any).billingProfile.defaultAddress, country: 'DE' } } }) }),
    ];

    expect(refused.map((r) => r.status)).toEqual([409, 409, 412, 428, 400, 422, 400, 404, 422]);
    expect(await allActivity(api, s.admin)).toEqual(ownBefore);
    expect(await allActivity(api, other.tokens['global-admin'])).toEqual(otherBefore);
  });

  test('an idempotent replay writes no second record', async () => {
    const s = await setup();
    const key = `act-${randomUUID()}`;
    const body = customerBody(newDomain('replay'));
    const first = await api.request('POST', '/v1/customers', { token: s.tokens.creator, body, headers: { 'Idempotency-Key': key } });
    const second = await api.request('POST', '/v1/customers', { token: s.tokens.creator, body, headers: { 'Idempotency-Key': key } });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await allActivity(api, s.admin, first.body.id)).map((r) => r.operation)).toEqual(['Create Customer']);
  });

  test('a role refusal writes no record', async () => {
    const s = await setup();
    const before = await allActivity(api, s.admin);
    expectProblem(await api.request('POST', '/v1/customers', { token: s.partner.tokens['helpdesk-agent'], body: customerBody(newDomain('hd')) }), 403, 'forbidden');
    expectProblem(await api.request('PUT', '/v1/partner', { token: s.partner.tokens['admin-agent'], body: partnerProfileBody({ companyName: 'Nope Ltd' }) }), 403, 'forbidden');
    expect(await allActivity(api, s.admin)).toEqual(before);
  });
});
