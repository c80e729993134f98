// The cold-import baseline: a function that imports only the DynamoDB document client, bundled like the
// stack's functions, so that each function's cold import is reported as a ratio to it, measured in the same run
// (an absolute time on this machine moves by x4 under load).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (): Promise<string> => client.config.apiVersion;
