// Each partner's requests per minute, across all its users: past the budget a 429 with Retry-After, and no
// work done; other partners are not affected; the next minute brings a new budget.
import { clock } from '../../shared/platform/clock';
import { resetConfig } from '../../shared/platform/config';
import { customerBody, newPartner, startApi, type TestApi } from '../support/api';
import { expectProblem, expectStatus, listAllCustomers, newDomain } from './helpers';

jest.setTimeout(30_000);

const BUDGET = 30;
const MINUTE = 60_000;
let api: TestApi;
let now: number;
const previousBudget = process.env.PARTNER_REQUESTS_PER_MINUTE;

beforeAll(async () => {
  process.env.PARTNER_REQUESTS_PER_MINUTE = String(BUDGET);
  resetConfig();
  // 15 s into a minute, far from the current one, so that no other file's partner shares these windows.
  now = Math.floor(Date.now() / MINUTE) * MINUTE + 3 * 24 * 3600_000 + 15_000;
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(now));
  api = await startApi({ mailer: false });
});
afterAll(async () => {
  await api.close();
  jest.restoreAllMocks();
  process.env.PARTNER_REQUESTS_PER_MINUTE = previousBudget;
  resetConfig();
});

test('past its budget a partner gets 429 with Retry-After, nothing is written, and others carry on', async () => {
  const busy = await newPartner(api); // 1 request: its legal profile
  const calm = await newPartner(api);
  const users = [busy.tokens['global-admin'], busy.tokens['sales-agent'], busy.tokens['helpdesk-agent']];
  for (let i = 1; i < BUDGET; i++) expectStatus(await api.request('GET', '/v1/customers', { token: users[i % users.length] }), 200);

  const refused = await api.request('GET', '/v1/customers', { token: busy.tokens['admin-agent'] });
  expectProblem(refused, 429, 'rate-limited');
  expect(refused.headers.get('retry-after')).toBe('45');

  const domain = newDomain('budget');
  expectProblem(await api.request('POST', '/v1/customers', { token: busy.tokens['global-admin'], body: customerBody(domain) }), 429, 'rate-limited');
  expectStatus(await api.request('GET', '/v1/customers', { token: calm.tokens['helpdesk-agent'] }), 200);

  now += MINUTE;
  const customers = await listAllCustomers(api, busy.tokens['global-admin']);
  expect(customers.map((c) => c.companyProfile.domain)).not.toContain(domain);
  expectStatus(await api.request('POST', '/v1/customers', { token: busy.tokens['global-admin'], body: customerBody(domain) }), 201);
});
