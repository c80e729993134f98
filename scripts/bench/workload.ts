// Everything that loads product code. Imported dynamically by scripts/bench.ts, only after the
// environment the handlers read (table, endpoint, cursor key, log level) has been set.
import { performance } from 'node:perf_hooks';
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handler as customersHandler } from '../../functions/customers.js';
import type { Principal } from '../../shared/platform/auth.js';
import { db, tableName } from '../../shared/platform/dynamo/client.js';
import { leaseDb } from '../../shared/platform/dynamo/token-leases.js';
import { customerKeys } from '../../shared/customers/entity.js';
import { isProblem } from '../../shared/platform/errors.js';
import { createCustomer } from '../../shared/customers/service.js';
import { putPartnerProfile } from '../../shared/partner/service.js';
import { sampleCustomer } from '../local/seed.js';
import { countDynamoDbCalls, type DynamoDbCallCounter } from './dynamodb-calls.js';
import { apiEvent, benchContext, partnerClaims, type BenchRequest } from './lambda-events.js';

export { db };

const ROLES = ['global-admin'] as const;
const log = (message: string) => process.stderr.write(`${message}\n`);

export const installCallCounter = (): DynamoDbCallCounter => countDynamoDbCalls(db());

// ---------------------------------------------------------------------------------------------
// Data

const NAMES = [
  'Contoso', 'Fabrikam', 'Northwind Traders', 'Tailspin Toys', 'Woodgrove Bank', 'Litware', 'Adventure Works', 'Proseware',
  'Wingtip Toys', 'Alpine Ski House', 'Coho Winery', 'Fourth Coffee', 'Lucerne Publishing', 'Margies Travel', 'Trey Research', 'Wide World Importers',
];

/** A search prefix that matches about 1/16 of a seeded partner's customers by name. */
export const SEARCH_PREFIX = 'northwind';

export function customerBody(partnerId: string, i: number) {
  return sampleCustomer(`${NAMES[i % NAMES.length]} ${i} Ltd`, `c${i}-${partnerId}.example.com`, { city: 'Redmond', country: 'US', addressLine1: `${i} Main Street` });
}

const principalOf = (partnerId: string): Principal => ({ partnerId, userId: 'bench', roles: [...ROLES] });

export async function createPartner(partnerId: string): Promise<void> {
  await putPartnerProfile(principalOf(partnerId), {
    companyName: `Bench Reseller ${partnerId} LLC`,
    country: 'US',
    partnerType: 'directBill',
    markets: ['US'],
    primaryContact: { name: 'Bea Bench', email: `ops@${partnerId}.bench-reseller.example` },
  });
}

