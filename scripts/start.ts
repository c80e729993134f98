// `npm start`: the whole system on this machine, on real parts.
import { ROLES } from '../shared/roles.js';
import { startDynamoDb, ensureTable } from './local/dynamodb.js';
import { applyLocalEnvironment, DEFAULT_DATA_DIR, LOCAL_TABLE_NAME, loadOrCreateCursorKey } from './local/environment.js';
import { loadOrCreateIssuer, localIssuerUrl } from './local/issuer.js';
import { assertPortFree } from './local/ports.js';
import { startSes } from './local/ses.js';

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
    await ensureTable(dynamo.endpoint, LOCAL_TABLE_NAME);
    const ses = await startSes({ port: sesPort });
    stops.push(ses.stop);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    applyLocalEnvironment({ dynamoDbEndpoint: dynamo.endpoint, sesEndpoint: ses.endpoint, cursorKey: await loadOrCreateCursorKey(dataDir), publicBaseUrl: apiUrl });

    // Loaded only now: the handlers read their configuration from the environment set just above.
    const { createLocalServer } = await import('./local/server.js');
    const { seedDemoPartner, DEMO_PARTNER_ID } = await import('./local/seed.js');
    const issuer = await loadOrCreateIssuer({ dataDir, issuer: localIssuerUrl(apiPort) });
    await seedDemoPartner();
    const server = createLocalServer({ issuer });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(apiPort, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

    const tokens = await Promise.all(ROLES.map(async (role) => [role, await issuer.sign({ partnerId: DEMO_PARTNER_ID, roles: [role], userId: `demo-${role}`, ttlSeconds: 12 * 3600 })] as const));
    console.log(`
reseller-accounts is running (Ctrl-C stops everything; data in ${dataDir})

  API              ${apiUrl}            health: ${apiUrl}/health
  API reference    ${apiUrl}/docs       OpenAPI: ${apiUrl}/v1/openapi.json
  DynamoDB Local   ${dynamo.endpoint}
  Local SES        ${ses.endpoint}       mail viewer: ${ses.endpoint}/   captured mail: ${ses.endpoint}/store
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
