// Customers over HTTP: create, validation, domain uniqueness, idempotency, read, update (ETag / merge
// patch), indirect partners, agreements. Each test prepares its own partner(s) and domains.
import { randomUUID } from 'node:crypto';
import { db } from '../../shared/platform/dynamo/client';
import { endRelationship } from '../../shared/relationships/service';
import { customerBody, newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import {
  allActivity,
  createCustomer,
  domainStatus,
  expectProblem,
  expectStatus,
  leakedStorageAttributes,
  listAllCustomers,
  newDomain,
} from './helpers';

jest.setTimeout(30_000);

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

type Partner = Awaited<ReturnType<typeof newPartner>>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ETAG = /^"[^"]+"$/;

const fullAddress = { country: 'US', region: 'WA', city: 'Redmond', addressLine1: '1 Microsoft Way', addressLine2: 'Building 92', postalCode: '98052', firstName: 'Avery', lastName: 'Admin', phoneNumber: '+1 425 555 0100' };

function withBilling(domain: string, address: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const body = customerBody(domain) as any;
  return { ...body, billingProfile: { ...body.billingProfile, defaultAddress: { ...body.billingProfile.defaultAddress, ...address } }, ...extra };
}

describe('create', () => {
  let partner: Partner;
  beforeAll(async () => {
    partner = await newPartner(api);
  });

  test('201 with Location, ETag and the customer as sent, plus its ids, state and times', async () => {
    const domain = newDomain('create');
    const body = withBilling(domain, fullAddress);
    const response = await api.request('POST', '/v1/customers', { token: partner.tokens['sales-agent'], body });

    expectStatus(response, 201);
    const customer = response.body;
    expect(customer.id).toMatch(UUID);
    expect(customer.tenantId).toMatch(UUID);
    expect(customer.tenantId).not.toBe(customer.id);
    expect(response.headers.get('location')).toBe(`/v1/customers/${customer.id}`);
    expect(response.headers.get('etag')).toMatch(ETAG);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(customer).toEqual({
      id: customer.id,
      tenantId: customer.tenantId,
      companyProfile: { companyName: 'Contoso Ltd', domain },
      billingProfile: body.billingProfile,
      relationshipToPartner: 'reseller',
      state: 'active',
      createdAt: expect.stringMatching(ISO),
      updatedAt: customer.createdAt,
    });
    expect(leakedStorageAttributes(customer)).toEqual([]);

    const read = await api.request('GET', response.headers.get('location')!, { token: partner.tokens['helpdesk-agent'] });
    expectStatus(read, 200);
    expect(read.body).toEqual(customer);
    expect(read.headers.get('etag')).toBe(response.headers.get('etag'));
    expect(await domainStatus(api, partner.tokens['helpdesk-agent'], domain)).toBe(200);
  });

  test('the domain is stored trimmed and in lower case, and the country code in upper case', async () => {
    const id = uniqueId('MiXeD');
    const body = withBilling(`  ${id.toUpperCase()}.OnMicrosoft.COM `, { country: 'ca' });
    body.billingProfile.email = `Billing@${id}.example`;
    const response = await api.request('POST', '/v1/customers', { token: partner.tokens['global-admin'], body });
    expectStatus(response, 201);
    expect(response.body.companyProfile.domain).toBe(`${id.toLowerCase()}.onmicrosoft.com`);
    expect(response.body.billingProfile.defaultAddress.country).toBe('CA');
    expect(response.body.billingProfile.email).toBe(`billing@${id.toLowerCase()}.example`);
  });

  test('a customer in a country that needs them is created with phone and registration id', async () => {
    const domain = newDomain('br');
    const body = withBilling(domain, { country: 'BR', phoneNumber: '+55 11 5555 0100' }, { companyRegistrationId: '12.345.678/0001-95' });
    const response = await api.request('POST', '/v1/customers', { token: partner.tokens['global-admin'], body });
    expectStatus(response, 201);
    expect(response.body.companyRegistrationId).toBe('12.345.678/0001-95');
    expect(response.body.billingProfile.defaultAddress).toMatchObject({ country: 'BR', phoneNumber: '+55 11 5555 0100' });
  });

  test('the 64 KiB body limit counts bytes: 65536 bytes are accepted, 65537 are refused with 413', async () => {
    const token = partner.tokens['global-admin'];
    const padded = (domain: string, size: number) => {
      const json = JSON.stringify(customerBody(domain, { companyProfile: { companyName: 'Zürich Größe AG', domain } }));
      return json + ' '.repeat(size - Buffer.byteLength(json)); // trailing white space is valid JSON
    };
    const atLimit = newDomain('limit');
    const overLimit = newDomain('limit');
    const ok = await api.request('POST', '/v1/customers', { token, rawBody: padded(atLimit, 64 * 1024), headers: { 'content-type': 'application/json' } });
    const tooBig = await api.request('POST', '/v1/customers', { token, rawBody: padded(overLimit, 64 * 1024 + 1), headers: { 'content-type': 'application/json' } });
    expectStatus(ok, 201);
    expect(ok.body.companyProfile.companyName).toBe('Zürich Größe AG');
    expectProblem(tooBig, 413, 'payload-too-large');
    expect(await domainStatus(api, token, overLimit)).toBe(404);
  });

  test('no response of any customer route carries storage attributes (pk, sk, gsi*, version, partnerId, nameKey, kind)', async () => {
    const key = `key-${randomUUID()}`;
    const token = partner.tokens['global-admin'];
    const domain = newDomain('leak');
    const created = await api.request('POST', '/v1/customers', { token, body: customerBody(domain), headers: { 'Idempotency-Key': key } });
    expectStatus(created, 201);
    const replay = await api.request('POST', '/v1/customers', { token, body: customerBody(domain), headers: { 'Idempotency-Key': key } });
    const id = created.body.id;
    const patched = await api.request('PATCH', `/v1/customers/${id}`, {
      token, body: { billingProfile: { defaultAddress: { city: 'Seattle' } } }, headers: { 'If-Match': created.headers.get('etag')! },
    });
    const agreement = await api.request('POST', `/v1/customers/${id}/agreements`, {
      token, body: { dateAgreed: '2025-03-01T10:00:00Z', primaryContact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' } },
    });
    const answers = {
      created: created.body,
      replay: replay.body,
      get: (await api.request('GET', `/v1/customers/${id}`, { token })).body,
      patched: patched.body,
      agreement: agreement.body,
      agreements: (await api.request('GET', `/v1/customers/${id}/agreements`, { token })).body,
      list: (await api.request('GET', '/v1/customers', { token })).body,
      search: (await api.request('GET', `/v1/customers?q=${domain.slice(0, 6)}`, { token })).body,
      activity: (await api.request('GET', '/v1/activity', { token })).body,
      customerActivity: (await api.request('GET', `/v1/activity?customerId=${id}`, { token })).body,
      partner: (await api.request('GET', '/v1/partner', { token })).body,
    };
    expect([replay.status, patched.status, agreement.status]).toEqual([201, 200, 201]);
    expect(answers.list.items.length).toBeGreaterThan(0);
    expect(answers.search.items.length).toBeGreaterThan(0);
    expect(answers.customerActivity.items.length).toBeGreaterThanOrEqual(3);
    // The activity actor and the partner profile name the partner by design (documented schema fields).
    const documented: Record<string, string[]> = { activity: ['partnerId'], customerActivity: ['partnerId'], partner: ['partnerId'] };
    for (const [name, body] of Object.entries(answers)) {
      expect({ name, leaked: leakedStorageAttributes(body, documented[name]) }).toEqual({ name, leaked: [] });
    }
    for (const record of [...answers.activity.items, ...answers.customerActivity.items]) {
      expect(Object.keys(record).sort()).toEqual(expect.arrayContaining(['actor', 'at', 'changes', 'id', 'operation']));
      expect(Object.keys(record).filter((k) => !['actor', 'at', 'changes', 'id', 'operation', 'customerId'].includes(k))).toEqual([]);
      expect(Object.keys(record.actor).sort()).toEqual(['partnerId', 'userId']);
    }
    const csv = (await api.request('GET', '/v1/customers/export', { token })).text;
    expect(csv.split('\r\n')[0]).not.toMatch(/"(pk|sk|gsi\d(pk|sk)|version|partnerId|nameKey|kind)"/);
  });
});

describe('create: refused requests write nothing', () => {
  let partner: Partner;
  let token: string;
  beforeAll(async () => {
    partner = await newPartner(api);
    token = partner.tokens['admin-agent'];
    await createCustomer(api, token); // so that "count unchanged" is not trivially 0 == 0
  });

  interface Case {
    name: string;
    status: number;
    slug: string;
    /** Error paths the answer must name (400 validation only). */
    paths?: string[];
    message?: RegExp;
    body?: (domain: string) => unknown;
    raw?: (domain: string) => { rawBody: string; headers: Record<string, string> };
  }

  const cases: Case[] = [
    { name: 'unknown top-level field', status: 400, slug: 'validation', paths: ['body'], message: /notAField/, body: (d) => ({ ...customerBody(d), notAField: 1 }) },
    {
      name: 'unknown nested field', status: 400, slug: 'validation', paths: ['body.billingProfile.defaultAddress'], message: /street/,
      body: (d) => withBilling(d, { street: 'Main St' }),
    },
    { name: 'country not ISO 3166-1 alpha-2 (XX)', status: 400, slug: 'validation', paths: ['body.billingProfile.defaultAddress.country'], body: (d) => withBilling(d, { country: 'XX' }) },
    { name: 'country as alpha-3 (USA)', status: 400, slug: 'validation', paths: ['body.billingProfile.defaultAddress.country'], body: (d) => withBilling(d, { country: 'USA' }) },
    ...['LLC', 'Inc.', 'L.L.C.', 'GmbH', 'ltd'].map((name) => ({
      name: `bare legal form "${name}" as company name`, status: 400, slug: 'validation', paths: ['body.companyProfile.companyName'],
      body: (d: string) => customerBody(d, { companyProfile: { companyName: name, domain: d } }),
    })),
    ...['!!!', '...', '- -', '   '].map((name) => ({
      name: `company name "${name}" without letters or digits`, status: 400, slug: 'validation', paths: ['body.companyProfile.companyName'],
      body: (d: string) => customerBody(d, { companyProfile: { companyName: name, domain: d } }),
    })),
    { name: 'company name of 1 character', status: 400, slug: 'validation', paths: ['body.companyProfile.companyName'], body: (d) => customerBody(d, { companyProfile: { companyName: 'X', domain: d } }) },
    { name: 'company name of 257 characters', status: 400, slug: 'validation', paths: ['body.companyProfile.companyName'], body: (d) => customerBody(d, { companyProfile: { companyName: 'A'.repeat(257), domain: d } }) },
    { name: 'addressLine1 of 201 characters', status: 400, slug: 'validation', paths: ['body.billingProfile.defaultAddress.addressLine1'], body: (d) => withBilling(d, { addressLine1: 'a'.repeat(201) }) },
    { name: 'firstName of 51 characters', status: 400, slug: 'validation', paths: ['body.billingProfile.defaultAddress.firstName'], body: (d) => withBilling(d, { firstName: 'a'.repeat(51) }) },
    { name: 'missing city', status: 400, slug: 'validation', paths: ['body.billingProfile.defaultAddress.city'], body: (d) => withBilling(d, { city: undefined }) },
    { name: 'invalid billing email', status: 400, slug: 'validation', paths: ['body.billingProfile.email'], body: (d) => customerBody(d, { billingProfile: { ...(customerBody(d) as any).billingProfile, email: 'not-an-email' } }) },
    { name: 'invalid domain', status: 400, slug: 'validation', paths: ['body.companyProfile.domain'], body: (d) => customerBody(d, { companyProfile: { companyName: 'Contoso Ltd', domain: `${d} bad` } }) },
    {
      name: 'BR customer without phone and registration id', status: 400, slug: 'validation',
      paths: ['body.billingProfile.defaultAddress.phoneNumber', 'body.companyRegistrationId'], body: (d) => withBilling(d, { country: 'BR' }),
    },
    {
      name: 'BR customer with phone but without registration id', status: 400, slug: 'validation',
      paths: ['body.companyRegistrationId'], body: (d) => withBilling(d, { country: 'BR', phoneNumber: '+55 11 5555 0100' }),
    },
    {
      name: 'IN customer with registration id but without phone', status: 400, slug: 'validation',
      paths: ['body.billingProfile.defaultAddress.phoneNumber'], body: (d) => withBilling(d, { country: 'IN' }, { companyRegistrationId: 'GSTIN-1' }),
    },
    {
      name: "billing email at the partner's own domain", status: 400, slug: 'validation', paths: ['body.billingProfile.email'],
      body: (d) => customerBody(d, { billingProfile: { ...(customerBody(d) as any).billingProfile, email: 'billing@test-reseller.example' } }),
    },
    {
      name: "billing email at the partner's own domain in upper case", status: 400, slug: 'validation', paths: ['body.billingProfile.email'],
      body: (d) => customerBody(d, { billingProfile: { ...(customerBody(d) as any).billingProfile, email: 'Billing@TEST-Reseller.Example' } }),
    },
    { name: 'customer country outside the partner markets', status: 422, slug: 'market-not-allowed', body: (d) => withBilling(d, { country: 'DE' }) },
    { name: 'malformed JSON', status: 400, slug: 'malformed-json', raw: (d) => ({ rawBody: JSON.stringify(customerBody(d)).slice(0, -1), headers: { 'content-type': 'application/json' } }) },
    { name: 'JSON sent as text/plain', status: 415, slug: 'unsupported-media-type', raw: (d) => ({ rawBody: JSON.stringify(customerBody(d)), headers: { 'content-type': 'text/plain' } }) },
    { name: 'JSON without a content type', status: 415, slug: 'unsupported-media-type', raw: (d) => ({ rawBody: JSON.stringify(customerBody(d)), headers: { 'content-type': '' } }) },
    {
      name: 'body over 64 KiB', status: 413, slug: 'payload-too-large',
      raw: (d) => ({ rawBody: JSON.stringify(withBilling(d, { addressLine2: 'x'.repeat(64 * 1024) })), headers: { 'content-type': 'application/json' } }),
    },
    { name: 'empty body', status: 400, slug: 'validation', paths: ['body'], raw: () => ({ rawBody: '', headers: { 'content-type': 'application/json' } }) },
    { name: 'JSON array instead of an object', status: 400, slug: 'validation', paths: ['body'], body: (d) => [customerBody(d)] },
  ];

  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const domain = newDomain('refused');
    const countBefore = (await listAllCustomers(api, token)).length;
    const activityBefore = (await allActivity(api, token)).length;

    const response = c.raw
      ? await api.request('POST', '/v1/customers', { token, ...c.raw(domain) })
      : await api.request('POST', '/v1/customers', { token, body: c.body!(domain) });

    expectProblem(response, c.status, c.slug);
    if (c.paths) {
      const paths = (response.body.errors as { path: string }[]).map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(c.paths));
      if (c.message) expect(response.body.errors.map((e: { message: string }) => e.message).join(' ')).toMatch(c.message);
    }
    expect(await domainStatus(api, token, domain)).toBe(404);
    expect((await listAllCustomers(api, token)).length).toBe(countBefore);
    expect((await allActivity(api, token)).length).toBe(activityBefore);
  });

  test('a partner without a legal profile gets 409 and nothing is written', async () => {
    const partnerId = uniqueId('noprofile');
    const admin = await api.token(partnerId, 'global-admin');
    expectProblem(await api.request('GET', '/v1/partner', { token: admin }), 404, 'not-found');
    const domain = newDomain('noprofile');

    const response = await api.request('POST', '/v1/customers', { token: admin, body: customerBody(domain) });

    expectProblem(response, 409, 'partner-profile-required');
    expect(response.body.detail).toMatch(/legal profile/);
    expect(await domainStatus(api, admin, domain)).toBe(404);
    expect(await listAllCustomers(api, admin)).toEqual([]);
    expect(await allActivity(api, admin)).toEqual([]);
  });
});

