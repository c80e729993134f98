import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, type Environment } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ResellerAccountsStack } from '../../infra/stack.js';
import { INDEXES, KEY_ATTRIBUTES, TTL_ATTRIBUTE } from '../../shared/data/table-definition.js';
import { ROLES } from '../../shared/roles.js';
import { FUNCTION_GROUPS, routeKey, routes, type FunctionGroup, type RouteDef } from '../../shared/routes.js';

// The same feature flags as `cdk synth`, so the test checks the template that gets deployed.
const cdkContext = JSON.parse(readFileSync(path.join(__dirname, '../../cdk.json'), 'utf8')).context;

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;

function synth(context: Record<string, unknown> = {}, env?: Environment) {
  const app = new App({ context: { ...cdkContext, ...context } });
  const stack = new ResellerAccountsStack(app, 'Test', { env });
  const template = Template.fromStack(stack);
  // After synthesis, so the checks see the finished tree; acknowledged findings are not reported.
  const violations = new AwsSolutionsChecks().validateScope(app).violations;
  const resources = template.toJSON().Resources as Resources;
  return { template, violations, resources, json: JSON.stringify(template.toJSON()) };
}

const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const allRoutes = routes as readonly RouteDef[];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:*'];

describe('default stack (Cognito)', () => {
  let s: ReturnType<typeof synth>;
  beforeAll(() => {
    s = synth();
  }, 120_000);

  test('cdk-nag AwsSolutions: no unacknowledged errors or warnings', () => {
    expect(s.violations.map((v) => `${v.severity} ${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`)).toEqual([]);
  });

  test('no commercial-partition ARN literal', () => {
    expect(s.json).not.toMatch(/arn:aws:/);
  });

  test('table: keys, indexes, billing, recovery, protection, encryption, stream, TTL, retained', () => {
    const [[, table], ...others] = ofType(s.resources, 'AWS::DynamoDB::Table');
    expect(others).toHaveLength(0);
    expect(table.DeletionPolicy).toBe('Retain');
    s.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: KEY_ATTRIBUTES.partitionKey, KeyType: 'HASH' },
        { AttributeName: KEY_ATTRIBUTES.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
    const indexes = table.Properties.GlobalSecondaryIndexes as any[];
    expect(indexes).toHaveLength(Object.keys(INDEXES).length);
    for (const index of Object.values(INDEXES)) {
      expect(indexes).toContainEqual({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
  });

  test('one route per route table entry, to its group function, with the right authorization', () => {
    const apiRoutes = ofType(s.resources, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(apiRoutes.map((r) => r.RouteKey).sort()).toEqual(allRoutes.map(routeKey).sort());

    const functionIdOf = (group: FunctionGroup) =>
      ofType(s.resources, 'AWS::Lambda::Function').find(([, f]) => f.Properties.Description === FUNCTION_GROUPS[group].description)![0];
    const integrationFunction = new Map(
      ofType(s.resources, 'AWS::ApiGatewayV2::Integration').map(([id, i]) => {
        expect(i.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
        return [id, i.Properties.IntegrationUri['Fn::GetAtt'][0] as string];
      }),
    );
    for (const route of allRoutes) {
      const apiRoute = apiRoutes.find((r) => r.RouteKey === routeKey(route))!;
      const integrationId = apiRoute.Target['Fn::Join'][1][1].Ref as string;
      expect(integrationFunction.get(integrationId)).toBe(functionIdOf(route.group));
      expect(apiRoute.AuthorizationType).toBe(route.auth.kind === 'partner' ? 'JWT' : 'NONE');
      if (route.auth.kind === 'partner') expect(apiRoute.AuthorizerId).toBeDefined();
    }
  });

  test('only /health, /v1/openapi.json and /docs are reachable without a token', () => {
    const open = ofType(s.resources, 'AWS::ApiGatewayV2::Route')
      .map(([, r]) => r.Properties)
      .filter((r) => r.AuthorizationType !== 'JWT')
      .map((r) => r.RouteKey);
    expect(open.sort()).toEqual(['GET /docs', 'GET /health', 'GET /v1/openapi.json']);
  });

  test('JWT authorizer: Cognito issuer built from the partition URL suffix, audience = app client', () => {
    const [[poolId]] = ofType(s.resources, 'AWS::Cognito::UserPool');
    const [[clientId]] = ofType(s.resources, 'AWS::Cognito::UserPoolClient');
    s.template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: poolId }]] },
        Audience: [{ Ref: clientId }],
      },
    });
  });

  test('user pool: admin-created users, strong passwords, MFA, threat protection, role groups, immutable partnerId', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Policies: { PasswordPolicy: Match.objectLike({ RequireSymbols: true, RequireNumbers: true, RequireUppercase: true, RequireLowercase: true }) },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'partnerId', Mutable: false })]),
    });
    const groups = ofType(s.resources, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
    s.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  test('stage: JSON access log without the Authorization header, throttling, no CORS by default', () => {
    const [[, stage]] = ofType(s.resources, 'AWS::ApiGatewayV2::Stage');
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format.requestId).toBe('$context.requestId');
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/authorization/i);
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: expect.any(Number), ThrottlingRateLimit: expect.any(Number) });
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });

  describe.each(Object.entries(FUNCTION_GROUPS))('function %s', (group, { description, data }) => {
    const fn = () => ofType(s.resources, 'AWS::Lambda::Function').find(([, f]) => f.Properties.Description === description)!;
    const actions = () => {
      const roleId = fn()[1].Properties.Role['Fn::GetAtt'][0];
      return ofType(s.resources, 'AWS::IAM::Policy')
        .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement.flatMap((st: { Action: string | string[] }) => [st.Action].flat()));
    };

    test('runtime, architecture, memory, timeout, tracing, environment', () => {
      const props = fn()[1].Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: group === 'docs' ? 5 : 10,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: expect.anything() },
      });
      const env = props.Environment.Variables;
      expect(Object.keys(env)).toEqual(expect.arrayContaining(['TABLE_NAME', 'PARTNER_ID_CLAIM', 'ROLES_CLAIM', 'USER_ID_CLAIM', 'PUBLIC_BASE_URL']));
      expect(env.PARTNER_ID_CLAIM).toBe('custom:partnerId');
      expect('CURSOR_KEY_SECRET_ARN' in env).toBe(data !== 'none');
    });

    test(`table access is exactly '${data}'`, () => {
      const granted = actions();
      const dynamo = granted.filter((a) => a.startsWith('dynamodb:'));
      if (data === 'none') expect(dynamo).toEqual([]);
      if (data === 'read') {
        expect(dynamo).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
        expect(dynamo.filter((a) => WRITE_ACTIONS.includes(a))).toEqual([]);
      }
      if (data === 'readwrite') expect(dynamo).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']));
      expect(granted.includes('secretsmanager:GetSecretValue')).toBe(data !== 'none');
      expect(granted.filter((a) => a.includes('*'))).toEqual([]);
    });
  });
});

