// Business profiles over HTTP: create, replace with If-Match, stable location ids, validation against the
// reference data, publish/unpublish/delete as the directory sees them, activity, and partner isolation.
import { countDynamoDbCalls, newPartner, startApi, type TestApi } from '../support/api';
import { allActivity, businessProfileBody, expectProblem, expectStatus, putBusinessProfile } from './helpers';

jest.setTimeout(30_000);

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ mailer: false });
});
afterAll(() => api.close());

type Partner = Awaited<ReturnType<typeof newPartner>>;
const admin = (p: Partner) => p.tokens['global-admin'];
const location = (country: string, city: string, id?: string) => ({
  ...(id ? { id } : {}),
  address: { country, city, addressLine1: `1 ${city} Road`, postalCode: '10001' },
  contact: { name: 'Lee Leads', email: 'leads@partner.example', phone: '+1 425 555 0100' },
});

describe('create, read, replace', () => {
  test('PUT creates the profile with the legal name, unpublished; GET reads it with the same ETag; the list has it', async () => {
    const p = await newPartner(api, { companyName: 'Fabrikam Cloud Ltd' });
    const { profile, etag } = await putBusinessProfile(api, admin(p), 'us', businessProfileBody('US'));
    expect(profile).toMatchObject({ country: 'US', name: 'Fabrikam Cloud Ltd', published: false, referenceDataVersion: expect.any(String) });
    expect(profile.locations[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(etag).toBe('"v1"');
    const read = await api.request('GET', '/v1/business-profiles/US', { token: p.tokens['helpdesk-agent'] });
    expectStatus(read, 200);
    expect(read.headers.get('etag')).toBe(etag);
    expect(read.body).toEqual(profile);
    const list = await api.request('GET', '/v1/business-profiles', { token: p.tokens['sales-agent'] });
    expect(list.body.items).toEqual([profile]);
  });

  test('PUT of an existing profile needs If-Match (428), a stale one is 412, the current one replaces it', async () => {
    const p = await newPartner(api);
    const { etag } = await putBusinessProfile(api, admin(p), 'DE', businessProfileBody('DE'));
    const body = businessProfileBody('DE', { description: 'Changed' });
    expectProblem(await api.request('PUT', '/v1/business-profiles/DE', { token: admin(p), body }), 428, 'precondition-required');
    expectProblem(await api.request('PUT', '/v1/business-profiles/DE', { token: admin(p), body, headers: { 'If-Match': '"v9"' } }), 412, 'precondition-failed');
    const replaced = await putBusinessProfile(api, admin(p), 'DE', body, etag);
    expect(replaced.etag).toBe('"v2"');
    expect(replaced.profile.description).toBe('Changed');
    // The old ETag no longer matches: no lost update.
    expectProblem(await api.request('PUT', '/v1/business-profiles/DE', { token: admin(p), body, headers: { 'If-Match': etag } }), 412, 'precondition-failed');
  });

  test('If-Match on a profile that does not exist is 412, and nothing is created', async () => {
    const p = await newPartner(api);
    expectProblem(await api.request('PUT', '/v1/business-profiles/FR', { token: admin(p), body: businessProfileBody('FR'), headers: { 'If-Match': '"v1"' } }), 412);
    expectProblem(await api.request('GET', '/v1/business-profiles/FR', { token: admin(p) }), 404, 'not-found');
  });

  test('a location keeps its id when its address is edited in place; one without an id is new', async () => {
    const p = await newPartner(api);
    const first = await putBusinessProfile(api, admin(p), 'US', businessProfileBody('US', { locations: [location('US', 'Austin')] }));
    const id = first.profile.locations[0].id;
    const second = await putBusinessProfile(api, admin(p), 'US', businessProfileBody('US', { locations: [location('US', 'Dallas', id), location('US', 'Houston')] }), first.etag);
    expect(second.profile.locations.map((l: { id: string; address: { city: string } }) => [l.id === id, l.address.city])).toEqual([[true, 'Dallas'], [false, 'Houston']]);
  });

  test('a partner without a legal profile cannot have a business profile (409)', async () => {
    const token = await api.token(`partner-nolegal-${Date.now()}`, 'global-admin');
    expectProblem(await api.request('PUT', '/v1/business-profiles/US', { token, body: businessProfileBody('US') }), 409, 'partner-profile-required');
  });

  test('every change is in the activity log', async () => {
    const p = await newPartner(api);
    const { profile, etag } = await putBusinessProfile(api, admin(p), 'US', businessProfileBody('US'));
    const locations = profile.locations.map(({ id, address, contact }: Record<string, unknown>) => ({ id, address, contact }));
    await putBusinessProfile(api, admin(p), 'US', businessProfileBody('US', { website: 'https://new.example', locations }), etag);
    expectStatus(await api.request('POST', '/v1/business-profiles/US/publish', { token: admin(p) }), 200);
    expectStatus(await api.request('POST', '/v1/business-profiles/US/unpublish', { token: admin(p) }), 200);
    expectStatus(await api.request('DELETE', '/v1/business-profiles/US', { token: admin(p) }), 204);
    const log = await allActivity(api, admin(p));
    expect(log.map((a) => a.operation).slice(0, 5)).toEqual([
      'Delete Business Profile',
      'Unpublish Business Profile',
      'Publish Business Profile',
      'Update Business Profile',
      'Create Business Profile',
    ]);
    expect(log[3].changes).toEqual([{ field: 'website', before: 'https://partner.example', after: 'https://new.example' }]);
  });
});

describe('validation', () => {
  const refused = async (body: unknown, country = 'US') => {
    const p = await newPartner(api);
    const response = await api.request('PUT', `/v1/business-profiles/${country}`, { token: admin(p), body });
    expectProblem(response, 400, 'validation');
    expectProblem(await api.request('GET', `/v1/business-profiles/${country}`, { token: admin(p) }), 404);
    return response.body.errors as { path: string; message: string }[];
  };

  test('an unknown reference-data id is named', async () => {
    const errors = await refused(businessProfileBody('US', { industries: ['healthcare', 'underwaterBasketry'], products: ['azure', 'lotusNotes'] }));
    expect(errors).toEqual(expect.arrayContaining([
      { path: 'body.industries.1', message: expect.stringContaining('"underwaterBasketry"') },
      { path: 'body.products.1', message: expect.stringContaining('"lotusNotes"') },
    ]));
  });

  test('an address outside the profile country, more than 5 locations, an unknown location id, a bad country', async () => {
    expect(await refused(businessProfileBody('US', { locations: [location('CA', 'Toronto')] }))).toEqual([{ path: 'body.locations.0.address.country', message: expect.stringContaining('US') }]);
    expect((await refused(businessProfileBody('US', { locations: ['A', 'B', 'C', 'D', 'E', 'F'].map((c) => location('US', c)) })))[0]!.path).toBe('body.locations');
    expect(await refused(businessProfileBody('US', { locations: [location('US', 'Reno', '6f1c1d1e-0000-4000-8000-000000000000')] }))).toEqual([
      { path: 'body.locations.0.id', message: expect.stringContaining('6f1c1d1e-0000-4000-8000-000000000000') },
    ]);
    const p = await newPartner(api);
    expectProblem(await api.request('PUT', '/v1/business-profiles/XX', { token: admin(p), body: businessProfileBody('US') }), 400, 'validation');
  });

  test('a description over 2,500 characters, more than 50 solutions, no customer size, a contact without email', async () => {
    expect((await refused(businessProfileBody('US', { description: 'x'.repeat(2501) })))[0]!.path).toBe('body.description');
    expect((await refused(businessProfileBody('US', { solutions: Array.from({ length: 51 }, (_, i) => `s${i}`) })))[0]!.path).toBe('body.solutions');
    expect((await refused(businessProfileBody('US', { customerSizes: [] })))[0]!.path).toBe('body.customerSizes');
    const noEmail = { address: location('US', 'Reno').address, contact: { name: 'No Mail' } };
    expect((await refused(businessProfileBody('US', { locations: [noEmail] })))[0]!.path).toBe('body.locations.0.contact.email');
  });

  test('more different search words than the directory indexes is refused, naming the limit', async () => {
    const solutions = Array.from({ length: 45 }, (_, i) => `word${i}x`);
    expect(await refused(businessProfileBody('US', { industries: [], products: [], services: [], solutions }))).toEqual([
      { path: 'body.solutions', message: expect.stringContaining('at most 40') },
    ]);
  });
});

describe('publish, unpublish, delete', () => {
  test('publishing is immediate; again changes nothing; unpublish and delete take it out at once', async () => {
    const p = await newPartner(api);
    const { profile } = await putBusinessProfile(api, admin(p), 'US', businessProfileBody('US'));
    const page = `/directory/${p.partnerId}/${profile.locations[0].id}`;
    expect((await api.request('GET', page)).status).toBe(404);

    const published = await api.request('POST', '/v1/business-profiles/US/publish', { token: admin(p) });
    expectStatus(published, 200);
    expect(published.body).toMatchObject({ published: true, publishedAt: expect.any(String) });
    expect((await api.request('GET', page)).status).toBe(200);
    const again = await api.request('POST', '/v1/business-profiles/US/publish', { token: admin(p) });
    expect(again.headers.get('etag')).toBe(published.headers.get('etag'));

    const unpublished = await api.request('POST', '/v1/business-profiles/US/unpublish', { token: admin(p) });
    expect(unpublished.body.published).toBe(false);
    expect((await api.request('GET', page)).status).toBe(404);

    expectStatus(await api.request('POST', '/v1/business-profiles/US/publish', { token: admin(p) }), 200);
    expectStatus(await api.request('DELETE', '/v1/business-profiles/US', { token: admin(p) }), 204);
    expect((await api.request('GET', page)).status).toBe(404);
    expectProblem(await api.request('GET', '/v1/business-profiles/US', { token: admin(p) }), 404);
    expectProblem(await api.request('DELETE', '/v1/business-profiles/US', { token: admin(p) }), 404);
    expectProblem(await api.request('POST', '/v1/business-profiles/US/publish', { token: admin(p) }), 404);
  });
});

describe('partners are isolated', () => {
  test("another partner's profile is not there for a caller: every id-taking route is 404, and it stays as it was", async () => {
    const [owner, other] = await Promise.all([newPartner(api), newPartner(api)]);
    const { profile, etag } = await putBusinessProfile(api, admin(owner), 'GB', businessProfileBody('GB'));
    for (const [method, path] of [['GET', '/v1/business-profiles/GB'], ['DELETE', '/v1/business-profiles/GB'], ['POST', '/v1/business-profiles/GB/publish'], ['POST', '/v1/business-profiles/GB/unpublish']] as const) {
      expectProblem(await api.request(method, path, { token: admin(other) }), 404);
    }
    expect((await api.request('GET', '/v1/business-profiles', { token: admin(other) })).body.items).toEqual([]);
    // A PUT by the other partner makes its own profile; the owner's is untouched.
    await putBusinessProfile(api, admin(other), 'GB', businessProfileBody('GB', { description: 'Other' }));
    const read = await api.request('GET', '/v1/business-profiles/GB', { token: admin(owner) });
    expect(read.body).toEqual(profile);
    expect(read.headers.get('etag')).toBe(etag);
    // A location id of one partner under another partner's id is no page.
    expectStatus(await api.request('POST', '/v1/business-profiles/GB/publish', { token: admin(owner) }), 200);
    expect((await api.request('GET', `/directory/${other.partnerId}/${profile.locations[0].id}`)).status).toBe(404);
  });
});

describe('DynamoDB round trips', () => {
  test('each write reads once (profile, legal name and response time in one batch) and writes one transaction; a read is one GetItem per item', async () => {
    const p = await newPartner(api);
    const counter = countDynamoDbCalls();
    const callsOf = async (act: () => Promise<unknown>) => {
      counter.reset();
      await act();
      return [...counter.calls].filter((call) => !call.startsWith('UpdateItem')); // the partner budget's counter
    };
    try {
      const write = ['BatchGetItemCommand', 'TransactWriteItemsCommand'];
      let etag = '';
      expect(await callsOf(async () => ({ etag } = await putBusinessProfile(api, admin(p), 'US', businessProfileBody('US'))))).toEqual(write);
      expect(await callsOf(async () => expectStatus(await api.request('POST', '/v1/business-profiles/US/publish', { token: admin(p) }), 200))).toEqual(write);
      expect(await callsOf(async () => expectStatus(await api.request('GET', '/v1/business-profiles/US', { token: admin(p) }), 200))).toEqual(['GetItemCommand', 'GetItemCommand']);
      expect(await callsOf(async () => expectStatus(await api.request('DELETE', '/v1/business-profiles/US', { token: admin(p) }), 204))).toEqual(write);
      expect(etag).toBe('"v1"');
    } finally {
      counter.stop();
    }
  });
});
