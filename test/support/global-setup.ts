// Starts DynamoDB Local and the local SES endpoint once for the integration tier and points the
// handlers' environment at them; test files share them and keep apart through unique ids.
import './resolve-ts-extensions';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTable, startDynamoDb } from '../../scripts/local/dynamodb';
import { applyLocalEnvironment, loadOrCreateKeys } from '../../scripts/local/environment';
import { freePort } from '../../scripts/local/ports';
import { startSes } from '../../scripts/local/ses';

export default async function globalSetup(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'reseller-accounts-test-'));
  const dynamo = await startDynamoDb({ port: await freePort(), dataDir });
  const ses = await startSes({ port: await freePort() });
  const tableName = 'reseller-accounts-test';
  await ensureTable(dynamo.endpoint, tableName);
  applyLocalEnvironment({
    dynamoDbEndpoint: dynamo.endpoint,
    sesEndpoint: ses.endpoint,
    keys: await loadOrCreateKeys(dataDir),
    publicBaseUrl: 'http://127.0.0.1:3999',
    tableName,
  });
  process.env.TEST_DATA_DIR = dataDir;
  // A test partner makes hundreds of requests within a minute; test/integration/partner-budget.test.ts checks
  // the budget with a small one of its own.
  process.env.PARTNER_REQUESTS_PER_MINUTE = '1000000';
  // Every test's public page requests come from loopback addresses; test/integration/client-budget.test.ts
  // checks the per-client limit with a small one of its own.
  process.env.CLIENT_PAGE_REQUESTS_PER_MINUTE = '1000000';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  (globalThis as Record<string, unknown>).__LOCAL_SERVICES__ = [dynamo, ses];
}
