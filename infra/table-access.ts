// Each function's access to the table: exactly the DynamoDB actions its code calls (declared beside its function
// group in shared/routes/route.ts, or below for the workers; test/stack/table-access.test.ts holds the code to
// the declaration), and the request budgets' counters it leases from, confined to their keys.
import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import type { TableAction } from '../shared/platform/dynamo/table-definition.js';

/** The workers' table actions, by entry file (`functions/<entry>.ts`). */
export const WORKER_TABLE_ACTIONS = {
  /** Reads the outbox's invitations in batches, marks mail sent, and writes a link's token, deleting the one it replaces. */
  mailer: ['BatchGetItem', 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
  /** Marks the bounced invitation. */
  'mail-events': ['GetItem', 'PutItem'],
  /** Reads the expiry and end-date queues of an index, and expires, ends, extends or warns in transactions. */
  cleanup: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
  /** Reads an import's rows and the organizations they name, and decides each row in the transaction of its customer or invitation. */
  'import-worker': ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
} as const satisfies Record<string, readonly TableAction[]>;

export interface TableAccess {
  actions: readonly TableAction[];
  /** LeadingKeys patterns of the budget counters the role may update (shared/platform/dynamo/budget-keys.ts). */
  budgetKeys?: readonly string[];
}

/** cdk-nag names a resource in a finding by its logical id. */
const logicalId = (table: Table): string => Stack.of(table).resolve((table.node.defaultChild as CfnTable).logicalId) as string;

export function grantTableAccess(role: Role, table: Table, { actions, budgetKeys = [] }: TableAccess): void {
  const items = actions.filter((action) => action !== 'Query');
  if (items.length > 0) role.addToPrincipalPolicy(new PolicyStatement({ actions: items.map((a) => `dynamodb:${a}`), resources: [table.tableArn] }));
  if (actions.includes('Query')) {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [table.tableArn, `${table.tableArn}/index/*`] }));
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId(table)}.Arn>/index/*]`,
      reason: 'Only dynamodb:Query, on the global secondary indexes gsi1..gsi4 of this one table (lists, searches, expiry queues).',
    });
  }
  if (budgetKeys.length > 0) {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...budgetKeys] } },
      }),
    );
  }
}
