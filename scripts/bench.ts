// `npm run bench`: round trips per operation, handler overhead over a bare GetItem, list page, search page and
// export part latency at three partner sizes (1k, 20k, 100k customers, batch-written), directory-page latency
// at two directory sizes, cleanup reads per expired item at 10k due items of each queue, import throughput
// against single creates, bundle sizes and cold import times. All against its own DynamoDB Local (a free
// port, a temp data dir), printed as one table and written to bench-output/bench.json.
// Goals are reported, not enforced: the exit code is non-zero only when something actually failed.
import './bench/quiet.js';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { bundleSection } from './bench/bundles.js';
import { describeCalls, isScan, operationName } from './bench/dynamodb-calls.js';
import { formatTable, median, ms, percentile, ratio, type Row } from './bench/report.js';
import { ensureTable, localDynamoDbClient, startDynamoDb, type LocalService } from './local/dynamodb.js';
import { applyLocalEnvironment, REPO_ROOT } from './local/environment.js';
import { freePort } from './local/ports.js';

const SMALL = 1_000;
const MEDIUM = 20_000;
const DEFAULT_LARGE = 100_000;
const OVERHEAD = { warmup: 100, calls: 1_000, goal: 1.2 };
const PAGES = { warmup: 30, calls: 300, goal: 1.3 };
/** Export parts take longer (two 250-item Query pages and CSV): fewer runs keep the bench within minutes. */
const EXPORT_PARTS = { warmup: 10, calls: 60 };
/** Due items of each cleanup queue, and the goal for DynamoDB read requests per item the cleanup handles. */
const CLEANUP = { due: 10_000, goal: 1.1 };
/** Single creates the import's throughput is compared with: a sample of its rows, half before and half after it. */
const IMPORT_SINGLES = 400;
const BUDGET = { partners: 4, requestsEach: 500, goal: 25 };
const PARTNERS = { ops: 'bench-ops', small: 'bench-small', medium: 'bench-medium', large: 'bench-large' };
const REFERRAL_PARTNERS = { ops: 'bench-referral-ops', small: 'bench-referrals-small', large: 'bench-referrals-large' };
const DIRECTORY = { small: { count: 100, country: 'NZ', word: 'kiwibench' }, large: { count: 5_000, country: 'DE', word: 'grossbench' }, warmup: 30, calls: 300, goal: 1.3 };
const OUTPUT_DIR = join(REPO_ROOT, 'bench-output');
/**
 * DynamoDB Local's garbage collector. Seeding is bound by DynamoDB Local's CPU (milliseconds of java CPU per
 * item, node's share is a tenth of it); on two cores the default G1 spends more of it than the serial collector,
 * which suits its short-lived request garbage.
 */
const DYNAMODB_JVM_OPTIONS = ['-XX:+UseSerialGC'];

const log = (message: string) => process.stderr.write(`${message}\n`);
const benchStart = performance.now();
const sectionTimes: Record<string, number> = {};

async function section<T>(name: string, work: () => Promise<T>): Promise<T> {
  log(`\n[bench] ${name}...`);
  const started = performance.now();
  try {
    return await work();
  } finally {
    const seconds = (performance.now() - started) / 1000;
    sectionTimes[name] = Number(seconds.toFixed(1));
    log(`[bench] ${name}: ${seconds.toFixed(1)} s (total ${((performance.now() - benchStart) / 1000).toFixed(1)} s)`);
  }
}

function largeSize(): { size: number; fromEnv: boolean } {
  const raw = process.env.BENCH_LARGE;
  if (raw === undefined || raw === '') return { size: DEFAULT_LARGE, fromEnv: false };
  const size = Number(raw);
  if (!Number.isInteger(size) || size < SMALL) throw new Error(`BENCH_LARGE must be an integer of at least ${SMALL} (got "${raw}")`);
  return { size, fromEnv: true };
}

