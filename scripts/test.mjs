// `npm test`: type-check, then every jest tier; ends with the line CI reads, `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

const extra = process.argv.slice(2);
let typecheckFailed = 0;
if (extra.length === 0) {
  console.log('> tsc --noEmit');
  typecheckFailed = run('npx', ['tsc', '--noEmit', '-p', '.']) === 0 ? 0 : 1;
}

const results = join(mkdtempSync(join(tmpdir(), 'jest-results-')), 'results.json');
const jestStatus = run('npx', ['jest', '--json', `--outputFile=${results}`, ...extra]);

let passed = 0;
let failed = typecheckFailed;
let skipped = 0;
if (existsSync(results)) {
  const summary = JSON.parse(readFileSync(results, 'utf8'));
  passed = summary.numPassedTests;
  failed += summary.numFailedTests + summary.numRuntimeErrorTestSuites;
  skipped = summary.numPendingTests + summary.numTodoTests;
} else {
  failed += 1;
}
if (typecheckFailed) console.log('Type-check failed (counted as one failure).');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(jestStatus === 0 && failed === 0 ? 0 : 1);
