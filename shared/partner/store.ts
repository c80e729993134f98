import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { preconditionFailed, stateConflict } from '../platform/errors.js';
import type { PartnerProfile } from './schemas.js';
import { emailDomain } from '../platform/email-address.js';
import { db, tableName } from '../platform/dynamo/client.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { cancellationReasons, failedCondition } from '../platform/dynamo/transactions.js';
import { PartnerProfileItem, partnerProfileItem, partnerProfileKey, type PartnerProfileRecord } from './entity.js';

export async function findPartnerProfile(partnerId: string): Promise<PartnerProfileRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: partnerProfileKey(partnerId), ConsistentRead: true }));
  return Item ? readItem(PartnerProfileItem, Item) : undefined;
}

/** Stores the profile if nobody changed it since `previousVersion` was read, with its activity record. */
export async function savePartnerProfile(profile: PartnerProfile, previousVersion: number | undefined, activity: Record<string, unknown>) {
  const version = (previousVersion ?? 0) + 1;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: partnerProfileItem({ ...profile, partnerDomain: emailDomain(profile.primaryContact.email), version }),
              ConditionExpression: previousVersion === undefined ? 'attribute_not_exists(pk)' : 'version = :v',
              ExpressionAttributeValues: previousVersion === undefined ? undefined : { ':v': previousVersion },
            },
          },
          { Put: { TableName: tableName(), Item: activity } },
        ],
      }),
    );
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons && failedCondition(reasons, 0)) throw preconditionFailed(error);
    // Another write to the profile was under way: nothing was written.
    if (reasons?.some((r) => r.code === 'TransactionConflict')) throw stateConflict('The legal profile was being changed by another request; nothing was saved. Send it again.', error);
    throw error;
  }
  return { ...profile, version };
}
