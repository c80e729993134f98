// The customers handler on a mocked DynamoDB: request checks, role checks and the error mapping.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

process.env.TABLE_NAME = 'unit-table';
process.env.CURSOR_KEY = 'a'.repeat(64);
process.env.AWS_REGION = 'us-east-1';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

import { handler } from '../../functions/customers';

const documentClient = mockClient(DynamoDBDocumentClient);

const customerId = '0b3c1e7e-2f0a-4c55-9a3b-0c4a4b6a9d10';

function event(routeKey: string, options: { path?: string; body?: string; headers?: Record<string, string>; roles?: string; partnerId?: string; params?: Record<string, string> } = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey,
    rawPath: options.path ?? routeKey.split(' ')[1]!,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...options.headers },
    pathParameters: options.params,
    body: options.body,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      routeKey,
      authorizer: { jwt: { claims: { sub: 'user-1', 'custom:partnerId': options.partnerId ?? 'partner-1', 'cognito:groups': options.roles ?? '[sales-agent]' }, scopes: [] } },
    },
  } as unknown as APIGatewayProxyEventV2;
}

const invoke = async (e: APIGatewayProxyEventV2) => {
  const response = (await handler(e, {} as Context)) as { statusCode: number; headers: Record<string, string>; body?: string };
  return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
};

