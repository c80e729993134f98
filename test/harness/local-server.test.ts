// Tests the stand-in, not the product: the local API server (scripts/local/server.ts) that plays API Gateway
// and its JWT authorizer in `npm start` and the integration tests. It proves the stand-in refuses every
// token the authorizer would refuse, on every partner route of the route table, before any handler runs (no
// DynamoDB call), and lets a valid one through. In AWS the gateway does this and answers with bodies of its
// own; the product's part (the authorizer on each route) is checked in test/stack, and what the handlers do
// with the verified claims in test/unit and test/integration.
import { mkdtemp, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import { loadOrCreateIssuer } from '../../scripts/local/issuer';
import { routes, type RouteDef } from '../../shared/routes/index';
import { countDynamoDbCalls, startApi, uniqueId, type TestApi } from '../support/api';
import { expectProblem, expectStatus } from '../integration/helpers';

let api: TestApi;
let foreignDir: string;
const partnerId = uniqueId('partner');
beforeAll(async () => {
  api = await startApi({ mailer: false });
  foreignDir = await mkdtemp(join(tmpdir(), 'foreign-issuer-'));
});
afterAll(async () => {
  await api.close();
  await rm(foreignDir, { recursive: true, force: true });
});

const partnerRoutes = (routes as readonly RouteDef[]).filter((r) => r.auth.kind === 'partner');
const getCustomers = (token?: string) => api.request('GET', '/v1/customers', { token });

test.each(partnerRoutes.map((r) => [r.operationId, r] as const))('%s without a token is 401 and reaches no handler', async (_id, route) => {
  const calls = countDynamoDbCalls();
  try {
    const response = await api.request(route.method, route.path.replace(/\{(\w+)\}/g, () => randomUUID()), {
      ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { body: {} } : {}),
    });
    if (route.method === 'HEAD') {
      expect(response.status).toBe(401);
    } else {
      expectProblem(response, 401, 'unauthorized');
    }
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(calls.calls).toEqual([]);
  } finally {
    calls.stop();
  }
});

test('an expired token is 401', async () => {
  const token = await api.issuer.sign({ partnerId, roles: ['global-admin'], userId: 'u-expired', ttlSeconds: -120 });
  expectProblem(await getCustomers(token), 401, 'unauthorized');
});

test('a token that expired one second ago is 401', async () => {
  const token = await api.issuer.sign({ partnerId, roles: ['global-admin'], userId: 'u-expired', ttlSeconds: -1 });
  expectProblem(await getCustomers(token), 401, 'unauthorized');
});

test('a valid token of the same issuer is accepted (control for the 401 cases)', async () => {
  const token = await api.issuer.sign({ partnerId, roles: ['global-admin'], userId: 'u-ok', ttlSeconds: 60 });
  expectStatus(await getCustomers(token), 200);
});

test('a token signed with another key is 401', async () => {
  const foreign = await loadOrCreateIssuer({ dataDir: foreignDir, issuer: api.issuer.issuer, audience: api.issuer.audience });
  const token = await foreign.sign({ partnerId, roles: ['global-admin'], userId: 'u-foreign' });
  expectProblem(await getCustomers(token), 401, 'unauthorized');
});

test("a token signed with another key under the issuer's own kid is 401", async () => {
  const { privateKey } = await generateKeyPair('RS256');
  const kid = api.issuer.jwks().keys[0]!.kid!;
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ 'custom:partnerId': partnerId, 'cognito:groups': ['global-admin'], token_use: 'id' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(api.issuer.issuer)
    .setAudience(api.issuer.audience)
    .setSubject('u-forged')
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(privateKey);
  expectProblem(await getCustomers(token), 401, 'unauthorized');
});

test('a token for another audience is 401', async () => {
  const other = await loadOrCreateIssuer({ dataDir: process.env.TEST_DATA_DIR!, issuer: api.issuer.issuer, audience: 'some-other-app' });
  const token = await other.sign({ partnerId, roles: ['global-admin'], userId: 'u-aud' });
  expectProblem(await getCustomers(token), 401, 'unauthorized');
});

test('a token from another issuer is 401', async () => {
  const other = await loadOrCreateIssuer({ dataDir: process.env.TEST_DATA_DIR!, issuer: 'https://evil.example/issuer', audience: api.issuer.audience });
  const token = await other.sign({ partnerId, roles: ['global-admin'], userId: 'u-iss' });
  expectProblem(await getCustomers(token), 401, 'unauthorized');
});

test('an unsigned (alg none) token is 401', async () => {
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
    'custom:partnerId': partnerId, 'cognito:groups': ['global-admin'], sub: 'u-none',
    iss: api.issuer.issuer, aud: api.issuer.audience, iat: now, exp: now + 600,
  })}.`;
  expectProblem(await getCustomers(token), 401, 'unauthorized');
});

test('a token whose signature was tampered with (roles raised) is 401', async () => {
  const token = await api.token(partnerId, 'helpdesk-agent');
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  claims['cognito:groups'] = ['global-admin'];
  const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  expectProblem(await getCustomers(tampered), 401, 'unauthorized');
});

test('a non-Bearer Authorization header is 401', async () => {
  const token = await api.token(partnerId, 'global-admin');
  const response = await api.request('GET', '/v1/customers', { headers: { authorization: `Basic ${token}` } });
  expectProblem(response, 401, 'unauthorized');
});

// API Gateway answers an unmatched route itself; the stand-in answers in the API's problem+json instead.
test('an unknown path is a 404 problem and a wrong method a 405 problem', async () => {
  expectProblem(await api.request('GET', '/v1/nothing-here'), 404, 'not-found');
  expectProblem(await api.request('DELETE', '/v1/customers'), 405, 'method-not-allowed');
});
