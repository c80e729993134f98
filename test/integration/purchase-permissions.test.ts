// Purchase permissions over HTTP: off by default, both types with one ETag, If-Match once the customer has
// them, the rules (active relationship, bill-to partner, a bounded future end), the relationship end that
// turns them off in its own transaction, a reinstatement that starts with them off, and the scheduled
// cleanup that turns off a permission at its end (clock moved into the past to make one due now).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '../../shared/platform/clock';
import { config } from '../../shared/platform/config';
import { db } from '../../shared/platform/dynamo/client';
import { purchasePermissionKeys } from '../../shared/purchase-permissions/entity';
import { expireDuePurchasePermissions } from '../../shared/purchase-permissions/cleanup';
import { customerBody, newPartner, partnerProfileBody, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { allActivity, createCustomer, expectProblem, expectStatus, newDomain } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());
afterEach(() => {
  clock.now = () => new Date();
});

const { linkFromMail, accept } = publicPages(() => api);

type Partner = Awaited<ReturnType<typeof newPartner>>;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const path = (customerId: string, type?: string) => `/v1/customers/${customerId}/purchase-permissions${type ? `/${type}` : ''}`;
const read = (partner: Partner, customerId: string, role: keyof Partner['tokens'] = 'global-admin') => api.request('GET', path(customerId), { token: partner.tokens[role] });
const put = (partner: Partner, customerId: string, type: string, body: unknown, ifMatch?: string, role: keyof Partner['tokens'] = 'admin-agent') =>
  api.request('PUT', path(customerId, type), { token: partner.tokens[role], body, headers: ifMatch ? { 'If-Match': ifMatch } : {} });

async function storedItem(partnerId: string, customerId: string) {
  const { Item } = await db().send(new GetCommand({ TableName: config().tableName, Key: purchasePermissionKeys.permissions(partnerId, customerId), ConsistentRead: true }));
  return Item;
}

async function partnerWithCustomer() {
  const partner = await newPartner(api);
  const { customer, domain } = await createCustomer(api, partner.tokens['global-admin']);
  return { partner, customerId: customer.id as string, domain };
}

const operations = async (partner: Partner, customerId: string) =>
  (await allActivity(api, partner.tokens['global-admin'], customerId)).filter((a) => /Purchase Permissions/.test(a.operation));

test('off by default for every role; turning on and off takes If-Match once the customer has them, and logs each change', async () => {
  const { partner, customerId } = await partnerWithCustomer();
  for (const role of ['global-admin', 'admin-agent', 'sales-agent', 'helpdesk-agent'] as const) {
    const initial = await read(partner, customerId, role);
    expectStatus(initial, 200);
    expect(initial.body).toEqual({ customerId, azureReservations: { enabled: false }, azureSavingsPlans: { enabled: false } });
    expect(initial.headers.get('etag')).toBe('"v0"');
  }
  for (const role of ['sales-agent', 'helpdesk-agent'] as const) expectProblem(await put(partner, customerId, 'azureReservations', { enabled: true }, undefined, role), 403, 'forbidden');
  expect(await storedItem(partner.partnerId, customerId)).toBeUndefined();

  const until = new Date(Date.now() + 30 * DAY).toISOString();
  const on = await put(partner, customerId, 'azureReservations', { enabled: true, enabledUntil: until });
  expectStatus(on, 200);
  expect(on.body.azureReservations).toEqual({ enabled: true, enabledAt: expect.any(String), enabledBy: expect.any(String), enabledUntil: until });
  expect(on.body.azureSavingsPlans).toEqual({ enabled: false });
  expect(on.headers.get('etag')).toBe('"v1"');
  expect(await storedItem(partner.partnerId, customerId)).toMatchObject({ version: 1, azureReservations: { enabled: true, enabledUntil: until }, gsi3sk: expect.stringContaining(until) });

  // Once it exists, every change names the version it read.
  expectProblem(await put(partner, customerId, 'azureSavingsPlans', { enabled: true }), 428, 'precondition-required');
  expectProblem(await put(partner, customerId, 'azureSavingsPlans', { enabled: true }, '"v0"'), 412, 'precondition-failed');
  const both = await put(partner, customerId, 'azureSavingsPlans', { enabled: true }, '"v1"', 'global-admin');
  expectStatus(both, 200);
  expect(both.body.azureSavingsPlans).toMatchObject({ enabled: true });
  const off = await put(partner, customerId, 'azureReservations', { enabled: false }, both.headers.get('etag')!);
  expectStatus(off, 200);
  expect(off.body.azureReservations).toEqual({ enabled: false, enabledAt: on.body.azureReservations.enabledAt, enabledBy: expect.any(String), disabledAt: expect.any(String), disabledBy: expect.any(String) });
  expect(off.headers.get('etag')).toBe('"v3"');
  // Nothing to change: no write, same version.
  expect((await put(partner, customerId, 'azureReservations', { enabled: false }, '"v3"')).headers.get('etag')).toBe('"v3"');
  const stored = await storedItem(partner.partnerId, customerId);
  expect(stored).toMatchObject({ version: 3 });
  expect(stored!.gsi3pk).toBeUndefined();

  expect((await operations(partner, customerId)).map((a) => a.operation)).toEqual([
    'Delete Customer Purchase Permissions',
    'Create Customer Purchase Permissions',
    'Create Customer Purchase Permissions',
  ]);
  expect((await read(partner, customerId, 'sales-agent')).body).toEqual(off.body);
});

