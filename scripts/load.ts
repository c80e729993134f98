// `npm run load`: a bounded load run against the local system (DynamoDB Local, the local server with the same
// routes and handlers as the stack, tokens from the local issuer), from several partners at once, with
// autocannon. The mix per connection: list, search, get, update (If-Match), create, invite. Then the floor:
// bare DynamoDB Local calls of the same mix (the same round trips each operation makes), at the same
// concurrency for the same time, in the same run. Both print throughput, p50, p99 and the error count.
//
// LOAD_SECONDS (default 30) is the length of each of the two runs; LOAD_CONNECTIONS (default 8) the
// concurrency; LOAD_PARTNERS (default 4) how many partners share it.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GetItemCommand, QueryCommand, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import autocannon from 'autocannon';
import { ensureTable, localDynamoDbClient, startDynamoDb } from './local/dynamodb.js';
import { applyLocalEnvironment } from './local/environment.js';
import { loadOrCreateIssuer } from './local/issuer.js';
import { freePort } from './local/ports.js';
import type { sampleCustomer as SampleCustomer } from './local/seed.js';

const whole = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const SECONDS = whole('LOAD_SECONDS', 30);
const CONNECTIONS = whole('LOAD_CONNECTIONS', 8);
const PARTNER_COUNT = whole('LOAD_PARTNERS', 4);
const CUSTOMERS_PER_PARTNER = 200;
const log = (message: string) => process.stderr.write(`[load] ${message}\n`);

interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

interface Partner {
  id: string;
  token: string;
  customerIds: string[];
}

/** What one connection carries from one answer to the next request. */
interface ConnectionState {
  partner?: Partner;
  customerId?: string;
  etag?: string;
}

let nextPartner = 0;
const unique = () => randomUUID().slice(0, 12);

