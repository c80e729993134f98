import startSesServer from 'aws-ses-v2-local';
import type { LocalService } from './dynamodb.js';
import { assertPortFree } from './ports.js';

/**
 * Starts aws-ses-v2-local inside this process on 127.0.0.1. Sent mail is kept in memory and readable
 * at `GET <endpoint>/store`; it is shared by every server started in the same process.
 */
export async function startSes({ port, portEnvVar = 'SES_PORT' }: { port: number; portEnvVar?: string }): Promise<LocalService> {
  await assertPortFree(port, 'local SES', portEnvVar);
  const server = await startSesServer({ host: '127.0.0.1', port });
  // express hands a listen error to the callback the package resolves with, so failure looks like success.
  if (!server.listening) throw new Error(`Local SES could not listen on 127.0.0.1:${port}.`);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      // SDK clients keep connections alive; close() alone would wait for them.
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  try {
    const response = await fetch(`${endpoint}/store`);
    await response.text();
    if (!response.ok) throw new Error(`status ${response.status}`);
  } catch (error) {
    await stop();
    throw new Error(`Local SES started but GET ${endpoint}/store failed: ${(error as Error).message}`);
  }
  return { endpoint, stop };
}