test('the rules: a bounded future end, a known customer, a bill-to partner', async () => {
  const { partner, customerId } = await partnerWithCustomer();
  const tooLate = new Date(Date.now() + 400 * DAY).toISOString();
  for (const body of [
    { enabled: true, enabledUntil: new Date(Date.now() - HOUR).toISOString() },
    { enabled: true, enabledUntil: tooLate },
    { enabled: false, enabledUntil: new Date(Date.now() + DAY).toISOString() },
    { enabled: 'yes' },
  ]) {
    expectProblem(await put(partner, customerId, 'azureReservations', body), 400, 'validation');
  }
  expectProblem(await put(partner, customerId, 'azureSpotVMs', { enabled: true }), 400, 'validation');
  expectProblem(await put(partner, '00000000-0000-4000-8000-000000000000', 'azureReservations', { enabled: true }), 404, 'not-found');
  // Another partner's customer is not there.
  const other = await newPartner(api);
  expectProblem(await read(other, customerId), 404, 'not-found');
  expectProblem(await put(other, customerId, 'azureReservations', { enabled: true }), 404, 'not-found');

  // A partner that became an indirect reseller pays for nothing: it cannot turn one on (turning off stays possible).
  expectStatus(await api.request('PUT', '/v1/partner', { token: partner.tokens['global-admin'], body: partnerProfileBody({ partnerType: 'indirectReseller', markets: ['US'] }) }), 200);
  expectProblem(await put(partner, customerId, 'azureReservations', { enabled: true }), 422, 'bill-to-partner-required');
  expect(await storedItem(partner.partnerId, customerId)).toBeUndefined();
  expect(await operations(partner, customerId)).toEqual([]);
});

test('ending the relationship turns them off in its transaction; a reinstated customer starts with them off', async () => {
  const { partner, customerId, domain } = await partnerWithCustomer();
  const admin = partner.tokens['global-admin'];
  const on = await put(partner, customerId, 'azureReservations', { enabled: true, enabledUntil: new Date(Date.now() + 10 * DAY).toISOString() });
  expectStatus(await put(partner, customerId, 'azureSavingsPlans', { enabled: true }, on.headers.get('etag')!), 200);

  expectStatus(await api.request('POST', `/v1/customers/${customerId}/relationship/end`, { token: admin, body: { reason: 'Moved to another partner' } }), 200);
  const ended = await read(partner, customerId);
  for (const type of ['azureReservations', 'azureSavingsPlans']) {
    expect(ended.body[type]).toMatchObject({ enabled: false, disabledBy: 'system', disabledReason: 'relationshipEnded' });
    expect(ended.body[type].enabledUntil).toBeUndefined();
  }
  const stored = await storedItem(partner.partnerId, customerId);
  expect(stored).toMatchObject({ version: 3, azureReservations: { enabled: false }, azureSavingsPlans: { enabled: false } });
  expect(stored!.gsi3pk).toBeUndefined();
  const [turnedOff] = await operations(partner, customerId);
  expect(turnedOff).toMatchObject({ operation: 'Delete Customer Purchase Permissions', actor: { userId: 'system' } });
  expect(turnedOff.changes.map((c: { field: string }) => c.field)).toEqual(expect.arrayContaining(['azureReservations.enabled', 'azureSavingsPlans.enabled', 'azureReservations.disabledReason']));

  // Ended: read-only.
  expectProblem(await put(partner, customerId, 'azureReservations', { enabled: true }, ended.headers.get('etag')!), 409, 'relationship-not-active');

  const email = `${uniqueId('admin')}@${domain}`;
  expectStatus(await api.request('POST', `/v1/customers/${customerId}/invitations`, { token: admin, body: { email } }), 201);
  expect((await accept((await linkFromMail(email)).path, { domain })).status).toBe(200);
  expect((await api.request('GET', `/v1/customers/${customerId}`, { token: admin })).body.state).toBe('active');
  const reinstated = await read(partner, customerId);
  expect(reinstated.body.azureReservations.enabled).toBe(false);
  expect(reinstated.body.azureSavingsPlans.enabled).toBe(false);
  expect(reinstated.headers.get('etag')).toBe('"v3"');
  expectStatus(await put(partner, customerId, 'azureReservations', { enabled: true }, '"v3"'), 200);
});