const validBody = JSON.stringify({
  companyProfile: { companyName: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com' },
  billingProfile: {
    email: 'billing@contoso.com',
    culture: 'en-US',
    language: 'en',
    companyName: 'Contoso Ltd',
    defaultAddress: { country: 'US', city: 'Redmond', addressLine1: '1 Way', postalCode: '98052', firstName: 'A', lastName: 'B' },
  },
});

beforeEach(() => {
  documentClient.reset();
  documentClient.onAnyCommand().resolves({});
});

describe('request checks', () => {
  test('malformed JSON is a 400 problem and nothing is written', async () => {
    const response = await invoke(event('POST /v1/customers', { body: '{"companyProfile":' }));
    expect(response.statusCode).toBe(400);
    expect(response.headers['Content-Type']).toBe('application/problem+json');
    expect(response.json).toMatchObject({ type: expect.stringMatching(/malformed-json$/), status: 400, title: expect.any(String), detail: expect.any(String) });
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  test('a body that is not JSON is refused with 415', async () => {
    const response = await invoke(event('POST /v1/customers', { body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(response.statusCode).toBe(415);
  });

  test('a body over 64 KiB is refused with 413', async () => {
    const response = await invoke(event('POST /v1/customers', { body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }) }));
    expect(response.statusCode).toBe(413);
  });

  test('unknown fields are refused and named', async () => {
    const body = JSON.parse(validBody);
    body.companyProfile.tenantId = 'mine';
    const response = await invoke(event('POST /v1/customers', { body: JSON.stringify(body) }));
    expect(response.statusCode).toBe(400);
    expect(response.json.errors).toEqual([{ path: 'body.companyProfile', message: 'unknown field: tenantId' }]);
  });

  test('country rules: BR needs a phone number and a registration id', async () => {
    const body = JSON.parse(validBody);
    body.billingProfile.defaultAddress.country = 'BR';
    const response = await invoke(event('POST /v1/customers', { body: JSON.stringify(body) }));
    expect(response.statusCode).toBe(400);
    expect(response.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.billingProfile.defaultAddress.phoneNumber', 'body.companyRegistrationId']);
  });

  test('a customer id that is not a uuid is a 400, not a lookup', async () => {
    const response = await invoke(event('GET /v1/customers/{customerId}', { params: { customerId: 'nope' } }));
    expect(response.statusCode).toBe(400);
    expect(documentClient.commandCalls(GetCommand)).toHaveLength(0);
  });
});

describe('identity and roles', () => {
  test('no verified claims is 401', async () => {
    const e = event('GET /v1/customers/{customerId}', { params: { customerId } });
    delete (e.requestContext as { authorizer?: unknown }).authorizer;
    const response = await invoke(e);
    expect(response.statusCode).toBe(401);
    expect(response.headers['WWW-Authenticate']).toBe('Bearer');
  });

  test('a helpdesk agent may not create customers', async () => {
    const response = await invoke(event('POST /v1/customers', { body: validBody, roles: '[helpdesk-agent]' }));
    expect(response.statusCode).toBe(403);
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  test('roles arrive as API Gateway renders arrays: "[a b]"', async () => {
    documentClient.on(GetCommand).resolves({});
    const response = await invoke(event('GET /v1/customers/{customerId}', { params: { customerId }, roles: '[helpdesk-agent sales-agent]' }));
    expect(response.statusCode).toBe(404);
  });

  test('the partner id comes only from the token', async () => {
    documentClient.on(GetCommand).resolves({});
    await invoke(event('GET /v1/customers/{customerId}', { params: { customerId }, partnerId: 'partner-7' }));
    expect(documentClient.commandCalls(GetCommand)[0]!.args[0].input.Key).toEqual({ pk: 'PARTNER#partner-7', sk: `CUSTOMER#${customerId}` });
  });
});

describe('error mapping', () => {
  test('a taken domain is a 409 that says to invite', async () => {
    documentClient.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }],
      }),
    );
    const response = await invoke(event('POST /v1/customers', { body: validBody }));
    expect(response.statusCode).toBe(409);
    expect(response.json.type).toMatch(/domain-taken$/);
    expect(response.json.detail).toMatch(/[Ii]nvite/);
  });

  describe('a provider naming a reseller, when the cancellation reports only the reseller profile check', () => {
    const resellerId = 'reseller-1';
    const body = JSON.stringify({ ...JSON.parse(validBody), associatedPartnerId: resellerId });
    beforeEach(() => {
      documentClient.on(TransactWriteCommand).callsFake(async (input: { TransactItems: { ConditionCheck?: { Key: Record<string, string> } }[] }) => {
        const isResellerProfile = (key?: Record<string, string>) => key?.pk === `PARTNER#${resellerId}` && key.sk === 'PROFILE';
        throw new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: input.TransactItems.map((item) => ({ Code: isResellerProfile(item.ConditionCheck?.Key) ? 'ConditionalCheckFailed' : 'None' })),
        });
      });
    });
    const authorizationRead = () => documentClient.on(GetCommand, { Key: { pk: `PARTNER#${resellerId}`, sk: 'INDIRECT_PROVIDER#partner-1' } });

    test('no authorization (read on the error path): the one answer for every reseller that did not authorize the provider', async () => {
      authorizationRead().resolves({});
      const response = await invoke(event('POST /v1/customers', { body }));
      expect(response.statusCode).toBe(403);
      expect(response.json.detail).toMatch(/authorized/);
      expect(response.json.detail).not.toMatch(/US/);
    });

    test('an authorization: the reseller does not serve the country', async () => {
      authorizationRead().resolves({ Item: { pk: `PARTNER#${resellerId}`, sk: 'INDIRECT_PROVIDER#partner-1' } });
      const response = await invoke(event('POST /v1/customers', { body }));
      expect(response.statusCode).toBe(422);
      expect(response.json.detail).toMatch(/does not serve US/);
    });
  });

  test('an unexpected failure is a bare 500 that leaks nothing', async () => {
    documentClient.on(GetCommand).rejects(new ConditionalCheckFailedException({ message: 'secret internals', $metadata: {} }));
    const response = await invoke(event('GET /v1/customers/{customerId}', { params: { customerId } }));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/secret internals/);
    expect(response.json).toMatchObject({ status: 500, requestId: 'req-1' });
  });

  test('PATCH without If-Match is 428, before anything is read', async () => {
    const response = await invoke(event('PATCH /v1/customers/{customerId}', { params: { customerId }, body: JSON.stringify({ billingProfile: { language: 'fr' } }) }));
    expect(response.statusCode).toBe(428);
    expect(documentClient.commandCalls(GetCommand)).toHaveLength(0);
  });
});
