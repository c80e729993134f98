// Who may call the partner routes: a Cognito user pool by default, or an external OIDC provider
// chosen by context. Either way the API only needs an issuer, an audience and the claim names.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../shared/platform/roles.js';
import type { Claims, IdentitySettings } from './settings.js';

export interface Identity {
  issuer: string;
  audience: string[];
  claims: Claims;
  /** Only when the stack owns the user pool. */
  cognito?: PartnerUserPool;
}

const PARTNER_ID_ATTRIBUTE = 'partnerId';

/** What Cognito ID tokens carry: the immutable custom attribute and the group list. */
export const COGNITO_CLAIMS: Claims = {
  partnerId: `custom:${PARTNER_ID_ATTRIBUTE}`,
  roles: 'cognito:groups',
  userId: 'sub',
};

export class PartnerUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly issuer: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Pool', {
      // Partner users are created by the partner's administrators, who also set the partner id.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      customAttributes: {
        // Immutable: a user can never move itself to another partner's data.
        [PARTNER_ID_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Required, authenticator app only: these users can end customer relationships and request
      // delegated admin access, and SMS would need an SNS sending role and spend limits.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised-credential and risky sign-in blocking) needs the Plus plan;
      // with a partner's staff as the only users the per-user cost is small.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of ROLES) this.userPool.addGroup(role, { groupName: role });

    // A browser or CLI client: no secret to leak, SRP so the password never leaves the client,
    // and no hosted UI (OAuth flows off) because nothing here redirects through it.
    this.client = this.userPool.addClient('Client', {
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    // Built from the partition's URL suffix; the issuer must match the token's `iss` exactly.
    const stack = Stack.of(this);
    this.issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}

export function createIdentity(scope: Construct, settings: IdentitySettings): Identity {
  if (settings.kind === 'external') {
    return { issuer: settings.issuer, audience: settings.audience, claims: settings.claims };
  }
  const cognito = new PartnerUserPool(scope, 'PartnerUsers');
  return { issuer: cognito.issuer, audience: [cognito.client.userPoolClientId], claims: COGNITO_CLAIMS, cognito };
}
