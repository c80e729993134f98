// Deployment choices read from CDK context (`cdk.json` or `-c key=value`), validated once so a
// typo fails the synth instead of producing an API nobody can call.
import type { Construct } from 'constructs';

export interface Claims {
  partnerId: string;
  roles: string;
  userId: string;
}

export type IdentitySettings =
  | { kind: 'cognito' }
  | { kind: 'external'; issuer: string; audience: string[]; claims: Claims };

export interface Settings {
  identity: IdentitySettings;
  /** Empty: CORS stays off (server-to-server and same-origin callers need none). */
  allowedOrigins: string[];
  /** Absolute links in responses; defaults to the API's own endpoint. */
  publicBaseUrl?: string;
}

/** `-c a=x,y` arrives as a string, cdk.json may hold a real array. */
function list(value: unknown): string[] {
  if (value === undefined || value === '') return [];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function text(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  return value === undefined || value === '' ? undefined : String(value);
}

function httpsUrl(key: string, value: string): string {
  if (!/^https:\/\/[^\s/]+/.test(value)) throw new Error(`context ${key} must be an https:// URL, got "${value}"`);
  return value.replace(/\/$/, '');
}

function externalIdentity(scope: Construct, issuer: string): IdentitySettings {
  const audience = list(scope.node.tryGetContext('jwtAudience'));
  const partnerId = text(scope, 'partnerIdClaim');
  const roles = text(scope, 'rolesClaim');
  // Another provider's claim names are never Cognito's, so guessing them would lock everyone out.
  if (audience.length === 0 || !partnerId || !roles) {
    throw new Error('context jwtIssuer needs jwtAudience, partnerIdClaim and rolesClaim as well');
  }
  return {
    kind: 'external',
    issuer: httpsUrl('jwtIssuer', issuer),
    audience,
    claims: { partnerId, roles, userId: text(scope, 'userIdClaim') ?? 'sub' },
  };
}

export function readSettings(scope: Construct): Settings {
  const issuer = text(scope, 'jwtIssuer');
  const publicBaseUrl = text(scope, 'publicBaseUrl');
  return {
    identity: issuer ? externalIdentity(scope, issuer) : { kind: 'cognito' },
    allowedOrigins: list(scope.node.tryGetContext('allowedOrigins')),
    publicBaseUrl: publicBaseUrl && httpsUrl('publicBaseUrl', publicBaseUrl),
  };
}
