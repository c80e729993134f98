// Pages are exact: a page holds `limit` items whenever that many remain, and no item comes twice across
// pages, also where the query drops entries after DynamoDB's Limit (a customer found by both its name and
// its domain; referrals filtered by direction and qualification at once). Property tests: random data,
// paged through with several limits, compared with the set the filter should give.
import fc from 'fast-check';
import { QUALIFICATIONS } from '../../shared/referrals/reference';
import { searchKey } from '../../shared/platform/dynamo/keys';
import { newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { bulkCreateCustomers, expectStatus } from './helpers';
import { createBody, incomingReferral } from './referral-helpers';

jest.setTimeout(180_000);

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const LIMITS = [1, 3, 7, 25];

/** Every page of `path` with `query`, as the API gives them (at most `maxPages`). */
async function pagesOf(path: string, query: Record<string, string>, token: string, maxPages = 200): Promise<{ ids: string[]; hasToken: boolean }[]> {
  const pages: { ids: string[]; hasToken: boolean }[] = [];
  let continuationToken: string | undefined;
  do {
    const params = new URLSearchParams({ ...query, ...(continuationToken ? { continuationToken } : {}) });
    const page = await api.request('GET', `${path}?${params}`, { token });
    expectStatus(page, 200);
    continuationToken = page.body.continuationToken;
    pages.push({ ids: page.body.items.map((item: { id: string }) => item.id), hasToken: continuationToken !== undefined });
  } while (continuationToken && pages.length < maxPages);
  expect(continuationToken).toBeUndefined();
  return pages;
}

/** No duplicates, no gaps, and every page but the last full. */
function expectExact(pages: { ids: string[] }[], limit: number, expected: readonly string[]) {
  const seen = pages.flatMap((p) => p.ids);
  expect(new Set(seen).size).toBe(seen.length);
  expect([...seen].sort()).toEqual([...expected].sort());
  pages.slice(0, -1).forEach((page) => expect(page.ids).toHaveLength(limit));
}

describe('customer search pages', () => {
  // Short tokens from a small alphabet, so that names and domains share prefixes with each other and with q.
  const token = fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 1, maxLength: 3 });
  const customer = fc.record({ name: token, domain: token });

  test('hold `limit` customers while more remain, each matching customer once, with several limits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(customer, { minLength: 10, maxLength: 45 }), fc.constantFrom('a', 'ab', 'b', 'ba'), async (customers, q) => {
        const partner = await newPartner(api);
        const run = uniqueId('x').slice(2);
        const made = customers.map((c, i) => ({ companyName: `${c.name}${run} Customer ${i}`, domain: `${c.domain}${run}-${i}.onmicrosoft.com` }));
        const ids = await bulkCreateCustomers(partner.partnerId, made.length, (i) => ({
          domain: made[i]!.domain,
          overrides: { companyProfile: made[i] },
        }));
        const expected = ids.filter((_, i) => searchKey(made[i]!.companyName).startsWith(q) || made[i]!.domain.startsWith(q));
        for (const limit of LIMITS) {
          const pages = await pagesOf('/v1/customers', { q, limit: String(limit) }, partner.tokens['sales-agent']);
          expectExact(pages, limit, expected);
        }
      }),
      { numRuns: 4 },
    );
  });

  test('a customer whose name and domain both match fills the page once (25 such customers, limit 10)', async () => {
    const partner = await newPartner(api);
    const prefix = uniqueId('both');
    const ids = await bulkCreateCustomers(partner.partnerId, 25, (i) => ({
      domain: `${prefix}-${i}.onmicrosoft.com`,
      overrides: { companyProfile: { companyName: `${prefix} Customer ${String(i).padStart(2, '0')}`, domain: `${prefix}-${i}.onmicrosoft.com` } },
    }));
    const pages = await pagesOf('/v1/customers', { q: prefix, limit: '10' }, partner.tokens['global-admin']);
    expect(pages.map((p) => p.ids.length)).toEqual([10, 10, 5]);
    expectExact(pages, 10, ids);
  });
});

describe('referral pages filtered by direction and qualification', () => {
  const referral = fc.record({ direction: fc.constantFrom('incoming', 'outgoing'), qualification: fc.constantFrom(...QUALIFICATIONS) });

  test('hold `limit` referrals while more remain, each once, with several limits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(referral, { minLength: 8, maxLength: 30 }), fc.constantFrom('incoming', 'outgoing'), fc.constantFrom(...QUALIFICATIONS), async (referrals, direction, qualification) => {
        const partner = await newPartner(api);
        const made: { id: string; direction: string; qualification: string }[] = [];
        for (const r of referrals) {
          if (r.direction === 'incoming') {
            made.push({ id: (await incomingReferral(partner.partnerId, { qualification: r.qualification })).id, ...r });
            continue;
          }
          const created = await api.request('POST', '/v1/referrals', { token: partner.tokens['global-admin'], body: createBody({ qualification: r.qualification }) });
          expectStatus(created, 201);
          made.push({ id: created.body.id, ...r });
        }
        const expected = made.filter((r) => r.direction === direction && r.qualification === qualification).map((r) => r.id);
        for (const limit of LIMITS) {
          const pages = await pagesOf('/v1/referrals', { direction, qualification, limit: String(limit) }, partner.tokens['sales-agent']);
          expectExact(pages, limit, expected);
        }
      }),
      { numRuns: 4 },
    );
  });
});
