// Everything that loads product code. Imported dynamically by scripts/bench.ts, only after the
// environment the handlers read (table, endpoint, cursor key, log level) has been set.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { GetItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handler as customersHandler } from '../../functions/customers.js';
import type { Principal } from '../../shared/platform/auth.js';
import { db, tableName } from '../../shared/platform/dynamo/client.js';
import { searchKey } from '../../shared/platform/dynamo/keys.js';
import { INDEXES } from '../../shared/platform/dynamo/table-definition.js';
import { leaseDb } from '../../shared/platform/dynamo/token-leases.js';
import { customerItems, customerKeys, tenantLinkItem, type CustomerRecord } from '../../shared/customers/index.js';
import { exportCustomersCsv } from '../../shared/customers/index.js';
import { putPartnerProfile } from '../../shared/partner/index.js';
import { sampleCustomer } from '../local/seed.js';
import { batchWrite } from './batch-write.js';
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

/**
 * Writes `count` customers of `partnerId` by BatchWriteItem: each record as createCustomer makes it, stored
 * as the items the store writes for it (customerItems, tenantLinkItem), not through 100k API calls.
 */
export async function seedCustomers(partnerId: string, count: number): Promise<{ ids: string[]; seconds: number }> {
  const started = performance.now();
  const at = new Date().toISOString();
  const ids = Array.from({ length: count }, () => randomUUID());
  const items = function* () {
    for (let i = 0; i < count; i++) {
      const body = customerBody(partnerId, i);
      const record: CustomerRecord = {
        id: ids[i]!, partnerId, tenantId: randomUUID(), companyProfile: body.companyProfile, billingProfile: body.billingProfile,
        relationshipToPartner: 'reseller', state: 'active', createdAt: at, updatedAt: at, version: 1,
      };
      yield* customerItems(record);
      yield tenantLinkItem(partnerId, record.tenantId, record.id);
    }
  };
  await batchWrite(items(), 8);
  const seconds = (performance.now() - started) / 1000;
  log(`  seeded ${count.toLocaleString('en-US')} customers for ${partnerId} (${seconds.toFixed(1)} s, ${Math.round(count / seconds)}/s)`);
  return { ids, seconds };
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

/**
 * The customer pages measured at each partner size. `search Query floor` is the bare SDK's Query of the search
 * index with the range the store sends for a prefix (BETWEEN prefix AND prefix + U+10FFFF, Limit 25, no filter):
 * what DynamoDB Local itself costs for such a page, so that the search page's figures read against it.
 */
export const PAGE_KINDS = ['list page', 'search page', 'search Query floor', 'export part'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/**
 * An export part of this size, so that every partner size has a full one (a 1k partner has no full 4 MB
 * part): the same number of rows at each size, through the service call the export handler makes.
 */
export const EXPORT_PART_BYTES = 128 * 1024;

const LIST_PAGE: BenchRequest = { method: 'GET', route: '/v1/customers', query: { limit: '25' } };
const SEARCH_PAGE: BenchRequest = { method: 'GET', route: '/v1/customers', query: { q: SEARCH_PREFIX, limit: '25' } };

/** The search index Query the store makes for SEARCH_PAGE's first page, on the low-level client. */
function bareSearchQuery(partnerId: string) {
  const target = customerKeys.search(partnerId);
  const index = INDEXES[target.index];
  const prefix = searchKey(SEARCH_PREFIX);
  return new QueryCommand({
    TableName: tableName(),
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :sk AND :skEnd',
    ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
    ExpressionAttributeValues: { ':pk': { S: target.pk }, ':sk': { S: prefix }, ':skEnd': { S: `${prefix}\u{10FFFF}` } },
    Limit: 25,
  });
}

async function pageOnce(kind: PageKind, partnerId: string, raw: DynamoDBClient): Promise<number> {
  if (kind === 'search Query floor') {
    const command = bareSearchQuery(partnerId); // built outside the timing, as the handler's event is
    const t0 = performance.now();
    const { Items } = await raw.send(command);
    const elapsed = performance.now() - t0;
    if (Items?.length !== 25) throw new Error(`bare search Query of ${partnerId} returned ${Items?.length ?? 0} items, expected 25`);
    return elapsed;
  }
  if (kind === 'export part') {
    const principal = principalOf(partnerId);
    const t0 = performance.now();
    const part = await exportCustomersCsv(principal, undefined, { partBytes: EXPORT_PART_BYTES, pageItems: 250 });
    const elapsed = performance.now() - t0;
    if (!part.continuationToken) throw new Error(`export of ${partnerId} fit one ${EXPORT_PART_BYTES}-byte part: no full part to measure`);
    return elapsed;
  }
  const event = eventFor(partnerId, kind === 'list page' ? LIST_PAGE : SEARCH_PAGE); // built outside the timing
  const t0 = performance.now();
  const { body } = await invoke(event, 200);
  const elapsed = performance.now() - t0;
  const items = (JSON.parse(body) as { items: unknown[] }).items.length;
  if (items !== 25) throw new Error(`${kind} of ${partnerId} returned ${items} customers, expected 25`);
  return elapsed;
}

/** Each kind of page for each partner, interleaved partner by partner, so that a slow moment hits all sizes alike. */
export async function measurePages(raw: DynamoDBClient, partners: readonly string[], runs: Record<PageKind, { warmup: number; calls: number }>) {
  const times = Object.fromEntries(PAGE_KINDS.map((kind) => [kind, partners.map(() => [] as number[])])) as Record<PageKind, number[][]>;
  for (const kind of PAGE_KINDS) {
    const { warmup, calls } = runs[kind];
    for (let i = 0; i < warmup + calls; i++) {
      for (const [p, partnerId] of partners.entries()) {
        const elapsed = await pageOnce(kind, partnerId, raw);
        if (i >= warmup) times[kind][p]!.push(elapsed);
      }
    }
  }
  return times;
}
