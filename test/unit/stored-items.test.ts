// Stored items are read through their schemas, by allow-list: what an entity writes reads back as its
// record, attributes the table keeps for itself (keys, index attributes, TTL, kind, anything added later)
// never come out, API views leave out what only the system sees, and an item that does not match its
// schema is a 500 whose log names the item's keys and the field, never a stored value.
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

process.env.TABLE_NAME = 'unit-table';
process.env.CURSOR_KEY = 'a'.repeat(64);
process.env.AWS_REGION = 'us-east-1';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

import { handler } from '../../functions/customers';
import { logger } from '../../shared/platform/logger';
import { project, readItem, StoredItemMismatch } from '../../shared/platform/dynamo/item-schema';
import { CustomerItem, customerItems, CustomerView, idempotencyItem, IdempotencyItem, type CustomerRecord } from '../../shared/customers/entity';
import { GrantItem, grantItem, GrantView, type GrantRecord } from '../../shared/delegated-admin/entity';
import { InvitationItem, invitationItem, tokenItem, TokenItem, type InvitationRecord } from '../../shared/invitations/entity';
import { OrganizationItem, organizationItem } from '../../shared/organizations/entity';
import { PartnerProfileItem, partnerProfileItem, PartnerProfileView, type PartnerProfileRecord } from '../../shared/partner/entity';

const at = '2026-11-01T10:00:00.000Z';

