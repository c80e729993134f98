import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LOCAL_AWS_CONFIG } from './dynamodb.js';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.data');
export const LOCAL_TABLE_NAME = 'reseller-accounts-local';

/** A key kept beside the data, so continuation tokens stay valid across restarts. */
export async function loadOrCreateCursorKey(dataDir: string): Promise<string> {
  const file = join(dataDir, 'cursor-key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const key = randomBytes(32).toString('hex');
    await writeFile(file, key, { mode: 0o600 });
    return key;
  }
}

/** The environment the handlers read (shared/platform/config.ts), pointed at the local services. */
export function applyLocalEnvironment(settings: {
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  cursorKey: string;
  publicBaseUrl: string;
  tableName?: string;
}): void {
  Object.assign(process.env, {
    TABLE_NAME: settings.tableName ?? LOCAL_TABLE_NAME,
    DYNAMODB_ENDPOINT: settings.dynamoDbEndpoint,
    SES_ENDPOINT: settings.sesEndpoint,
    CURSOR_KEY: settings.cursorKey,
    PUBLIC_BASE_URL: settings.publicBaseUrl,
    AWS_REGION: LOCAL_AWS_CONFIG.region,
    AWS_ACCESS_KEY_ID: LOCAL_AWS_CONFIG.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CONFIG.credentials.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'reseller-accounts',
  });
}
