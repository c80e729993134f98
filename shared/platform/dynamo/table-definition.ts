// The single table's shape. The CDK stack and the local/test table creation both derive from this,
// so the indexes that the data layer queries exist everywhere under the same names.

export const KEY_ATTRIBUTES = { partitionKey: 'pk', sortKey: 'sk' } as const;

/**
 * Generic, overloaded indexes (each feature's entity.ts says what its items put in them), named after
 * the access patterns they serve. All project every attribute so that a page is one Query.
 */
export const INDEXES = {
  /** customers of a partner by name; activity of one customer by time */
  listing: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** customers of a partner in one relationship state, by name */
  listingByState: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /** customers of a partner by search term (company name and domain) */
  search: { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  /** customers of a partner in one relationship state, by search term */
  searchByState: { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
} as const;
export type IndexName = keyof typeof INDEXES;

/** Epoch seconds; DynamoDB TTL removes items some time after. Reads still check it themselves. */
export const TTL_ATTRIBUTE = 'expiresAtEpoch';

/** CreateTable input for DynamoDB Local and tests (the CDK stack builds the same from the constants above). */
export function createTableInput(tableName: string) {
  const indexes = Object.values(INDEXES);
  const attributeNames = [KEY_ATTRIBUTES.partitionKey, KEY_ATTRIBUTES.sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributeNames.map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: KEY_ATTRIBUTES.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: KEY_ATTRIBUTES.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const },
  };
}

/**
 * The DynamoDB actions a function may be granted on the table, by their IAM names. Scan and BatchWriteItem are
 * not among them: no request reads the whole table, and every multi-item change is a transaction, which needs
 * the actions of its parts (PutItem, UpdateItem, DeleteItem, ConditionCheckItem).
 */
export type TableAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem';
