// Configuration, read from the environment once. Lambda gets these from the CDK stack; the local
// server and the tests set the same variables.

export interface Config {
  tableName: string;
  /** Set only locally and in tests; on AWS the SDK's default endpoint resolution is used. */
  dynamoDbEndpoint?: string;
  /** 32-byte key (hex) for continuation tokens, given directly (local/tests)... */
  cursorKeyHex?: string;
  /** ...or the ARN of a Secrets Manager secret holding it (AWS). */
  cursorKeySecretArn?: string;
  claims: { partnerId: string; roles: string; userId: string };
  /** Public base URL of the API, used to build absolute links (never the request's Host header). */
  publicBaseUrl: string;
}

const env = (name: string): string | undefined => {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
};

function readConfig(): Config {
  const tableName = env('TABLE_NAME');
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return {
    tableName,
    dynamoDbEndpoint: env('DYNAMODB_ENDPOINT'),
    cursorKeyHex: env('CURSOR_KEY'),
    cursorKeySecretArn: env('CURSOR_KEY_SECRET_ARN'),
    claims: {
      partnerId: env('PARTNER_ID_CLAIM') ?? 'custom:partnerId',
      roles: env('ROLES_CLAIM') ?? 'cognito:groups',
      userId: env('USER_ID_CLAIM') ?? 'sub',
    },
    publicBaseUrl: (env('PUBLIC_BASE_URL') ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
  };
}

let cached: Config | undefined;
export const config = (): Config => (cached ??= readConfig());
/** Tests change the environment between suites. */
export const resetConfig = (): void => {
  cached = undefined;
};
