// Builds every function of the CDK stack the way the stack does (infra/bundling.ts and the `bundling:` block in
// infra/project-function.ts), and times a cold require() of each bundle in a fresh node process, as a ratio to a
// baseline bundle that imports only the DynamoDB document client, measured in the same run.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { BUNDLE_ALIAS, BUNDLE_MAIN_FIELDS, BUNDLE_TARGET } from '../../infra/bundling.js';
import { ProjectFunction } from '../../infra/project-function.js';
import { ResellerAccountsStack } from '../../infra/stack.js';
import { bytes, median, ms, ratio, type Row } from './report.js';

const BUNDLE = { maxBytes: 400_000, runs: 7, maxImportRatio: 1.5 };
/**
 * zod/mini (shared/platform/zod.ts) is kept if it saves at least this much per API bundle over zod classic. The
 * same schema, using the kinds of schema and check the API's schemas use, is bundled with each build (English
 * messages in both: classic loads them itself): classic puts every method on every schema, so it bundles nearly
 * all of itself for any use. The API bundles' own zod bytes, as built, are reported beside it.
 */
const ZOD_PROBE_SCHEMA = `
export const Schema = object({
  id: uuid(), email: pipe(email(), transform((s: string) => s.toLowerCase())), at: iso.datetime({ offset: true }),
  n: _default(coerce.number(), 25), kind: _enum(['a', 'b']), lit: literal('x'), tags: array(string()), extra: optional(record(string(), unknown())),
  either: union([string(), number()]), nested: strictObject({ a: nullable(boolean()) }), loose: looseObject({ b: string() }),
});
export const handler = async (event: unknown) => Schema.parse(event);
`;
const ZOD_NAMES = 'object, strictObject, looseObject, string, number, boolean, uuid, email, pipe, transform, iso, _default, coerce, enum as _enum, literal, array, optional, nullable, record, unknown, union';
const ZOD = {
  minSavingBytes: 50_000,
  classicProbe: `import { ${ZOD_NAMES} } from 'zod';\n${ZOD_PROBE_SCHEMA}`,
  miniProbe: `import { ${ZOD_NAMES}, config } from 'zod/mini';\nimport { en } from 'zod/locales';\nconfig(en());\n${ZOD_PROBE_SCHEMA}`,
};
const BASELINE = { name: 'baseline (DynamoDB document client only)', entry: join('scripts', 'bench', 'baseline-handler.ts') };

export interface BuiltBundle {
  group: string;
  file: string;
  bytes: number;
  sourceMapBytes: number;
  /** Minified bytes each npm package (or the project's own code) contributes, largest first. */
  contributors: { from: string; bytes: number }[];
}

/** `node_modules/@aws-sdk/client-dynamodb/dist-es/x.js` → `@aws-sdk/client-dynamodb`; own code → `(project)`. */
function packageOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return '(project)';
  const [first, second] = input.slice(at + 'node_modules/'.length).split('/');
  return first!.startsWith('@') ? `${first}/${second}` : first!;
}

/**
 * The entry of every function in the stack (`functions/<entry>.ts`), route groups and workers alike, read from
 * the stack's own definitions (bundling skipped), so a function added to the stack is measured without a change here.
 */
export function stackFunctionEntries(repoRoot: string): string[] {
  const context = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')).context as Record<string, unknown>;
  const app = new App({ context: { ...context, mailSender: 'bench@bench.example', 'aws:cdk:bundling-stacks': [] } });
  const stack = new ResellerAccountsStack(app, 'Bench');
  const entries = stack.node.findAll().flatMap((construct) => (construct instanceof ProjectFunction ? [construct.entry] : []));
  return [...new Set(entries)].sort();
}

/** A function's entry file, or a source text resolved from the repository root (the zod probes below). */
type Entry = string | { source: string };

