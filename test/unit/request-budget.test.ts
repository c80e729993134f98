// The lease scheme behind both request budgets (shared/platform/http/request-budget.ts), with DynamoDB mocked by a
// counter that behaves like the conditional update: the requests a visitor makes uncounted, what a client past its
// limit costs, the bound over several instances, and the per-client budget's keys apart from the partners'.
process.env.TABLE_NAME = 'unit-table';
process.env.CURSOR_KEY = 'c'.repeat(64);
process.env.PARTNER_REQUESTS_PER_MINUTE = '500';
process.env.CLIENT_PAGE_REQUESTS_PER_MINUTE = '60';

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { Problem, rateLimited } from '../../shared/platform/errors';
import { groupHandler } from '../../shared/platform/http/handler';
import { spendClientToken } from '../../shared/platform/http/client-budget';
import { clientNetworkHash } from '../../shared/platform/http/client-network';
import { spendPartnerToken } from '../../shared/platform/http/partner-budget';
import { requestBudget } from '../../shared/platform/http/request-budget';

const dynamo = mockClient(DynamoDBDocumentClient);
const MINUTE_START = Date.parse('2026-11-27T11:00:00Z');
let taken: Map<string, number>;

beforeEach(() => {
  dynamo.reset();
  taken = new Map();
  dynamo.on(UpdateCommand).callsFake((input) => {
    const key = `${input.Key.pk}|${input.Key.sk}`;
    const current = taken.get(key) ?? 0;
    const count = input.ExpressionAttributeValues[':count'] as number;
    if (taken.has(key) && current > (input.ExpressionAttributeValues[':most'] as number)) {
      throw new ConditionalCheckFailedException({ message: 'no', $metadata: {}, Item: { taken: { N: String(current) } } });
    }
    taken.set(key, current + count);
    return {};
  });
});

const updates = () => dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input);

/** A budget as one function instance holds it: every instance has its own leases. */
const instance = (perMinute: number, uncounted: number) =>
  requestBudget({ counterKey: (subject, windowStart) => ({ pk: `TEST#${subject}`, sk: `MINUTE#${windowStart}` }), limits: () => ({ perMinute, uncounted }), refusal: () => 'no' });

/** Spends until refused (at most `tries`); returns how many were served and the refusal. */
async function spendAll(spend: (now: number) => Promise<void>, start: number, tries: number) {
  let served = 0;
  for (let i = 0; i < tries; i++) {
    const outcome = await spend(start + i).then(() => undefined, (error: unknown) => error);
    if (outcome) return { served, refused: outcome };
    served += 1;
  }
  return { served, refused: undefined };
}

test('a visitor within the uncounted requests of a minute costs no counter update', async () => {
  const budget = instance(60, 6);
  for (let minute = 0; minute < 3; minute++) {
    for (let i = 0; i < 6; i++) await budget('visitor', MINUTE_START + minute * 60_000 + i * 1_000);
  }
  expect(updates()).toEqual([]);
});

test('past them, the first lease counts the requests served uncounted too', async () => {
  const budget = instance(60, 6);
  for (let i = 0; i < 7; i++) await budget('reader', MINUTE_START + i);
  expect(updates()).toHaveLength(1);
  expect(updates()[0]).toMatchObject({ Key: { pk: 'TEST#reader', sk: `MINUTE#${MINUTE_START}` }, ExpressionAttributeValues: { ':count': 7 } });
});

test('one instance serves a client exactly its limit, then 429 with Retry-After; further requests that minute cost no update', async () => {
  const budget = instance(60, 6);
  const { served, refused } = await spendAll((now) => budget('hammer', now), MINUTE_START + 15_000, 200);
  expect(served).toBe(60);
  expect(refused).toBeInstanceOf(Problem);
  expect(refused).toMatchObject({ code: 'http.rateLimited', headers: { 'Retry-After': '45' } });
  expect(taken.get(`TEST#hammer|MINUTE#${MINUTE_START}`)).toBe(60);
  // The leases grew: a handful of updates for the whole minute, however hard the client pushes.
  const spent = updates().length;
  expect(spent).toBeLessThanOrEqual(8);
  for (let i = 0; i < 100; i++) await expect(budget('hammer', MINUTE_START + 30_000 + i)).rejects.toMatchObject({ code: 'http.rateLimited' });
  expect(updates()).toHaveLength(spent);
  // The next minute is a new budget.
  await expect(budget('hammer', MINUTE_START + 60_000)).resolves.toBeUndefined();
});

