// Tests the stand-ins, not the product: how scripts/local starts DynamoDB Local and the local SES endpoint
// for `npm start` and the test tiers. It proves the data survives a restart whatever region a client names,
// the local SES captures what is sent, and a port already in use is refused with a message saying what to do.
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { ensureTable, LOCAL_AWS_CONFIG, localDynamoDbClient, startDynamoDb, type LocalService } from '../../scripts/local/dynamodb.js';
import { assertPortFree, freePort } from '../../scripts/local/ports.js';
import { startSes } from '../../scripts/local/ses.js';

jest.setTimeout(60_000);

const tableName = 'reseller-accounts-local';
let dataDir: string;
const running: LocalService[] = [];
const clients: { destroy(): void }[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'local-services-'));
});

afterEach(async () => {
  clients.splice(0).forEach((client) => client.destroy());
  await Promise.all(running.splice(0).map((service) => service.stop()));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function started<T extends LocalService>(service: Promise<T>): Promise<T> {
  running.push(await service);
  return running[running.length - 1] as T;
}

function client<T extends { destroy(): void }>(c: T): T {
  clients.push(c);
  return c;
}

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('DynamoDB Local', () => {
  it('keeps items in the data dir across a restart, whatever region the client uses', async () => {
    const port = await freePort();
    const first = await started(startDynamoDb({ port, dataDir }));
    await ensureTable(first.endpoint, tableName);
    await ensureTable(first.endpoint, tableName);
    await client(localDynamoDbClient(first.endpoint)).send(
      new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'PARTNER#p1' }, sk: { S: 'PROFILE' }, name: { S: 'Contoso' } } }),
    );
    await first.stop();
    running.splice(0);

    const second = await started(startDynamoDb({ port, dataDir }));
    await ensureTable(second.endpoint, tableName);
    const { Item } = await client(localDynamoDbClient(second.endpoint)).send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'PARTNER#p1' }, sk: { S: 'PROFILE' } } }),
    );
    expect(Item?.name).toEqual({ S: 'Contoso' });

    const elsewhere = client(
      new DynamoDBClient({ endpoint: second.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'other', secretAccessKey: 'other' } }),
    );
    const { TableNames } = await elsewhere.send(new ListTablesCommand({}));
    expect(TableNames).toContain(tableName);
  });
});

describe('local SES', () => {
  it('captures a sent email in GET /store', async () => {
    const ses = await started(startSes({ port: await freePort() }));
    const sender = client(new SESClient({ ...LOCAL_AWS_CONFIG, endpoint: ses.endpoint }));

    const { MessageId } = await sender.send(
      new SendEmailCommand({
        Source: 'noreply@example.com',
        Destination: { ToAddresses: ['customer@example.com'] },
        Message: { Subject: { Data: 'Invitation' }, Body: { Text: { Data: 'Accept the invitation' } } },
      }),
    );

    const store = (await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: { messageId: string; subject: string }[] };
    expect(store.emails).toContainEqual(expect.objectContaining({ messageId: MessageId, subject: 'Invitation' }));
  });
});

describe('a port already in use', () => {
  let port: number;
  let blocker: Server;

  beforeEach(async () => {
    port = await freePort();
    blocker = await occupy(port);
  });

  afterEach(async () => {
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('is reported with the port, the service and the variable to change', async () => {
    await expect(assertPortFree(port, 'DynamoDB Local', 'DYNAMODB_PORT')).rejects.toThrow(
      `Port ${port} (DynamoDB Local) is already in use. Stop what uses it or set DYNAMODB_PORT to another port.`,
    );
  });

  it('stops DynamoDB Local and SES from starting', async () => {
    await expect(startDynamoDb({ port, dataDir })).rejects.toThrow(`Port ${port} (DynamoDB Local) is already in use`);
    await expect(startSes({ port, portEnvVar: 'LOCAL_SES_PORT' })).rejects.toThrow(/set LOCAL_SES_PORT to another port/);
  });
});