describe('domains are unique across the system', () => {
  test("a domain already used by another partner's customer is a 409 that says to invite; nothing is written", async () => {
    const first = await newPartner(api);
    const second = await newPartner(api);
    const { domain } = await createCustomer(api, first.tokens['global-admin']);
    const activityBefore = await allActivity(api, second.tokens['global-admin']);

    const response = await api.request('POST', '/v1/customers', { token: second.tokens['global-admin'], body: customerBody(domain, { companyProfile: { companyName: 'Other Name Inc', domain } }) });

    expectProblem(response, 409, 'domain-taken');
    expect(response.body.detail).toContain(domain);
    expect(response.body.detail).toMatch(/invite/i);
    expect(await listAllCustomers(api, second.tokens['global-admin'])).toEqual([]);
    expect(await allActivity(api, second.tokens['global-admin'])).toEqual(activityBefore);
  });

  test('the same partner cannot create the same domain twice, in whatever case it is written', async () => {
    const partner = await newPartner(api);
    const token = partner.tokens['global-admin'];
    const { domain } = await createCustomer(api, token);
    expectProblem(await api.request('POST', '/v1/customers', { token, body: customerBody(domain) }), 409, 'domain-taken');
    expectProblem(await api.request('POST', '/v1/customers', { token, body: customerBody(domain.toUpperCase()) }), 409, 'domain-taken');
    expect((await listAllCustomers(api, token)).map((c) => c.companyProfile.domain)).toEqual([domain]);
  });

  test('two partners creating the same new domain at once: exactly one wins, the other learns the domain is taken', async () => {
    const [a, b] = await Promise.all([newPartner(api), newPartner(api)]);
    const domain = newDomain('race');
    const answers = await Promise.all([a, b].map((p) => api.request('POST', '/v1/customers', { token: p.tokens['global-admin'], body: customerBody(domain) })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = answers.find((r) => r.status === 409)!;
    expectProblem(loser, 409, 'domain-taken');
    const lists = await Promise.all([a, b].map((p) => listAllCustomers(api, p.tokens['global-admin'])));
    expect(lists.map((l) => l.length).sort()).toEqual([0, 1]);
  });

  test('HEAD /v1/domains/{domain}: 200 when taken (by anyone), 404 when free, no body either way', async () => {
    const owner = await newPartner(api);
    const asker = await newPartner(api);
    const { domain } = await createCustomer(api, owner.tokens['global-admin']);
    const token = asker.tokens['helpdesk-agent'];

    const taken = await api.request('HEAD', `/v1/domains/${domain}`, { token });
    const takenUpper = await api.request('HEAD', `/v1/domains/${domain.toUpperCase()}`, { token });
    const free = await api.request('HEAD', `/v1/domains/${newDomain('free')}`, { token });

    expect([taken.status, takenUpper.status, free.status]).toEqual([200, 200, 404]);
    expect([taken.text, takenUpper.text, free.text]).toEqual(['', '', '']);
  });

  test('HEAD /v1/domains/{domain} with a value that is not a domain is 400', async () => {
    const partner = await newPartner(api);
    const response = await api.request('HEAD', `/v1/domains/${encodeURIComponent('not a domain')}`, { token: partner.tokens['global-admin'] });
    expect(response.status).toBe(400);
  });
});

describe('idempotent create', () => {
  let partner: Partner;
  beforeAll(async () => {
    partner = await newPartner(api);
  });

  test('same Idempotency-Key and same body: same status, body, Location and ETag, and one customer only', async () => {
    const token = partner.tokens['sales-agent'];
    const domain = newDomain('idem');
    const key = `idem-${randomUUID()}`;
    const first = await api.request('POST', '/v1/customers', { token, body: customerBody(domain), headers: { 'Idempotency-Key': key } });
    expectStatus(first, 201);

    // Same JSON value, other key order: still the same request.
    const reordered = JSON.parse(JSON.stringify(customerBody(domain), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
    const second = await api.request('POST', '/v1/customers', { token, body: reordered, headers: { 'Idempotency-Key': key } });

    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const matching = (await listAllCustomers(api, token)).filter((c) => c.companyProfile.domain === domain);
    expect(matching.map((c) => c.id)).toEqual([first.body.id]);
    const creates = (await allActivity(api, partner.tokens['global-admin'], first.body.id)).filter((a) => a.operation === 'Create Customer');
    expect(creates).toHaveLength(1);
  });

  test('same Idempotency-Key with another body is 422 and the other body is not applied', async () => {
    const token = partner.tokens['global-admin'];
    const key = `idem-${randomUUID()}`;
    const firstDomain = newDomain('idem1');
    const otherDomain = newDomain('idem2');
    expectStatus(await api.request('POST', '/v1/customers', { token, body: customerBody(firstDomain), headers: { 'Idempotency-Key': key } }), 201);

    const reuse = await api.request('POST', '/v1/customers', { token, body: customerBody(otherDomain), headers: { 'Idempotency-Key': key } });

    expectProblem(reuse, 422, 'idempotency-key-reused');
    expect(await domainStatus(api, token, otherDomain)).toBe(404);
  });

  test('the same Idempotency-Key used by another partner is independent', async () => {
    const other = await newPartner(api);
    const key = `shared-${randomUUID()}`;
    const mine = await api.request('POST', '/v1/customers', { token: partner.tokens['global-admin'], body: customerBody(newDomain('k1')), headers: { 'Idempotency-Key': key } });
    const theirs = await api.request('POST', '/v1/customers', { token: other.tokens['global-admin'], body: customerBody(newDomain('k2')), headers: { 'Idempotency-Key': key } });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect((await listAllCustomers(api, other.tokens['global-admin'])).map((c) => c.id)).toEqual([theirs.body.id]);
  });

  test('two identical requests with one key at the same time create one customer', async () => {
    const token = partner.tokens['global-admin'];
    const domain = newDomain('idemrace');
    const key = `race-${randomUUID()}`;
    const answers = await Promise.all([1, 2, 3].map(() => api.request('POST', '/v1/customers', { token, body: customerBody(domain), headers: { 'Idempotency-Key': key } })));
    const created = answers.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of answers.filter((a) => a.status !== 201)) expectProblem(r, 409, 'idempotency-in-progress');
    expect((await listAllCustomers(api, token)).filter((c) => c.companyProfile.domain === domain)).toHaveLength(1);
  });

  test('an Idempotency-Key that is not 1-255 visible ASCII characters is 400', async () => {
    const domain = newDomain('badkey');
    const response = await api.request('POST', '/v1/customers', { token: partner.tokens['global-admin'], body: customerBody(domain), headers: { 'Idempotency-Key': 'k'.repeat(256) } });
    expectProblem(response, 400, 'validation');
    expect(response.body.errors[0].path).toBe('header.Idempotency-Key');
    expect(await domainStatus(api, partner.tokens['global-admin'], domain)).toBe(404);
  });
});

describe('read one customer', () => {
  test('an unknown id is 404', async () => {
    const partner = await newPartner(api);
    expectProblem(await api.request('GET', `/v1/customers/${randomUUID()}`, { token: partner.tokens['global-admin'] }), 404, 'not-found');
  });

  test("another partner's customer is 404, never 403, for reads and writes", async () => {
    const owner = await newPartner(api);
    const other = await newPartner(api);
    const { customer, etag } = await createCustomer(api, owner.tokens['global-admin']);
    const token = other.tokens['global-admin'];

    expectProblem(await api.request('GET', `/v1/customers/${customer.id}`, { token }), 404, 'not-found');
    expectProblem(await api.request('GET', `/v1/customers/${customer.id}/agreements`, { token }), 404, 'not-found');
    expectProblem(
      await api.request('PATCH', `/v1/customers/${customer.id}`, { token, body: { billingProfile: { defaultAddress: { city: 'Hijacked' } } }, headers: { 'If-Match': etag } }),
      404, 'not-found',
    );
    expectProblem(
      await api.request('POST', `/v1/customers/${customer.id}/agreements`, {
        token, body: { dateAgreed: '2025-01-01T00:00:00Z', primaryContact: { firstName: 'Eve', lastName: 'Evil', email: 'eve@example.com' } },
      }),
      404, 'not-found',
    );
    const mine = await api.request('GET', `/v1/customers/${customer.id}`, { token: owner.tokens['global-admin'] });
    expect(mine.body.billingProfile.defaultAddress.city).toBe('Redmond');
    expect(mine.headers.get('etag')).toBe(etag);
    expect((await api.request('GET', `/v1/customers/${customer.id}/agreements`, { token: owner.tokens['global-admin'] })).body.items).toEqual([]);
  });

  test('a customer id is a UUID in any letter case (UUIDs are case-insensitive on input)', async () => {
    const partner = await newPartner(api);
    const { customer } = await createCustomer(api, partner.tokens['global-admin']);
    const response = await api.request('GET', `/v1/customers/${customer.id.toUpperCase()}`, { token: partner.tokens['global-admin'] });
    expectStatus(response, 200);
    expect(response.body.id).toBe(customer.id);
  });

  test('a customer id that is not a UUID is 400', async () => {
    const partner = await newPartner(api);
    const response = await api.request('GET', '/v1/customers/not-a-uuid', { token: partner.tokens['global-admin'] });
    expectProblem(response, 400, 'validation');
    expect(response.body.errors[0].path).toBe('path.customerId');
  });
});

describe('update (PATCH, JSON merge patch with If-Match)', () => {
  let partner: Partner;
  let token: string;
  beforeAll(async () => {
    partner = await newPartner(api);
    token = partner.tokens['helpdesk-agent'];
  });

  const newCustomer = async () => {
    const created = await api.request('POST', '/v1/customers', { token: partner.tokens['global-admin'], body: withBilling(newDomain('upd'), fullAddress) });
    expectStatus(created, 201);
    return { customer: created.body, etag: created.headers.get('etag')!, path: `/v1/customers/${created.body.id}` };
  };
  const read = async (path: string) => {
    const r = await api.request('GET', path, { token });
    return { body: r.body, etag: r.headers.get('etag') };
  };

  test('without If-Match is 428 and nothing changes', async () => {
    const { customer, etag, path } = await newCustomer();
    const response = await api.request('PATCH', path, { token, body: { billingProfile: { defaultAddress: { city: 'Seattle' } } } });
    expectProblem(response, 428, 'precondition-required');
    expect(await read(path)).toEqual({ body: customer, etag });
  });

  test('with a stale or malformed If-Match is 412 and nothing changes', async () => {
    const { customer, etag, path } = await newCustomer();
    for (const ifMatch of ['"v999"', '"something-else"', 'v1']) {
      const response = await api.request('PATCH', path, { token, body: { billingProfile: { defaultAddress: { city: 'Seattle' } } }, headers: { 'If-Match': ifMatch } });
      expect({ ifMatch, status: response.status }).toEqual({ ifMatch, status: 412 });
      expectProblem(response, 412, 'precondition-failed');
    }
    expect(await read(path)).toEqual({ body: customer, etag });
  });

  test('lost update refused: two writers read the same ETag, the first wins, the second gets 412 and its change is not applied', async () => {
    const { path } = await newCustomer();
    const writerA = await read(path);
    const writerB = await read(path);
    expect(writerB.etag).toBe(writerA.etag);

    const a = await api.request('PATCH', path, { token, body: { billingProfile: { defaultAddress: { city: 'Seattle' } } }, headers: { 'If-Match': writerA.etag! } });
    const b = await api.request('PATCH', path, { token, body: { billingProfile: { defaultAddress: { postalCode: '10001' } } }, headers: { 'If-Match': writerB.etag! } });

    expectStatus(a, 200);
    expectProblem(b, 412, 'precondition-failed');
    const after = await read(path);
    expect(after.body.billingProfile.defaultAddress).toMatchObject({ city: 'Seattle', postalCode: '98052' });
    expect(after.etag).toBe(a.headers.get('etag'));
  });

  test('two writers with the same ETag at the same moment: exactly one succeeds', async () => {
    const { etag, path } = await newCustomer();
    const answers = await Promise.all(
      ['Seattle', 'Tacoma'].map((city) => api.request('PATCH', path, { token, body: { billingProfile: { defaultAddress: { city } } }, headers: { 'If-Match': etag } })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = answers.find((r) => r.status === 200)!;
    const after = await read(path);
    expect(after.body.billingProfile.defaultAddress.city).toBe(winner.body.billingProfile.defaultAddress.city);
    expect(after.etag).toBe(winner.headers.get('etag'));
  });

  test('a valid patch is 200 with a new ETag and the billing profile merged; null removes an optional field', async () => {
    const { customer, etag, path } = await newCustomer();
    const response = await api.request('PATCH', path, {
      token,
      body: { billingProfile: { email: 'accounts@contoso-billing.example', defaultAddress: { city: 'Seattle', addressLine2: null } } },
      headers: { 'If-Match': etag, 'content-type': 'application/merge-patch+json' },
    });

    expectStatus(response, 200);
    const newEtag = response.headers.get('etag');
    expect(newEtag).toMatch(ETAG);
    expect(newEtag).not.toBe(etag);
    const { addressLine2: _removed, ...keptAddress } = fullAddress;
    expect(response.body).toEqual({
      ...customer,
      billingProfile: { ...customer.billingProfile, email: 'accounts@contoso-billing.example', defaultAddress: { ...keptAddress, city: 'Seattle' } },
      updatedAt: expect.stringMatching(ISO),
    });
    expect(response.body.billingProfile.defaultAddress).not.toHaveProperty('addressLine2');
    expect(Date.parse(response.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(customer.updatedAt));
    expect(await read(path)).toEqual({ body: response.body, etag: newEtag });
    expect(leakedStorageAttributes(response.body)).toEqual([]);
  });

  test('If-Match: * updates whatever the current version', async () => {
    const { path } = await newCustomer();
    const response = await api.request('PATCH', path, { token, body: { billingProfile: { language: 'fr' } }, headers: { 'If-Match': '*' } });
    expectStatus(response, 200);
    expect(response.body.billingProfile.language).toBe('fr');
  });

  test.each([
    ['companyProfile', { companyProfile: { companyName: 'Renamed Ltd', domain: 'renamed.onmicrosoft.com' } }],
    ['tenantId', { tenantId: randomUUID() }],
    ['id', { id: randomUUID() }],
    ['state', { state: 'ended' }],
    ['createdAt', { createdAt: '2020-01-01T00:00:00Z' }],
  ])('the read-only field %s cannot be patched (400) and nothing changes', async (field, patch) => {
    const { customer, etag, path } = await newCustomer();
    const response = await api.request('PATCH', path, { token, body: { billingProfile: { language: 'de' }, ...patch }, headers: { 'If-Match': etag } });
    expectProblem(response, 400, 'validation');
    expect(response.body.errors.map((e: { message: string }) => e.message).join(' ')).toContain(field);
    expect(await read(path)).toEqual({ body: customer, etag });
  });

  test.each([
    ['country BR without a phone', { billingProfile: { defaultAddress: { country: 'BR', phoneNumber: null } }, companyRegistrationId: 'CNPJ-1' }, ['body.billingProfile.defaultAddress.phoneNumber']],
    ['country BR without a registration id', { billingProfile: { defaultAddress: { country: 'BR' } } }, ['body.companyRegistrationId']],
    ['a required field set to null', { billingProfile: { defaultAddress: { city: null } } }, ['body.billingProfile.defaultAddress.city']],
    ['an empty billing profile', { billingProfile: {} }, ['body.billingProfile']],
    ['a bare legal form as billing company name', { billingProfile: { companyName: 'Inc' } }, ['body.billingProfile.companyName']],
    ["a billing email at the partner's own domain", { billingProfile: { email: 'ap@test-reseller.example' } }, ['body.billingProfile.email']],
  ])('a patch with %s is 400 and nothing changes', async (_name, patch, paths) => {
    const { customer, etag, path } = await newCustomer();
    const response = await api.request('PATCH', path, { token, body: patch, headers: { 'If-Match': etag } });
    expectProblem(response, 400, 'validation');
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(paths));
    expect(await read(path)).toEqual({ body: customer, etag });
  });

  test('a patch moving the customer outside the partner markets is 422 and nothing changes', async () => {
    const { customer, etag, path } = await newCustomer();
    const response = await api.request('PATCH', path, { token, body: { billingProfile: { defaultAddress: { country: 'DE' } } }, headers: { 'If-Match': etag } });
    expectProblem(response, 422, 'market-not-allowed');
    expect(await read(path)).toEqual({ body: customer, etag });
  });

  test('a patch to BR with phone and registration id is 200', async () => {
    const { etag, path } = await newCustomer();
    const response = await api.request('PATCH', path, {
      token, body: { billingProfile: { defaultAddress: { country: 'BR', phoneNumber: '+55 11 5555 0100' } }, companyRegistrationId: 'CNPJ-1' }, headers: { 'If-Match': etag },
    });
    expectStatus(response, 200);
    expect(response.body.companyRegistrationId).toBe('CNPJ-1');
    expect(response.body.billingProfile.defaultAddress.country).toBe('BR');
  });

  test('a patch of only the registration id (no billing profile member) is 200: absent members stay as they are', async () => {
    const { customer, etag, path } = await newCustomer();
    const response = await api.request('PATCH', path, { token, body: { companyRegistrationId: 'US-EIN-12-3456789' }, headers: { 'If-Match': etag } });
    expectStatus(response, 200);
    expect(response.body.companyRegistrationId).toBe('US-EIN-12-3456789');
    expect(response.body.billingProfile).toEqual(customer.billingProfile);
  });

  test('a weak ETag in If-Match never matches (RFC 9110 strong comparison): 412', async () => {
    const { customer, etag, path } = await newCustomer();
    const response = await api.request('PATCH', path, { token, body: { billingProfile: { language: 'fr' } }, headers: { 'If-Match': `W/${etag}` } });
    expectProblem(response, 412, 'precondition-failed');
    expect(await read(path)).toEqual({ body: customer, etag });
  });

  test('PATCH of an unknown customer is 404', async () => {
    const response = await api.request('PATCH', `/v1/customers/${randomUUID()}`, { token, body: { billingProfile: { language: 'fr' } }, headers: { 'If-Match': '"v1"' } });
    expectProblem(response, 404, 'not-found');
  });
});

describe('indirect providers and resellers', () => {
  test('an indirect reseller cannot create a customer itself: 403, nothing written', async () => {
    const reseller = await newPartner(api, { partnerType: 'indirectReseller' });
    const domain = newDomain('resellerself');
    const response = await api.request('POST', '/v1/customers', { token: reseller.tokens['global-admin'], body: customerBody(domain) });
    expectProblem(response, 403, 'forbidden');
    expect(response.body.detail).toMatch(/indirect provider/);
    expect(await domainStatus(api, reseller.tokens['global-admin'], domain)).toBe(404);
    expect(await listAllCustomers(api, reseller.tokens['global-admin'])).toEqual([]);
  });

  test("an indirect provider creates a customer for a reseller: it is in both partners' lists, each pointing at the other", async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    const reseller = await newPartner(api, { partnerType: 'indirectReseller' });
    const domain = newDomain('indirect');
    expectStatus(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: reseller.tokens['global-admin'] }), 200);

    const response = await api.request('POST', '/v1/customers', { token: provider.tokens['sales-agent'], body: customerBody(domain, { associatedPartnerId: reseller.partnerId }) });

    expectStatus(response, 201);
    expect(response.body.associatedPartnerId).toBe(reseller.partnerId);
    const providerList = await listAllCustomers(api, provider.tokens['helpdesk-agent']);
    const resellerList = await listAllCustomers(api, reseller.tokens['helpdesk-agent']);
    expect(providerList.map((c) => c.id)).toEqual([response.body.id]);
    expect(resellerList.map((c) => c.id)).toEqual([response.body.id]);
    expect(resellerList[0]).toMatchObject({ companyProfile: { domain }, associatedPartnerId: provider.partnerId, state: 'active' });
    const resellerRead = await api.request('GET', `/v1/customers/${response.body.id}`, { token: reseller.tokens['helpdesk-agent'] });
    expectStatus(resellerRead, 200);
    expect(leakedStorageAttributes(resellerRead.body)).toEqual([]);
  });

  test('a provider the reseller has not authorized (or has removed) cannot create for it: 403, nothing written; removal moves no customer', async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    const reseller = await newPartner(api, { partnerType: 'indirectReseller' });
    const refused = await api.request('POST', '/v1/customers', { token: provider.tokens['global-admin'], body: customerBody(newDomain('unauth'), { associatedPartnerId: reseller.partnerId }) });
    expectProblem(refused, 403, 'forbidden');
    expect(await listAllCustomers(api, reseller.tokens['global-admin'])).toEqual([]);

    expectStatus(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: reseller.tokens['global-admin'] }), 200);
    const listed = await api.request('GET', '/v1/indirect-providers', { token: reseller.tokens['helpdesk-agent'] });
    expect(listed.body.items).toEqual([expect.objectContaining({ providerId: provider.partnerId, providerName: 'Test Reseller LLC' })]);
    expectStatus(await api.request('POST', '/v1/customers', { token: provider.tokens['global-admin'], body: customerBody(newDomain('auth'), { associatedPartnerId: reseller.partnerId }) }), 201);

    const end = { reason: 'partnershipEnded' };
    expectStatus(await api.request('DELETE', `/v1/indirect-providers/${provider.partnerId}`, { token: reseller.tokens['global-admin'], body: end }), 204);
    expectProblem(await api.request('DELETE', `/v1/indirect-providers/${provider.partnerId}`, { token: reseller.tokens['global-admin'], body: end }), 404, 'not-found');
    expectProblem(await api.request('POST', '/v1/customers', { token: provider.tokens['global-admin'], body: customerBody(newDomain('removed'), { associatedPartnerId: reseller.partnerId }) }), 403, 'forbidden');
    expect(await listAllCustomers(api, reseller.tokens['global-admin'])).toHaveLength(1);
  });

  test('only an indirect reseller authorizes, and only an indirect provider can be authorized: 422; without a legal profile, 409', async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    const direct = await newPartner(api);
    const reseller = await newPartner(api, { partnerType: 'indirectReseller' });
    const withoutProfile = await api.token(uniqueId('partner'), 'global-admin');
    expectProblem(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: withoutProfile }), 409, 'partner-profile-required');
    expectProblem(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: direct.tokens['global-admin'] }), 422, 'not-an-indirect-reseller');
    expectProblem(await api.request('PUT', `/v1/indirect-providers/${direct.partnerId}`, { token: reseller.tokens['global-admin'] }), 422, 'not-an-indirect-provider');
    expectProblem(await api.request('PUT', `/v1/indirect-providers/${uniqueId('nobody')}`, { token: reseller.tokens['global-admin'] }), 422, 'provider-profile-required');
    expect((await api.request('GET', '/v1/indirect-providers', { token: reseller.tokens['global-admin'] })).body.items).toEqual([]);
  });

  test('whatever associatedPartnerId names, short of a reseller that authorized the provider, the answer is one and the same: nothing to enumerate', async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider', markets: ['US', 'CA'] });
    const otherProvider = await newPartner(api, { partnerType: 'indirectProvider' });
    const directBill = await newPartner(api);
    const servingReseller = await newPartner(api, { partnerType: 'indirectReseller', markets: ['US'] });
    const elsewhereReseller = await newPartner(api, { partnerType: 'indirectReseller', country: 'CA', markets: ['CA'] });
    const othersReseller = await newPartner(api, { partnerType: 'indirectReseller', markets: ['US'] });
    expectStatus(await api.request('PUT', `/v1/indirect-providers/${otherProvider.partnerId}`, { token: othersReseller.tokens['global-admin'] }), 200);
    const formerReseller = await newPartner(api, { partnerType: 'indirectReseller', markets: ['US'] });
    expectStatus(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: formerReseller.tokens['global-admin'] }), 200);
    expectStatus(await api.request('DELETE', `/v1/indirect-providers/${provider.partnerId}`, { token: formerReseller.tokens['global-admin'], body: { reason: 'partnershipEnded' } }), 204);

    const answers = [];
    for (const associatedPartnerId of [uniqueId('nobody'), directBill.partnerId, servingReseller.partnerId, elsewhereReseller.partnerId, othersReseller.partnerId, formerReseller.partnerId]) {
      const domain = newDomain('enum');
      const response = await api.request('POST', '/v1/customers', { token: provider.tokens['global-admin'], body: customerBody(domain, { associatedPartnerId }) });
      expectProblem(response, 403, 'forbidden');
      expect(await domainStatus(api, provider.tokens['global-admin'], domain)).toBe(404);
      const { type, title, status, detail } = response.body;
      answers.push({ type, title, status, detail });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.detail).toMatch(/authorized/);
    for (const partner of [directBill, servingReseller, elsewhereReseller, othersReseller, formerReseller]) {
      expect(await listAllCustomers(api, partner.tokens['global-admin'])).toEqual([]);
    }
    expect(await listAllCustomers(api, provider.tokens['global-admin'])).toEqual([]);
  });

  test('a reseller that authorized the provider but does not serve the country: a specific 422, nothing written', async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider', markets: ['US', 'CA'] });
    const reseller = await newPartner(api, { partnerType: 'indirectReseller', country: 'CA', markets: ['CA'] });
    expectStatus(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: reseller.tokens['global-admin'] }), 200);
    const domain = newDomain('elsewhere');
    const response = await api.request('POST', '/v1/customers', { token: provider.tokens['global-admin'], body: customerBody(domain, { associatedPartnerId: reseller.partnerId }) });
    expectProblem(response, 422, 'business-rule');
    expect(response.body.detail).toMatch(/does not serve US/);
    expect(await domainStatus(api, provider.tokens['global-admin'], domain)).toBe(404);
    expect(await listAllCustomers(api, reseller.tokens['global-admin'])).toEqual([]);
    const inCanada = customerBody(newDomain('canada'), { associatedPartnerId: reseller.partnerId }) as any;
    inCanada.billingProfile.defaultAddress = { ...inCanada.billingProfile.defaultAddress, country: 'CA', city: 'Toronto', postalCode: 'M5V 2T6' };
    expectStatus(await api.request('POST', '/v1/customers', { token: provider.tokens['global-admin'], body: inCanada }), 201);
  });

  test('a direct-bill partner cannot create on behalf of a reseller: 422, nothing written', async () => {
    const direct = await newPartner(api);
    const reseller = await newPartner(api, { partnerType: 'indirectReseller' });
    const domain = newDomain('directfor');
    const response = await api.request('POST', '/v1/customers', { token: direct.tokens['global-admin'], body: customerBody(domain, { associatedPartnerId: reseller.partnerId }) });
    expectProblem(response, 422, 'business-rule');
    expect(await listAllCustomers(api, reseller.tokens['global-admin'])).toEqual([]);
    expect(await domainStatus(api, direct.tokens['global-admin'], domain)).toBe(404);
  });

  test('associatedPartnerId naming the caller itself is 400', async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    const response = await api.request('POST', '/v1/customers', { token: provider.tokens['global-admin'], body: customerBody(newDomain('self'), { associatedPartnerId: provider.partnerId }) });
    expectProblem(response, 400, 'validation');
    expect(response.body.errors[0].path).toBe('body.associatedPartnerId');
  });
});

