// Configuration, read from the environment once. Lambda gets these from the CDK stack; the local
// server and the tests set the same variables.

export interface Config {
  tableName: string;
  /** Set only locally and in tests; on AWS the SDK's default endpoint resolution is used. */
  dynamoDbEndpoint?: string;
  /**
   * The two keyrings of platform/links: `shortLived` (CURSOR_KEY: continuation tokens, form values, client
   * network hashes) and `longLived` (LINK_KEY: links partners mail), each rotated on its own.
   */
  keys: { shortLived: KeySource; longLived: KeySource };
  claims: { partnerId: string; roles: string; userId: string };
  /** Public base URL of the API, used to build absolute links (never the request's Host header). */
  publicBaseUrl: string;
  /** `aws-us-gov` turns on the US Government rules (a relationship must include delegated admin). */
  partition: string;
  invitations: {
    ttlDays: number;
    maxPendingPerPartner: number;
    /** Pending invitations made through the partner's public relationship link: a budget of their own. */
    maxPendingPerLink: number;
    maxPerRecipientPerDay: number;
  };
  /** Requests through the public relationship link, per UTC day: from one client network, and per link. */
  relationshipLink: { maxPerClientPerDay: number; maxPerLinkPerDay: number };
  /**
   * The directory's request-for-information form: requests per UTC day from one client network and to one
   * partner, the least seconds between opening the form and sending it, and how long the emailed link lives.
   */
  informationRequests: { maxPerClientPerDay: number; maxPerPartnerPerDay: number; minFillSeconds: number; linkTtlHours: number };
  /** `maxDeliveryAttempts`: sends of one outbox mail, whatever its kind, before it is failed. */
  mail: { sender: string; configurationSet?: string; sesEndpoint?: string; maxDeliveryAttempts: number };
  /** Requests per minute for each partner, across all its users (shared/platform/http/partner-budget.ts). */
  partnerBudget: { perMinute: number };
  /**
   * Public page requests per minute from one client network to one function (shared/platform/http/client-budget.ts);
   * each instance serves a client its first `uncounted` of a minute without touching the counter.
   */
  clientBudget: { perMinute: number; uncounted: number };
}

/** A keyring given as its value (local, tests) or as the ARN of a Secrets Manager secret holding it (AWS). */
export interface KeySource {
  /** The variable: `<name>` holds the value, `<name>_SECRET_ARN` the secret. */
  name: string;
  value?: string;
  secretArn?: string;
}

const int = (name: string, fallback: number): number => {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};

const env = (name: string): string | undefined => {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
};

const keySource = (name: string): KeySource => ({ name, value: env(name), secretArn: env(`${name}_SECRET_ARN`) });

// A tenth of the limit: a visitor who reads a few pages costs no write, and one instance lets a client past its
// limit by at most that much.
const clientBudget = (perMinute: number) => ({ perMinute, uncounted: Math.floor(perMinute / 10) });

function readConfig(): Config {
  const tableName = env('TABLE_NAME');
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return {
    tableName,
    dynamoDbEndpoint: env('DYNAMODB_ENDPOINT'),
    keys: { shortLived: keySource('CURSOR_KEY'), longLived: keySource('LINK_KEY') },
    claims: {
      partnerId: env('PARTNER_ID_CLAIM') ?? 'custom:partnerId',
      roles: env('ROLES_CLAIM') ?? 'cognito:groups',
      userId: env('USER_ID_CLAIM') ?? 'sub',
    },
    publicBaseUrl: (env('PUBLIC_BASE_URL') ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
    partition: env('AWS_PARTITION') ?? 'aws',
    invitations: {
      ttlDays: int('INVITATION_TTL_DAYS', 30),
      maxPendingPerPartner: int('MAX_PENDING_INVITATIONS_PER_PARTNER', 500),
      maxPendingPerLink: int('MAX_PENDING_LINK_INVITATIONS_PER_PARTNER', 100),
      maxPerRecipientPerDay: int('MAX_INVITATIONS_PER_RECIPIENT_PER_DAY', 5),
    },
    relationshipLink: {
      maxPerClientPerDay: int('MAX_LINK_REQUESTS_PER_CLIENT_PER_DAY', 10),
      maxPerLinkPerDay: int('MAX_LINK_REQUESTS_PER_LINK_PER_DAY', 50),
    },
    informationRequests: {
      maxPerClientPerDay: int('MAX_INFORMATION_REQUESTS_PER_CLIENT_PER_DAY', 5),
      maxPerPartnerPerDay: int('MAX_INFORMATION_REQUESTS_PER_PARTNER_PER_DAY', 100),
      minFillSeconds: int('INFORMATION_REQUEST_MIN_FILL_SECONDS', 3),
      linkTtlHours: int('INFORMATION_REQUEST_LINK_TTL_HOURS', 48),
    },
    mail: {
      sender: env('MAIL_SENDER') ?? 'invitations@reseller-accounts.local',
      configurationSet: env('SES_CONFIGURATION_SET'),
      sesEndpoint: env('SES_ENDPOINT'),
      maxDeliveryAttempts: int('MAX_DELIVERY_ATTEMPTS', 4),
    },
    partnerBudget: { perMinute: int('PARTNER_REQUESTS_PER_MINUTE', 500) },
    clientBudget: clientBudget(int('CLIENT_PAGE_REQUESTS_PER_MINUTE', 60)),
  };
}

let cached: Config | undefined;
export const config = (): Config => (cached ??= readConfig());
/** Tests change the environment between suites. */
export const resetConfig = (): void => {
  cached = undefined;
};
