// One Lambda function per function group of the route table, each with its own role that holds only
// the table access its group declares.
import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { BUDGET_LEADING_KEYS } from '../shared/platform/dynamo/budget-keys.js';
import { FUNCTION_GROUPS, routes, type FunctionGroup, type FunctionGroupDef } from '../shared/routes/index.js';
import type { Keys } from './keys.js';
import { ProjectFunction } from './project-function.js';
import type { Claims } from './settings.js';
import { grantTableAccess } from './table-access.js';

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

/** The budget counters a group leases from: the partners' when it has partner routes, its own clients' when it limits them. */
const budgetKeysOf = (group: FunctionGroup, { clientLimit }: FunctionGroupDef): string[] => [
  ...(spendsPartnerBudget(group) ? [BUDGET_LEADING_KEYS.partner] : []),
  ...(clientLimit ? [BUDGET_LEADING_KEYS.client(group)] : []),
];

interface GroupFunctionProps extends FunctionsProps {
  group: FunctionGroup;
}

class GroupFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: GroupFunctionProps) {
    super(scope, id);
    const { group, table, keys, claims } = props;
    const definition: FunctionGroupDef = FUNCTION_GROUPS[group];
    const { description, table: actions, linkKey } = definition;
    // A function that touches the table reads the short-lived keys too (continuation tokens, forms, client hashes).
    const usesTable = actions.length > 0;

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
        ...(usesTable ? { CURSOR_KEY_SECRET_ARN: keys.cursorKey.secretArn } : {}),
        ...(linkKey ? { LINK_KEY_SECRET_ARN: keys.linkKey.secretArn } : {}),
      },
    });
    this.fn = fn;

    if (!usesTable) return;
    grantTableAccess(role, table, { actions, budgetKeys: budgetKeysOf(group, definition) });
    keys.cursorKey.grantRead(role);
    if (linkKey) keys.linkKey.grantRead(role);
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
