// Test harness: the local API server in this jest worker (so the very handlers run here and their
// DynamoDB calls can be counted), tokens from the local issuer, and a small fetch wrapper.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { db } from '../../shared/data/client';
import { loadOrCreateIssuer, type LocalIssuer } from '../../scripts/local/issuer';
import { createLocalServer } from '../../scripts/local/server';
import type { Role } from '../../shared/roles';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for tests of malformed bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestApi {
  url: string;
  issuer: LocalIssuer;
  token(partnerId: string, roles: Role | Role[], userId?: string): Promise<string>;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export async function startApi(): Promise<TestApi> {
  const dataDir = process.env.TEST_DATA_DIR;
  if (!dataDir) throw new Error('integration tests need the global setup (jest --selectProjects integration)');
  const issuer = await loadOrCreateIssuer({ dataDir, issuer: 'http://127.0.0.1/local-issuer' });
  const server = createLocalServer({ issuer });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    issuer,
    token: (partnerId, roles, userId = `user-${randomUUID().slice(0, 8)}`) =>
      issuer.sign({ partnerId, roles: Array.isArray(roles) ? roles : [roles], userId }),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(url + path, { method, headers, body });
      const text = await response.text();
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, headers: response.headers, text, body: /json/.test(type) && text ? JSON.parse(text) : text };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Counts DynamoDB round trips (one per command, whatever the SDK retries) made by this worker. */
export function countDynamoDbCalls() {
  const calls: string[] = [];
  const name = `callCounter-${randomUUID()}`;
  db().middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'build', name },
  );
  return {
    calls,
    reset: () => calls.splice(0),
    stop: () => db().middlewareStack.remove(name),
  };
}

export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

export const partnerProfileBody = (overrides: Record<string, unknown> = {}) => ({
  companyName: 'Test Reseller LLC',
  country: 'US',
  partnerType: 'directBill',
  markets: ['US', 'CA', 'BR'],
  primaryContact: { name: 'Pat Partner', email: 'pat@test-reseller.example' },
  ...overrides,
});

export const customerBody = (domain: string, overrides: Record<string, unknown> = {}) => ({
  companyProfile: { companyName: 'Contoso Ltd', domain },
  billingProfile: {
    email: `billing@${domain}`,
    culture: 'en-US',
    language: 'en',
    companyName: 'Contoso Ltd',
    defaultAddress: { country: 'US', city: 'Redmond', addressLine1: '1 Microsoft Way', postalCode: '98052', firstName: 'Avery', lastName: 'Admin' },
  },
  ...overrides,
});

/** A partner with a legal profile, and a token per role. */
export async function newPartner(api: TestApi, profile: Record<string, unknown> = {}) {
  const partnerId = uniqueId('partner');
  const tokens = {
    'global-admin': await api.token(partnerId, 'global-admin'),
    'admin-agent': await api.token(partnerId, 'admin-agent'),
    'sales-agent': await api.token(partnerId, 'sales-agent'),
    'helpdesk-agent': await api.token(partnerId, 'helpdesk-agent'),
  } satisfies Record<Role, string>;
  const put = await api.request('PUT', '/v1/partner', { token: tokens['global-admin'], body: partnerProfileBody(profile) });
  if (put.status !== 200) throw new Error(`profile setup failed: ${put.status} ${put.text}`);
  return { partnerId, tokens };
}