describe('customer agreements', () => {
  let partner: Partner;
  let userId: string;
  let token: string;
  beforeAll(async () => {
    partner = await newPartner(api);
    userId = uniqueId('sales-user');
    token = await api.token(partner.partnerId, 'sales-agent', userId);
  });

  const contact = { firstName: 'Grace', lastName: 'Hopper', email: 'Grace.Hopper@Contoso.example', phoneNumber: '+1 206 555 0199' };

  test('POST records the acceptance (201) and GET lists every acceptance, newest first', async () => {
    const { customer } = await createCustomer(api, partner.tokens['global-admin']);
    const path = `/v1/customers/${customer.id}/agreements`;
    expect((await api.request('GET', path, { token })).body).toEqual({ items: [] });

    const first = await api.request('POST', path, { token, body: { dateAgreed: '2025-06-01T12:00:00+02:00', primaryContact: contact } });
    expectStatus(first, 201);
    expect(first.body).toEqual({
      id: expect.stringMatching(UUID),
      customerId: customer.id,
      agreementType: 'MicrosoftCustomerAgreement',
      dateAgreed: '2025-06-01T10:00:00.000Z',
      primaryContact: { ...contact, email: 'grace.hopper@contoso.example' },
      recordedBy: userId,
      recordedAt: expect.stringMatching(ISO),
    });
    const second = await api.request('POST', path, { token, body: { dateAgreed: '2024-01-01T00:00:00Z', primaryContact: { ...contact, phoneNumber: undefined } } });
    expectStatus(second, 201);

    const list = await api.request('GET', path, { token: partner.tokens['helpdesk-agent'] });
    expectStatus(list, 200);
    expect(list.body.items).toEqual([second.body, first.body]);
  });

  test('POST for an unknown customer is 404 and nothing is written', async () => {
    const id = randomUUID();
    const activityBefore = (await allActivity(api, partner.tokens['global-admin'])).length;
    const response = await api.request('POST', `/v1/customers/${id}/agreements`, { token, body: { dateAgreed: '2025-01-01T00:00:00Z', primaryContact: contact } });
    expectProblem(response, 404, 'not-found');
    expectProblem(await api.request('GET', `/v1/customers/${id}/agreements`, { token }), 404, 'not-found');
    expect((await allActivity(api, partner.tokens['global-admin'])).length).toBe(activityBefore);
  });

  test.each([
    ['dateAgreed in the future', { dateAgreed: new Date(Date.now() + 24 * 3600_000).toISOString(), primaryContact: contact }, 'body.dateAgreed'],
    ['dateAgreed without a time zone', { dateAgreed: '2025-01-01T00:00:00', primaryContact: contact }, 'body.dateAgreed'],
    ['no primary contact email', { dateAgreed: '2025-01-01T00:00:00Z', primaryContact: { ...contact, email: undefined } }, 'body.primaryContact.email'],
  ])('%s is 400 and nothing is written', async (_name, body, errorPath) => {
    const { customer } = await createCustomer(api, partner.tokens['global-admin']);
    const path = `/v1/customers/${customer.id}/agreements`;
    const response = await api.request('POST', path, { token, body });
    expectProblem(response, 400, 'validation');
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(errorPath);
    expect((await api.request('GET', path, { token })).body.items).toEqual([]);
  });
});

