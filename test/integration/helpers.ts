// Shared helpers of the integration tier (not a test file: jest only runs *.test.ts).
import type { Principal } from '../../shared/platform/auth';
import { CreateCustomerRequest } from '../../shared/customers/schemas';
import { createCustomer as createCustomerWorkflow } from '../../shared/customers/service';
import type { Role } from '../../shared/platform/roles';
import { customerBody, uniqueId, type ApiResponse, type TestApi } from '../support/api';

export const PROBLEM_BASE = 'https://reseller-accounts.dev/problems/';

/** A domain that no other test (or test file) uses. */
export const newDomain = (prefix = 'cust'): string => `${uniqueId(prefix)}.onmicrosoft.com`;

/** Asserts an RFC 9457 answer: status, media type, and (when given) the problem type slug. */
export function expectProblem(response: ApiResponse, status: number, slug?: string): void {
  const summary = `${response.status} ${response.text.slice(0, 400)}`;
  expect({ status: response.status, summary }).toEqual({ status, summary });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body.status).toBe(status);
  expect(typeof response.body.title).toBe('string');
  expect(typeof response.body.detail).toBe('string');
  if (slug) expect(response.body.type).toBe(PROBLEM_BASE + slug);
}

/** Asserts a status and shows the body when it differs (much easier to read than a bare number). */
export function expectStatus(response: ApiResponse, status: number): void {
  expect({ status: response.status, body: response.text.slice(0, 600) }).toEqual({ status, body: expect.any(String) });
}

/** Creates a customer over HTTP and returns the 201 answer (fails the test otherwise). */
export async function createCustomer(api: TestApi, token: string, domain = newDomain(), overrides: Record<string, unknown> = {}) {
  const response = await api.request('POST', '/v1/customers', { token, body: customerBody(domain, overrides) });
  expectStatus(response, 201);
  return { response, customer: response.body, etag: response.headers.get('etag')!, domain };
}

/** Every customer id in the partner's list, walking every page. */
export async function listAllCustomers(api: TestApi, token: string, query = ''): Promise<any[]> {
  const items: any[] = [];
  let continuationToken: string | undefined;
  for (let page = 0; page < 100; page++) {
    const params = new URLSearchParams(query);
    params.set('limit', '100');
    if (continuationToken) params.set('continuationToken', continuationToken);
    const response = await api.request('GET', `/v1/customers?${params}`, { token });
    expectStatus(response, 200);
    items.push(...response.body.items);
    continuationToken = response.body.continuationToken;
    if (!continuationToken) return items;
  }
  throw new Error('more than 100 pages');
}

/** 200 taken, 404 free, as the API says it. */
export async function domainStatus(api: TestApi, token: string, domain: string): Promise<number> {
  return (await api.request('HEAD', `/v1/domains/${encodeURIComponent(domain)}`, { token })).status;
}

/** The partner's whole activity log (newest first). */
export async function allActivity(api: TestApi, token: string, customerId?: string): Promise<any[]> {
  const items: any[] = [];
  let continuationToken: string | undefined;
  for (let page = 0; page < 100; page++) {
    const params = new URLSearchParams({ limit: '100' });
    if (customerId) params.set('customerId', customerId);
    if (continuationToken) params.set('continuationToken', continuationToken);
    const response = await api.request('GET', `/v1/activity?${params}`, { token });
    expectStatus(response, 200);
    items.push(...response.body.items);
    continuationToken = response.body.continuationToken;
    if (!continuationToken) return items;
  }
  throw new Error('more than 100 pages');
}

/** Attribute names of the storage layer that must never reach a caller. */
export const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'version', 'partnerId', 'nameKey', 'kind', 'expiresAtEpoch', 'partnerDomain'];

/** Every key name found anywhere in a JSON value. */
export function allKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => allKeys(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      allKeys(v, out);
    }
  }
  return out;
}

export const leakedStorageAttributes = (value: unknown, documented: string[] = []): string[] =>
  [...allKeys(value)].filter((k) => STORAGE_ATTRIBUTES.includes(k) && !documented.includes(k));

/** Bulk data, straight through the workflow (same code as the handler, without HTTP). */
export async function bulkCreateCustomers(
  partnerId: string,
  count: number,
  make: (i: number) => { domain: string; overrides?: Record<string, unknown> },
  batchSize = 25,
): Promise<string[]> {
  const principal: Principal = { partnerId, userId: 'bulk-loader', roles: ['global-admin' as Role] };
  const ids: string[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, count - start) }, (_, j) => make(start + j));
    const results = await Promise.all(
      batch.map(({ domain, overrides }) => createCustomerWorkflow(principal, CreateCustomerRequest.parse(customerBody(domain, overrides)))),
    );
    for (const result of results) {
      if (result.replayed) throw new Error('unexpected replay');
      ids.push(result.customer.id);
    }
  }
  return ids;
}

/** A valid business profile body for `country` (one location there); override any field. */
export const businessProfileBody = (country = 'US', overrides: Record<string, unknown> = {}) => ({
  description: 'We move small and medium businesses to the cloud and keep them running.',
  website: 'https://partner.example',
  industries: ['healthcare', 'retail'],
  products: ['azure', 'microsoft365'],
  services: ['migration', 'support'],
  solutions: ['Cloud migration'],
  customerSizes: ['1to9employees', '10to50employees'],
  locations: [
    {
      address: { country, city: 'Springfield', addressLine1: '1 Main Street', postalCode: '12345' },
      contact: { name: 'Lee Leads', email: 'leads@partner.example' },
    },
  ],
  ...overrides,
});

/** Creates (or, given its ETag, replaces) a business profile over HTTP; fails the test unless 200. */
export async function putBusinessProfile(api: TestApi, token: string, country: string, body: unknown, etag?: string) {
  const response = await api.request('PUT', `/v1/business-profiles/${country}`, { token, body, headers: etag ? { 'If-Match': etag } : {} });
  expectStatus(response, 200);
  return { profile: response.body, etag: response.headers.get('etag')! };
}