test('over several instances a client gets at most the limit plus the uncounted requests of each instance', async () => {
  const instances = [instance(60, 6), instance(60, 6), instance(60, 6)];
  let served = 0;
  for (let round = 0; round < 100; round++) {
    for (const budget of instances) {
      served += await budget('spread', MINUTE_START + 120_000 + round).then(() => 1, () => 0);
    }
  }
  expect(served).toBeGreaterThanOrEqual(60);
  expect(served).toBeLessThanOrEqual(60 + 3 * 6);
  expect(taken.get(`TEST#spread|MINUTE#${MINUTE_START + 120_000}`)).toBeLessThanOrEqual(60);
});

test('a lease never asks a new counter for more than the whole limit', async () => {
  const budget = instance(3, 0);
  const { served } = await spendAll((now) => budget('small', now), MINUTE_START + 180_000, 10);
  expect(served).toBe(3);
  for (const update of updates()) expect(update.ExpressionAttributeValues![':count']).toBeLessThanOrEqual(3);
});

test('client and partner budgets count on counters of their own: a client past its limit throttles neither a partner nor another client', async () => {
  const start = MINUTE_START + 240_000;
  const { served, refused } = await spendAll((now) => spendClientToken('directory', '198.51.100.7', now), start, 200);
  expect(served).toBe(60);
  expect(refused).toMatchObject({ code: 'http.rateLimited' });
  // Its keys: the function's scope and the keyed hash of the network, never the address.
  const hash = await clientNetworkHash('198.51.100.7');
  expect(new Set(updates().map((u) => u.Key!.pk))).toEqual(new Set([`CLIENT_BUDGET#directory#${hash}`]));
  expect(JSON.stringify(updates())).not.toContain('198.51.100.7');

  await expect(spendClientToken('directory', '203.0.113.9', start + 1_000)).resolves.toBeUndefined();
  await expect(spendClientToken('public', '198.51.100.7', start + 1_000)).resolves.toBeUndefined();
  dynamo.resetHistory();
  await expect(spendPartnerToken('partner-next-door', start + 1_000)).resolves.toBeUndefined();
  expect(updates().map((u) => u.Key)).toEqual([{ pk: 'BUDGET#partner-next-door', sk: `MINUTE#${start}` }]);
});

test('the partner budget counts every request: no uncounted ones', async () => {
  await spendPartnerToken('counted', MINUTE_START + 300_000);
  expect(updates()).toHaveLength(1);
});

test('a group with a client budget spends it on its public routes before any work, and answers its 429', async () => {
  const spent: string[] = [];
  const operation = jest.fn(async () => ({ statusCode: 200, headers: {}, body: 'page' }));
  const handler = groupHandler([{ operationId: 'page', method: 'GET', path: '/page', auth: { kind: 'public' } }] as const, {
    errorResponse: (error: unknown) => ({ statusCode: 429, headers: { ...(error as Problem).headers }, body: '' }),
    clientBudget: async (sourceIp: string) => {
      spent.push(sourceIp);
      if (spent.length > 1) throw rateLimited('no', 30);
    },
  })({ page: operation });
  const event = { routeKey: 'GET /page', rawPath: '/page', headers: {}, requestContext: { requestId: 'r', http: { sourceIp: '192.0.2.1' } } };
  const context = { functionName: 'unit', awsRequestId: 'r' };
  expect(await handler(event as never, context as never)).toMatchObject({ statusCode: 200 });
  expect(await handler(event as never, context as never)).toMatchObject({ statusCode: 429, headers: { 'Retry-After': '30' } });
  expect(spent).toEqual(['192.0.2.1', '192.0.2.1']);
  expect(operation).toHaveBeenCalledTimes(1);
});
