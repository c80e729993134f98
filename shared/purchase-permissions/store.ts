import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/dynamo/client.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { queryPage } from '../platform/dynamo/query.js';
import type { QueueBucket, QueuePage } from '../platform/dynamo/day-queue.js';
import type { LabelledPart } from '../platform/dynamo/transactions.js';
import { customerKeys } from '../customers/index.js';
import { partnerProfileKey } from '../partner/index.js';
import { BILL_TO_PARTNER_TYPES, DueQueueItem, purchasePermissionKeys, PurchasePermissionsItem, type PurchasePermissionsRecord } from './entity.js';

export async function findPurchasePermissions(partnerId: string, customerId: string): Promise<PurchasePermissionsRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: purchasePermissionKeys.permissions(partnerId, customerId), ConsistentRead: true }));
  return Item ? readItem(PurchasePermissionsItem, Item) : undefined;
}

/** Holds a transaction to the permissions as read: a concurrent change (even the first one) cancels it. */
export function unchangedSince<L extends string>(label: L, partnerId: string, customerId: string, version: number | undefined): LabelledPart<L> {
  return {
    label,
    part: {
      ConditionCheck: {
        TableName: tableName(),
        Key: purchasePermissionKeys.permissions(partnerId, customerId),
        ...(version === undefined ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } }),
      },
    },
  };
}

/** Permissions change only while the relationship is active: checked in the change's transaction, so a concurrent end wins. */
export function relationshipActive<L extends string>(label: L, partnerId: string, customerId: string): LabelledPart<L> {
  return {
    label,
    part: {
      ConditionCheck: {
        TableName: tableName(),
        Key: customerKeys.customer(partnerId, customerId),
        ConditionExpression: '#state = :active',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':active': 'active' },
      },
    },
  };
}

/** Only a bill-to partner grants them; a failed check returns the profile, so a missing one can be told apart. */
export function billToPartner<L extends string>(label: L, partnerId: string): LabelledPart<L> {
  return {
    label,
    part: {
      ConditionCheck: {
        TableName: tableName(),
        Key: partnerProfileKey(partnerId),
        ConditionExpression: `partnerType IN (${BILL_TO_PARTNER_TYPES.map((_, i) => `:type${i}`).join(', ')})`,
        ExpressionAttributeValues: Object.fromEntries(BILL_TO_PARTNER_TYPES.map((type, i) => [`:type${i}`, type])),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
  };
}

export interface DueEntry {
  partnerId: string;
  customerId: string;
}

/** Permissions of one day of the due queue whose earliest end has passed at `nowIso`, by end (for the cleanup). */
export async function duePurchasePermissions(bucket: QueueBucket, nowIso: string, limit: number, startAfter?: Record<string, unknown>): Promise<QueuePage<DueEntry>> {
  // The queue was bucketed from its start: it has no partition from before.
  if (bucket === 'unsharded') return { entries: [] };
  const page = await queryPage({ ...purchasePermissionKeys.dueQueue(bucket.day), sortKey: { lessThan: purchasePermissionKeys.dueBy(nowIso) }, limit, startAfter });
  return { entries: page.items.map((item) => readItem(DueQueueItem, item)), lastEvaluatedKey: page.lastEvaluatedKey };
}
