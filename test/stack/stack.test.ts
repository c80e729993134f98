import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Validations, type CfnResource, type Environment } from 'aws-cdk-lib';
import { Role } from 'aws-cdk-lib/aws-iam';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ResellerAccountsStack } from '../../infra/stack.js';
import { INDEXES, KEY_ATTRIBUTES, TTL_ATTRIBUTE } from '../../shared/platform/dynamo/table-definition.js';
import { ROLES } from '../../shared/platform/roles.js';
import { routeKey } from '../../shared/platform/http/handler.js';
import { FUNCTION_GROUPS, routes, type FunctionGroup, type FunctionGroupDef, type RouteDef } from '../../shared/routes/index.js';

// The same feature flags as `cdk synth`, so the test checks the template that gets deployed.
const cdkContext = JSON.parse(readFileSync(path.join(__dirname, '../../cdk.json'), 'utf8')).context;

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;

/** A deployment names its mail sender; `mailSender: undefined` synthesizes without one (placeholder and warning). */
const MAIL_CONTEXT = { mailSender: 'invitations@accounts.example.com' };

/**
 * `bundle`: run esbuild for every function, as `cdk synth` does. The default stack does; the variants skip it
 * (CDK's own switch, which leaves the templates alone but for the code's asset hash), since bundling
 * the same code again takes most of a synth's time and proves nothing new.
 */
function synth(context: Record<string, unknown> = {}, env?: Environment, { bundle = false } = {}) {
  const app = new App({ context: { ...cdkContext, ...MAIL_CONTEXT, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...context } });
  const stack = new ResellerAccountsStack(app, 'Test', { env });
  // CDK prints warnings (the validation report) with console.error: keep them as data, not test noise.
  const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  let template: Template;
  let warnings: string;
  try {
    template = Template.fromStack(stack);
  } finally {
    warnings = printed.mock.calls.map((args) => args.join(' ')).join('\n');
    printed.mockRestore();
  }
  // After synthesis, so the checks see the finished tree; acknowledged findings are not reported.
  const violations = new AwsSolutionsChecks().validateScope(app).violations;
  const resources = template.toJSON().Resources as Resources;
  return { app, stack, template, warnings, violations, resources, json: JSON.stringify(template.toJSON()) };
}

const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const allRoutes = routes as readonly RouteDef[];

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };
const actionsOf = (st: Statement) => [st.Action].flat();

/**
 * Every function's DynamoDB item actions on the table, written out: a grant that changes must change this list
 * too. (test/stack/table-access.test.ts proves each function's code calls nothing beyond its declared list.)
 * The request budgets' counters come on top, each in a statement of its own confined to their keys.
 */
