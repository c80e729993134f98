// Keys for what this system seals or signs, derived with HKDF per purpose from versioned secrets. Two
// secrets, two rings, rotated apart: the short-lived ring seals continuation tokens, signs form values and
// keys client network hashes (values that live an hour or a day); the long-lived ring signs the links
// partners paste into their own mail, which live as long as they keep them. Each secret holds a current
// version, which seals and signs, and earlier versions still accepted, so what was signed before a rotation
// keeps working until its version is dropped.
import { hkdfSync } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { config, type KeySource } from '../config.js';

export type Ring = 'shortLived' | 'longLived';

export interface Keyring {
  current: number;
  /** Secret material by version. */
  secrets: ReadonlyMap<number, string>;
}

/** Versions travel inside tokens (one byte in a sealed token), so they are 1-255. */
const VERSION = /^[1-9][0-9]{0,2}$/;
const MIN_SECRET_LENGTH = 32;

const parseVersion = (text: string, name: string): number => {
  if (!VERSION.test(text) || Number(text) > 255) throw new Error(`${name}: key versions are whole numbers from 1 to 255`);
  return Number(text);
};

/**
 * A secret's value: `{ "current": "2", "keys": { "1": "…", "2": "…" } }`, or a bare secret string, which is
 * version 1 (what a new stack generates). Messages name the setting, never the material.
 */
export function parseKeyring(text: string, name: string): Keyring {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return checked({ current: 1, secrets: new Map([[1, trimmed]]) }, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    // JSON.parse quotes the text it failed on, which here is secret.
    throw new Error(`${name} is neither a bare secret nor valid JSON`);
  }
  const { current, keys } = parsed as { current?: unknown; keys?: unknown };
  if (typeof current !== 'string' || typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
    throw new Error(`${name} must be { "current": "<version>", "keys": { "<version>": "<secret>" } }`);
  }
  const secrets = new Map<number, string>();
  for (const [version, secret] of Object.entries(keys)) {
    if (typeof secret !== 'string') throw new Error(`${name}: the key of version ${parseVersion(version, name)} is not a string`);
    secrets.set(parseVersion(version, name), secret);
  }
  return checked({ current: parseVersion(current, name), secrets }, name);
}

function checked(keyring: Keyring, name: string): Keyring {
  if (!keyring.secrets.has(keyring.current)) throw new Error(`${name}: the current version ${keyring.current} has no key`);
  for (const [version, secret] of keyring.secrets) {
    if (secret.length < MIN_SECRET_LENGTH) throw new Error(`${name}: the key of version ${version} is shorter than ${MIN_SECRET_LENGTH} characters`);
  }
  return keyring;
}

/**
 * The ring and the version are part of the derivation, so one secret put in both rings (or under two
 * versions) still gives unrelated keys: a value signed in one ring never verifies in the other.
 */
const derive = (ring: Ring, purpose: string, version: number, secret: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, 'reseller-accounts', `${ring}/${purpose}/v${version}`, 32));

/** A rotation put into Secrets Manager reaches warm functions within this time. */
export const KEYRING_RELOAD_MS = 5 * 60_000;

let secretsManager: SecretsManagerClient | undefined;

async function load(source: KeySource): Promise<Keyring> {
  if (source.value !== undefined) return parseKeyring(source.value, source.name);
  if (!source.secretArn) throw new Error(`Neither ${source.name} nor ${source.name}_SECRET_ARN is set`);
  const secret = await (secretsManager ??= new SecretsManagerClient({})).send(new GetSecretValueCommand({ SecretId: source.secretArn }));
  if (!secret.SecretString) throw new Error(`The secret of ${source.name}_SECRET_ARN has no string value`);
  return parseKeyring(secret.SecretString, `The secret of ${source.name}_SECRET_ARN`);
}

/** Loaded per configuration: tests that change the environment and reset the config get the new keys. */
const loaded = new Map<Ring, { source: KeySource; at: number; keyring: Promise<Keyring> }>();

function keyring(ring: Ring): Promise<Keyring> {
  const source = config().keys[ring];
  const held = loaded.get(ring);
  if (held && held.source === source && (source.value !== undefined || Date.now() - held.at < KEYRING_RELOAD_MS)) return held.keyring;
  const entry = { source, at: Date.now(), keyring: load(source) };
  entry.keyring.catch(() => {
    if (loaded.get(ring) === entry) loaded.delete(ring);
  });
  loaded.set(ring, entry);
  return entry.keyring;
}

/** The key new values are sealed or signed with, and its version, which they carry. */
export async function currentKey(ring: Ring, purpose: string): Promise<{ version: number; key: Buffer }> {
  const { current, secrets } = await keyring(ring);
  return { version: current, key: derive(ring, purpose, current, secrets.get(current)!) };
}

/** The key of the version a value names; undefined when that version is unknown or no longer accepted. */
export async function keyOfVersion(ring: Ring, purpose: string, version: number): Promise<Buffer | undefined> {
  const secret = (await keyring(ring)).secrets.get(version);
  return secret === undefined ? undefined : derive(ring, purpose, version, secret);
}