export async function buildBundle(repoRoot: string, group: string, outDir: string, entry: Entry = join('functions', `${group}.ts`)): Promise<BuiltBundle> {
  const file = join(outDir, group.replace(/\W+/g, '-'), 'index.js');
  const result = await build({
    ...(typeof entry === 'string' ? { entryPoints: [join(repoRoot, entry)] } : { stdin: { contents: entry.source, loader: 'ts', resolveDir: repoRoot, sourcefile: `${group}.ts` } }),
    outfile: file,
    bundle: true,
    platform: 'node',
    target: BUNDLE_TARGET,
    minify: true,
    format: 'cjs',
    mainFields: BUNDLE_MAIN_FIELDS,
    alias: BUNDLE_ALIAS,
    absWorkingDir: repoRoot,
    // As deployed: sourceMap true, sourcesContent false, nothing external (the pinned SDK is bundled).
    sourcemap: true,
    sourcesContent: false,
    external: [],
    logLevel: 'error',
    metafile: true,
  });
  const byPackage = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  const contributors = [...byPackage].map(([from, bytes]) => ({ from, bytes })).sort((a, b) => b.bytes - a.bytes);
  return { group, file, bytes: (await stat(file)).size, sourceMapBytes: (await stat(`${file}.map`)).size, contributors };
}

// Runs in the child: only the require() is timed, not node's own start-up; in wall time and in the CPU time the
// process spent on it, which a loaded machine stretches far less (the require reads files from the page cache).
const CHILD = `
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const mod = require(process.env.BENCH_BUNDLE);
const t1 = process.hrtime.bigint();
const cpu = process.cpuUsage(c0);
if (typeof mod.handler !== 'function') { process.stderr.write('the bundle exports no handler function'); process.exit(2); }
process.stdout.write(JSON.stringify({ ms: Number(t1 - t0) / 1e6, cpuMs: (cpu.user + cpu.system) / 1e3 }));
`;

export interface ImportTime {
  ms: number;
  cpuMs: number;
}

/**
 * The environment a deployed function has that matters at import time (NODE_OPTIONS included: the
 * stack sets --enable-source-maps), with dummy AWS values; nothing inherited but PATH and HOME.
 */
const childEnv = (file: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  BENCH_BUNDLE: file,
  NODE_OPTIONS: '--enable-source-maps',
  TABLE_NAME: 'reseller-accounts-bench',
  CURSOR_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench-cursor-key',
  PUBLIC_BASE_URL: 'https://api.bench.example',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
});

export function coldImport(file: string): Promise<ImportTime> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD], { env: childEnv(file), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`cold import of ${file} exited with ${code}: ${stderr.trim()}`));
      try {
        resolve(JSON.parse(stdout) as ImportTime);
      } catch {
        reject(new Error(`cold import of ${file} printed no timing: ${stdout} ${stderr}`));
      }
    });
  });
}

/**
 * The bundle rows: each function's size (goal <= 400 kB) and its cold import as a ratio to the baseline's
 * (goal <= 1.5), in CPU time. Each import of a bundle is paired with an import of the baseline just before it,
 * and the ratio is the median of the pairs' ratios: the machine's load drifts within a run, and a pair sees the
 * same moment.
 */
