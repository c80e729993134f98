import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { db, tableName } from '../platform/dynamo/client.js';
import { queryPage, type PartitionQuery } from '../platform/dynamo/query.js';
import type { LabelledPart } from '../platform/dynamo/transactions.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { listingSortKey, type ResponseTime } from './entries.js';
import { directoryItemPrefix, DirectoryListingItem, DirectoryLocationItem, ListingPlacementItem, locationEntryKey, RerankEntryItem, rerankQueue, responseTimeKey, ResponseTimeItem } from './entity.js';
import type { DirectoryListing, DirectoryLocation } from './schemas.js';

/** The partner's response time as the directory orders by it, from its stored item (none: no answer yet). */
export function toResponseTime(item: Record<string, unknown> | undefined): ResponseTime {
  if (!item) return { version: 0 };
  const { count, totalHours, version } = readItem(ResponseTimeItem, item);
  return count ? { hours: (totalHours ?? 0) / count, version } : { version };
}

/**
 * Part of a transaction that writes directory items: they carry the response time read at `version`, so
 * the write holds only if nobody recorded another answer meanwhile.
 */
export function responseTimeUnchanged<L extends string>(label: L, partnerId: string, response: ResponseTime): LabelledPart<L> {
  return {
    label,
    part: {
      ConditionCheck: {
        TableName: tableName(),
        Key: responseTimeKey(partnerId),
        ConditionExpression: response.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
        ...(response.version === 0 ? {} : { ExpressionAttributeValues: { ':v': response.version } }),
      },
    },
  };
}

/**
 * The part of a referral answer's transaction that adds it to the partner's response time, and puts the
 * partner in the re-rank queue: the answer itself stays one transaction, and the cleanup moves the partner's
 * listings (their number is open-ended, so they cannot join it).
 */
export function responseTimeAdded<L extends string>(label: L, partnerId: string, hours: number): LabelledPart<L> {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`a response time is a number of hours >= 0, not ${hours}`);
  return {
    label,
    part: {
      Update: {
        TableName: tableName(),
        Key: responseTimeKey(partnerId),
        UpdateExpression: 'ADD #count :one, totalHours :hours, version :one SET kind = :kind, gsi3pk = :queue, gsi3sk = :partner',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':hours': hours, ':kind': 'referralResponseTime', ':queue': rerankQueue.pk, ':partner': partnerId },
      },
    },
  };
}

/** Partners in the re-rank queue, at most `limit`. */
export async function queuedForRerank(limit: number): Promise<string[]> {
  const { items } = await queryPage({ ...rerankQueue, limit });
  return items.map((item) => readItem(RerankEntryItem, item).gsi3sk);
}

/**
 * Moves the partner's directory listings to their place for its current response time, then takes it out
 * of the re-rank queue unless another answer came meanwhile (that one keeps it queued for the next run).
 * A listing written meanwhile by a publish either read the new time already or failed its check (see
 * responseTimeUnchanged); a listing removed meanwhile is not brought back. false: it was not queued.
 */
export async function rerankListings(partnerId: string): Promise<boolean> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: responseTimeKey(partnerId), ConsistentRead: true }));
  if (!Item || Item.gsi3pk !== rerankQueue.pk) return false;
  const response = toResponseTime(Item);
  const { pk, skPrefix } = directoryItemPrefix(partnerId);
  let startAfter: Record<string, unknown> | undefined;
  do {
    const page = await queryPage({ pk, sortKey: { beginsWith: skPrefix }, consistent: true, startAfter });
    for (const item of page.items) {
      if (item.kind !== 'directoryListing') continue;
      await moveListing(item, response);
    }
    startAfter = page.lastEvaluatedKey;
  } while (startAfter);
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: responseTimeKey(partnerId),
        UpdateExpression: 'REMOVE gsi3pk, gsi3sk',
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': response.version },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  return true;
}

async function moveListing(item: Record<string, unknown>, response: ResponseTime) {
  const { partnerId, country, gsi3sk } = readItem(ListingPlacementItem, item);
  const tagMatch = gsi3sk.startsWith('0#') ? true : gsi3sk.startsWith('1#') ? false : undefined;
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET gsi3sk = :sk, responseHours = :hours, responseVersion = :v',
        ConditionExpression: 'attribute_exists(pk) AND responseVersion < :v',
        ExpressionAttributeValues: { ':sk': listingSortKey(partnerId, country, response.hours, tagMatch), ':hours': response.hours ?? null, ':v': response.version },
      }),
    );
  } catch (error) {
    // Gone (unpublished meanwhile) or already newer: either way nothing to do.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export async function findListings(query: PartitionQuery, paging: { binding: string; continuationToken?: string }) {
  const page = await queryPage(query, paging);
  return { items: page.items.map((item): DirectoryListing => readItem(DirectoryListingItem, item)), continuationToken: page.continuationToken };
}

export async function getLocation(partnerId: string, locationId: string): Promise<DirectoryLocation | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: locationEntryKey(partnerId, locationId) }));
  return Item ? readItem(DirectoryLocationItem, Item) : undefined;
}
