import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.js';

let client: DynamoDBDocumentClient | undefined;

/** One client per process, built on first use so that tests can set the environment first. */
export function db(): DynamoDBDocumentClient {
  if (!client) {
    const { dynamoDbEndpoint } = config();
    client = DynamoDBDocumentClient.from(new DynamoDBClient(dynamoDbEndpoint ? { endpoint: dynamoDbEndpoint } : {}), {
      marshallOptions: { removeUndefinedValues: true },
    });
  }
  return client;
}

export const tableName = (): string => config().tableName;
