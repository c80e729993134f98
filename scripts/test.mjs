// `npm test`: type-check and import boundaries alongside every jest tier; ends with the line CI reads, `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const run = (cmd, args, extraEnv = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } }).status ?? 1;

const extra = process.argv.slice(2);

// The e2e project drives Debian's chromium (browser downloads are blocked here). Installing it is this
// script's job, not a test's: tests only check that it is there. If the install fails, the e2e test says so.
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  console.log(`> apt-get install chromium (the e2e project needs a browser at ${path})`);
  const apt = { DEBIAN_FRONTEND: 'noninteractive' };
  const ok = run('apt-get', ['-q', 'update'], apt) === 0 && run('apt-get', ['-q', 'install', '-y', '--no-install-recommends', 'chromium'], apt) === 0;
  if (!ok) console.log('Could not install chromium (apt-get needs root and network access).');
  else if (!existsSync(path)) console.log(`chromium is installed, but not at ${path}: check CHROMIUM_PATH.`);
}

const selectsProjects = extra.some((arg) => arg.startsWith('--selectProjects'));
if (!selectsProjects || extra.some((arg) => arg === 'e2e' || arg === '--selectProjects=e2e')) ensureChromium();

/** Runs a command in the background with its output kept, to be printed whole once it ends. */
function runQuietly(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ status: 1, output: String(error) }));
    child.on('close', (status) => resolve({ status: status ?? 1, output: Buffer.concat(output).toString() }));
  });
}

// Whole-project checks run with the full suite only, at the same time as jest (they need no local services and
// jest spends much of its time waiting on DynamoDB Local); each failed one counts as one failure.
const checks = [
  ['tsc --noEmit', ['tsc', '--noEmit', '-p', '.']],
  ['import boundaries (.dependency-cruiser.cjs)', ['depcruise', 'shared', 'functions', 'infra', 'scripts', '--config', '.dependency-cruiser.cjs']],
];
const checking = extra.length === 0 ? checks.map(([name, args]) => runQuietly('npx', args).then((outcome) => ({ name, ...outcome }))) : [];

const results = join(mkdtempSync(join(tmpdir(), 'jest-results-')), 'results.json');
// Spawned, not spawnSync: the checks' output is read while jest runs.
const jestStatus = await new Promise((resolve) => {
  spawn('npx', ['jest', '--json', `--outputFile=${results}`, ...extra], { stdio: 'inherit', env }).on('close', (status) => resolve(status ?? 1));
});
const failedChecks = [];
for (const { name, status, output } of await Promise.all(checking)) {
  console.log(`> ${name}\n${output.trimEnd()}`);
  if (status !== 0) failedChecks.push(name);
}

let passed = 0;
let failed = failedChecks.length;
let skipped = 0;
if (existsSync(results)) {
  const summary = JSON.parse(readFileSync(results, 'utf8'));
  passed = summary.numPassedTests;
  failed += summary.numFailedTests + summary.numRuntimeErrorTestSuites;
  skipped = summary.numPendingTests + summary.numTodoTests;
} else {
  failed += 1;
}
for (const name of failedChecks) console.log(`${name} failed (counted as one failure).`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(jestStatus === 0 && failed === 0 ? 0 : 1);
