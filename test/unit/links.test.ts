// shared/platform/links: what is sealed or signed opens or verifies only as it was made, carries its key
// version, keeps verifying while that version is configured and stops once it is dropped; the two rings
// (short-lived: cursors and forms; long-lived: links) never accept each other's values, and rotating one
// leaves the other's alone.
process.env.TABLE_NAME = 'unit';

import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { resetConfig } from '../../shared/platform/config';
import { SIGNATURE_PATTERN, TOKEN_PATTERN } from '../../shared/platform/links/formats';
import { KEYRING_RELOAD_MS, parseKeyring, type Ring } from '../../shared/platform/links/keys';
import { open, seal } from '../../shared/platform/links/sealed';
import { keyedHash, sign, verify } from '../../shared/platform/links/signatures';
import { signLink, verifyLink } from '../../shared/platform/links/signed-link';
import { hashToken, newToken } from '../../shared/platform/links/tokens';

const V1 = '1a'.repeat(32);
const V2 = '2b'.repeat(32);
const V3 = '3c'.repeat(32);

/** A keyring as the secret holds it. */
const keyring = (current: number, keys: Record<number, string>) => JSON.stringify({ current: String(current), keys });

const ENV = { shortLived: 'CURSOR_KEY', longLived: 'LINK_KEY' } as const;

function configure(rings: Partial<Record<Ring, string>>) {
  for (const ring of ['shortLived', 'longLived'] as const) {
    const value = rings[ring];
    if (value === undefined) delete process.env[ENV[ring]];
    else process.env[ENV[ring]] = value;
    delete process.env[`${ENV[ring]}_SECRET_ARN`];
  }
  resetConfig();
}

beforeEach(() => configure({ shortLived: V1, longLived: V2 }));
afterAll(() => configure({}));

const rings = fc.constantFrom<Ring>('shortLived', 'longLived');
const purpose = fc.constantFrom('cursor', 'csrf', 'relationship-link', 'manage-link');
const text = fc.string({ unit: 'grapheme', maxLength: 60 });
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('sealed values', () => {
  test('open gives back what was sealed, for the binding it was sealed to', async () => {
    await fc.assert(
      fc.asyncProperty(rings, purpose, text, text, async (ring, p, plain, binding) => {
        expect(await open(ring, p, await seal(ring, p, plain, binding), binding)).toBe(plain);
      }),
    );
  });

  test('a token with any byte changed, cut short or lengthened does not open', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.uint8Array({ minLength: 1, maxLength: 8 }), async (plain, binding, at, flip, extra) => {
        const raw = Buffer.from(await seal('shortLived', 'cursor', plain, binding), 'base64url');
        const changed = Buffer.from(raw);
        changed[at % raw.length]! ^= flip;
        for (const token of [changed, raw.subarray(0, at % raw.length), Buffer.concat([raw, extra])]) {
          expect(await open('shortLived', 'cursor', token.toString('base64url'), binding)).toBeUndefined();
        }
      }),
    );
  });

  test('a token does not open for another binding or another purpose', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, text, async (plain, binding, other) => {
        fc.pre(other !== binding);
        const token = await seal('shortLived', 'cursor', plain, binding);
        expect(await open('shortLived', 'cursor', token, other)).toBeUndefined();
        expect(await open('shortLived', 'csrf', token, binding)).toBeUndefined();
      }),
    );
  });

  test('the first byte is the key version', async () => {
    configure({ shortLived: keyring(7, { 7: V3 }), longLived: V2 });
    expect(Buffer.from(await seal('shortLived', 'cursor', '{}', 'b'), 'base64url')[0]).toBe(7);
  });
});

describe('signatures', () => {
  test('a signature verifies for the message it signed; it reads `<current version>.<mac>`', async () => {
    await fc.assert(
      fc.asyncProperty(rings, purpose, text, async (ring, p, message) => {
        const signature = await sign(ring, p, message);
        expect(signature).toMatch(SIGNATURE_PATTERN);
        expect(signature.startsWith('1.')).toBe(true);
        expect(await verify(ring, p, message, signature)).toBe(true);
      }),
    );
  });

  test('a signature with any character changed, or for another message or purpose, does not verify', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, fc.nat(), fc.constantFrom(...BASE64URL, '.', '=', ' '), async (message, other, at, replacement) => {
        const signature = await sign('longLived', 'relationship-link', message);
        const i = at % signature.length;
        fc.pre(signature[i] !== replacement);
        const changed = signature.slice(0, i) + replacement + signature.slice(i + 1);
        expect(await verify('longLived', 'relationship-link', message, changed)).toBe(false);
        expect(await verify('longLived', 'relationship-link', message, signature.slice(0, -1))).toBe(false);
        expect(await verify('longLived', 'manage-link', message, signature)).toBe(false);
        if (other !== message) expect(await verify('longLived', 'relationship-link', other, signature)).toBe(false);
      }),
    );
  });

  test('a keyed hash is the same for one value and purpose, and reveals neither', async () => {
    const hash = await keyedHash('shortLived', 'client-network', '203.0.113.7');
    expect(await keyedHash('shortLived', 'client-network', '203.0.113.7')).toBe(hash);
    expect(await keyedHash('shortLived', 'other', '203.0.113.7')).not.toBe(hash);
    expect(await keyedHash('shortLived', 'client-network', '203.0.113.8')).not.toBe(hash);
    expect(hash).not.toContain('203');
  });
});

