// The single table, built from the same constants the data layer and DynamoDB Local use.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { INDEXES, KEY_ATTRIBUTES, TTL_ATTRIBUTE } from '../shared/platform/dynamo/table-definition.js';

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

export function createTable(scope: Construct): Table {
  const table = new Table(scope, 'Table', {
    partitionKey: stringKey(KEY_ATTRIBUTES.partitionKey),
    sortKey: stringKey(KEY_ATTRIBUTES.sortKey),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    // AWS-managed KMS key (aws/dynamodb): encrypted at rest with KMS and audited in CloudTrail, while
    // access is still decided by each function's IAM policy on the table. A customer-managed key
    // would add a key policy to administer and kms:GenerateDataKey*/ReEncrypt* wildcards to every
    // role, without a separate key-administrator role in this project to make that worth it.
    encryption: TableEncryption.AWS_MANAGED,
    // Change consumers (invitation e-mail through SES is planned) need each item's before and after.
    stream: StreamViewType.NEW_AND_OLD_IMAGES,
    timeToLiveAttribute: TTL_ATTRIBUTE,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of Object.values(INDEXES)) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: stringKey(index.partitionKey),
      sortKey: stringKey(index.sortKey),
      projectionType: ProjectionType.ALL,
    });
  }
  return table;
}
