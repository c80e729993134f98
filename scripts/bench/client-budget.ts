// The per-client budget of the public pages: counter updates per request through the directory's handler, as a
// warm Lambda instance serves them, for the two kinds of traffic it sees: many visitors who read a few pages,
// and a few clients who hammer past their limit. Run at the deployed default limit, on a pinned minute.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handler as directoryHandler } from '../../functions/directory.js';
import { clock } from '../../shared/platform/clock.js';
import { resetConfig } from '../../shared/platform/config.js';
import { leaseDb } from '../../shared/platform/dynamo/token-leases.js';
import { countDynamoDbCalls } from './dynamodb-calls.js';
import { apiEvent, benchContext } from './lambda-events.js';

export const CLIENT_BUDGET = { perMinute: 60, visitors: 500, pagesEach: 3, hammerers: 4, requestsEach: 1_000 };

const CONTEXT = benchContext('directory');

/** A location page that does not exist: the handler answers 404 after the budget, which is all that is measured here. */
async function page(sourceIp: string): Promise<number> {
  const event = apiEvent({ method: 'GET', route: '/directory/{partnerId}/{locationId}', pathParameters: { partnerId: 'bench-nobody', locationId: 'none' } }, {});
  const withClient: APIGatewayProxyEventV2 = { ...event, requestContext: { ...event.requestContext, http: { ...event.requestContext.http, sourceIp } } };
  const result = (await directoryHandler(withClient, CONTEXT)) as APIGatewayProxyStructuredResultV2;
  return result.statusCode ?? 200;
}

export interface ClientBudgetCost {
  requests: number;
  updates: number;
  refused: number;
}

async function measure(minute: number, clients: string[], requestsEach: number): Promise<ClientBudgetCost> {
  clock.now = () => new Date(minute + 10_000);
  const counter = countDynamoDbCalls(leaseDb());
  let refused = 0;
  try {
    for (let i = 0; i < requestsEach; i++) {
      for (const ip of clients) {
        const status = await page(ip);
        if (status === 429) refused += 1;
        else if (status !== 404) throw new Error(`the location page answered ${status}`);
      }
    }
    return { requests: clients.length * requestsEach, updates: [...counter.totals.values()].reduce((a, b) => a + b, 0), refused };
  } finally {
    counter.stop();
  }
}

export async function measureClientBudget(): Promise<{ visitors: ClientBudgetCost; hammerers: ClientBudgetCost }> {
  const previous = { limit: process.env.CLIENT_PAGE_REQUESTS_PER_MINUTE, now: clock.now };
  process.env.CLIENT_PAGE_REQUESTS_PER_MINUTE = String(CLIENT_BUDGET.perMinute);
  resetConfig();
  // Minutes of their own, a day ahead, so that the two measurements share no counter.
  const minute = Math.floor(Date.now() / 60_000) * 60_000 + 86_400_000;
  try {
    const ip = (group: number, i: number) => `10.${group}.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    const visitors = await measure(minute, Array.from({ length: CLIENT_BUDGET.visitors }, (_, i) => ip(1, i)), CLIENT_BUDGET.pagesEach);
    const hammerers = await measure(minute + 60_000, Array.from({ length: CLIENT_BUDGET.hammerers }, (_, i) => ip(2, i)), CLIENT_BUDGET.requestsEach);
    return { visitors, hammerers };
  } finally {
    process.env.CLIENT_PAGE_REQUESTS_PER_MINUTE = previous.limit;
    resetConfig();
    clock.now = previous.now;
  }
}