async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Creates `count` customers through the createCustomer workflow, `concurrency` in flight; returns their ids. */
export async function seedCustomers(partnerId: string, count: number, concurrency = 16): Promise<{ ids: string[]; retries: number; seconds: number }> {
  const principal = principalOf(partnerId);
  const ids: string[] = new Array(count);
  let done = 0;
  let retries = 0;
  const started = performance.now();
  const step = Math.max(1000, Math.ceil(count / 10 / 1000) * 1000);
  await pool(count, concurrency, async (i) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await createCustomer(principal, customerBody(partnerId, i));
        if (result.replayed) throw new Error('unexpected idempotent replay while seeding');
        ids[i] = result.customer.id;
        break;
      } catch (error) {
        // Concurrent transactions on the shared partner profile may conflict; the API would answer 409.
        if (!isProblem(error, 'http.idempotencyInProgress') || attempt >= 5) throw error;
        retries++;
      }
    }
    done++;
    if (done % step === 0 || done === count) {
      const seconds = (performance.now() - started) / 1000;
      log(`  seeded ${done.toLocaleString('en-US')}/${count.toLocaleString('en-US')} for ${partnerId} (${seconds.toFixed(1)} s, ${Math.round(done / seconds)}/s)`);
    }
  });
  return { ids, retries, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// The customers Lambda handler, invoked with API Gateway v2 events

export interface Invocation {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const eventFor = (partnerId: string, request: BenchRequest) => apiEvent(request, partnerClaims(partnerId, ROLES, 'bench-user'));

const CONTEXT = benchContext('customers');

export async function invoke(event: ReturnType<typeof eventFor>, expectedStatus: number): Promise<Invocation> {
  const result = (await customersHandler(event, CONTEXT)) as APIGatewayProxyStructuredResultV2;
  const status = result.statusCode ?? 200;
  if (status !== expectedStatus) {
    throw new Error(`${event.routeKey} answered ${status}, expected ${expectedStatus}: ${String(result.body).slice(0, 500)}`);
  }
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status, headers, body: result.body ?? '' };
}

export const call = (partnerId: string, request: BenchRequest, expectedStatus: number) => invoke(eventFor(partnerId, request), expectedStatus);

// ---------------------------------------------------------------------------------------------
// The per-partner budget

/**
 * Counter updates of the per-partner budget per request: `partners` partners' GET requests interleaved
 * through one handler instance, as a warm Lambda serves them. Each partner starts with a cold lease.
 */
export async function measureBudget(partners: string[], requestsEach: number): Promise<{ requests: number; updates: number }> {
  const counter = countDynamoDbCalls(leaseDb());
  try {
    for (let i = 0; i < requestsEach; i++) {
      for (const partnerId of partners) await call(partnerId, { method: 'GET', route: '/v1/customers', query: { limit: '1' } }, 200);
    }
    return { requests: partners.length * requestsEach, updates: [...counter.totals.values()].reduce((a, b) => a + b, 0) };
  } finally {
    counter.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Round trips per operation

export interface RoundTrips {
  operation: string;
  calls: string[];
  /** What the goal is measured against: 1 round trip. */
  goal: number;
}

export async function measureRoundTrips(counter: DynamoDbCallCounter, opsPartner: string, exportPartner: string, exportCount: number): Promise<RoundTrips[]> {
  const out: RoundTrips[] = [];
  const measure = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    const { result, calls } = await counter.record(work);
    out.push({ operation, calls, goal: 1 });
    return result;
  };

  const created = await measure('create customer (POST /v1/customers)', () =>
    call(opsPartner, { method: 'POST', route: '/v1/customers', body: customerBody(opsPartner, 1) }, 201),
  );
  const customerId = (JSON.parse(created.body) as { id: string }).id;
  const got = await measure('get customer (GET /v1/customers/{id})', () =>
    call(opsPartner, { method: 'GET', route: '/v1/customers/{customerId}', pathParameters: { customerId } }, 200),
  );
  const listed = await measure('list page (GET /v1/customers?limit=25)', () =>
    call(exportPartner, { method: 'GET', route: '/v1/customers', query: { limit: '25' } }, 200),
  );
  const listedItems = (JSON.parse(listed.body) as { items: unknown[] }).items.length;
  if (listedItems !== 25) throw new Error(`list page returned ${listedItems} customers, expected 25`);
  const searched = await measure(`search page (GET /v1/customers?q=${SEARCH_PREFIX}&limit=25)`, () =>
    call(exportPartner, { method: 'GET', route: '/v1/customers', query: { q: SEARCH_PREFIX, limit: '25' } }, 200),
  );
  if ((JSON.parse(searched.body) as { items: unknown[] }).items.length === 0) throw new Error('search page found nothing');
  await measure('update (PATCH /v1/customers/{id}, If-Match)', () =>
    call(
      opsPartner,
      {
        method: 'PATCH',
        route: '/v1/customers/{customerId}',
        pathParameters: { customerId },
        headers: { 'content-type': 'application/merge-patch+json', 'if-match': got.headers.etag ?? '' },
        body: { billingProfile: { companyName: 'Renamed Bench Customer Ltd' } },
      },
      200,
    ),
  );
  await measure('agreements record (POST /v1/customers/{id}/agreements)', () =>
    call(
      opsPartner,
      {
        method: 'POST',
        route: '/v1/customers/{customerId}/agreements',
        pathParameters: { customerId },
        body: { dateAgreed: new Date(Date.now() - 86_400_000).toISOString(), primaryContact: { firstName: 'Avery', lastName: 'Admin', email: 'avery@bench-customer.example' } },
      },
      201,
    ),
  );
  const exported = await measure(`export of ${exportCount.toLocaleString('en-US')} customers (GET /v1/customers/export)`, () =>
    call(exportPartner, { method: 'GET', route: '/v1/customers/export' }, 200),
  );
  const rows = exported.body.split('\n').filter((line) => line.trim() !== '').length - 1;
  if (rows !== exportCount) throw new Error(`export returned ${rows} rows, expected ${exportCount}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Latency

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
};

/**
 * GET /v1/customers/{customerId} through the handler against a bare GetItem of the same key (same
 * consistency as the product's read), interleaved handler, bare, handler, bare...
 */
export async function measureOverhead(raw: DynamoDBClient, partnerId: string, customerId: string, warmup: number, calls: number) {
  const key = customerKeys.customer(partnerId, customerId);
  const bareInput = { TableName: tableName(), Key: { pk: { S: key.pk }, sk: { S: key.sk } }, ConsistentRead: true };
  const request: BenchRequest = { method: 'GET', route: '/v1/customers/{customerId}', pathParameters: { customerId } };
  const handlerMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < warmup + calls; i++) {
    const event = eventFor(partnerId, request); // built outside the timing, as API Gateway builds it
    const command = new GetItemCommand(bareInput);
    const h = await timed(() => invoke(event, 200));
    let item: unknown;
    const b = await timed(async () => {
      item = (await raw.send(command)).Item;
    });
    if (!item) throw new Error('bare GetItem found no item');
    if (i >= warmup) {
      handlerMs.push(h);
      bareMs.push(b);
    }
  }
  return { handlerMs, bareMs };
}

/** GET /v1/customers?limit=25 for two partners, interleaved small, large, small, large... */
export async function measurePages(smallPartner: string, largePartner: string, warmup: number, calls: number) {
  const request: BenchRequest = { method: 'GET', route: '/v1/customers', query: { limit: '25' } };
  for (const partnerId of [smallPartner, largePartner]) {
    const page = JSON.parse((await call(partnerId, request, 200)).body) as { items: unknown[] };
    if (page.items.length !== 25) throw new Error(`list page of ${partnerId} returned ${page.items.length} customers, expected 25`);
  }
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  for (let i = 0; i < warmup + calls; i++) {
    const smallEvent = eventFor(smallPartner, request);
    const largeEvent = eventFor(largePartner, request);
    const s = await timed(() => invoke(smallEvent, 200));
    const l = await timed(() => invoke(largeEvent, 200));
    if (i >= warmup) {
      smallMs.push(s);
      largeMs.push(l);
    }
  }
  return { smallMs, largeMs };
}
