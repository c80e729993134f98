// Values a client holds but may neither read nor change (continuation tokens), sealed with AES-256-GCM:
// `[version][iv 12][tag 16][ciphertext]` in base64url. The version byte and the caller's binding are
// authenticated as additional data, so a token opens only where it was issued, and only while its
// version is configured.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { currentKey, keyOfVersion, type Ring } from './keys.js';

const HEADER_BYTES = 1 + 12 + 16;

const additionalData = (version: number, binding: string) => Buffer.concat([Buffer.of(version), Buffer.from(binding)]);

export async function seal(ring: Ring, purpose: string, plaintext: string, binding: string): Promise<string> {
  const { version, key } = await currentKey(ring, purpose);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additionalData(version, binding));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(version), iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The plaintext, or undefined when the token is not one sealed here for this binding with a key still configured. */
export async function open(ring: Ring, purpose: string, token: string, binding: string): Promise<string | undefined> {
  const raw = Buffer.from(token, 'base64url');
  if (raw.length < HEADER_BYTES) return undefined;
  const version = raw[0]!;
  const key = await keyOfVersion(ring, purpose, version);
  if (!key) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(1, 13));
    decipher.setAAD(additionalData(version, binding));
    decipher.setAuthTag(raw.subarray(13, HEADER_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