/** CPU seconds a process has used so far (Linux /proc; NaN elsewhere): DynamoDB Local's, to show what seeding costs it. */
function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}
/** USER_HZ, which /proc reports times in: 100 on every Linux this runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => log(`[bench] clean-up: ${(error as Error).message}`));
}

/** One operation's DynamoDB requests against its goal; `readThenWrite` marks the known GetItem + TransactWriteItems. */
const roundTripRow = (operation: string, calls: string[], goal: number, readThenWrite: boolean): Row => ({
  section: 'round trips',
  metric: `round trips: ${operation}`,
  value: `${calls.length} (${describeCalls(calls)})`,
  measured: calls.length,
  unit: 'DynamoDB requests',
  goal: `${goal}${readThenWrite ? ' (known: GetItem + TransactWriteItems)' : ''}`,
  met: calls.length <= goal,
});

const size = (n: number) => n.toLocaleString('en-US');

/** A page measured at several partner sizes: each median, and each size's ratio to the smallest against the goal. */
function pageRows(label: string, noun: string, sizes: readonly number[], medians: readonly number[], largeNote = ''): Row[] {
  const note = (i: number) => (i === sizes.length - 1 ? largeNote : '');
  const info = (i: number): Row => ({ section: 'pages', metric: `${label}, ${size(sizes[i]!)} ${noun}${note(i)}: median`, value: ms(medians[i]!), measured: Number(medians[i]!.toFixed(3)), unit: 'ms', goal: '-' });
  const ratioRow = (i: number): Row => {
    const value = medians[i]! / medians[0]!;
    return { section: 'pages', metric: `${label} ratio (${size(sizes[i]!)} / ${size(sizes[0]!)}), median`, value: ratio(value), measured: Number(value.toFixed(3)), unit: 'ratio', goal: `<= ${PAGES.goal}`, met: value <= PAGES.goal };
  };
  return [...sizes.map((_, i) => info(i)), ...sizes.slice(1).map((_, i) => ratioRow(i + 1))];
}

/** `npm run bench -- bundles`: only the bundle sizes and cold imports (no DynamoDB Local), to iterate on them. */
async function bundlesOnly(): Promise<void> {
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  await section('bundles (esbuild, deployed settings; cold require() x7, as ratios to a baseline)', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'bench-bundles-'));
    cleanups.push(() => rm(outDir, { recursive: true, force: true }));
    await bundleSection(REPO_ROOT, outDir, rows, details);
  });
  const totalSeconds = (performance.now() - benchStart) / 1000;
  console.log(`\nreseller-accounts bench (bundles only); node ${process.version}; ${totalSeconds.toFixed(1)} s\n\n${formatTable(rows)}\n`);
  await mkdir(OUTPUT_DIR, { recursive: true });
  const file = join(OUTPUT_DIR, 'bench-bundles.json');
  await writeFile(file, `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, totalSeconds: Number(totalSeconds.toFixed(1)), rows, details }, null, 2)}\n`);
  log(`[bench] wrote ${file}`);
}

