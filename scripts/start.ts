// `npm start`: the whole system on this machine, on real parts.
import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { ROLES } from '../shared/platform/roles.js';
import { startDynamoDb, ensureTable, localDynamoDbClient } from './local/dynamodb.js';
import { applyLocalEnvironment, DEFAULT_DATA_DIR, LOCAL_TABLE_NAME, loadOrCreateKeys } from './local/environment.js';
import { loadOrCreateIssuer, localIssuerUrl } from './local/issuer.js';
import { assertPortFree } from './local/ports.js';
import { startSes } from './local/ses.js';
import { startStreamPoller } from './local/stream-poller.js';
import { streamWorkers } from './local/stream-workers.js';

/** Whether the table is there already (its stream may hold records that were handled before a restart). */
async function tableExists(endpoint: string, tableName: string): Promise<boolean> {
  const client = localDynamoDbClient(endpoint);
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  } finally {
    client.destroy();
  }
}

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number`);
  return value;
};

async function main() {
  const dataDir = process.env.DATA_DIR ?? DEFAULT_DATA_DIR;
  const apiPort = port('PORT', 3000);
  const dynamoPort = port('DYNAMODB_PORT', 8000);
  const sesPort = port('SES_PORT', 8005);
  await assertPortFree(apiPort, 'API', 'PORT');

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)));

  try {
    const dynamo = await startDynamoDb({ port: dynamoPort, dataDir });
    stops.push(dynamo.stop);
    const tableExisted = await tableExists(dynamo.endpoint, LOCAL_TABLE_NAME);
    await ensureTable(dynamo.endpoint, LOCAL_TABLE_NAME);
    const ses = await startSes({ port: sesPort });
    stops.push(ses.stop);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    applyLocalEnvironment({ dynamoDbEndpoint: dynamo.endpoint, sesEndpoint: ses.endpoint, keys: await loadOrCreateKeys(dataDir), publicBaseUrl: apiUrl });

    // Loaded only now: the handlers read their configuration from the environment set just above.
    const { createLocalServer } = await import('./local/server.js');
    const { seedDemoPartner, DEMO_PARTNER_ID } = await import('./local/seed.js');
    const issuer = await loadOrCreateIssuer({ dataDir, issuer: localIssuerUrl(apiPort) });
    await seedDemoPartner();

    // The mailer, as the stack's event source mapping runs it: outbox inserts from the table's stream go
    // to functions/mailer.ts, failures are retried, and what fails for good is logged (there is no SQS).
    // A table from an earlier run is read from now on (LATEST), so a restart never resends old mail;
    // a new one from its start, so nothing written before the poller began is missed.
    // The import worker likewise, on the same stream: an import item's writes while it is processing go to
    // functions/import-worker.ts.
    const { handler: mailer } = await import('../functions/mailer.js');
    const { handler: importWorker } = await import('../functions/import-worker.js');
    const { isOutboxInsert, outboxPartnerId } = await import('../shared/platform/mail/outbox-filter.js');
    const { isImportDue } = await import('../shared/customer-imports/index.js');
    const { config } = await import('../shared/platform/config.js');
    const poller = await startStreamPoller({
      endpoint: dynamo.endpoint,
      tableName: LOCAL_TABLE_NAME,
      ...streamWorkers([
        { filter: isOutboxInsert, handler: mailer },
        { filter: isImportDue, handler: importWorker },
      ]),
      startingPosition: tableExisted ? 'LATEST' : 'TRIM_HORIZON',
      maxAttempts: config().mail.maxDeliveryAttempts,
      onDeadLetter: ({ record, attempts, error }) =>
        console.warn(`stream: gave up on a record of partner ${outboxPartnerId(record)} after ${attempts} attempts (${error}); kept in memory as a dead letter`),
    });
    stops.push(poller.stop);

    const server = createLocalServer({ issuer });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(apiPort, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

    const tokens = await Promise.all(ROLES.map(async (role) => [role, await issuer.sign({ partnerId: DEMO_PARTNER_ID, roles: [role], userId: `demo-${role}`, ttlSeconds: 12 * 3600 })] as const));
    console.log(`
reseller-accounts is running (Ctrl-C stops everything; data in ${dataDir})

  API              ${apiUrl}            health: ${apiUrl}/health
  API reference    ${apiUrl}/docs       OpenAPI: ${apiUrl}/v1/openapi.json
  Directory        ${apiUrl}/directory  (public; the demo partner has a published profile)
  DynamoDB Local   ${dynamo.endpoint}
  Local SES        ${ses.endpoint}       mail viewer: ${ses.endpoint}/   captured mail: ${ses.endpoint}/store
  Mailer           table stream -> functions/mailer.ts (invitation mail shows up in the mail viewer)
  Import worker    table stream -> functions/import-worker.ts (POST /v1/customer-imports)
  Token issuer     ${issuer.issuer}   JWKS: ${apiUrl}/local-issuer/.well-known/jwks.json

Tokens for the demo partner "${DEMO_PARTNER_ID}" (valid 12 hours; more with: npm run token -- --partner <id> --role <role>):
${tokens.map(([role, token]) => `\n  ${role}:\n  export TOKEN=${token}`).join('\n')}

Try:  curl -H "Authorization: Bearer $TOKEN" ${apiUrl}/v1/customers
`);
  } catch (error) {
    console.error(`\nCould not start: ${(error as Error).message}`);
    await stopAll();
    process.exit(1);
  }
}

void main();