describe('US Government partition', () => {
  test('a us-gov-west-1 synth passes cdk-nag and has no commercial ARN literal', () => {
    const gov = synth({}, { region: 'us-gov-west-1' });
    expect(gov.violations).toEqual([]);
    expect(gov.json).not.toMatch(/arn:aws:/);
    expect(gov.json).not.toMatch(/amazonaws\.com\//);
  }, 120_000);
});

describe('external OIDC provider by context', () => {
  const oidc = {
    jwtIssuer: 'https://login.example.com/tenant/v2.0',
    jwtAudience: 'api://reseller-accounts',
    partnerIdClaim: 'partner_id',
    rolesClaim: 'roles',
    userIdClaim: 'oid',
    allowedOrigins: 'https://portal.example.com',
    publicBaseUrl: 'https://api.example.com/',
  };

  test('no user pool; authorizer, claims, CORS and base URL come from context', () => {
    const ext = synth(oidc);
    expect(ext.violations).toEqual([]);
    ext.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    ext.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: oidc.jwtIssuer, Audience: [oidc.jwtAudience] },
    });
    ext.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://portal.example.com'] }),
    });
    for (const [, fn] of ofType(ext.resources, 'AWS::Lambda::Function')) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        PARTNER_ID_CLAIM: 'partner_id',
        ROLES_CLAIM: 'roles',
        USER_ID_CLAIM: 'oid',
        PUBLIC_BASE_URL: 'https://api.example.com',
      });
    }
    expect(ext.template.toJSON().Outputs).not.toHaveProperty('UserPoolId');
  }, 120_000);

  test('an issuer without its claim names is refused', () => {
    expect(() => synth({ jwtIssuer: oidc.jwtIssuer, jwtAudience: oidc.jwtAudience })).toThrow(/partnerIdClaim/);
  });
});
