// Local stand-in for the Cognito user pool: signs ID-token-shaped JWTs and verifies them the way the
// API Gateway HTTP API JWT authorizer does, so handlers see the same claims locally as in AWS.
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
} from 'jose';

export const LOCAL_AUDIENCE = 'reseller-accounts-local';
export const localIssuerUrl = (port: number) => `http://127.0.0.1:${port}/local-issuer`;
export const ISSUER_KEYS_FILE = 'issuer-keys.json';

const ALG = 'RS256';
const DEFAULT_TTL_SECONDS = 3600;

export interface SignInput {
  partnerId: string;
  roles: readonly string[];
  userId: string;
  ttlSeconds?: number;
}

export interface LocalIssuer {
  readonly issuer: string;
  readonly audience: string;
  /** Public key only: what the issuer's jwks_uri would serve. */
  jwks(): { keys: JWK[] };
  sign(input: SignInput): Promise<string>;
  /** Throws unless signature, kid, iss, aud, exp, nbf and iat pass the checks API Gateway makes. */
  verify(token: string): Promise<Record<string, unknown>>;
}

export async function loadOrCreateIssuer({
  dataDir,
  issuer,
  audience = LOCAL_AUDIENCE,
}: {
  dataDir: string;
  issuer: string;
  audience?: string;
}): Promise<LocalIssuer> {
  const privateJwk = await loadOrCreateKey(resolve(dataDir, ISSUER_KEYS_FILE));
  const privateKey = await importJWK(privateJwk, ALG);
  const publicJwk: JWK = { kty: privateJwk.kty, n: privateJwk.n, e: privateJwk.e, kid: privateJwk.kid, alg: ALG, use: 'sig' };
  const keySet = createLocalJWKSet({ keys: [publicJwk] });

  return {
    issuer,
    audience,
    jwks: () => ({ keys: [{ ...publicJwk }] }),

    async sign({ partnerId, roles, userId, ttlSeconds = DEFAULT_TTL_SECONDS }) {
      const now = Math.floor(Date.now() / 1000);
      // Cognito leaves cognito:groups out of the token when the user is in no group.
      const groups = roles.length > 0 ? { 'cognito:groups': [...roles] } : {};
      return new SignJWT({ 'custom:partnerId': partnerId, ...groups, token_use: 'id' })
        .setProtectedHeader({ alg: ALG, kid: publicJwk.kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(userId)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(privateKey);
    },

    async verify(token) {
      const { payload } = await jwtVerify(
        token,
        (header, input) => {
          // jose would fall back to the only key in the set; API Gateway refuses a token without kid.
          if (!header.kid) throw new errors.JWKSNoMatchingKey('token header has no kid');
          return keySet(header, input);
        },
        { issuer, audience, algorithms: [ALG], requiredClaims: ['exp'] },
      );
      // jose checks iat only together with maxTokenAge; API Gateway wants it in the past.
      if (typeof payload.iat === 'number' && payload.iat > Math.floor(Date.now() / 1000)) {
        throw new errors.JWTClaimValidationFailed('"iat" claim is in the future', payload, 'iat', 'check_failed');
      }
      return payload;
    },
  };
}

/**
 * API Gateway HTTP API (payload 2.0) hands every JWT claim to the Lambda as a string:
 * arrays as "[a b c]", numbers and booleans as their text.
 */
export function toApiGatewayClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, claimText(value)]));
}

function claimText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(claimText).join(' ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

async function loadOrCreateKey(path: string): Promise<JWK> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(path), { recursive: true });
  // Written aside, then linked into place (link never overwrites): when the server and the token script
  // start together on a fresh data dir, both end up with the same key instead of the last writer's.
  const draft = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(draft, JSON.stringify(await createKey()), { mode: 0o600 });
  try {
    await link(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(draft);
  }
  return JSON.parse(await readFile(path, 'utf8')) as JWK;
}

async function createKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: ALG, use: 'sig' };
}