const customer: CustomerRecord = {
  id: '0b3c1e7e-2f0a-4c55-9a3b-0c4a4b6a9d10',
  partnerId: 'partner-1',
  tenantId: '5f0c1e7e-2f0a-4c55-9a3b-0c4a4b6a9d11',
  companyProfile: { companyName: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com' },
  billingProfile: {
    email: 'billing@contoso.com',
    culture: 'en-US',
    language: 'en',
    companyName: 'Contoso Ltd',
    defaultAddress: { country: 'US', city: 'Redmond', addressLine1: '1 Way', postalCode: '98052', firstName: 'Ada', lastName: 'Byron' },
  },
  relationshipToPartner: 'reseller',
  state: 'active',
  createdAt: at,
  updatedAt: at,
  version: 3,
};

const grant: GrantRecord = {
  id: 'g1',
  partnerId: 'partner-1',
  displayName: 'Support',
  roles: ['globalReader'],
  duration: 'P90D',
  autoExtend: true,
  state: 'active',
  invitationId: 'i1',
  customerId: customer.id,
  createdAt: at,
  activatedAt: at,
  endsAt: '2027-01-30T10:00:00.000Z',
  version: 2,
  warnings: { endsAt: '2027-01-30T10:00:00.000Z', sent: ['30'] },
};

const invitation: InvitationRecord = {
  id: 'i1',
  partnerId: 'partner-1',
  email: 'admin@contoso.com',
  delegatedAdmin: { displayName: 'Support', roles: ['globalReader'], duration: 'P90D', autoExtend: false },
  source: 'partner',
  state: 'pending',
  createdAt: at,
  expiresAt: '2026-12-01T10:00:00.000Z',
  delivery: { state: 'sent', attempts: 1, sentAt: at },
  generation: 2,
  tokenHash: 'h'.repeat(43),
  grantId: 'g1',
  createdBy: 'user-1',
  version: 4,
};

const profile: PartnerProfileRecord = {
  partnerId: 'partner-1',
  companyName: 'Fabrikam Ltd',
  country: 'DE',
  partnerType: 'directBill',
  markets: ['DE'],
  primaryContact: { name: 'Pat', email: 'pat@fabrikam.example' },
  partnerDomain: 'fabrikam.example',
  updatedAt: at,
  version: 1,
};

/** An attribute some later change adds to an item for the system's own use. */
const later = { internalNote: 'not for anyone to see', gsi5pk: 'SOMETHING#NEW' };

describe('what an entity writes reads back as its record, and nothing else', () => {
  test.each([
    ['customer', CustomerItem, customerItems(customer)[0]!, customer],
    ["customer's domain search copy", CustomerItem, customerItems(customer)[1]!, customer],
    ['delegated admin grant', GrantItem, grantItem(grant), grant],
    ['invitation', InvitationItem, invitationItem(invitation), invitation],
    ['link token', TokenItem, tokenItem('h'.repeat(43), { partnerId: 'partner-1', invitationId: 'i1', generation: 2 }, 1_900_000_000), { partnerId: 'partner-1', invitationId: 'i1', generation: 2 }],
    ['partner profile', PartnerProfileItem, partnerProfileItem(profile), profile],
    ['organization', OrganizationItem, organizationItem({ tenantId: 't1', domains: ['contoso.com'], adminContacts: [], createdAt: at, createdBy: 'partner-1', version: 1 }), { tenantId: 't1', domains: ['contoso.com'], adminContacts: [], createdAt: at, createdBy: 'partner-1', version: 1 }],
    [
      'idempotency record',
      IdempotencyItem,
      idempotencyItem('partner-1', { key: 'k1', requestHash: 'r', expiresAtEpoch: 1_900_000_000, response: { status: 201, body: { id: 'c1' }, headers: { ETag: '"v1"' } } }),
      { key: 'k1', requestHash: 'r', expiresAtEpoch: 1_900_000_000, response: { status: 201, body: { id: 'c1' }, headers: { ETag: '"v1"' } } },
    ],
  ])('%s', (_name, schema, item, record) => {
    expect(readItem(schema as never, { ...(item as Record<string, unknown>), ...later })).toStrictEqual(record);
  });
});

describe('API views leave out what only the system sees', () => {
  test('a customer: no partner id, no version', () => {
    const view = project(CustomerView, customer);
    expect(Object.keys(view).sort()).toEqual(['billingProfile', 'companyProfile', 'createdAt', 'id', 'relationshipToPartner', 'state', 'tenantId', 'updatedAt']);
  });
  test('a grant: no partner id, no version, no warning marks', () => {
    const view = project(GrantView, grant);
    expect(view).not.toHaveProperty('partnerId');
    expect(view).not.toHaveProperty('version');
    expect(view).not.toHaveProperty('warnings');
    expect(view).toMatchObject({ id: 'g1', state: 'active', endsAt: grant.endsAt });
  });
  test("a legal profile: no version, no partner domain", () => {
    expect(Object.keys(project(PartnerProfileView, profile)).sort()).toEqual(['companyName', 'country', 'markets', 'partnerId', 'partnerType', 'primaryContact', 'updatedAt']);
  });
});

describe('an item that does not match its schema', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  const [stored] = customerItems(customer);
  const broken = (change: Record<string, unknown>) => ({ ...stored!, ...change });

  test.each([
    ['a missing field', broken({ tenantId: undefined }), 'tenantId'],
    ['a state nobody writes', broken({ state: 'frozen' }), 'state'],
    ['a nested field of the wrong type', broken({ billingProfile: { ...customer.billingProfile, defaultAddress: { ...customer.billingProfile!.defaultAddress, city: 42 } } }), 'billingProfile.defaultAddress.city'],
    ['a list element of the wrong type', { ...grantItem(grant), roles: ['globalReader', null] }, 'roles[1]'],
  ])('%s: thrown and logged with the keys and the field only', (_case, item, field) => {
    const schema = 'roles' in item ? GrantItem : CustomerItem;
    let thrown: unknown;
    try {
      readItem(schema as never, item);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoredItemMismatch);
    const message = (thrown as Error).message;
    expect(message).toContain(`${item.pk} ${item.sk}`);
    expect(message).toContain(field);
    expect(logged).toHaveBeenCalledWith('stored item does not match its schema', { pk: item.pk, sk: item.sk, field, expected: expect.any(String) });
    // No stored value reaches the message or the log: not the address, the names, the company.
    const said = JSON.stringify([message, logged.mock.calls]);
    for (const value of ['billing@contoso.com', 'Contoso Ltd', 'Redmond', 'Ada', 'frozen']) expect(said).not.toContain(value);
  });

  test('through the API it is a 500 problem, and nothing of the item is in the answer', async () => {
    const documentClient = mockClient(DynamoDBDocumentClient);
    documentClient.onAnyCommand().resolves({});
    documentClient.on(GetCommand).resolves({ Item: broken({ state: 'frozen' }) });
    const event = {
      version: '2.0',
      routeKey: 'GET /v1/customers/{customerId}',
      rawPath: `/v1/customers/${customer.id}`,
      rawQueryString: '',
      headers: {},
      pathParameters: { customerId: customer.id },
      isBase64Encoded: false,
      requestContext: { requestId: 'req-1', authorizer: { jwt: { claims: { sub: 'user-1', 'custom:partnerId': 'partner-1', 'cognito:groups': '[sales-agent]' }, scopes: [] } } },
    } as unknown as APIGatewayProxyEventV2;
    const response = (await handler(event, {} as Context)) as { statusCode: number; body: string };
    documentClient.restore();
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toMatchObject({ status: 500, requestId: 'req-1' });
    expect(response.body).not.toContain('frozen');
    expect(response.body).not.toContain('PARTNER#');
    expect(logged).toHaveBeenCalledWith('stored item does not match its schema', { pk: stored!.pk, sk: stored!.sk, field: 'state', expected: expect.any(String) });
  });
});
