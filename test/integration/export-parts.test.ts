// A large export comes in parts (a Lambda answer is capped at 6 MB); each part is a whole CSV.
import { exportCustomersCsv } from '../../shared/workflows/customers';
import { customerBody, newPartner, startApi, uniqueId, type TestApi } from '../support/api';

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