function apiMix(partners: Partner[], sampleCustomer: typeof SampleCustomer): autocannon.Request[] {
  const as = (context: ConnectionState): Partner => (context.partner ??= partners[nextPartner++ % partners.length]!);
  const headers = (partner: Partner, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${partner.token}`, 'content-type': 'application/json', ...extra });
  const step = (build: (partner: Partner, context: ConnectionState) => { method: string; path: string; headers?: Record<string, string>; body?: unknown }) => ({
    setupRequest: (request: autocannon.Request, context: ConnectionState) => {
      const partner = as(context);
      const { method, path, headers: extra, body } = build(partner, context);
      return { ...request, method: method as autocannon.Request['method'], path, headers: headers(partner, extra), body: body === undefined ? undefined : JSON.stringify(body) };
    },
  });
  return [
    step(() => ({ method: 'GET', path: '/v1/customers?limit=25' })),
    step(() => ({ method: 'GET', path: '/v1/customers?q=northwind&limit=25' })),
    {
      ...step((partner, context) => {
        context.customerId = partner.customerIds[Math.floor(Math.random() * partner.customerIds.length)];
        return { method: 'GET', path: `/v1/customers/${context.customerId}` };
      }),
      onResponse: (_status: number, _body: string, context: ConnectionState, responseHeaders: Record<string, string>) => {
        context.etag = responseHeaders.etag ?? responseHeaders.ETag;
      },
    },
    step((_partner, context) => ({
      method: 'PATCH',
      path: `/v1/customers/${context.customerId}`,
      headers: { 'if-match': context.etag ?? '"none"' },
      body: { billingProfile: { companyName: `Load ${unique()} Ltd` } },
    })),
    step(() => {
      const domain = `load-${unique()}.example.com`;
      return { method: 'POST', path: '/v1/customers', body: sampleCustomer(`Load ${domain}`, domain, { city: 'Redmond', country: 'US' }) };
    }),
    step(() => {
      const domain = `invite-${unique()}.example.com`;
      return { method: 'POST', path: '/v1/invitations', body: { email: `admin@${domain}`, domain, companyName: 'Invited Load Ltd' } };
    }),
  ] as autocannon.Request[];
}

async function runApi(url: string, partners: Partner[], sampleCustomer: typeof SampleCustomer): Promise<Figures & { statusCounts: Record<string, number> }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: apiMix(partners, sampleCustomer), initialContext: {} });
  const statusCounts: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) statusCounts[status] = stats?.count ?? 0;
  return {
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    statusCounts,
  };
}

/** The same round trips as the API mix, straight to DynamoDB Local: list and search Query, get GetItem, update GetItem + TransactWriteItems, create and invite TransactWriteItems. */
async function runFloor(raw: DynamoDBClient, tableName: string, partners: Partner[]): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  const s = (value: string) => ({ S: value });
  const put = (pk: string, sk: string, extra: Record<string, { S: string }> = {}) => ({
    Put: { TableName: tableName, Item: { pk: s(pk), sk: s(sk), ...extra }, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  const mix: ((partner: Partner) => Promise<unknown>)[] = [
    (p) => raw.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)', ExpressionAttributeValues: { ':pk': s(`PARTNER#${p.id}`), ':c': s('CUSTOMER#') }, Limit: 25 })),
    (p) => raw.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)', ExpressionAttributeValues: { ':pk': s(`PARTNER#${p.id}`), ':c': s('CUSTOMER#') }, Limit: 25 })),
    (p) => raw.send(new GetItemCommand({ TableName: tableName, Key: { pk: s(`PARTNER#${p.id}`), sk: s(`CUSTOMER#${p.customerIds[0]}`) } })),
    async (p) => {
      await raw.send(new GetItemCommand({ TableName: tableName, Key: { pk: s(`PARTNER#${p.id}`), sk: s(`CUSTOMER#${p.customerIds[0]}`) } }));
      const id = unique();
      await raw.send(new TransactWriteItemsCommand({ TransactItems: [put(`FLOOR#${p.id}`, `UPDATE#${id}`), put(`FLOOR#${p.id}`, `ACTIVITY#${id}`)] }));
    },
    (p) => {
      const id = unique();
      return raw.send(new TransactWriteItemsCommand({ TransactItems: [put(`FLOOR#${p.id}`, `CUSTOMER#${id}`), put(`FLOOR-DOMAIN#${id}`, 'DOMAIN'), put(`FLOOR#${p.id}`, `TERM#${id}`), put(`FLOOR#${p.id}`, `ACTIVITY#${id}`)] }));
    },
    (p) => {
      const id = unique();
      return raw.send(new TransactWriteItemsCommand({ TransactItems: [put(`FLOOR#${p.id}`, `INVITATION#${id}`), put(`FLOOR#${p.id}`, `OUTBOX#${id}`), put(`FLOOR-RECIPIENT#${id}`, 'DAY'), put(`FLOOR#${p.id}`, `ACTIVITY#${id}`)] }));
    },
  ];
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, connection) => {
      const partner = partners[connection % partners.length]!;
      for (let i = 0; performance.now() < end; i++) {
        const started = performance.now();
        try {
          await mix[i % mix.length]!(partner);
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { requests: latencies.length, perSecond: latencies.length / SECONDS, p50: at(50), p99: at(99), errors };
}

async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // A capacity run: the partner budget and the invitation limits would refuse most of it by design (their
  // own tests prove them); here they are lifted so the figures show the system, not the limits.
  Object.assign(process.env, {
    PARTNER_REQUESTS_PER_MINUTE: '100000000',
    CLIENT_PAGE_REQUESTS_PER_MINUTE: '100000000',
    MAX_PENDING_INVITATIONS_PER_PARTNER: '100000000',
    MAX_INVITATIONS_PER_RECIPIENT_PER_DAY: '1000',
  });
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const dataDir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'load-dynamodb-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const dynamo = await startDynamoDb({ port: await freePort(), dataDir, portEnvVar: 'a free port' });
    cleanups.push(() => dynamo.stop());
    const tableName = `reseller-accounts-load-${randomBytes(3).toString('hex')}`;
    await ensureTable(dynamo.endpoint, tableName);
    // No mail goes out: invitations are written with their outbox item, which no poller reads here.
    applyLocalEnvironment({ dynamoDbEndpoint: dynamo.endpoint, sesEndpoint: 'http://127.0.0.1:9', keys: { cursorKey: randomBytes(32).toString('hex'), linkKey: randomBytes(32).toString('hex') }, publicBaseUrl: 'http://127.0.0.1:3000', tableName });

    // Loaded only now: the handlers read their configuration from the environment set just above.
    const work = await import('./bench/workload.js');
    const { createLocalServer } = await import('./local/server.js');
    const { sampleCustomer } = await import('./local/seed.js');
    const issuer = await loadOrCreateIssuer({ dataDir, issuer: 'http://127.0.0.1/local-issuer' });
    const server = createLocalServer({ issuer });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    log(`seeding ${PARTNER_COUNT} partners with ${CUSTOMERS_PER_PARTNER} customers each`);
    const partners: Partner[] = [];
    for (let i = 0; i < PARTNER_COUNT; i++) {
      const id = `load-${i}-${randomBytes(2).toString('hex')}`;
      await work.createPartner(id);
      const { ids } = await work.seedCustomers(id, CUSTOMERS_PER_PARTNER);
      partners.push({ id, token: await issuer.sign({ partnerId: id, roles: ['global-admin'], userId: 'load' }), customerIds: ids });
    }

    log(`API: ${CONNECTIONS} connections, ${PARTNER_COUNT} partners, ${SECONDS} s`);
    const api = await runApi(url, partners, sampleCustomer);
    log(`floor: bare DynamoDB Local calls of the same mix, ${CONNECTIONS} in flight, ${SECONDS} s`);
    const raw = localDynamoDbClient(dynamo.endpoint);
    cleanups.push(async () => raw.destroy());
    const floor = await runFloor(raw, tableName, partners);

    const row = (name: string, f: Figures) =>
      `| ${name} | ${f.requests} | ${f.perSecond.toFixed(1)} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} | ${f.errors} |`;
    console.log(
      [
        '',
        `reseller-accounts load: ${SECONDS} s each, ${CONNECTIONS} connections, ${PARTNER_COUNT} partners; mix list, search, get, update, create, invite; node ${process.version}`,
        '',
        '| run | requests | per second | p50 ms | p99 ms | errors |',
        '|---|---|---|---|---|---|',
        row('API (local server, same handlers)', api),
        row('floor: bare DynamoDB Local, same round trips', floor),
        '',
        `API throughput / floor: ${(api.perSecond / floor.perSecond).toFixed(2)}; p50 API / floor: ${(api.p50 / Math.max(floor.p50, 0.001)).toFixed(2)}`,
        `API answers by status: ${JSON.stringify(api.statusCounts)}`,
        '',
      ].join('\n'),
    );
    if (api.errors > 0) process.exitCode = 1;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
