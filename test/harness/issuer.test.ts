// Tests the stand-in, not the product: the local token issuer (scripts/local/issuer.ts) that plays the
// Cognito user pool and the API Gateway JWT authorizer in `npm start` and the integration tests. It proves
// the issuer signs Cognito-shaped ID tokens, keeps its key across restarts, refuses every token the
// authorizer would refuse, and hands claims over in API Gateway's string form. In AWS none of this code runs.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import {
  ISSUER_KEYS_FILE,
  LOCAL_AUDIENCE,
  loadOrCreateIssuer,
  localIssuerUrl,
  toApiGatewayClaims,
} from '../../scripts/local/issuer.js';

const issuerUrl = localIssuerUrl(3000);
const claims = { partnerId: 'partner-1', roles: ['admin-agent', 'sales-agent'], userId: 'user-1' };

// RSA key generation takes ~100 ms, so most tests share one data dir (one key) and another for "a foreign key".
let dataDir: string;
let otherDataDir: string;
const freshDirs: string[] = [];
const freshDir = async () => {
  freshDirs.push(await mkdtemp(join(tmpdir(), 'issuer-fresh-')));
  return freshDirs[freshDirs.length - 1];
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'issuer-'));
  otherDataDir = await mkdtemp(join(tmpdir(), 'issuer-other-'));
});

afterAll(async () => {
  await Promise.all([dataDir, otherDataDir, ...freshDirs].map((dir) => rm(dir, { recursive: true, force: true })));
});

const load = (overrides: { dataDir?: string; issuer?: string; audience?: string } = {}) =>
  loadOrCreateIssuer({ dataDir, issuer: issuerUrl, audience: LOCAL_AUDIENCE, ...overrides });

describe('local issuer', () => {
  it('signs a Cognito-ID-token-shaped JWT that it verifies', async () => {
    const issuer = await load();
    const before = Math.floor(Date.now() / 1000);

    const payload = await issuer.verify(await issuer.sign(claims));

    expect(payload).toMatchObject({
      iss: issuerUrl,
      aud: LOCAL_AUDIENCE,
      sub: 'user-1',
      'custom:partnerId': 'partner-1',
      'cognito:groups': ['admin-agent', 'sales-agent'],
      token_use: 'id',
    });
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.exp).toBe((payload.iat as number) + 3600);
  });

  it('puts the kid in the header and serves only the public key', async () => {
    const issuer = await load();
    const [header] = (await issuer.sign(claims)).split('.');
    const { keys } = issuer.jwks();

    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'RS256', kid: keys[0].kid });
  });

  it('leaves cognito:groups out when there is no role, as Cognito does', async () => {
    const issuer = await load();
    const payload = await issuer.verify(await issuer.sign({ ...claims, roles: [] }));
    expect(payload).not.toHaveProperty('cognito:groups');
  });

  it('keeps its key across restarts, in a file only the owner can read', async () => {
    const dir = await freshDir();
    const first = await load({ dataDir: dir });
    const token = await first.sign(claims);

    const second = await load({ dataDir: dir });

    expect(second.jwks()).toEqual(first.jwks());
    await expect(second.verify(token)).resolves.toMatchObject({ sub: 'user-1' });
    expect((await stat(join(dir, ISSUER_KEYS_FILE))).mode & 0o777).toBe(0o600);
  });

  it('agrees on one key when two processes start on a fresh data dir together', async () => {
    const dir = await freshDir();
    const [a, b] = await Promise.all([load({ dataDir: dir }), load({ dataDir: dir })]);
    expect(a.jwks()).toEqual(b.jwks());
  });

  describe('rejects', () => {
    it('a token for another audience', async () => {
      const token = await (await load({ audience: 'someone-else' })).sign(claims);
      await expect((await load()).verify(token)).rejects.toThrow(/aud/);
    });

    it('a token from another issuer', async () => {
      const token = await (await load({ issuer: localIssuerUrl(3001) })).sign(claims);
      await expect((await load()).verify(token)).rejects.toThrow(/iss/);
    });

    it('an expired token', async () => {
      const issuer = await load();
      const token = await issuer.sign({ ...claims, ttlSeconds: -1 });
      await expect(issuer.verify(token)).rejects.toThrow(/exp/);
    });

    it('a token whose signature was tampered with', async () => {
      const issuer = await load();
      const [header, payload, signature] = (await issuer.sign(claims)).split('.');
      const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
      await expect(issuer.verify([header, payload, flipped].join('.'))).rejects.toThrow(/signature/);
    });

    it('a token whose claims were changed after signing', async () => {
      const issuer = await load();
      const [header, , signature] = (await issuer.sign(claims)).split('.');
      const forged = Buffer.from(
        JSON.stringify({ ...claims, 'cognito:groups': ['global-admin'], iss: issuerUrl, aud: LOCAL_AUDIENCE, exp: 9999999999 }),
      ).toString('base64url');
      await expect(issuer.verify([header, forged, signature].join('.'))).rejects.toThrow(/signature/);
    });

    it('a token signed by another key', async () => {
      const token = await (await load({ dataDir: otherDataDir })).sign(claims);
      await expect((await load()).verify(token)).rejects.toThrow();
    });

    it('a token signed by another key that claims our kid', async () => {
      const issuer = await load();
      await load({ dataDir: otherDataDir });
      const otherKey = JSON.parse(await readFile(join(otherDataDir, ISSUER_KEYS_FILE), 'utf8')) as JWK;
      const token = await new SignJWT({ 'custom:partnerId': 'partner-1' })
        .setProtectedHeader({ alg: 'RS256', kid: issuer.jwks().keys[0].kid })
        .setIssuer(issuerUrl)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(await importJWK(otherKey, 'RS256'));
      await expect(issuer.verify(token)).rejects.toThrow(/signature/);
    });

    it('a token without kid, as API Gateway does', async () => {
      const issuer = await load();
      const privateKey = JSON.parse(await readFile(join(dataDir, ISSUER_KEYS_FILE), 'utf8')) as JWK;
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(issuerUrl)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(await importJWK(privateKey, 'RS256'));
      await expect(issuer.verify(token)).rejects.toThrow(/kid/);
    });
  });
});

describe('toApiGatewayClaims', () => {
  it('hands claims over as strings, arrays as "[a b]", as API Gateway HTTP APIs do', () => {
    expect(
      toApiGatewayClaims({
        sub: 'user-1',
        'cognito:groups': ['admin-agent', 'sales-agent'],
        exp: 1700000000,
        email_verified: true,
      }),
    ).toEqual({
      sub: 'user-1',
      'cognito:groups': '[admin-agent sales-agent]',
      exp: '1700000000',
      email_verified: 'true',
    });
  });
});