describe('an ended relationship is read-only', () => {
  const agreement = { dateAgreed: '2025-01-01T00:00:00Z', primaryContact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@contoso.example' } };

  async function endedCustomer() {
    const partner = await newPartner(api);
    const admin = partner.tokens['global-admin'];
    const { customer, domain } = await createCustomer(api, admin);
    expectStatus(await api.request('POST', `/v1/customers/${customer.id}/agreements`, { token: admin, body: agreement }), 201);
    expectStatus(await api.request('POST', `/v1/customers/${customer.id}/relationship/end`, { token: admin, body: { reason: 'contract over' } }), 200);
    const read = await api.request('GET', `/v1/customers/${customer.id}`, { token: admin });
    return { partner, admin, domain, customer: read.body, etag: read.headers.get('etag')! };
  }

  test('PATCH of the billing profile and a new agreement are 409, change nothing, and name reinstating as the way back', async () => {
    const { partner, admin, customer, etag } = await endedCustomer();
    const activityBefore = await allActivity(api, admin);
    const agreementsBefore = (await api.request('GET', `/v1/customers/${customer.id}/agreements`, { token: admin })).body;

    for (const ifMatch of [etag, '*']) {
      const patched = await api.request('PATCH', `/v1/customers/${customer.id}`, { token: partner.tokens['sales-agent'], body: { billingProfile: { language: 'fr' } }, headers: { 'If-Match': ifMatch } });
      expectProblem(patched, 409, 'state-conflict');
      expect(patched.body.detail).toMatch(/ended/);
      expect(patched.body.detail).toContain(`POST /v1/customers/${customer.id}/invitations`);
    }
    const recorded = await api.request('POST', `/v1/customers/${customer.id}/agreements`, { token: partner.tokens['sales-agent'], body: agreement });
    expectProblem(recorded, 409, 'state-conflict');
    expect(recorded.body.detail).toBe((await api.request('PATCH', `/v1/customers/${customer.id}`, { token: admin, body: { billingProfile: { language: 'fr' } }, headers: { 'If-Match': etag } })).body.detail);

    const after = await api.request('GET', `/v1/customers/${customer.id}`, { token: admin });
    expect(after.body).toEqual(customer);
    expect(after.headers.get('etag')).toBe(etag);
    expect((await api.request('GET', `/v1/customers/${customer.id}/agreements`, { token: admin })).body).toEqual(agreementsBefore);
    expect(await allActivity(api, admin)).toEqual(activityBefore);
  });

  test('reads still work: get, list, search, export, agreements, activity, delegated admin', async () => {
    const { admin, domain, customer } = await endedCustomer();
    expectStatus(await api.request('GET', `/v1/customers/${customer.id}`, { token: admin }), 200);
    expect((await listAllCustomers(api, admin, 'state=ended')).map((c) => c.id)).toEqual([customer.id]);
    expect((await listAllCustomers(api, admin, `q=${domain}`)).map((c) => c.id)).toEqual([customer.id]);
    const exported = await api.request('GET', '/v1/customers/export', { token: admin });
    expectStatus(exported, 200);
    expect(exported.text).toContain(customer.id);
    expect((await api.request('GET', `/v1/customers/${customer.id}/agreements`, { token: admin })).body.items).toHaveLength(1);
    expect((await allActivity(api, admin, customer.id))[0].operation).toBe('End Customer Relationship');
    expectStatus(await api.request('GET', `/v1/customers/${customer.id}/delegated-admin`, { token: admin }), 200);
  });

  test('a relationship that ends between the read and the write of a PATCH lets no edit through', async () => {
    const partner = await newPartner(api);
    const admin = partner.tokens['global-admin'];
    const { customer, etag } = await createCustomer(api, admin);
    const principal = { partnerId: partner.partnerId, userId: 'concurrent-admin', roles: ['global-admin' as const] };
    // Ends the relationship just before the PATCH's own transaction reaches DynamoDB.
    let armed = true;
    const name = `endFirst-${customer.id}`;
    db().middlewareStack.add(
      (next) => async (args) => {
        const items = (args.input as { TransactItems?: { Put?: { Item?: Record<string, unknown> } }[] }).TransactItems ?? [];
        if (armed && items.some((i) => i.Put?.Item?.kind === 'customer' && i.Put.Item.id === customer.id)) {
          armed = false;
          await endRelationship(principal, customer.id, 'ended meanwhile');
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const patched = await api.request('PATCH', `/v1/customers/${customer.id}`, { token: admin, body: { billingProfile: { language: 'fr' } }, headers: { 'If-Match': etag } });
      expectProblem(patched, 409, 'state-conflict');
    } finally {
      db().middlewareStack.remove(name);
    }
    expect(armed).toBe(false);
    const after = await api.request('GET', `/v1/customers/${customer.id}`, { token: admin });
    expect(after.body).toMatchObject({ state: 'ended', billingProfile: { language: 'en' } });
  });

  test('a missing customer stays 404', async () => {
    const partner = await newPartner(api);
    const id = randomUUID();
    expectProblem(await api.request('PATCH', `/v1/customers/${id}`, { token: partner.tokens['global-admin'], body: { billingProfile: { language: 'fr' } }, headers: { 'If-Match': '"v1"' } }), 404, 'not-found');
    expectProblem(await api.request('POST', `/v1/customers/${id}/agreements`, { token: partner.tokens['global-admin'], body: agreement }), 404, 'not-found');
  });
});
