import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/dynamo/client.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { queryPage } from '../platform/dynamo/query.js';
import { validationCodeKeys, ValidationCodeView, ValidationCodeItem, type ValidationCodeRecord } from './entity.js';
import type { ValidationCodeSummary } from './schemas.js';

export async function listValidationCodes(partnerId: string, options: { limit: number; continuationToken?: string }) {
  const all = validationCodeKeys.all(partnerId);
  const page = await queryPage(
    { pk: all.pk, sortKey: { beginsWith: all.skPrefix }, limit: options.limit },
    { binding: `validation-codes|${partnerId}`, continuationToken: options.continuationToken },
  );
  return { items: page.items.map((item): ValidationCodeSummary => readItem(ValidationCodeView, item)), continuationToken: page.continuationToken };
}

/**
 * One creation taken from a code, for the create's own transaction: refused once none is left (so never below
 * 0), and, failing, it returns the item as it was, so an unknown code (none) is told from a spent one.
 */
export function spendPart(partnerId: string, codeHash: string) {
  return {
    Update: {
      TableName: tableName(),
      Key: validationCodeKeys.code(partnerId, codeHash),
      UpdateExpression: 'SET remainingCreations = remainingCreations - :one',
      ConditionExpression: 'attribute_exists(pk) AND remainingCreations > :zero',
      ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
}


export async function findValidationCode(partnerId: string, codeHash: string): Promise<ValidationCodeRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: validationCodeKeys.code(partnerId, codeHash), ConsistentRead: true }));
  return Item ? readItem(ValidationCodeItem, Item) : undefined;
}