const TABLE_ACTIONS: Record<FunctionGroup | 'mailer' | 'mail-events' | 'cleanup' | 'import-worker', string[]> = {
  partner: ['BatchGetItem', 'ConditionCheckItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
  customers: ['ConditionCheckItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
  activity: ['Query'],
  relationships: ['ConditionCheckItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
  referrals: ['ConditionCheckItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
  // The unauthenticated ones are the narrowest: no DeleteItem; public never queries; manage queries only a customer's grants and
  // writes only in transactions (puts, checks, and the shared-customer count an end moves); the directory only reads.
  public: ['BatchGetItem', 'ConditionCheckItem', 'GetItem', 'PutItem', 'UpdateItem'],
  manage: ['BatchGetItem', 'ConditionCheckItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
  directory: ['GetItem', 'Query'],
  docs: [],
  mailer: ['BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'],
  'mail-events': ['GetItem', 'PutItem'],
  cleanup: ['GetItem', 'PutItem', 'Query', 'UpdateItem'],
  imports: ['BatchGetItem', 'ConditionCheckItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
  'import-worker': ['BatchGetItem', 'ConditionCheckItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
};
const BUDGET_COUNTERS: Partial<Record<FunctionGroup, string[]>> = {
  partner: ['BUDGET#*'],
  customers: ['BUDGET#*'],
  activity: ['BUDGET#*'],
  relationships: ['BUDGET#*'],
  referrals: ['BUDGET#*'],
  public: ['CLIENT_BUDGET#public#*'],
  manage: ['CLIENT_BUDGET#manage#*'],
  directory: ['CLIENT_BUDGET#directory#*'],
  imports: ['BUDGET#*'],
};
/** The table's stream, which only the mailer reads (its event source mapping). */
const STREAM_ACTIONS = /^dynamodb:(DescribeStream|GetRecords|GetShardIterator|ListStreams)$/;

/** Asserts a role's table grants: exactly `expected` on the table (Query alone on its indexes too), and the budget counters. */
function expectTableAccess(statements: Statement[], tableId: string, expected: string[], budgetCounters: string[] = []) {
  const table = statements.filter((st) => actionsOf(st).some((a) => a.startsWith('dynamodb:') && !STREAM_ACTIONS.test(a)));
  const plain = table.filter((st) => st.Condition === undefined);
  expect(plain.flatMap(actionsOf).sort()).toEqual(expected.map((a) => `dynamodb:${a}`).sort());
  const arn = { 'Fn::GetAtt': [tableId, 'Arn'] };
  for (const st of plain) {
    expect(st.Resource).toEqual(actionsOf(st).includes('dynamodb:Query') ? [arn, { 'Fn::Join': ['', [arn, '/index/*']] }] : arn);
  }
  const budget = table.filter((st) => st.Condition !== undefined);
  expect(budget.map(({ Action, Resource, Condition }) => ({ Action, Resource, Condition }))).toEqual(
    budgetCounters.length ? [{ Action: 'dynamodb:UpdateItem', Resource: arn, Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': budgetCounters } } }] : [],
  );
  const all = statements.flatMap(actionsOf);
  for (const never of ['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:*']) expect(all).not.toContain(never);
}

describe('default stack (Cognito)', () => {
  let s: ReturnType<typeof synth>;
  beforeAll(() => {
    s = synth({ mailSender: undefined }, undefined, { bundle: true });
  }, 120_000);

  test('cdk-nag AwsSolutions: no unacknowledged errors or warnings', () => {
    expect(s.violations.map((v) => `${v.severity} ${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`)).toEqual([]);
  });

  test('every IAM5 (wildcard) acknowledgement sits on a role whose policy holds the very wildcard it excuses', () => {
    const acknowledged = s.app.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.keys(entry.data as Record<string, string>))
        .map((id) => /AwsSolutions-IAM5\[Resource::(.+)\]$/.exec(id)?.[1])
        .filter((resource): resource is string => resource !== undefined)
        .map((resource) => ({ construct, resource })),
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { construct, resource } of acknowledged) {
      expect(construct).toBeInstanceOf(Role);
      const roleId = s.stack.getLogicalId((construct as Role).node.defaultChild as CfnResource);
      const wildcards = ofType(s.resources, 'AWS::IAM::Policy')
        .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[])
        .flatMap((st) => [st.Resource].flat().map((r) => ({ actions: actionsOf(st), resource: r })));
      if (resource === '*') {
        // Only the stream discovery of the mailer's event source mapping has no resource-level permission.
        expect(wildcards.filter((w) => w.resource === '*').flatMap((w) => w.actions)).toEqual(['dynamodb:ListStreams']);
      } else {
        // The table's indexes: reached by Query alone, and only by a role that queries.
        const [, table] = /^<(\w+)\.Arn>\/index\/\*$/.exec(resource)!;
        const index = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, '/index/*']] };
        expect(wildcards.filter((w) => JSON.stringify(w.resource) === JSON.stringify(index)).flatMap((w) => w.actions)).toEqual(['dynamodb:Query']);
      }
    }
  });

  test('no commercial-partition ARN literal', () => {
    expect(s.json).not.toMatch(/arn:aws:/);
  });

  test('without context mailSender the synth works with a placeholder sender, and warns', () => {
    expect(s.json).toContain('"MAIL_SENDER":"invitations@example.com"');
    expect(s.warnings).toMatch(/WARNING Context mailSender is not set/);
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

  test('partner routes all need the JWT; the unauthenticated ones are exactly the route table\'s public routes', () => {
    const apiRoutes = ofType(s.resources, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const [[authorizerId]] = ofType(s.resources, 'AWS::ApiGatewayV2::Authorizer');
    for (const route of allRoutes.filter((r) => r.auth.kind === 'partner')) {
      const apiRoute = apiRoutes.find((r) => r.RouteKey === routeKey(route))!;
      expect({ route: routeKey(route), type: apiRoute.AuthorizationType, authorizer: apiRoute.AuthorizerId }).toEqual({
        route: routeKey(route),
        type: 'JWT',
        authorizer: { Ref: authorizerId },
      });
    }
    const open = apiRoutes.filter((r) => r.AuthorizationType !== 'JWT').map((r) => r.RouteKey as string);
    const publicRoutes = allRoutes.filter((r) => r.auth.kind === 'public').map(routeKey);
    expect(open.sort()).toEqual([...publicRoutes].sort());
    // Public by design: the service documents, the customer admin's invitation, relationship and manage pages, and the partner directory.
    expect(open).toEqual(expect.arrayContaining(['GET /docs', 'GET /health', 'GET /v1/openapi.json', 'GET /directory', 'GET /directory/{partnerId}/{locationId}']));
    for (const key of open) {
      expect(key).toMatch(/^[A-Z]+ (\/health|\/docs|\/v1\/openapi\.json|\/invitations\/\{token\}(\/accept|\/decline)?|\/relationship\/\{partnerId\}\/\{signature\}|\/directory(\/\{partnerId\}\/\{locationId\})?|\/information-requests\/\{token\}|\/reseller-invitations\/\{token\}|\/manage\/\{token\}(\/end|\/grants\/\{grantId\}\/terminate|\/purchase-permissions\/\{type\}\/turn-off)?)$/);
    }
    // The directory only reads: its function may write nothing but its clients' budget counters.
    expect(FUNCTION_GROUPS.directory.table).toEqual(['GetItem', 'Query']);
  });

  test('JWT authorizer: bearer token from the Authorization header, Cognito issuer built from the partition URL suffix, audience = app client', () => {
    const [[apiId]] = ofType(s.resources, 'AWS::ApiGatewayV2::Api');
    const [[poolId]] = ofType(s.resources, 'AWS::Cognito::UserPool');
    const [[clientId]] = ofType(s.resources, 'AWS::Cognito::UserPoolClient');
    const authorizers = ofType(s.resources, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    // Exactly these properties: no other identity source, issuer or audience is accepted.
    expect(authorizers[0]![1].Properties).toEqual({
      ApiId: { Ref: apiId },
      Name: expect.any(String),
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

  describe.each(Object.entries(FUNCTION_GROUPS as Record<FunctionGroup, FunctionGroupDef>))('function %s', (group, { description, table, linkKey }) => {
    const usesTable = table.length > 0;
    const fn = () => ofType(s.resources, 'AWS::Lambda::Function').find(([, f]) => f.Properties.Description === description)!;
    const statements = () => {
      const roleId = fn()[1].Properties.Role['Fn::GetAtt'][0];
      return ofType(s.resources, 'AWS::IAM::Policy')
        .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
    };
    const actions = () => statements().flatMap(actionsOf);
    const secretId = (description: RegExp) => ofType(s.resources, 'AWS::SecretsManager::Secret').find(([, r]) => description.test(r.Properties.Description))![0];
    /** The secrets the role may read, by logical id. */
    const readableSecrets = () =>
      statements()
        .filter((st) => [st.Action].flat().includes('secretsmanager:GetSecretValue'))
        .flatMap((st) => [st.Resource].flat().map((r) => (r as { Ref: string }).Ref));

    test('runtime, architecture, memory, timeout, tracing, environment', () => {
      const props = fn()[1].Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: group === 'docs' ? 5 : 10,
        LoggingConfig: { LogGroup: expect.anything() },
      });
      expect(props.TracingConfig).toBeUndefined();
      const env = props.Environment.Variables;
      expect(Object.keys(env)).toEqual(expect.arrayContaining(['TABLE_NAME', 'PARTNER_ID_CLAIM', 'ROLES_CLAIM', 'USER_ID_CLAIM', 'PUBLIC_BASE_URL']));
      expect(env.PARTNER_ID_CLAIM).toBe('custom:partnerId');
      expect('CURSOR_KEY_SECRET_ARN' in env).toBe(usesTable);
      expect('LINK_KEY_SECRET_ARN' in env).toBe(linkKey === true);
      // The partition decides the US Government rules; the limits come from context (defaults here).
      expect(env).toMatchObject({
        AWS_PARTITION: { Ref: 'AWS::Partition' },
        INVITATION_TTL_DAYS: '30',
        MAX_PENDING_INVITATIONS_PER_PARTNER: '500',
        MAX_INVITATIONS_PER_RECIPIENT_PER_DAY: '5',
        MAX_DELIVERY_ATTEMPTS: '4',
        PARTNER_REQUESTS_PER_MINUTE: '500',
        CLIENT_PAGE_REQUESTS_PER_MINUTE: '60',
      });
    });

    test('table access: exactly the actions its code calls, and the budget counters it spends, confined to their keys', () => {
      const [[tableId]] = ofType(s.resources, 'AWS::DynamoDB::Table');
      expectTableAccess(statements(), tableId, TABLE_ACTIONS[group as FunctionGroup], BUDGET_COUNTERS[group as FunctionGroup]);
      expect(TABLE_ACTIONS[group as FunctionGroup]).toEqual([...table].sort());
      const granted = actions();
      expect(granted.includes('secretsmanager:GetSecretValue')).toBe(usesTable);
      expect(granted.filter((a) => a.includes('*'))).toEqual([]);
    });

    test(!usesTable ? 'reads no secret' : `reads the short-lived keys${linkKey ? ' and the long-lived (link) keys' : ' only'}`, () => {
      const expected = !usesTable ? [] : [secretId(/^Short-lived keyring/), ...(linkKey ? [secretId(/^Long-lived keyring/)] : [])];
      expect(readableSecrets().sort()).toEqual(expected.sort());
    });
  });
});

describe('invitation mail, bounces and cleanup', () => {
  let s: ReturnType<typeof synth>;
  beforeAll(() => {
    s = synth({ mailSender: 'invitations@mail.fabrikam.example', mailIdentity: 'fabrikam.example', maxDeliveryAttempts: '5', alarmEmail: 'ops@fabrikam.example' });
  }, 120_000);

  const fnId = (description: RegExp) => {
    const found = ofType(s.resources, 'AWS::Lambda::Function').filter(([, f]) => description.test(f.Properties.Description));
    expect(found).toHaveLength(1);
    return found[0]![0];
  };
  const fnProps = (description: RegExp) => s.resources[fnId(description)]!.Properties;
  const mailerId = () => fnId(/^Sends invitation mail/);
  const eventsId = () => fnId(/^Records SES bounces/);
  const cleanupId = () => fnId(/^Expires pending invitations/);
  const statementsOf = (functionId: string) => {
    const roleId = s.resources[functionId]!.Properties.Role['Fn::GetAtt'][0];
    return ofType(s.resources, 'AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[]);
  };
  /** The mail dead-letter queue (the cleanup has one of its own). */
  const mailQueue = () => {
    const queues = ofType(s.resources, 'AWS::SQS::Queue').filter(([id]) => id.startsWith('MailDeadLetters'));
    expect(queues).toHaveLength(1);
    return queues[0]!;
  };

  test('cdk-nag: no unacknowledged findings with the mail resources; no warning once mailSender is set', () => {
    expect(s.violations).toEqual([]);
    expect(s.warnings).not.toMatch(/mailSender/);
  });

  test('the mailer reads only outbox INSERTs from the table stream, reports partial batch failures, and parks failures in the DLQ', () => {
    const [[tableId]] = ofType(s.resources, 'AWS::DynamoDB::Table');
    const [queue] = mailQueue();
    // The mailer's mapping; the import worker has the only other one (its own filter, on import items).
    const all = ofType(s.resources, 'AWS::Lambda::EventSourceMapping');
    expect(all).toHaveLength(2);
    const mappings = all.filter(([, r]) => JSON.stringify(r.Properties.FunctionName) === JSON.stringify({ Ref: mailerId() }));
    expect(mappings).toHaveLength(1);
    const props = mappings[0]![1].Properties;
    expect(props).toMatchObject({
      FunctionName: { Ref: mailerId() },
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 4, // maxDeliveryAttempts 5: every invocation is one attempt
      MaximumRecordAgeInSeconds: expect.any(Number),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
    expect(props.FilterCriteria.Filters).toHaveLength(1);
    expect(JSON.parse(props.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { kind: { S: ['outbox'] } } },
    });
    expect(fnProps(/^Sends invitation mail/).Environment.Variables).toMatchObject({ MAX_DELIVERY_ATTEMPTS: '5' });
  });

  test('dead-letter queue: encrypted, TLS only, alarmed when it holds anything; also the mail-events function\'s DLQ', () => {
    const [queue, { Properties: props }] = mailQueue();
    expect(props.SqsManagedSseEnabled === true || props.KmsMasterKeyId !== undefined).toBe(true);
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
    expect(fnProps(/^Records SES bounces/).DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [queue, 'Arn'] } });
  });

  describe('operator alarms', () => {
    const alarms = () => ofType(s.resources, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const alarmTopic = () => {
      const topics = ofType(s.resources, 'AWS::SNS::Topic').filter(([id]) => id.startsWith('OperationsAlarms'));
      expect(topics).toHaveLength(1);
      return topics[0]!;
    };

    test('every alarm notifies one encrypted, TLS-only topic, to which alarmEmail is subscribed', () => {
      const [topicId, topic] = alarmTopic();
      expect(topic.Properties.KmsMasterKeyId).toBeDefined();
      for (const alarm of alarms()) {
        expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
        expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
      }
      s.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@fabrikam.example', TopicArn: { Ref: topicId } });
      s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topicId }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    });

    test('errors and throttles of every function of the stack', () => {
      const functions = ofType(s.resources, 'AWS::Lambda::Function').map(([id]) => id);
      expect(functions.length).toBe(Object.keys(FUNCTION_GROUPS).length + 4);
      for (const metric of ['Errors', 'Throttles']) {
        const watched = alarms().filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === metric).map((a) => a.Dimensions[0].Value.Ref);
        expect(watched.sort()).toEqual([...functions].sort());
      }
    });

    test('the API 5xx rate, SES bounce and complaint rates, and both dead-letter queues', () => {
      const api5xx = alarms().find((a) => a.Metrics?.some((m: { Expression?: string }) => m.Expression?.includes('100 * errors / requests')));
      expect(api5xx).toMatchObject({ Threshold: 1, EvaluationPeriods: 3, ComparisonOperator: 'GreaterThanThreshold' });
      expect(alarms().filter((a) => a.Namespace === 'AWS/SES').map((a) => [a.MetricName, a.Threshold])).toEqual(
        expect.arrayContaining([['Reputation.BounceRate', 0.05], ['Reputation.ComplaintRate', 0.001]]),
      );
      const queues = ofType(s.resources, 'AWS::SQS::Queue').map(([id]) => id);
      expect(queues).toHaveLength(3);
      const watchedQueues = alarms().filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible').map((a) => a.Dimensions[0].Value['Fn::GetAtt'][0]);
      expect(watchedQueues.sort()).toEqual([...queues].sort());
    });

    test('a failed cleanup run is kept in its dead-letter queue, not dropped', () => {
      const cleanupQueue = ofType(s.resources, 'AWS::SQS::Queue').find(([id]) => id.startsWith('InvitationCleanupDeadLetters'))![0];
      s.template.hasResourceProperties('AWS::Events::Rule', {
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [cleanupId(), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [cleanupQueue, 'Arn'] } } })],
      });
    });
  });

  test('SES configuration set -> bounce and complaint events -> encrypted, TLS-only SNS topic -> mail-events function', () => {
    const [[configSetId]] = ofType(s.resources, 'AWS::SES::ConfigurationSet');
    const topics = ofType(s.resources, 'AWS::SNS::Topic').filter(([id]) => id.startsWith('MailEvents'));
    expect(topics).toHaveLength(1);
    const [[topicId, topic]] = topics;
    s.template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: configSetId },
      EventDestination: { Enabled: true, MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: { TopicARN: { Ref: topicId } } },
    });
    const [[keyId, key]] = ofType(s.resources, 'AWS::KMS::Key').filter(([id]) => id.startsWith('MailEventsKey'));
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Properties.EnableKeyRotation).toBe(true);
    // SES may use the key (for this configuration set only) to publish to the encrypted topic.
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'ses.amazonaws.com' }, Condition: { StringEquals: expect.objectContaining({ 'aws:SourceArn': expect.anything() }) } }),
    );
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'ses.amazonaws.com' } }),
        ]),
      },
    });
    s.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', TopicArn: { Ref: topicId }, Endpoint: { 'Fn::GetAtt': [eventsId(), 'Arn'] } });
    s.template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: { 'Fn::GetAtt': [eventsId(), 'Arn'] }, Principal: 'sns.amazonaws.com', SourceArn: { Ref: topicId } });
  });

  test('the mailer sends (invitations and end-date warnings alike) with the configured sender and configuration set; only it may send, only ses:SendEmail, only from the identity', () => {
    const [[configSetId]] = ofType(s.resources, 'AWS::SES::ConfigurationSet');
    const senders = [mailerId()];
    for (const id of senders) {
      expect(s.resources[id]!.Properties.Environment.Variables).toMatchObject({
        MAIL_SENDER: 'invitations@mail.fabrikam.example',
        SES_CONFIGURATION_SET: { Ref: configSetId },
        TABLE_NAME: expect.anything(),
        PUBLIC_BASE_URL: expect.anything(),
        AWS_PARTITION: { Ref: 'AWS::Partition' },
      });
      const ses = statementsOf(id).filter((st) => [st.Action].flat().some((a) => a.startsWith('ses:')));
      expect(ses).toHaveLength(1);
      expect(ses[0]!.Action).toBe('ses:SendEmail');
      expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'invitations@mail.fabrikam.example' } });
      const resources = JSON.stringify(ses[0]!.Resource);
      expect(resources).toContain('{"Ref":"AWS::Partition"}');
      expect(resources).toContain(':identity/fabrikam.example');
      expect(resources).toContain(`":configuration-set/",{"Ref":"${configSetId}"}`);
      expect(resources).not.toContain('*');
      expect(resources).not.toMatch(/arn:aws:/);
    }
    // Nobody else may send mail: the cleanup writes its warnings to the outbox.
    const allSes = ofType(s.resources, 'AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('"ses:'));
    expect(allSes).toHaveLength(senders.length);
    for (const id of [eventsId(), cleanupId()]) expect(s.resources[id]!.Properties.Environment.Variables.MAIL_SENDER).toBeUndefined();
  });

  test('worker functions: exactly the table actions each calls, the same runtime settings, and no wildcard beyond stream discovery and the table\'s indexes', () => {
    const [[tableId]] = ofType(s.resources, 'AWS::DynamoDB::Table');
    expectTableAccess(statementsOf(mailerId()), tableId, TABLE_ACTIONS.mailer);
    expectTableAccess(statementsOf(eventsId()), tableId, TABLE_ACTIONS['mail-events']);
    expectTableAccess(statementsOf(cleanupId()), tableId, TABLE_ACTIONS.cleanup);
    for (const id of [mailerId(), eventsId(), cleanupId()]) {
      const props = s.resources[id]!.Properties;
      expect(props).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], LoggingConfig: { LogGroup: expect.anything() } });
      expect(props.TracingConfig).toBeUndefined();
      const statements = statementsOf(id);
      const actions = statements.flatMap((st) => [st.Action].flat());
      const wildcardActions = statements.filter((st) => st.Resource === '*').flatMap((st) => [st.Action].flat());
      for (const action of wildcardActions) expect(['dynamodb:ListStreams']).toContain(action);
      if (id !== mailerId()) expect(actions).not.toContain('dynamodb:ListStreams');
    }
  });

  test('the mailer reads the long-lived (link) keys, to sign the manage link into the confirmation mail; the other workers read no secret', () => {
    const linkSecret = ofType(s.resources, 'AWS::SecretsManager::Secret').find(([, r]) => /^Long-lived keyring/.test(r.Properties.Description))![0];
    const readable = (id: string) =>
      statementsOf(id)
        .filter((st) => [st.Action].flat().includes('secretsmanager:GetSecretValue'))
        .flatMap((st) => [st.Resource].flat().map((r) => (r as { Ref: string }).Ref));
    expect(readable(mailerId())).toEqual([linkSecret]);
    expect(s.resources[mailerId()]!.Properties.Environment.Variables.LINK_KEY_SECRET_ARN).toEqual({ Ref: linkSecret });
    for (const id of [eventsId(), cleanupId()]) expect(readable(id)).toEqual([]);
  });

  test('cleanup: an hourly EventBridge rule invokes the cleanup function', () => {
    s.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [cleanupId(), 'Arn'] } })],
    });
    s.template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: { 'Fn::GetAtt': [cleanupId(), 'Arn'] }, Principal: 'events.amazonaws.com' });
  });

  test('mail context is validated', () => {
    expect(() => synth({ mailSender: 'not an address' })).toThrow(/mailSender/);
    expect(() => synth({ mailSender: 'invitations@fabrikam.example', mailIdentity: 'contoso.example' })).toThrow(/mailIdentity/);
    expect(() => synth({ maxDeliveryAttempts: '0' })).toThrow(/maxDeliveryAttempts/);
  });

});

