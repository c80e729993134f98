// The public partner directory over HTTP: only published profiles, keyword over tags and solutions (not the
// description), filters, paging, the documented order, one Query per page, and the location page.
import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { responseTimeKey } from '../../shared/directory/entity';
import { rerankAnsweredPartners } from '../../shared/directory/ranking';
import { config } from '../../shared/platform/config';
import { db } from '../../shared/platform/dynamo/client';
import { clock } from '../../shared/platform/clock';
import { countDynamoDbCalls, newPartner, startApi, type TestApi } from '../support/api';
import { businessProfileBody, expectProblem, expectStatus, putBusinessProfile } from './helpers';
import { acceptBody, act, declineBody, incomingReferral } from './referral-helpers';

jest.setTimeout(60_000);

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ mailer: false });
});
afterAll(() => api.close());

/** A word no other profile of any test run holds, so that a search sees only this test's profiles. */
const uniqueWord = () => `zq${randomBytes(4).toString('hex')}`;

async function publishedPartner(country: string, overrides: Record<string, unknown>, companyName = `Partner ${uniqueWord()} Ltd`) {
  const p = await newPartner(api, { companyName, country, markets: [country] });
  const { profile } = await putBusinessProfile(api, p.tokens['global-admin'], country, businessProfileBody(country, overrides));
  expectStatus(await api.request('POST', `/v1/business-profiles/${country}/publish`, { token: p.tokens['global-admin'] }), 200);
  return { ...p, profile, companyName };
}

const json = { Accept: 'application/json' };

/** Every listing of a search, walking all its pages. */
async function search(query: Record<string, string>): Promise<any[]> {
  const items: any[] = [];
  let token: string | undefined;
  for (let i = 0; i < 50; i++) {
    const params = new URLSearchParams({ ...query, ...(token ? { continuationToken: token } : {}) });
    const page = await api.request('GET', `/directory?${params}`, { headers: json });
    expectStatus(page, 200);
    items.push(...page.body.items);
    token = page.body.continuationToken;
    if (!token) return items;
  }
  throw new Error('more than 50 pages');
}

const ids = (items: any[]) => items.map((i) => i.partnerId);

/** An incoming referral the partner receives `hours` before it accepts or declines it (the clock held still for both). */
async function answerAfter(partner: Awaited<ReturnType<typeof publishedPartner>>, hours: number, action: 'accept' | 'decline') {
  const answeredAt = Date.now();
  clock.now = () => new Date(answeredAt - hours * 3_600_000);
  try {
    const { id } = await incomingReferral(partner.partnerId, { target: { country: 'US', locationId: partner.profile.locations[0].id } });
    clock.now = () => new Date(answeredAt);
    await act(api, partner.tokens['sales-agent'], id, action, action === 'accept' ? acceptBody() : declineBody);
  } finally {
    clock.now = () => new Date();
  }
}

test('keyword search finds tags and solutions, not the description; only published profiles', async () => {
  const word = uniqueWord();
  const inSolution = await publishedPartner('US', { solutions: [`${word} rollout`] });
  const inDescription = await publishedPartner('US', { description: `We know ${word} well.` });
  const unpublished = await newPartner(api);
  await putBusinessProfile(api, unpublished.tokens['global-admin'], 'US', businessProfileBody('US', { solutions: [word] }));

  const found = await search({ q: word.toUpperCase() });
  expect(ids(found)).toEqual([inSolution.partnerId]);
  expect(ids(found)).not.toContain(inDescription.partnerId);
  expect(found[0]).toMatchObject({ name: inSolution.companyName, country: 'US', solutions: [`${word} rollout`], responseHours: null });
  expect(found[0].locations[0].path).toBe(`/directory/${inSolution.partnerId}/${inSolution.profile.locations[0].id}`);
  // Every word must match.
  expect(await search({ q: `${word} rollout` })).toHaveLength(1);
  expect(await search({ q: `${word} ${uniqueWord()}` })).toEqual([]);
});

