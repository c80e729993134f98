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

export interface MailSettings {
  /**
   * Context `mailSender`: the From address of invitation mail. REQUIRED for a real deployment: SES sends
   * only from a verified identity (and, while the account is in the SES sandbox, only to verified ones).
   * Without it the synth uses `invitations@example.com` (so tests and `cdk synth` work) and warns.
   */
  sender: string;
  senderIsDefault: boolean;
  /**
   * Context `mailIdentity`: the verified SES identity the sender belongs to, a domain (`example.com`) or the
   * address itself; default: the sender's domain. Verify it in SES (DKIM) before deploying; the mailer's
   * role may send only from it.
   */
  identity: string;
}

export interface InvitationSettings {
  /** Context `invitationTtlDays` (default 30). */
  ttlDays: number;
  /** Context `maxPendingInvitationsPerPartner` (default 500). */
  maxPendingPerPartner: number;
  /** Context `maxPendingLinkInvitationsPerPartner` (default 100): the public relationship link's own budget. */
  maxPendingPerLink: number;
  /** Context `maxLinkRequestsPerClientPerDay` (default 10): public relationship link requests from one client network. */
  maxLinkRequestsPerClientPerDay: number;
  /** Context `maxLinkRequestsPerLinkPerDay` (default 50): requests through one partner's relationship link. */
  maxLinkRequestsPerLinkPerDay: number;
  /** Context `maxInvitationsPerRecipientPerDay` (default 5). */
  maxPerRecipientPerDay: number;
  /** Context `maxDeliveryAttempts` (default 4): sends per outbox mail, of any kind, before it is `failed`. */
  maxDeliveryAttempts: number;
}

export interface Settings {
  identity: IdentitySettings;
  /** Empty: CORS stays off (server-to-server and same-origin callers need none). */
  allowedOrigins: string[];
  /** Absolute links in responses; defaults to the API's own endpoint. */
  publicBaseUrl?: string;
  mail: MailSettings;
  invitations: InvitationSettings;
  /** Context `partnerRequestsPerMinute` (default 500): each partner's requests a minute, across all its users. */
  partnerRequestsPerMinute: number;
  /** Context `clientPageRequestsPerMinute` (default 60): one client network's public page requests a minute, per function. */
  clientPageRequestsPerMinute: number;
  /** Context `alarmEmail`: an address subscribed to the operator alarms topic (confirm the mail AWS sends). */
  alarmEmail?: string;
}

export const DEFAULT_MAIL_SENDER = 'invitations@example.com';

const EMAIL = /^[^\s@<>()",;:]+@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)$/i;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

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

function wholeNumber(scope: Construct, key: string, fallback: number, max: number): number {
  const raw = text(scope, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`context ${key} must be a whole number from 1 to ${max}, got "${raw}"`);
  return value;
}

function mailSettings(scope: Construct): MailSettings {
  const given = text(scope, 'mailSender');
  const sender = given ?? DEFAULT_MAIL_SENDER;
  const match = EMAIL.exec(sender);
  if (!match) throw new Error(`context mailSender must be a plain email address such as invitations@example.com, got "${sender}"`);
  const senderDomain = match[1]!.toLowerCase();
  const identity = (text(scope, 'mailIdentity') ?? senderDomain).toLowerCase();
  const fitsIdentity = identity.includes('@')
    ? identity === sender.toLowerCase()
    : DOMAIN.test(identity) && (senderDomain === identity || senderDomain.endsWith(`.${identity}`));
  if (!fitsIdentity) throw new Error(`context mailSender ${sender} is not covered by the SES identity mailIdentity=${identity}`);
  return { sender, senderIsDefault: given === undefined, identity };
}

function alarmEmail(scope: Construct): string | undefined {
  const address = text(scope, 'alarmEmail');
  if (address !== undefined && !EMAIL.test(address)) throw new Error(`context alarmEmail is not an email address: ${address}`);
  return address;
}

export function readSettings(scope: Construct): Settings {
  const issuer = text(scope, 'jwtIssuer');
  const publicBaseUrl = text(scope, 'publicBaseUrl');
  return {
    identity: issuer ? externalIdentity(scope, issuer) : { kind: 'cognito' },
    allowedOrigins: list(scope.node.tryGetContext('allowedOrigins')),
    publicBaseUrl: publicBaseUrl && httpsUrl('publicBaseUrl', publicBaseUrl),
    mail: mailSettings(scope),
    invitations: {
      ttlDays: wholeNumber(scope, 'invitationTtlDays', 30, 365),
      maxPendingPerPartner: wholeNumber(scope, 'maxPendingInvitationsPerPartner', 500, 100_000),
      maxPendingPerLink: wholeNumber(scope, 'maxPendingLinkInvitationsPerPartner', 100, 100_000),
      maxLinkRequestsPerClientPerDay: wholeNumber(scope, 'maxLinkRequestsPerClientPerDay', 10, 10_000),
      maxLinkRequestsPerLinkPerDay: wholeNumber(scope, 'maxLinkRequestsPerLinkPerDay', 50, 100_000),
      maxPerRecipientPerDay: wholeNumber(scope, 'maxInvitationsPerRecipientPerDay', 5, 1_000),
      // The event source mapping retries a record at most this many times minus one (its limit is 10,000).
      maxDeliveryAttempts: wholeNumber(scope, 'maxDeliveryAttempts', 4, 10_000),
    },
    partnerRequestsPerMinute: wholeNumber(scope, 'partnerRequestsPerMinute', 500, 1_000_000),
    clientPageRequestsPerMinute: wholeNumber(scope, 'clientPageRequestsPerMinute', 60, 1_000_000),
    alarmEmail: alarmEmail(scope),
  };
}
