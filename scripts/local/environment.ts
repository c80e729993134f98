import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LOCAL_AWS_CONFIG } from './dynamodb.js';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.data');
export const LOCAL_TABLE_NAME = 'reseller-accounts-local';

async function loadOrCreateKey(dataDir: string, name: string): Promise<string> {
  const file = join(dataDir, name);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const key = randomBytes(32).toString('hex');
    await writeFile(file, key, { mode: 0o600 });
    return key;
  }
}

export interface LocalKeys {
  cursorKey: string;
  linkKey: string;
}

/**
 * The two secrets of shared/platform/links (short-lived: cursors and forms; long-lived: relationship links),
 * kept beside the data so tokens and links stay valid across restarts. A file may hold a keyring's JSON
 * (README, "Rotating keys") to try a rotation locally.
 */
export const loadOrCreateKeys = async (dataDir: string): Promise<LocalKeys> => ({
  cursorKey: await loadOrCreateKey(dataDir, 'cursor-key'),
  linkKey: await loadOrCreateKey(dataDir, 'link-key'),
});

/** The environment the handlers read (shared/platform/config.ts), pointed at the local services. */
export function applyLocalEnvironment(settings: {
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  keys: LocalKeys;
  publicBaseUrl: string;
  tableName?: string;
}): void {
  Object.assign(process.env, {
    TABLE_NAME: settings.tableName ?? LOCAL_TABLE_NAME,
    DYNAMODB_ENDPOINT: settings.dynamoDbEndpoint,
    SES_ENDPOINT: settings.sesEndpoint,
    CURSOR_KEY: settings.keys.cursorKey,
    LINK_KEY: settings.keys.linkKey,
    PUBLIC_BASE_URL: settings.publicBaseUrl,
    AWS_REGION: LOCAL_AWS_CONFIG.region,
    AWS_ACCESS_KEY_ID: LOCAL_AWS_CONFIG.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CONFIG.credentials.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'reseller-accounts',
  });
}