test('an end with no permissions on still writes nothing of them; a customer that never had any ends as before', async () => {
  const { partner, customerId } = await partnerWithCustomer();
  expectStatus(await api.request('POST', `/v1/customers/${customerId}/relationship/end`, { token: partner.tokens['global-admin'], body: { reason: 'Done' } }), 200);
  expect(await storedItem(partner.partnerId, customerId)).toBeUndefined();
  expect(await operations(partner, customerId)).toEqual([]);
});

test('the scheduled cleanup turns a permission off at its end; reads show it off before the cleanup has run', async () => {
  const { partner, customerId } = await partnerWithCustomer();
  const other = await partnerWithCustomer();
  const realNow = Date.now();
  // Turned on two hours ago, to end an hour ago; the other customer's ends tomorrow.
  clock.now = () => new Date(realNow - 2 * HOUR);
  const until = new Date(realNow - HOUR).toISOString();
  expectStatus(await put(partner, customerId, 'azureSavingsPlans', { enabled: true, enabledUntil: until }), 200);
  clock.now = () => new Date();
  expectStatus(await put(other.partner, other.customerId, 'azureSavingsPlans', { enabled: true, enabledUntil: new Date(realNow + DAY).toISOString() }), 200);

  const beforeCleanup = await read(partner, customerId);
  expect(beforeCleanup.body.azureSavingsPlans).toEqual({
    enabled: false,
    enabledAt: expect.any(String),
    enabledBy: expect.any(String),
    disabledAt: until,
    disabledBy: 'system',
    disabledReason: 'expired',
  });
  expect(await storedItem(partner.partnerId, customerId)).toMatchObject({ version: 1, azureSavingsPlans: { enabled: true } });

  const run = await expireDuePurchasePermissions();
  expect(run.expired).toBeGreaterThanOrEqual(1);
  const stored = await storedItem(partner.partnerId, customerId);
  expect(stored).toMatchObject({ version: 2, azureSavingsPlans: { enabled: false, disabledAt: until, disabledBy: 'system', disabledReason: 'expired' } });
  expect(stored!.gsi3pk).toBeUndefined();
  expect((await read(partner, customerId)).body).toEqual({ ...beforeCleanup.body });
  const [expired] = await operations(partner, customerId);
  expect(expired).toMatchObject({ operation: 'Delete Customer Purchase Permissions', actor: { userId: 'system' } });

  // Not due: untouched. A second run changes nothing more.
  expect(await storedItem(other.partner.partnerId, other.customerId)).toMatchObject({ version: 1, azureSavingsPlans: { enabled: true } });
  await expireDuePurchasePermissions();
  expect(await storedItem(partner.partnerId, customerId)).toMatchObject({ version: 2 });
  expect(await operations(partner, customerId)).toHaveLength(2);
});

test('outside the US Government cloud a new customer naming a validation code is refused, and nothing is created', async () => {
  const partner = await newPartner(api);
  const domain = newDomain('vc');
  const refused = await api.request('POST', '/v1/customers', { token: partner.tokens['global-admin'], body: customerBody(domain, { validationCode: 'GOV-CODE-1234' }) });
  expectProblem(refused, 422, 'business-rule');
  expect(refused.body.detail).toContain('US Government');
  expect((await api.request('HEAD', `/v1/domains/${domain}`, { token: partner.tokens['global-admin'] })).status).toBe(404);
});
