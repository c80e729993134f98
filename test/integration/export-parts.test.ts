// A large export comes in parts (a Lambda answer is capped at 6 MB); each part is a whole CSV.
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../../shared/platform/config';
import { db } from '../../shared/platform/dynamo/client';
import { customerItems, type CustomerRecord } from '../../shared/customers/entity';
import { exportCustomersCsv } from '../../shared/customers/service';
import { customerBody, newPartner, startApi, uniqueId, type ApiResponse, type TestApi } from '../support/api';

jest.setTimeout(30_000);

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ mailer: false });
});
afterAll(() => api.close());

test('parts chain by continuation token, carry a header each, and hold every customer once', async () => {
  const { partnerId, tokens } = await newPartner(api);
  const domains = Array.from({ length: 25 }, () => `${uniqueId('part')}.onmicrosoft.com`);
  for (const domain of domains) expect((await api.request('POST', '/v1/customers', { token: tokens['global-admin'], body: customerBody(domain) })).status).toBe(201);

  const principal = { partnerId, userId: 'test', roles: ['global-admin' as const] };
  const parts: string[] = [];
  let token: string | undefined;
  do {
    const part = await exportCustomersCsv(principal, token, { partBytes: 1, pageItems: 10 });
    parts.push(part.csv);
    token = part.continuationToken;
  } while (token);
  expect(parts.length).toBeGreaterThanOrEqual(3);
  const header = parts[0]!.split('\r\n')[0];
  for (const part of parts) expect(part.split('\r\n')[0]).toBe(header);
  const rows = parts.flatMap((part) => part.split('\r\n').slice(1).filter(Boolean));
  expect(rows).toHaveLength(25);
  expect(new Set(rows.map((row) => /"([^"]+\.onmicrosoft\.com)"/.exec(row)![1]))).toEqual(new Set(domains));

  // The HTTP route takes the same token and links the next part; another partner cannot use it.
  const first = await exportCustomersCsv(principal, undefined, { partBytes: 1, pageItems: 10 });
  const next = await api.request('GET', `/v1/customers/export?continuationToken=${first.continuationToken}`, { token: tokens['sales-agent'] });
  expect(next.status).toBe(200);
  expect(next.text.split('\r\n').filter(Boolean)).toHaveLength(1 + 15);
  expect(next.headers.get('link')).toBeNull();
  const stranger = await newPartner(api);
  expect((await api.request('GET', `/v1/customers/export?continuationToken=${first.continuationToken}`, { token: stranger.tokens['sales-agent'] })).status).toBe(400);
});

test('each part stays under the Lambda answer limit once JSON-escaped, even when the billing data is all control characters', async () => {
  const { partnerId, tokens } = await newPartner(api);
  // \u0001 is one byte of CSV and six (\u0001) of the JSON string that Lambda sends. The items are written
  // with the store's own item builder, in batches: so many create transactions take long on DynamoDB Local.
  const control = (length: number, lead = '') => lead + '\u0001'.repeat(length - lead.length);
  const at = new Date().toISOString();
  const records: CustomerRecord[] = Array.from({ length: 1200 }, () => {
    const domain = `${uniqueId('ctl')}.onmicrosoft.com`;
    const defaultAddress = {
      country: 'US', region: control(100), city: control(100), addressLine1: control(200), addressLine2: control(200),
      postalCode: control(20), firstName: control(50), lastName: control(50),
    };
    return {
      id: randomUUID(), tenantId: randomUUID(), partnerId, companyProfile: { companyName: 'Contoso Ltd', domain },
      billingProfile: { email: `billing@${domain}`, culture: 'en-US', language: 'en', companyName: control(256, 'C'), defaultAddress },
      relationshipToPartner: 'reseller', state: 'active', createdAt: at, updatedAt: at, version: 1,
    };
  });
  const items = records.flatMap(customerItems);
  for (let start = 0; start < items.length; start += 25) {
    const batch = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    const { UnprocessedItems } = await db().send(new BatchWriteCommand({ RequestItems: { [config().tableName]: batch } }));
    expect(UnprocessedItems?.[config().tableName] ?? []).toEqual([]);
  }

  const rows: string[] = [];
  let path: string | undefined = '/v1/customers/export';
  let parts = 0;
  while (path) {
    const part: ApiResponse<string> = await api.request('GET', path, { token: tokens['helpdesk-agent'] });
    expect(part.status).toBe(200);
    parts += 1;
    expect(Buffer.byteLength(JSON.stringify(part.text))).toBeLessThan(6_000_000);
    rows.push(...part.text.split('\r\n').slice(1).filter(Boolean));
    path = /^<([^>]+)>; rel="next"$/.exec(part.headers.get('link') ?? '')?.[1];
  }
  expect(parts).toBeGreaterThan(1);
  expect(rows).toHaveLength(records.length);
  expect(new Set(rows.map((row) => /^"([^"]+)"/.exec(row)![1]))).toEqual(new Set(records.map((r) => r.id)));
}, 120_000);
