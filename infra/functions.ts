// One Lambda function per function group of the route table, each with its own role that holds only
// the table access its group declares.
import * as path from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { FUNCTION_GROUPS, type FunctionGroup } from '../shared/routes.js';
import { BUNDLE_ALIAS, BUNDLE_MAIN_FIELDS, BUNDLE_TARGET } from './bundling.js';
import type { Claims } from './settings.js';

export type GroupFunctions = Record<FunctionGroup, NodejsFunction>;

export interface FunctionsProps {
  table: Table;
  cursorKey: ISecret;
  claims: Claims;
  publicBaseUrl: string;
  /** Further settings every function reads (partition, invitation limits). */
  environment?: Record<string, string>;
}

const PROJECT_ROOT = path.resolve(__dirname, '..');

/** cdk-nag names a resource in a finding by its logical id. */
const logicalId = (table: Table): string =>
  Stack.of(table).resolve((table.node.defaultChild as CfnTable).logicalId) as string;

interface GroupFunctionProps extends FunctionsProps {
  group: FunctionGroup;
}

class GroupFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: GroupFunctionProps) {
    super(scope, id);
    const { group, table, cursorKey, claims } = props;
    const { description, data } = FUNCTION_GROUPS[group];

    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS });
    // An own role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole, which may write to every log group in the account.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, 'functions', `${group}.ts`),
      handler: 'handler',
      description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(group === 'docs' ? 5 : 10),
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        // Every function reads the shared config, which insists on a table name; only the grants
        // below decide what a function may do with the table.
        TABLE_NAME: table.tableName,
        PARTNER_ID_CLAIM: claims.partnerId,
        ROLES_CLAIM: claims.roles,
        USER_ID_CLAIM: claims.userId,
        PUBLIC_BASE_URL: props.publicBaseUrl,
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        ...(data === 'none' ? {} : { CURSOR_KEY_SECRET_ARN: cursorKey.secretArn }),
      },
      bundling: {
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: BUNDLE_TARGET,
        format: OutputFormat.CJS,
        mainFields: BUNDLE_MAIN_FIELDS,
        esbuildArgs: Object.fromEntries(Object.entries(BUNDLE_ALIAS).map(([from, to]) => [`--alias:${from}`, to])),
        externalModules: [],
      },
    });

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The project pins nodejs22.x (bundles target node22, tests run on that line; supported by Lambda into 2027). ' +
        'Moving to a newer runtime is a deliberate upgrade with a test run, not a side effect of a CDK update.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
    });

    if (data === 'none') return;
    if (data === 'read') table.grantReadData(role);
    else table.grantReadWriteData(role);
    cursorKey.grantRead(role);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId(table)}.Arn>/index/*]`,
      reason: 'Listing and search query the global secondary indexes gsi1..gsi4 of this one table; the wildcard covers only its indexes.',
    });
  }
}

export function createFunctions(scope: Construct, props: FunctionsProps): GroupFunctions {
  const groups = Object.keys(FUNCTION_GROUPS) as FunctionGroup[];
  const entries = groups.map((group) => {
    const id = `${group.charAt(0).toUpperCase()}${group.slice(1)}`;
    return [group, new GroupFunction(scope, id, { ...props, group }).fn] as const;
  });
  return Object.fromEntries(entries) as GroupFunctions;
}