async function main(): Promise<void> {
  // The bench sends thousands of requests a minute for one partner; the budget's own cost is measured below.
  process.env.PARTNER_REQUESTS_PER_MINUTE = '100000000';
  process.env.CLIENT_PAGE_REQUESTS_PER_MINUTE = '100000000';
  const large = largeSize();
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  const sizes = [SMALL, MEDIUM, large.size];
  log(`[bench] partner sizes: ${sizes.map(size).join(', ')} customers${large.fromEnv ? ' (BENCH_LARGE)' : ''}`);

  // Bundles first, while DynamoDB Local is not yet running, so cold imports have the machine to themselves.
  await section('bundles (esbuild, deployed settings; cold require() x7, as ratios to a baseline)', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'bench-bundles-'));
    cleanups.push(() => rm(outDir, { recursive: true, force: true }));
    await bundleSection(REPO_ROOT, outDir, rows, details);
  });

  const service = await section('start DynamoDB Local and create the table', async () => {
    // In memory when the machine has /dev/shm: on disk, DynamoDB Local's SQLite syncs every write and
    // seeding takes about twice as long. Reads are served from the page cache either way.
    const dataDir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bench-dynamodb-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const dynamo: LocalService = await startDynamoDb({ port: await freePort(), dataDir, portEnvVar: 'a free port', jvmOptions: DYNAMODB_JVM_OPTIONS });
    cleanups.push(() => dynamo.stop());
    const table = `reseller-accounts-bench-${randomBytes(3).toString('hex')}`;
    await ensureTable(dynamo.endpoint, table);
    applyLocalEnvironment({
      dynamoDbEndpoint: dynamo.endpoint,
      // The customers function sends no mail; nothing listens here.
      sesEndpoint: 'http://127.0.0.1:9',
      keys: { cursorKey: randomBytes(32).toString('hex'), linkKey: randomBytes(32).toString('hex') },
      publicBaseUrl: 'http://127.0.0.1:3000',
      tableName: table,
    });
    return dynamo;
  });

  // Loaded only now: the handlers read their configuration from the environment set just above.
  const work = await import('./bench/workload.js');
  const counter = work.installCallCounter();
  cleanups.push(async () => {
    counter.stop();
    work.db().destroy();
  });
  const raw = localDynamoDbClient(service.endpoint);
  cleanups.push(async () => raw.destroy());

  const dynamoCpu = () => processCpuSeconds(service.pid);
  const seedStart = { at: performance.now(), cpu: dynamoCpu() };
  const seeded = await section(`seed ${sizes.map(size).join(' + ')} customers, the three partners at once (BatchWriteItem of entity items)`, async () => {
    await Promise.all(Object.values(PARTNERS).map((partner) => work.createPartner(partner)));
    const [small, medium, big] = await Promise.all([work.seedCustomers(PARTNERS.small, SMALL), work.seedCustomers(PARTNERS.medium, MEDIUM), work.seedCustomers(PARTNERS.large, large.size)]);
    return { small: small!, medium: medium!, big: big! };
  });
  {
    const customers = SMALL + MEDIUM + large.size;
    const seconds = (performance.now() - seedStart.at) / 1000;
    const cpuMs = ((dynamoCpu() - seedStart.cpu) * 1000) / customers;
    log(`[bench] seeded ${size(customers)} customers at ${Math.round(customers / seconds)}/s; DynamoDB Local CPU ${cpuMs.toFixed(2)} ms per customer`);
    details.seeding = {
      sizes: { small: SMALL, medium: MEDIUM, large: large.size, largeFromEnv: large.fromEnv },
      seconds: Number(seconds.toFixed(1)),
      perSecond: Math.round(customers / seconds),
      dynamoDbLocalCpuMsPerCustomer: Number(cpuMs.toFixed(3)),
      dynamoDbLocalJvmOptions: DYNAMODB_JVM_OPTIONS,
    };
  }

  await section('round trips per operation (through the customers handler)', async () => {
    const trips = await work.measureRoundTrips(counter, PARTNERS.ops, PARTNERS.small, SMALL);
    for (const trip of trips) rows.push(roundTripRow(trip.operation, trip.calls, trip.goal, trip.operation.startsWith('update')));
    details.roundTrips = trips.map((t) => ({ operation: t.operation, calls: t.calls.map(operationName) }));
  });

  const overhead = await section(`handler overhead: GET customer vs bare GetItem (${OVERHEAD.warmup} warm-up, ${OVERHEAD.calls} each, interleaved)`, () =>
    work.measureOverhead(raw, PARTNERS.small, seeded.small.ids[0]!, OVERHEAD.warmup, OVERHEAD.calls),
  );
  {
    const h = { median: median(overhead.handlerMs), p95: percentile(overhead.handlerMs, 95) };
    const b = { median: median(overhead.bareMs), p95: percentile(overhead.bareMs, 95) };
    const info = (metric: string, value: number): Row => ({ section: 'overhead', metric, value: ms(value), measured: Number(value.toFixed(3)), unit: 'ms', goal: '-' });
    const goal = (metric: string, value: number): Row => ({ section: 'overhead', metric, value: ratio(value), measured: Number(value.toFixed(3)), unit: 'ratio', goal: `<= ${OVERHEAD.goal}`, met: value <= OVERHEAD.goal });
    rows.push(
      info('GET customer via handler: median', h.median),
      info('GET customer via handler: p95', h.p95),
      info('bare GetItemCommand: median', b.median),
      info('bare GetItemCommand: p95', b.p95),
      goal('overhead ratio (handler / bare), median', h.median / b.median),
      goal('overhead ratio (handler / bare), p95', h.p95 / b.p95),
    );
    details.overhead = { warmup: OVERHEAD.warmup, calls: OVERHEAD.calls, handler: h, bare: b };
  }

  const pageRuns = { 'list page': PAGES, 'search page': PAGES, 'search Query floor': PAGES, 'export part': EXPORT_PARTS };
  const pages = await section(
    `page latency at ${sizes.map(size).join(' / ')} customers: list and search pages through the handler and the bare search Query (${PAGES.warmup} warm-up, ${PAGES.calls} each), export parts of ${work.EXPORT_PART_BYTES / 1024} KiB (${EXPORT_PARTS.warmup} + ${EXPORT_PARTS.calls}); interleaved`,
    () => work.measurePages(raw, [PARTNERS.small, PARTNERS.medium, PARTNERS.large], pageRuns),
  );
  details.pages = {};
  for (const kind of work.PAGE_KINDS) {
    const medians = pages[kind].map((times) => median(times));
    const label =
      kind === 'export part' ? `export part (${work.EXPORT_PART_BYTES / 1024} KiB)` : kind === 'search Query floor' ? 'search Query floor (bare SDK, BETWEEN, Limit 25)' : `${kind} via handler (limit 25)`;
    rows.push(...pageRows(label, 'customers', sizes, medians, large.fromEnv ? ' (BENCH_LARGE)' : ''));
    (details.pages as Record<string, unknown>)[kind] = {
      ...pageRuns[kind],
      bySize: sizes.map((customers, i) => ({ customers, medianMs: Number(medians[i]!.toFixed(3)), p95Ms: Number(percentile(pages[kind][i]!, 95).toFixed(3)) })),
    };
  }
  // The store's search page over the bare Query it rests on, at each size: what the handler, the filter and the
  // second Query (for a page that the filter left short) add to what DynamoDB Local costs.
  sizes.forEach((customers, i) => {
    const value = median(pages['search page'][i]!) / median(pages['search Query floor'][i]!);
    const note = i === sizes.length - 1 && large.fromEnv ? ' (BENCH_LARGE)' : '';
    rows.push({ section: 'pages', metric: `search page via handler / bare search Query, ${size(customers)} customers${note}, median`, value: ratio(value), measured: Number(value.toFixed(3)), unit: 'ratio', goal: '-' });
  });

  const budget = await section(`per-partner budget: counter updates per request (${BUDGET.partners} partners x ${BUDGET.requestsEach} GETs, interleaved, one instance)`, () =>
    work.measureBudget(Array.from({ length: BUDGET.partners }, (_, i) => `bench-budget-${i}`), BUDGET.requestsEach),
  );
  {
    const perUpdate = budget.requests / budget.updates;
    rows.push({
      section: 'budget',
      metric: `requests per budget counter update (${budget.updates} updates for ${budget.requests} requests)`,
      value: perUpdate.toFixed(1),
      measured: Number(perUpdate.toFixed(2)),
      unit: 'requests',
      goal: `>= ${BUDGET.goal}`,
      met: perUpdate >= BUDGET.goal,
    });
    details.budget = budget;
  }

  const { CLIENT_BUDGET, measureClientBudget } = await import('./bench/client-budget.js');
  const clientBudget = await section(
    `per-client budget of the public pages at ${CLIENT_BUDGET.perMinute}/min: ${CLIENT_BUDGET.visitors} visitors x ${CLIENT_BUDGET.pagesEach} pages, then ${CLIENT_BUDGET.hammerers} clients x ${CLIENT_BUDGET.requestsEach} (one instance)`,
    () => measureClientBudget(),
  );
  {
    // A visitor who reads a few pages costs no write; a client that hammers costs a few lease updates a minute,
    // however hard it pushes (its refusals cost none).
    const { visitors, hammerers } = clientBudget;
    const perVisit = visitors.updates / visitors.requests;
    const perHammerer = hammerers.updates / CLIENT_BUDGET.hammerers;
    rows.push(
      {
        section: 'budget',
        metric: `client budget counter updates per page view, visitors reading ${CLIENT_BUDGET.pagesEach} pages (${visitors.updates} for ${visitors.requests})`,
        value: perVisit.toFixed(3),
        measured: Number(perVisit.toFixed(4)),
        unit: 'updates',
        goal: `<= ${(1 / BUDGET.goal).toFixed(2)}`,
        met: perVisit <= 1 / BUDGET.goal,
      },
      {
        section: 'budget',
        metric: `client budget counter updates per hammering client and minute (${CLIENT_BUDGET.requestsEach} requests each, ${hammerers.refused} of ${hammerers.requests} refused)`,
        value: perHammerer.toFixed(1),
        measured: perHammerer,
        unit: 'updates',
        goal: '<= 10',
        met: perHammerer <= 10,
      },
    );
  }
  details.clientBudget = clientBudget;

  const imports = await import('./bench/imports.js');
  const throughput = await section(`import throughput: ${size(SMALL)} rows imported vs ${IMPORT_SINGLES} of them created one by one (POST /v1/customers)`, () =>
    imports.measureImportThroughput(SMALL, IMPORT_SINGLES),
  );
  rows.push(...imports.importRows(throughput));
  details.imports = throughput;

  const referrals = await import('./bench/referrals.js');
  await section(`seed ${size(SMALL)} + ${size(MEDIUM)} referrals (BatchWriteItem of entity items)`, async () => {
    const [small, big] = await Promise.all([referrals.seedReferrals(REFERRAL_PARTNERS.small, SMALL), referrals.seedReferrals(REFERRAL_PARTNERS.large, MEDIUM)]);
    details.referralSeeding = { smallSeconds: Number(small!.seconds.toFixed(1)), largeSeconds: Number(big!.seconds.toFixed(1)) };
  });

  await section('round trips per referral transition (through the referrals handler)', async () => {
    await work.createPartner(REFERRAL_PARTNERS.ops);
    const trips = await referrals.measureTransitions(counter, REFERRAL_PARTNERS.ops);
    // A change reads the referral, then writes it with its activity record: like a customer update.
    for (const trip of trips) rows.push(roundTripRow(trip.operation, trip.calls, 1, trip.calls.length === 2));
    details.referralRoundTrips = trips.map((t) => ({ operation: t.operation, calls: t.calls.map(operationName) }));
  });

  const referralPages = await section(`page latency: referral list page at ${size(SMALL)} vs ${size(MEDIUM)} referrals (${PAGES.warmup} warm-up, ${PAGES.calls} each, interleaved)`, () =>
    referrals.measureReferralPages(REFERRAL_PARTNERS.small, REFERRAL_PARTNERS.large, PAGES.warmup, PAGES.calls),
  );
  {
    const small = median(referralPages.smallMs);
    const big = median(referralPages.largeMs);
    rows.push(...pageRows('referral list page (limit 25)', 'referrals', [SMALL, MEDIUM], [small, big]));
    details.referralPages = { small: { referrals: SMALL, medianMs: small, p95Ms: percentile(referralPages.smallMs, 95) }, large: { referrals: MEDIUM, medianMs: big, p95Ms: percentile(referralPages.largeMs, 95) } };
  }

  const directoryPages = await section(
    `directory page latency: keyword page at ${DIRECTORY.small.count} vs ${DIRECTORY.large.count.toLocaleString('en-US')} published profiles (batch-written; ${DIRECTORY.warmup} warm-up, ${DIRECTORY.calls} each, interleaved)`,
    async () => {
      const directory = await import('./bench/directory.js');
      const [seededSmall, seededLarge] = await Promise.all([directory.seedDirectory(DIRECTORY.small, DIRECTORY.small.count), directory.seedDirectory(DIRECTORY.large, DIRECTORY.large.count)]);
      details.directorySeeding = { small: seededSmall, large: seededLarge };
      return directory.measureDirectoryPages(DIRECTORY.small, DIRECTORY.large, DIRECTORY.warmup, DIRECTORY.calls);
    },
  );
  {
    const small = median(directoryPages.smallMs);
    const big = median(directoryPages.largeMs);
    const info = (metric: string, value: number): Row => ({ section: 'pages', metric, value: ms(value), measured: Number(value.toFixed(3)), unit: 'ms', goal: '-' });
    rows.push(
      info(`directory page (20 per page), ${DIRECTORY.small.count} published profiles: median`, small),
      info(`directory page (20 per page), ${DIRECTORY.large.count.toLocaleString('en-US')} published profiles: median`, big),
      {
        section: 'pages',
        metric: `directory page ratio (${DIRECTORY.large.count.toLocaleString('en-US')} / ${DIRECTORY.small.count}), median`,
        value: ratio(big / small),
        measured: Number((big / small).toFixed(3)),
        unit: 'ratio',
        goal: `<= ${DIRECTORY.goal}`,
        met: big / small <= DIRECTORY.goal,
      },
    );
    details.directoryPages = { warmup: DIRECTORY.warmup, calls: DIRECTORY.calls, small: { profiles: DIRECTORY.small.count, medianMs: small, p95Ms: percentile(directoryPages.smallMs, 95) }, large: { profiles: DIRECTORY.large.count, medianMs: big, p95Ms: percentile(directoryPages.largeMs, 95) } };
  }

  const cleanup = await import('./bench/cleanup.js');
  details.cleanupSeeding = await section(`seed ${size(CLEANUP.due)} overdue invitations + ${size(CLEANUP.due)} ended delegated admin grants (BatchWriteItem of entity items)`, () =>
    cleanup.seedDueItems(CLEANUP.due),
  );
  const drained = await section('cleanup: both queues drained, run after run as the cleanup Lambda runs', () => cleanup.measureCleanup(counter));
  for (const figures of drained) {
    const perItem = figures.reads / figures.handled;
    rows.push({
      section: 'cleanup',
      metric: `cleanup reads per expired item: ${figures.queue} (${size(figures.handled)} in ${figures.runs} runs; ${size(figures.reads)} reads)`,
      value: perItem.toFixed(3),
      measured: Number(perItem.toFixed(4)),
      unit: 'DynamoDB read requests',
      goal: `<= ${CLEANUP.goal} (≈ 1)`,
      met: figures.handled >= CLEANUP.due && perItem <= CLEANUP.goal,
    });
  }
  details.cleanup = drained;

  // Over the whole run: seeding, round trips, overhead and page measurements.
  const totals = Object.fromEntries([...counter.totals].map(([name, n]) => [operationName(name), n]));
  const all = [...counter.totals.values()].reduce((a, b) => a + b, 0);
  const scans = [...counter.totals].filter(([name]) => isScan(name)).reduce((a, [, n]) => a + n, 0);
  rows.push({
    section: 'round trips',
    metric: `Scan requests (whole run, ${all.toLocaleString('en-US')} DynamoDB requests)`,
    value: String(scans),
    measured: scans,
    unit: 'DynamoDB requests',
    goal: '0',
    met: scans === 0,
  });
  details.dynamoDbRequestsByOperation = totals;

  const order = ['round trips', 'overhead', 'budget', 'pages', 'imports', 'cleanup', 'bundles'];
  rows.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
  const totalSeconds = (performance.now() - benchStart) / 1000;
  const sizeNote = `partner sizes: ${sizes.map(size).join(', ')} customers${large.fromEnv ? ` (BENCH_LARGE=${large.size}; default ${size(DEFAULT_LARGE)})` : ' (default)'}`;
  const table = formatTable(rows);
  console.log(`\nreseller-accounts bench: ${sizeNote}; node ${process.version}; ${Math.round(totalSeconds)} s\n\n${table}\n`);

  await mkdir(OUTPUT_DIR, { recursive: true });
  const file = join(OUTPUT_DIR, 'bench.json');
  await writeFile(
    file,
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        node: process.version,
        sizes: { small: SMALL, medium: MEDIUM, large: large.size, largeFromEnv: large.fromEnv, defaultLarge: DEFAULT_LARGE },
        totalSeconds: Number(totalSeconds.toFixed(1)),
        sectionSeconds: sectionTimes,
        rows: rows.map(({ section: s, metric, value, measured, unit, goal, met }) => ({ section: s, metric, value, measured, unit, goal, met: met ?? null })),
        details,
      },
      null,
      2,
    )}\n`,
  );
  log(`[bench] wrote ${file}; total ${totalSeconds.toFixed(1)} s`);
}

process.once('SIGINT', () => {
  log('\n[bench] interrupted; stopping DynamoDB Local');
  void cleanUp().finally(() => process.exit(130));
});

const only = process.argv[2];
if (only !== undefined && only !== 'bundles') throw new Error(`unknown bench section "${only}" (known: bundles)`);
(only === 'bundles' ? bundlesOnly() : main())
  .catch((error: unknown) => {
    log(`\n[bench] failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  })
  .finally(cleanUp);