describe('US Government partition', () => {
  test('a us-gov-west-1 synth passes cdk-nag and has no commercial ARN literal', () => {
    const gov = synth({}, { region: 'us-gov-west-1' });
    expect(gov.violations).toEqual([]);
    expect(gov.json).not.toMatch(/arn:aws:/);
    expect(gov.json).not.toMatch(/amazonaws\.com\//);
    // The mail path is there too, with partition-aware ARNs only (checked above for the whole template).
    gov.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    gov.template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    gov.template.resourceCountIs('AWS::Events::Rule', 1);
    expect(gov.json).toContain('":ses:us-gov-west-1:"');
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
    // The one authorizer reads the bearer token from the Authorization header and checks the issuer and audience
    // given, nothing else (the same properties as with Cognito: test 'JWT authorizer' above).
    const authorizers = ofType(ext.resources, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [[apiId]] = ofType(ext.resources, 'AWS::ApiGatewayV2::Api');
    expect(authorizers[0]![1].Properties).toEqual({
      ApiId: { Ref: apiId },
      Name: expect.any(String),
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: oidc.jwtIssuer, Audience: [oidc.jwtAudience] },
    });
    ext.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://portal.example.com'] }),
    });
    const apiDescriptions = new Set<string>(Object.values(FUNCTION_GROUPS).map((g) => g.description));
    for (const [, fn] of ofType(ext.resources, 'AWS::Lambda::Function')) {
      // Every function builds links (the mailer puts them in mail); only the API's functions read claims.
      expect(fn.Properties.Environment.Variables).toMatchObject({ PUBLIC_BASE_URL: 'https://api.example.com' });
      if (!apiDescriptions.has(fn.Properties.Description)) continue;
      expect(fn.Properties.Environment.Variables).toMatchObject({
        PARTNER_ID_CLAIM: 'partner_id',
        ROLES_CLAIM: 'roles',
        USER_ID_CLAIM: 'oid',
      });
    }
    expect(ext.template.toJSON().Outputs).not.toHaveProperty('UserPoolId');
  }, 120_000);

  test('an issuer without its claim names is refused', () => {
    expect(() => synth({ jwtIssuer: oidc.jwtIssuer, jwtAudience: oidc.jwtAudience })).toThrow(/partnerIdClaim/);
  });
});