describe('rotation', () => {
  test('a signature of an old version verifies while that version is configured, and not after it is dropped', async () => {
    await fc.assert(
      fc.asyncProperty(rings, purpose, text, async (ring, p, message) => {
        configure({ [ring]: keyring(1, { 1: V1 }) });
        const old = await sign(ring, p, message);
        configure({ [ring]: keyring(2, { 1: V1, 2: V2 }) });
        const current = await sign(ring, p, message);
        expect(current.startsWith('2.')).toBe(true);
        expect(await verify(ring, p, message, old)).toBe(true);
        expect(await verify(ring, p, message, current)).toBe(true);
        configure({ [ring]: keyring(2, { 2: V2 }) });
        expect(await verify(ring, p, message, old)).toBe(false);
        expect(await verify(ring, p, message, current)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  test('a sealed value of an old version opens while that version is configured, and not after it is dropped', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (plain, binding) => {
        configure({ shortLived: keyring(1, { 1: V1 }) });
        const old = await seal('shortLived', 'cursor', plain, binding);
        configure({ shortLived: keyring(2, { 1: V1, 2: V2 }) });
        expect(Buffer.from(await seal('shortLived', 'cursor', plain, binding), 'base64url')[0]).toBe(2);
        expect(await open('shortLived', 'cursor', old, binding)).toBe(plain);
        configure({ shortLived: keyring(2, { 2: V2 }) });
        expect(await open('shortLived', 'cursor', old, binding)).toBeUndefined();
      }),
      { numRuns: 25 },
    );
  });

  test('a value naming a version that is not configured is refused, whatever its mac', async () => {
    configure({ shortLived: keyring(2, { 1: V1, 2: V2 }), longLived: V3 });
    const signature = await sign('shortLived', 'csrf', 'm');
    for (const version of ['3', '9', '255', '999']) expect(await verify('shortLived', 'csrf', 'm', signature.replace(/^2\./, `${version}.`))).toBe(false);
    const raw = Buffer.from(await seal('shortLived', 'cursor', 'x', 'b'), 'base64url');
    raw[0] = 3;
    expect(await open('shortLived', 'cursor', raw.toString('base64url'), 'b')).toBeUndefined();
  });

  test('a bare secret is version 1: wrapped into a keyring as version 1, what it signed still verifies', async () => {
    configure({ longLived: V1 });
    const link = await signLink('relationship-link', 'partner-1');
    configure({ longLived: keyring(2, { 1: V1, 2: V2 }) });
    expect(await verifyLink('relationship-link', 'partner-1', link)).toBe(true);
  });

  test('rotating the short-lived keys leaves links alone, and rotating the link keys leaves cursors alone', async () => {
    configure({ shortLived: V1, longLived: V2 });
    const link = await signLink('relationship-link', 'partner-1');
    const cursor = await seal('shortLived', 'cursor', '{"pk":"x"}', 'customers|partner-1');
    configure({ shortLived: keyring(2, { 2: V3 }), longLived: V2 });
    expect(await verifyLink('relationship-link', 'partner-1', link)).toBe(true);
    expect(await open('shortLived', 'cursor', cursor, 'customers|partner-1')).toBeUndefined();
    configure({ shortLived: V1, longLived: keyring(2, { 2: V3 }) });
    expect(await open('shortLived', 'cursor', cursor, 'customers|partner-1')).toBe('{"pk":"x"}');
    expect(await verifyLink('relationship-link', 'partner-1', link)).toBe(false);
  });
});

describe('the two rings', () => {
  test('a value of one ring never passes in the other, even when both hold the same secret', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(V1, V2, V3), purpose, text, async (secret, p, message) => {
        configure({ shortLived: secret, longLived: secret });
        expect(await verify('longLived', p, message, await sign('shortLived', p, message))).toBe(false);
        expect(await verifyLink(p, message, await sign('shortLived', p, message))).toBe(false);
        expect(await verify('shortLived', p, message, await signLink(p, message))).toBe(false);
        expect(await open('longLived', p, await seal('shortLived', p, message, 'b'), 'b')).toBeUndefined();
        expect(await open('shortLived', p, await seal('longLived', p, message, 'b'), 'b')).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });

  test('without the link secret, no link is signed or verified', async () => {
    configure({ shortLived: V1 });
    await expect(signLink('relationship-link', 'partner-1')).rejects.toThrow('Neither LINK_KEY nor LINK_KEY_SECRET_ARN is set');
  });
});

describe('keyring configuration', () => {
  test('a bare secret is version 1; the JSON form names the current version and every accepted one', () => {
    expect(parseKeyring(` ${V1}\n`, 'K')).toEqual({ current: 1, secrets: new Map([[1, V1]]) });
    expect(parseKeyring(keyring(2, { 1: V1, 2: V2 }), 'K')).toEqual({ current: 2, secrets: new Map([[1, V1], [2, V2]]) });
  });

  test.each([
    ['a current version without a key', keyring(3, { 1: V1, 2: V2 }), /current version 3 has no key/],
    ['version 0', keyring(1, { 0: V1, 1: V2 } as Record<number, string>), /from 1 to 255/],
    ['version 256', keyring(256, { 256: V1 }), /from 1 to 255/],
    ['a version that is not a number', JSON.stringify({ current: 'a', keys: { a: V1 } }), /from 1 to 255/],
    ['a version with a leading zero', JSON.stringify({ current: '01', keys: { '01': V1 } }), /from 1 to 255/],
    ['a numeric current', JSON.stringify({ current: 1, keys: { 1: V1 } }), /must be \{ "current"/],
    ['keys as a list', JSON.stringify({ current: '1', keys: [V1] }), /must be \{ "current"/],
    ['a key that is not a string', JSON.stringify({ current: '1', keys: { 1: 42 } }), /version 1 is not a string/],
    ['a short bare secret', 'short-secret', /shorter than 32 characters/],
    ['a short versioned key', keyring(2, { 1: V1, 2: 'short-secret' }), /version 2 is shorter/],
  ])('refused: %s', (_, value, message) => {
    expect(() => parseKeyring(value, 'K')).toThrow(message);
  });

  test('a message about a broken secret never quotes it', () => {
    const broken = `{"current":"1","keys":{"1":"${V3}"`;
    expect(() => parseKeyring(broken, 'K')).toThrow('K is neither a bare secret nor valid JSON');
    try {
      parseKeyring(broken, 'K');
    } catch (error) {
      expect((error as Error).message).not.toContain(V3.slice(0, 8));
    }
  });
});

describe('keyrings kept in Secrets Manager', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  afterEach(() => {
    secretsManager.reset();
    jest.restoreAllMocks();
  });

  test('the secret is read once, and read again after a while, so a rotation reaches warm functions', async () => {
    configure({ longLived: V2 });
    delete process.env.CURSOR_KEY;
    process.env.CURSOR_KEY_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:cursor';
    resetConfig();
    secretsManager.on(GetSecretValueCommand, { SecretId: process.env.CURSOR_KEY_SECRET_ARN }).resolves({ SecretString: V1 });
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);

    const old = await sign('shortLived', 'csrf', 'm');
    expect(await verify('shortLived', 'csrf', 'm', old)).toBe(true);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: keyring(2, { 1: V1, 2: V2 }) });
    now += KEYRING_RELOAD_MS - 1;
    expect((await sign('shortLived', 'csrf', 'm')).startsWith('1.')).toBe(true);
    now += 2;
    expect((await sign('shortLived', 'csrf', 'm')).startsWith('2.')).toBe(true);
    expect(await verify('shortLived', 'csrf', 'm', old)).toBe(true);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  test('a failed read is not remembered: the next use tries again', async () => {
    delete process.env.CURSOR_KEY;
    process.env.CURSOR_KEY_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:cursor';
    resetConfig();
    secretsManager.on(GetSecretValueCommand).rejectsOnce(new Error('throttled')).resolves({ SecretString: V1 });
    await expect(sign('shortLived', 'csrf', 'm')).rejects.toThrow('throttled');
    expect(await sign('shortLived', 'csrf', 'm')).toMatch(SIGNATURE_PATTERN);
  });
});

describe('one-time tokens', () => {
  test('a token is 256 random bits in base64url; its stored hash is fixed for it and is not it', () => {
    const tokens = Array.from({ length: 200 }, newToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      expect(token).toMatch(TOKEN_PATTERN);
      expect(hashToken(token)).toBe(hashToken(token));
      expect(hashToken(token)).not.toBe(token);
    }
  });

  test('tokens and their hashes do not depend on any key: they outlive every rotation', () => {
    const token = newToken();
    const hash = hashToken(token);
    configure({ shortLived: keyring(2, { 2: V3 }), longLived: keyring(5, { 5: V1 }) });
    expect(hashToken(token)).toBe(hash);
  });
});
