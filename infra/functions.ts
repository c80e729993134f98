// One Lambda function per function group of the route table, each with its own role that holds only
// the table access its group declares.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { FUNCTION_GROUPS, routes, type FunctionGroup, type FunctionGroupDef } from '../shared/routes/index.js';
import type { Keys } from './keys.js';
import { ProjectFunction } from './project-function.js';
import type { Claims } from './settings.js';

export type GroupFunctions = Record<FunctionGroup, NodejsFunction>;

export interface FunctionsProps {
  table: Table;
  keys: Keys;
  claims: Claims;
  publicBaseUrl: string;
  /** Further settings every function reads (partition, invitation limits). */
  environment?: Record<string, string>;
}

/** A group with signed-in partner routes spends the partner's request budget; a public group has no partner. */
const spendsPartnerBudget = (group: FunctionGroup): boolean => routes.some((route) => route.group === group && route.auth.kind === 'partner');

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
    const { group, table, keys, claims } = props;
    const { description, data, linkKey }: FunctionGroupDef = FUNCTION_GROUPS[group];

    const { fn, role } = new ProjectFunction(this, 'Fn', {
      entry: group,
      description,
      timeout: Duration.seconds(group === 'docs' ? 5 : 10),
      environment: {
        // Every function reads the shared config, which insists on a table name; only the grants
        // below decide what a function may do with the table.
        TABLE_NAME: table.tableName,
        PARTNER_ID_CLAIM: claims.partnerId,
        ROLES_CLAIM: claims.roles,
        USER_ID_CLAIM: claims.userId,
        PUBLIC_BASE_URL: props.publicBaseUrl,
        ...props.environment,
        ...(data === 'none' ? {} : { CURSOR_KEY_SECRET_ARN: keys.cursorKey.secretArn }),
        ...(linkKey ? { LINK_KEY_SECRET_ARN: keys.linkKey.secretArn } : {}),
      },
    });
    this.fn = fn;

    if (data === 'none') return;
    if (data === 'read') {
      table.grantReadData(role);
      // A read-only group with partner routes still spends the partner's request budget: it may update the
      // budget counters (keys BUDGET#<partnerId>, shared/platform/dynamo/token-leases.ts) and nothing else.
      if (spendsPartnerBudget(group)) {
        role.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ['dynamodb:UpdateItem'],
            resources: [table.tableArn],
            conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['BUDGET#*'] } },
          }),
        );
      }
    } else table.grantReadWriteData(role);
    keys.cursorKey.grantRead(role);
    if (linkKey) keys.linkKey.grantRead(role);
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
