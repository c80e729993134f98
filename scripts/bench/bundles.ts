// Builds each function the way the CDK stack does (infra/bundling.ts and the `bundling:` block in
// infra/functions.ts) and times a cold require() of each bundle in a fresh node process.
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_ALIAS, BUNDLE_MAIN_FIELDS, BUNDLE_TARGET } from '../../infra/bundling.js';

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

export async function buildBundle(repoRoot: string, group: string, outDir: string): Promise<BuiltBundle> {
  const file = join(outDir, group, 'index.js');
  const result = await build({
    entryPoints: [join(repoRoot, 'functions', `${group}.ts`)],
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

// Runs in the child: only the require() is timed, not node's own start-up.
const CHILD = `
const t0 = process.hrtime.bigint();
const mod = require(process.env.BENCH_BUNDLE);
const t1 = process.hrtime.bigint();
if (typeof mod.handler !== 'function') { process.stderr.write('the bundle exports no handler function'); process.exit(2); }
process.stdout.write(JSON.stringify({ ms: Number(t1 - t0) / 1e6 }));
`;

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

export function coldImportMs(file: string): Promise<number> {
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
        resolve((JSON.parse(stdout) as { ms: number }).ms);
      } catch {
        reject(new Error(`cold import of ${file} printed no timing: ${stdout} ${stderr}`));
      }
    });
  });
}
