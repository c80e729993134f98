// DynamoDB round trips per operation: the cost model of the API. Counted in this jest worker, where
// the in-process local server runs the very handlers.
import { randomUUID } from 'node:crypto';
import { countDynamoDbCalls, customerBody, newPartner, partnerProfileBody, startApi, type TestApi } from '../support/api';
import { createCustomer, expectStatus, newDomain } from './helpers';
import { acceptBody, act, createBody, declineBody, incomingReferral } from './referral-helpers';

jest.setTimeout(30_000);

let api: TestApi;
let partner: Awaited<ReturnType<typeof newPartner>>;
let counter: ReturnType<typeof countDynamoDbCalls>;
/** Counts every command of the whole file, for the "never a Scan" check at the end. */
let fileCounter: ReturnType<typeof countDynamoDbCalls>;

beforeAll(async () => {
  api = await startApi();
  fileCounter = countDynamoDbCalls();
  partner = await newPartner(api);
});
beforeEach(() => {
  counter = countDynamoDbCalls();
});
afterEach(() => counter.stop());
afterAll(async () => {
  fileCounter.stop();
  await api.close();
});

const token = () => partner.tokens['global-admin'];
const agreementBody = { dateAgreed: '2025-02-02T02:02:02Z', primaryContact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' } };

/** Runs `act` with a fresh count and returns the commands it sent. */
async function callsOf(act: () => Promise<unknown>): Promise<string[]> {
  counter.reset();
  await act();
  return [...counter.calls];
}

test('create = 1 TransactWriteItems', async () => {
  const calls = await callsOf(async () => expectStatus(await api.request('POST', '/v1/customers', { token: token(), body: customerBody(newDomain('cc')) }), 201));
  expect(calls).toEqual(['TransactWriteItemsCommand']);
});

test('create with an Idempotency-Key = 1 TransactWriteItems; its replay = 1 TransactWriteItems', async () => {
  const body = customerBody(newDomain('ccidem'));
  const headers = { 'Idempotency-Key': `cc-${randomUUID()}` };
  expect(await callsOf(async () => expectStatus(await api.request('POST', '/v1/customers', { token: token(), body, headers }), 201))).toEqual(['TransactWriteItemsCommand']);
  expect(await callsOf(async () => expectStatus(await api.request('POST', '/v1/customers', { token: token(), body, headers }), 201))).toEqual(['TransactWriteItemsCommand']);
});

test('create refused for a taken domain = 1 TransactWriteItems, nothing more', async () => {
  const { domain } = await createCustomer(api, token());
  const calls = await callsOf(async () => expect((await api.request('POST', '/v1/customers', { token: token(), body: customerBody(domain) })).status).toBe(409));
  expect(calls).toEqual(['TransactWriteItemsCommand']);
});

test('create refused by validation or by role = no DynamoDB call', async () => {
  const invalid = await callsOf(async () => expect((await api.request('POST', '/v1/customers', { token: token(), body: { companyProfile: {} } })).status).toBe(400));
  const forbidden = await callsOf(async () => expect((await api.request('POST', '/v1/customers', { token: partner.tokens['helpdesk-agent'], body: customerBody(newDomain('cc')) })).status).toBe(403));
  expect([invalid, forbidden]).toEqual([[], []]);
});

test('get = 1 GetItem (also when not found)', async () => {
  const { customer } = await createCustomer(api, token());
  expect(await callsOf(async () => expectStatus(await api.request('GET', `/v1/customers/${customer.id}`, { token: token() }), 200))).toEqual(['GetItemCommand']);
  expect(await callsOf(async () => expectStatus(await api.request('GET', `/v1/customers/${randomUUID()}`, { token: token() }), 404))).toEqual(['GetItemCommand']);
});

test('list page = 1 Query, with or without a state filter, first page or next', async () => {
  await createCustomer(api, token());
  await createCustomer(api, token());
  let next: string | undefined;
  expect(await callsOf(async () => {
    const page = await api.request('GET', '/v1/customers?limit=1', { token: token() });
    expectStatus(page, 200);
    next = page.body.continuationToken;
  })).toEqual(['QueryCommand']);
  expect(typeof next).toBe('string');
  expect(await callsOf(async () => expectStatus(await api.request('GET', `/v1/customers?limit=1&continuationToken=${next}`, { token: token() }), 200))).toEqual(['QueryCommand']);
  expect(await callsOf(async () => expectStatus(await api.request('GET', '/v1/customers?state=active', { token: token() }), 200))).toEqual(['QueryCommand']);
});

test('search page = 1 Query, with or without a state filter', async () => {
  await createCustomer(api, token());
  expect(await callsOf(async () => expectStatus(await api.request('GET', '/v1/customers?q=contoso', { token: token() }), 200))).toEqual(['QueryCommand']);
  expect(await callsOf(async () => expectStatus(await api.request('GET', '/v1/customers?q=cc-&state=active', { token: token() }), 200))).toEqual(['QueryCommand']);
});

test('HEAD domain = 1 GetItem, taken or free', async () => {
  const { domain } = await createCustomer(api, token());
  expect(await callsOf(async () => expect((await api.request('HEAD', `/v1/domains/${domain}`, { token: token() })).status).toBe(200))).toEqual(['GetItemCommand']);
  expect(await callsOf(async () => expect((await api.request('HEAD', `/v1/domains/${newDomain('free')}`, { token: token() })).status).toBe(404))).toEqual(['GetItemCommand']);
});

test('agreement record = 1 TransactWriteItems; agreements list = 1 Query', async () => {
  const { customer } = await createCustomer(api, token());
  const path = `/v1/customers/${customer.id}/agreements`;
  expect(await callsOf(async () => expectStatus(await api.request('POST', path, { token: token(), body: agreementBody }), 201))).toEqual(['TransactWriteItemsCommand']);
  expect(await callsOf(async () => expectStatus(await api.request('POST', path, { token: token(), body: agreementBody }), 201))).toEqual(['TransactWriteItemsCommand']);
  expect(await callsOf(async () => {
    const list = await api.request('GET', path, { token: token() });
    expectStatus(list, 200);
    expect(list.body.items).toHaveLength(2);
  })).toEqual(['QueryCommand']);
});

test('update = exactly 1 GetItem + 1 TransactWriteItems', async () => {
  const { customer, etag } = await createCustomer(api, token());
  const calls = await callsOf(async () =>
    expectStatus(await api.request('PATCH', `/v1/customers/${customer.id}`, { token: token(), body: { billingProfile: { defaultAddress: { city: 'Seattle' } } }, headers: { 'If-Match': etag } }), 200),
  );
  expect(calls).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
});

test('update of the email or country (partner rules checked) is still 1 GetItem + 1 TransactWriteItems', async () => {
  const { customer, etag } = await createCustomer(api, token());
  const calls = await callsOf(async () =>
    expectStatus(await api.request('PATCH', `/v1/customers/${customer.id}`, { token: token(), body: { billingProfile: { email: 'ap@contoso.example', defaultAddress: { country: 'CA' } } }, headers: { 'If-Match': etag } }), 200),
  );
  expect(calls).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
});

test('update with a stale If-Match = 1 GetItem and no write; without If-Match = no call', async () => {
  const { customer } = await createCustomer(api, token());
  const path = `/v1/customers/${customer.id}`;
  const body = { billingProfile: { language: 'fr' } };
  expect(await callsOf(async () => expect((await api.request('PATCH', path, { token: token(), body, headers: { 'If-Match': '"v77"' } })).status).toBe(412))).toEqual(['GetItemCommand']);
  expect(await callsOf(async () => expect((await api.request('PATCH', path, { token: token(), body })).status).toBe(428))).toEqual([]);
});

test('activity page = 1 Query', async () => {
  const { customer } = await createCustomer(api, token());
  expect(await callsOf(async () => expectStatus(await api.request('GET', '/v1/activity?limit=5', { token: token() }), 200))).toEqual(['QueryCommand']);
  expect(await callsOf(async () => expectStatus(await api.request('GET', `/v1/activity?customerId=${customer.id}`, { token: token() }), 200))).toEqual(['QueryCommand']);
});

test('export = Query pages only', async () => {
  await createCustomer(api, token());
  const calls = await callsOf(async () => expectStatus(await api.request('GET', '/v1/customers/export', { token: token() }), 200));
  expect(calls.length).toBeGreaterThanOrEqual(1);
  expect(new Set(calls)).toEqual(new Set(['QueryCommand']));
});

test('partner profile read = 1 GetItem; write = 1 GetItem + 1 TransactWriteItems', async () => {
  expect(await callsOf(async () => expectStatus(await api.request('GET', '/v1/partner', { token: token() }), 200))).toEqual(['GetItemCommand']);
  expect(await callsOf(async () => expectStatus(await api.request('PUT', '/v1/partner', { token: token(), body: partnerProfileBody({ companyName: 'Counted Reseller Ltd' }) }), 200))).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
});

describe('referrals', () => {
  const path = (id: string, action = '') => `/v1/referrals/${id}${action}`;

  test('create = 1 TransactWriteItems (with an Idempotency-Key too); list page = 1 Query with any filters', async () => {
    expect(await callsOf(async () => expectStatus(await api.request('POST', '/v1/referrals', { token: token(), body: createBody() }), 201))).toEqual(['TransactWriteItemsCommand']);
    const headers = { 'Idempotency-Key': `ref-${randomUUID()}` };
    expect(await callsOf(async () => expectStatus(await api.request('POST', '/v1/referrals', { token: token(), body: createBody(), headers }), 201))).toEqual(['TransactWriteItemsCommand']);
    for (const query of ['limit=1', 'status=active', 'substatus=accepted&direction=outgoing', 'qualification=salesQualified&status=active', 'direction=outgoing&qualification=direct']) {
      expect(await callsOf(async () => expectStatus(await api.request('GET', `/v1/referrals?${query}`, { token: token() }), 200))).toEqual(['QueryCommand']);
    }
  });

  test('each transition = 1 GetItem + 1 TransactWriteItems (the change and its activity record); an illegal one = 1 GetItem, no write', async () => {
    const accepted = (await incomingReferral(partner.partnerId)).id;
    expect(await callsOf(async () => expectStatus(await api.request('POST', path(accepted, '/accept'), { token: token(), body: acceptBody() }), 200))).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    expect(await callsOf(async () => expectStatus(await api.request('PATCH', path(accepted), { token: token(), body: { notes: 'n' }, headers: { 'If-Match': '"v2"' } }), 200))).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    expect(await callsOf(async () => expectStatus(await api.request('POST', path(accepted, '/close'), { token: token(), body: { outcome: 'won' } }), 200))).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    const declined = (await incomingReferral(partner.partnerId)).id;
    expect(await callsOf(async () => expectStatus(await api.request('POST', path(declined, '/decline'), { token: token(), body: declineBody }), 200))).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    expect(await callsOf(async () => expect((await api.request('POST', path(declined, '/accept'), { token: token(), body: acceptBody() })).status).toBe(409))).toEqual(['GetItemCommand']);
  });

  test('read = 1 GetItem; the first read of shown contacts by a user on a day adds 1 TransactWriteItems (the reveal)', async () => {
    const waiting = (await incomingReferral(partner.partnerId)).id;
    expect(await callsOf(async () => expectStatus(await api.request('GET', path(waiting), { token: token() }), 200))).toEqual(['GetItemCommand']);
    const accepted = (await incomingReferral(partner.partnerId)).id;
    await act(api, token(), accepted, 'accept', acceptBody());
    const reader = await api.token(partner.partnerId, 'sales-agent', `reader-${randomUUID().slice(0, 6)}`);
    expect(await callsOf(async () => expectStatus(await api.request('GET', path(accepted), { token: reader }), 200))).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    expect(await callsOf(async () => expectStatus(await api.request('GET', path(accepted), { token: reader }), 200))).toEqual(['GetItemCommand']);
  });
});

test('no operation of this file ever used ScanCommand (runs last)', () => {
  const seen = new Set(fileCounter.calls);
  expect(fileCounter.calls.length).toBeGreaterThan(40);
  expect([...seen].sort()).toEqual(['GetItemCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
  expect(fileCounter.calls.filter((name) => /Scan/.test(name))).toEqual([]);
});
