// Continuation tokens: DynamoDB's LastEvaluatedKey, sealed with AES-256-GCM. Callers can neither read
// nor alter them, and a token only opens for the partner and query it was issued for (the binding is
// the GCM additional data), so a forged or replayed-elsewhere token is refused with a 400.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { config } from '../config.js';
import { invalidContinuationToken } from '../errors.js';

let keyPromise: Promise<Buffer> | undefined;

async function loadKey(): Promise<Buffer> {
  const { cursorKeyHex, cursorKeySecretArn } = config();
  let material = cursorKeyHex;
  if (!material && cursorKeySecretArn) {
    const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: cursorKeySecretArn }));
    material = secret.SecretString;
  }
  if (!material) throw new Error('Neither CURSOR_KEY nor CURSOR_KEY_SECRET_ARN is set');
  // Hashing lets any secret string of enough entropy serve as the key.
  return createHash('sha256').update(material).digest();
}

/** A key for one purpose (cursor sealing, form tokens, link signatures), derived from the one secret. */
export async function derivedKey(purpose: string): Promise<Buffer> {
  return createHmac('sha256', await cursorKey()).update(purpose).digest();
}

const cursorKey = (): Promise<Buffer> => (keyPromise ??= loadKey().catch((error) => {
  keyPromise = undefined;
  throw error;
}));

export async function sealCursor(lastEvaluatedKey: Record<string, unknown> | undefined, binding: string): Promise<string | undefined> {
  if (!lastEvaluatedKey) return undefined;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await cursorKey(), iv);
  cipher.setAAD(Buffer.from(binding));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(lastEvaluatedKey), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export async function openCursor(token: string | undefined, binding: string): Promise<Record<string, unknown> | undefined> {
  if (token === undefined) return undefined;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length < 29) throw invalidContinuationToken();
  const key = await cursorKey();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(binding));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const value: unknown = JSON.parse(plain);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw invalidContinuationToken(error);
  }
}