test('filters: country, customer size, industry, product, service', async () => {
  const word = uniqueWord();
  const us = await publishedPartner('US', { solutions: [word], customerSizes: ['1to9employees'], industries: ['healthcare'], products: ['azure'], services: ['migration'] });
  const de = await publishedPartner('DE', { solutions: [word], customerSizes: ['morethan20000employees'], industries: ['retail'], products: ['teams'], services: ['training'] });
  expect(ids(await search({ q: word, country: 'us' }))).toEqual([us.partnerId]);
  expect(ids(await search({ q: word, country: 'DE' }))).toEqual([de.partnerId]);
  expect(ids(await search({ q: word, customerSize: 'morethan20000employees' }))).toEqual([de.partnerId]);
  expect(ids(await search({ q: word, industry: 'healthcare' }))).toEqual([us.partnerId]);
  expect(ids(await search({ q: word, product: 'teams' }))).toEqual([de.partnerId]);
  expect(ids(await search({ q: word, service: 'migration', country: 'US', customerSize: '1to9employees' }))).toEqual([us.partnerId]);
  expect(await search({ q: word, service: 'migration', country: 'DE' })).toEqual([]);
  // Without a keyword, a country's partition is read: both are in their own country's listing.
  expect(ids(await search({ country: 'DE', service: 'training', product: 'teams', industry: 'retail', customerSize: 'morethan20000employees' }))).toContain(de.partnerId);
  // Empty form fields are no filter.
  expect(ids(await search({ q: word, country: '', industry: '', product: '', service: '', customerSize: '' })).sort()).toEqual([us.partnerId, de.partnerId].sort());
});

test('order: tag match first, then referral response time (fastest first, none yet last), as accepts and declines feed it', async () => {
  const word = uniqueWord();
  // "hospitality" is longer than the unique word, so its partition is read and the unique word filters it.
  const tagSlow = await publishedPartner('US', { industries: ['hospitalityAndTravel'], solutions: [word] });
  const tagFast = await publishedPartner('US', { industries: ['hospitalityAndTravel'], solutions: [word] });
  const tagUnknown = await publishedPartner('US', { industries: ['hospitalityAndTravel'], solutions: [word] });
  const solutionFast = await publishedPartner('US', { industries: [], solutions: [`${word} hospitality`] });
  // Each partner answers incoming referrals (accept or decline) that waited these many hours.
  await answerAfter(tagSlow, 30, 'accept');
  await answerAfter(tagFast, 3, 'decline');
  await answerAfter(tagFast, 1, 'accept');
  await answerAfter(solutionFast, 0.5, 'decline');
  // The answers added to the response times in their own transactions; the listings move at the cleanup.
  const before = await search({ q: `hospitality ${word}` });
  expect(before.map((f) => f.responseHours)).toEqual([null, null, null, null]);
  const responseTime = async (partnerId: string) =>
    (await db().send(new GetCommand({ TableName: config().tableName, Key: responseTimeKey(partnerId), ConsistentRead: true }))).Item!;
  expect(await responseTime(tagFast.partnerId)).toMatchObject({ count: 2, totalHours: 4, version: 2, gsi3pk: 'DIRECTORY_RERANK', gsi3sk: tagFast.partnerId });
  expect((await rerankAnsweredPartners()).moved).toBeGreaterThanOrEqual(3);
  // Moved: out of the queue until the next answer.
  expect(await responseTime(tagFast.partnerId)).not.toHaveProperty('gsi3pk');

  const found = await search({ q: `hospitality ${word}` });
  expect(ids(found)).toEqual([tagFast.partnerId, tagSlow.partnerId, tagUnknown.partnerId, solutionFast.partnerId]);
  expect(found.map((f) => f.responseHours)).toEqual([2, 30, null, 0.5]);
  const page = await api.request('GET', `/directory?q=${word}`, { headers: json });
  expect(page.body.order).toMatch(/tags.*first.*faster/s);
});

test('a published profile that changes is found by its new words only; unpublished or deleted, by none', async () => {
  const [before, after] = [uniqueWord(), uniqueWord()];
  const p = await newPartner(api);
  const admin = p.tokens['global-admin'];
  const { etag } = await putBusinessProfile(api, admin, 'US', businessProfileBody('US', { solutions: [before] }));
  expect(await search({ q: before })).toEqual([]);
  const published = await api.request('POST', '/v1/business-profiles/US/publish', { token: admin });
  expect(ids(await search({ q: before }))).toEqual([p.partnerId]);
  await putBusinessProfile(api, admin, 'US', businessProfileBody('US', { solutions: [after] }), published.headers.get('etag') ?? etag);
  expect(await search({ q: before })).toEqual([]);
  expect(ids(await search({ q: after }))).toEqual([p.partnerId]);
  expectStatus(await api.request('POST', '/v1/business-profiles/US/unpublish', { token: admin }), 200);
  expect(await search({ q: after })).toEqual([]);
  expectStatus(await api.request('POST', '/v1/business-profiles/US/publish', { token: admin }), 200);
  expectStatus(await api.request('DELETE', '/v1/business-profiles/US', { token: admin }), 204);
  expect(await search({ q: after })).toEqual([]);
});