export async function bundleSection(repoRoot: string, outDir: string, rows: Row[], details: Record<string, unknown>): Promise<void> {
  const built: BuiltBundle[] = [];
  for (const entry of stackFunctionEntries(repoRoot)) built.push(await buildBundle(repoRoot, entry, outDir));
  const baseline = await buildBundle(repoRoot, BASELINE.name, outDir, BASELINE.entry);
  const pairs = new Map<BuiltBundle, { bundle: ImportTime; baseline: ImportTime }[]>(built.map((b) => [b, []]));
  for (let run = 0; run < BUNDLE.runs; run++) {
    for (const bundle of built) {
      const first = await coldImport(baseline.file);
      pairs.get(bundle)!.push({ baseline: first, bundle: await coldImport(bundle.file) });
    }
  }
  for (const bundle of built) {
    rows.push({
      section: 'bundles',
      metric: `bundle size: ${bundle.group}`,
      value: bytes(bundle.bytes),
      measured: bundle.bytes,
      unit: 'bytes',
      goal: `<= ${bytes(BUNDLE.maxBytes)}`,
      met: bundle.bytes <= BUNDLE.maxBytes,
    });
  }
  const baselineRuns = [...pairs.values()].flat().map((pair) => pair.baseline);
  const baselineCpu = median(baselineRuns.map((t) => t.cpuMs));
  rows.push({
    section: 'bundles',
    metric: `cold import CPU: ${BASELINE.name}, ${bytes(baseline.bytes)} (median of ${baselineRuns.length})`,
    value: ms(baselineCpu),
    measured: Number(baselineCpu.toFixed(3)),
    unit: 'ms',
    goal: '-',
  });
  const zodOf = (bundle: BuiltBundle) => bundle.contributors.find((c) => c.from === 'zod')?.bytes ?? 0;
  const classicBytes = zodOf(await buildBundle(repoRoot, 'probe zod classic', outDir, { source: ZOD.classicProbe }));
  const miniBytes = zodOf(await buildBundle(repoRoot, 'probe zod mini', outDir, { source: ZOD.miniProbe }));
  const withZod = built.filter((b) => zodOf(b) > 0);
  const largest = withZod.reduce<BuiltBundle | undefined>((a, b) => (a && zodOf(a) >= zodOf(b) ? a : b), undefined);
  const saving = classicBytes - miniBytes;
  rows.push(
    { section: 'bundles', metric: 'zod bytes, the same schema (probe): zod classic', value: bytes(classicBytes), measured: classicBytes, unit: 'bytes', goal: '-' },
    { section: 'bundles', metric: 'zod bytes, the same schema (probe): zod/mini with English messages', value: bytes(miniBytes), measured: miniBytes, unit: 'bytes', goal: '-' },
    ...(largest ? [{ section: 'bundles', metric: `zod bytes in the functions as built (zod/mini): largest, ${largest.group} (${withZod.length} functions carry zod)`, value: bytes(zodOf(largest)), measured: zodOf(largest), unit: 'bytes', goal: '-' }] : []),
    { section: 'bundles', metric: 'zod/mini saving per API bundle (classic - mini, same schema)', value: bytes(saving), measured: saving, unit: 'bytes', goal: `>= ${bytes(ZOD.minSavingBytes)}`, met: saving >= ZOD.minSavingBytes },
  );
  details.zod = { classicProbeBytes: classicBytes, miniProbeBytes: miniBytes, savingPerApiBundle: saving, miniBytesByFunction: withZod.map((b) => ({ group: b.group, bytes: zodOf(b) })) };
  const bundles = [];
  for (const bundle of built) {
    const runs = pairs.get(bundle)!;
    const cpu = median(runs.map((pair) => pair.bundle.cpuMs));
    const r = median(runs.map((pair) => pair.bundle.cpuMs / pair.baseline.cpuMs));
    rows.push({
      section: 'bundles',
      metric: `cold import CPU / baseline: ${bundle.group} (${ms(cpu)}; median of ${BUNDLE.runs} pairs)`,
      value: ratio(r),
      measured: Number(r.toFixed(3)),
      unit: 'ratio',
      goal: `<= ${BUNDLE.maxImportRatio}`,
      met: r <= BUNDLE.maxImportRatio,
    });
    bundles.push({
      group: bundle.group,
      bytes: bundle.bytes,
      sourceMapBytes: bundle.sourceMapBytes,
      largestContributors: bundle.contributors.slice(0, 8),
      imports: runs.map((pair) => ({ cpuMs: round(pair.bundle.cpuMs), ms: round(pair.bundle.ms), baselineCpuMs: round(pair.baseline.cpuMs), baselineMs: round(pair.baseline.ms) })),
      importCpuMedianMs: round(cpu),
      importWallMedianMs: round(median(runs.map((pair) => pair.bundle.ms))),
      importRatioToBaseline: round(r),
      importWallRatioToBaseline: round(median(runs.map((pair) => pair.bundle.ms / pair.baseline.ms))),
    });
  }
  details.bundles = bundles;
  details.coldImportBaseline = {
    entry: BASELINE.entry,
    bytes: baseline.bytes,
    importCpuMedianMs: round(baselineCpu),
    importWallMedianMs: round(median(baselineRuns.map((t) => t.ms))),
  };
}

const round = (value: number): number => Number(value.toFixed(3));
