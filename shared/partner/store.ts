import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { preconditionFailed, stateConflict } from '../platform/errors.js';
import type { PartnerProfile } from './schemas.js';
import { emailDomain } from '../platform/email-address.js';
import { db, tableName } from '../platform/dynamo/client.js';
import { keys } from '../platform/dynamo/keys.js';
import { cancellationReasons, failedCondition } from '../platform/dynamo/transactions.js';

export interface PartnerProfileRecord extends PartnerProfile {
  version: number;
}

const toProfile = (item: Record<string, unknown>): PartnerProfileRecord => ({
  partnerId: item.partnerId as string,
  companyName: item.companyName as string,
  country: item.country as string,
  partnerType: item.partnerType as PartnerProfile['partnerType'],
  markets: item.markets as string[],
  primaryContact: item.primaryContact as PartnerProfile['primaryContact'],
  updatedAt: item.updatedAt as string,
  version: item.version as number,
});

export async function getPartnerProfile(partnerId: string): Promise<PartnerProfileRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.partnerProfile(partnerId), ConsistentRead: true }));
  return Item ? toProfile(Item) : undefined;
}

/**
 * Stores the profile if nobody changed it since `previousVersion` was read, with its activity record.
 * `partnerDomain` is kept beside it so that customer writes can check "billing email not at the
 * partner's own domain" inside their own transaction.
 */
export async function savePartnerProfile(profile: PartnerProfile, previousVersion: number | undefined, activity: Record<string, unknown>) {
  const version = (previousVersion ?? 0) + 1;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.partnerProfile(profile.partnerId),
                kind: 'partnerProfile',
                ...profile,
                partnerDomain: emailDomain(profile.primaryContact.email),
                version,
              },
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