test('the largest profile (40 words, 5 locations) is published and replaced by another as large, each in one transaction', async () => {
  const words = (prefix: string) => Array.from({ length: 40 }, (_, i) => `${prefix}${i}`);
  const [a, b] = [uniqueWord(), uniqueWord()];
  const locations = ['A', 'B', 'C', 'D', 'E'].map((city) => ({ address: { country: 'US', city, addressLine1: '1 Road', postalCode: '1' }, contact: { name: 'Lee', email: 'lee@partner.example' } }));
  const p = await publishedPartner('US', { industries: [], products: [], services: [], solutions: words(a), locations });
  const current = await api.request('GET', '/v1/business-profiles/US', { token: p.tokens['global-admin'] });
  await putBusinessProfile(api, p.tokens['global-admin'], 'US', businessProfileBody('US', { industries: [], products: [], services: [], solutions: words(b), locations: current.body.locations }), current.headers.get('etag')!);
  expect(await search({ q: `${a}7` })).toEqual([]);
  expect(ids(await search({ q: `${b}39` }))).toEqual([p.partnerId]);
});

test('paging: a continuation token walks every listing once; it only works for its own search', async () => {
  const word = uniqueWord();
  const partners = await Promise.all(Array.from({ length: 5 }, () => publishedPartner('US', { solutions: [word] })));
  const first = await api.request('GET', `/directory?q=${word}&limit=2`, { headers: json });
  expect(first.body.items).toHaveLength(2);
  const all = await search({ q: word, limit: '2' });
  expect(ids(all).sort()).toEqual(partners.map((p) => p.partnerId).sort());
  expectProblem(await api.request('GET', `/directory?q=${uniqueWord()}&limit=2&continuationToken=${first.body.continuationToken}`, { headers: json }), 400, 'invalid-continuation-token');
});

test('each directory page is one Query, never a Scan', async () => {
  const word = uniqueWord();
  await Promise.all([publishedPartner('US', { solutions: [word] }), publishedPartner('US', { solutions: [word] })]);
  const counter = countDynamoDbCalls();
  try {
    const first = await api.request('GET', `/directory?q=${word}&limit=1&industry=healthcare`, { headers: json });
    expect([...counter.calls]).toEqual(['QueryCommand']);
    counter.reset();
    expectStatus(await api.request('GET', `/directory?q=${word}&limit=1&industry=healthcare&continuationToken=${first.body.continuationToken}`), 200);
    expectStatus(await api.request('GET', '/directory?country=US'), 200);
    expectStatus(await api.request('GET', '/directory'), 200);
    expect([...counter.calls]).toEqual(['QueryCommand', 'QueryCommand', 'QueryCommand']);
  } finally {
    counter.stop();
  }
});

test('HTML by default: the search form, the results with their location links, and the stated order', async () => {
  const word = uniqueWord();
  const p = await publishedPartner('US', { solutions: [`${word} <b>bold</b>`] }, 'Tailspin & Sons Ltd');
  const page = await api.request('GET', `/directory?q=${word}`);
  expectStatus(page, 200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.text).toContain('Tailspin &amp; Sons Ltd');
  expect(page.text).toContain('&lt;b&gt;bold&lt;/b&gt;');
  expect(page.text).not.toContain('<b>bold</b>');
  expect(page.text).toContain(`href="/directory/${p.partnerId}/${p.profile.locations[0].id}"`);
  expect(page.text).toContain('Nobody pays for a place');
  expect(page.text).not.toMatch(/<script/i);
});

test('the location page: name, description, tags, address; 404 for an unknown or malformed one', async () => {
  const p = await publishedPartner('US', { description: 'Line one\nLine two', industries: ['healthcare'], products: ['teams'] }, 'Wingtip Partners Ltd');
  const page = await api.request('GET', `/directory/${p.partnerId}/${p.profile.locations[0].id}`);
  expectStatus(page, 200);
  for (const text of ['Wingtip Partners Ltd', 'Line one\nLine two', 'Healthcare', 'Teams', '1 Main Street', 'Springfield', 'United States']) expect(page.text).toContain(text);
  // The lead contact receives leads; the page does not publish that person's address.
  expect(page.text).not.toContain('leads@partner.example');
  expect((await api.request('GET', `/directory/${p.partnerId}/not-a-uuid`)).status).toBe(404);
});

test('a query the directory does not know is 400, as problem+json to a JSON client and as a page otherwise', async () => {
  expectProblem(await api.request('GET', '/directory?industry=underwaterBasketry', { headers: json }), 400, 'validation');
  expectProblem(await api.request('GET', '/directory?colour=blue', { headers: json }), 400, 'validation');
  const page = await api.request('GET', '/directory?country=XX');
  expect(page.status).toBe(400);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
});
