// The OpenAPI document, exactly as GET /v1/openapi.json serves it, passes an outside linter: Redocly CLI with
// the rules in redocly.yaml, run offline, failing on any error.
process.env.TABLE_NAME = 'unit-table';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handler } from '../../functions/docs';

const REPO = resolve(__dirname, '..', '..');

test('the served OpenAPI document passes redocly lint', async () => {
  const event = { version: '2.0', routeKey: 'GET /v1/openapi.json', rawPath: '/v1/openapi.json', headers: {}, requestContext: { requestId: 'lint' } };
  const served = (await handler(event as unknown as APIGatewayProxyEventV2, {} as Context)) as { statusCode: number; body: string };
  expect(served.statusCode).toBe(200);

  const dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, served.body);
    const lint = spawnSync(join(REPO, 'node_modules', '.bin', 'redocly'), ['lint', file, '--config', join(REPO, 'redocly.yaml'), '--format', 'stylish'], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      timeout: 60_000,
    });
    expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({ status: 0, output: expect.any(String) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // Redocly is a separate process: on a loaded 2-core machine it takes well over jest's 5 s default.
}, 60_000);
