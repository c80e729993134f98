// The per-partner budget's cost and its edges, with DynamoDB mocked: how many conditional updates a busy
// instance makes, what it does when the budget runs short, and the 429 once it is spent.
process.env.TABLE_NAME = 'unit-table';
process.env.PARTNER_REQUESTS_PER_MINUTE = '500';

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { spendPartnerToken } from '../../shared/platform/http/partner-budget';
import { Problem } from '../../shared/platform/errors';
import { groupHandler } from '../../shared/platform/http/handler';

const dynamo = mockClient(DynamoDBDocumentClient);
const MINUTE_START = Date.parse('2026-11-27T10:00:00Z');
let taken: Map<string, number>;

/** A counter that behaves like the conditional update: refuses a lease that would pass the limit. */
function realisticCounter(): void {
  taken = new Map();
  dynamo.on(UpdateCommand).callsFake((input) => {
    const key = `${input.Key.pk}|${input.Key.sk}`;
    const current = taken.get(key) ?? 0;
    const count = input.ExpressionAttributeValues[':count'] as number;
    if (current > (input.ExpressionAttributeValues[':most'] as number)) {
      throw new ConditionalCheckFailedException({ message: 'no', $metadata: {}, Item: { taken: { N: String(current) } } });
    }
    taken.set(key, current + count);
    return {};
  });
}

beforeEach(() => {
  dynamo.reset();
  realisticCounter();
});

test('a busy instance makes at most one counter update per 25 requests', async () => {
  for (let i = 0; i < 500; i++) await spendPartnerToken('busy', MINUTE_START + i * 100);
  const updates = dynamo.commandCalls(UpdateCommand).length;
  expect(updates).toBeLessThanOrEqual(500 / 25);
  // The next minute starts with a big lease: fewer updates still.
  dynamo.resetHistory();
  for (let i = 0; i < 500; i++) await spendPartnerToken('busy', MINUTE_START + 60_000 + i * 100);
  expect(dynamo.commandCalls(UpdateCommand).length).toBeLessThanOrEqual(10);
});

test('an instance that sees a partner rarely leases one token at a time', async () => {
  await spendPartnerToken('rare', MINUTE_START + 120_000);
  expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues).toMatchObject({ ':count': 1 });
});

test('when fewer tokens are left than it asks for, it takes what is left; once none are, a 429 until the next minute', async () => {
  const start = MINUTE_START + 180_000;
  taken.set(`BUDGET#short|MINUTE#${start}`, 497);
  for (let i = 0; i < 3; i++) await spendPartnerToken('short', start + 1_000 + i);
  const refused = await spendPartnerToken('short', start + 20_500).catch((error: unknown) => error);
  expect(refused).toMatchObject({ code: 'http.rateLimited', headers: { 'Retry-After': '40' } });
  expect(refused).toBeInstanceOf(Problem);
  expect(taken.get(`BUDGET#short|MINUTE#${start}`)).toBe(500);
  await expect(spendPartnerToken('short', start + 60_000)).resolves.toBeUndefined();
});

test('a function with partner routes cannot be built without the budget; one without them needs none', () => {
  const route = (auth: { kind: 'partner'; action: 'customers.read' } | { kind: 'public' }) => ({ operationId: 'op', method: 'GET', path: '/x', auth });
  const errorResponse = () => ({ statusCode: 500, headers: {}, body: '' });
  expect(() => groupHandler([route({ kind: 'partner', action: 'customers.read' })], { errorResponse })({} as never)).toThrow(/partnerBudget/);
  expect(() => groupHandler([route({ kind: 'public' })], { errorResponse })({} as never)).not.toThrow();
});
