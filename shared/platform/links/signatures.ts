// MACs under a ring's versioned keys. A signature reads `<version>.<HMAC-SHA256 in base64url>`: the
// version picks the key to verify with, and a version no longer configured verifies nothing.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_PATTERN } from './formats.js';
import { currentKey, keyOfVersion, type Ring } from './keys.js';

const mac = (key: Buffer, message: string): string => createHmac('sha256', key).update(message).digest('base64url');

export async function sign(ring: Ring, purpose: string, message: string): Promise<string> {
  const { version, key } = await currentKey(ring, purpose);
  return `${version}.${mac(key, message)}`;
}

/**
 * The signature a value got under key version `version`, again; undefined when that version is no longer
 * configured. For a link signed in one place and mailed from another: both make the same link.
 */
export async function signAt(ring: Ring, purpose: string, message: string, version: number): Promise<string | undefined> {
  const key = await keyOfVersion(ring, purpose, version);
  return key && `${version}.${mac(key, message)}`;
}

export async function verify(ring: Ring, purpose: string, message: string, signature: string): Promise<boolean> {
  if (!SIGNATURE_PATTERN.test(signature)) return false;
  const [version, given] = signature.split('.') as [string, string];
  const key = await keyOfVersion(ring, purpose, Number(version));
  return key !== undefined && timingSafeEqual(Buffer.from(mac(key, message)), Buffer.from(given));
}

/**
 * A keyed hash to store in place of a value that must not be readable (a client's network). It carries no
 * version and uses the current key only: after a rotation the same value hashes anew, which suits values
 * kept for a day at most.
 */
export async function keyedHash(ring: Ring, purpose: string, message: string): Promise<string> {
  return mac((await currentKey(ring, purpose)).key, message);
}
