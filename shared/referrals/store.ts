// The only module of the referrals feature that talks to DynamoDB.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { db, tableName } from '../platform/dynamo/client.js';
import { queryFullPage, queryPage } from '../platform/dynamo/query.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';
import { count, put, putVersioned, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import { providerAuthorizationKey } from '../indirect-providers/index.js';
import { expiryEntry, parseReferral, referralIdempotencyItem, referralItem, referralKeys, statePrefix, type ReferralListing, type ReferralRecord } from './entity.js';
import { QUALIFICATIONS, type Direction, type Qualification } from './reference.js';
import { statusOf, type Status, type Substatus } from './state-machine.js';

export async function getReferral(partnerId: string, referralId: string): Promise<ReferralRecord | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: referralKeys.referral(partnerId, referralId), ConsistentRead: true }));
  return result.Item ? parseReferral(result.Item) : undefined;
}

export interface ListFilters {
  status?: Status;
  substatus?: Substatus;
  direction?: Direction;
  qualification?: Qualification;
}

/**
 * One Query per page as a rule. Status and substatus are a prefix of every listing's sort key; direction
 * and qualification each have a listing of their own. Both at once read the direction's listing and filter
 * by qualification: such a page reads ahead by the number of qualifications and reads on while it is short
 * (queryFullPage), so it holds `limit` referrals whenever that many remain, none twice across pages.
 */
export async function listReferrals(partnerId: string, filters: ListFilters, limit: number, continuationToken?: string) {
  const listing: ReferralListing = filters.direction
    ? referralKeys.byDirection(partnerId, filters.direction)
    : filters.qualification
      ? referralKeys.byQualification(partnerId, filters.qualification)
      : referralKeys.listing(partnerId);
  const status = filters.status ?? (filters.substatus ? statusOf(filters.substatus) : undefined);
  const filterByQualification = filters.direction && filters.qualification;
  const page = await queryFullPage(
    {
      ...listing,
      ...(status ? { sortKey: { beginsWith: statePrefix(status, filters.substatus) } } : {}),
      ...(filterByQualification ? { filter: { expression: '#q = :q', names: { '#q': 'qualification' }, values: { ':q': filters.qualification } } } : {}),
      newestFirst: true,
      limit,
    },
    { binding: `referrals|${partnerId}|${listing.pk}|${status ?? ''}|${filters.substatus ?? ''}|${filters.qualification ?? ''}`, continuationToken },
    filterByQualification ? QUALIFICATIONS.length : 1,
  );
  return { records: page.items.map(parseReferral), continuationToken: page.continuationToken };
}

/** One more (+1) or one fewer (-1) open engagement between two partners, in the transaction that opens or closes it. */
export const openWithPart = (partnerId: string, otherPartnerId: string, delta: 1 | -1): LabelledPart => count('openWith', referralKeys.openWith(partnerId, otherPartnerId), delta);

/** The reseller's authorization of the provider, which exists exactly while the two are linked. */
export const linkedPart = (resellerId: string, providerId: string): LabelledPart => ({
  label: 'link',
  part: { ConditionCheck: { TableName: tableName(), Key: providerAuthorizationKey(resellerId, providerId), ConditionExpression: 'attribute_exists(pk)' } },
});

export async function countOpenWith(partnerId: string, otherPartnerId: string): Promise<number> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: referralKeys.openWith(partnerId, otherPartnerId), ConsistentRead: true }));
  return typeof result.Item?.count === 'number' ? result.Item.count : 0;
}

export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  expiresAtEpoch: number;
  response: { status: number; body: unknown; headers: Record<string, string> };
}

export type InsertOutcome = { outcome: 'created' } | { outcome: 'replay'; stored: IdempotencyRecord } | { outcome: 'conflict' } | { outcome: 'refused'; failed: Set<string>; cause: unknown };

/**
 * The new referral, its activity record, (for a partner's create) its idempotency record, and (for an arrival)
 * the parts its sender adds, in one transaction. `refused`: one of `withParts` failed its condition.
 */
export async function insertReferral(
  record: ReferralRecord,
  activity: Record<string, unknown>,
  options: { idempotency?: IdempotencyRecord; nowEpoch?: number; withParts?: LabelledPart[] } = {},
): Promise<InsertOutcome> {
  const { idempotency, nowEpoch, withParts = [] } = options;
  const parts: LabelledPart[] = [putVersioned('referral', referralItem(record)), put('activity', activity), ...withParts];
  if (idempotency) {
    parts.push({
      label: 'idempotency',
      part: {
        Put: {
          TableName: tableName(),
          Item: referralIdempotencyItem(record.partnerId, idempotency),
          // A record past its time is as good as gone (TTL deletes late, or never locally).
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': nowEpoch },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    });
  }
  const outcome = await transact(parts);
  if (outcome.ok) return { outcome: 'created' };
  const stored = outcome.oldItems.idempotency;
  if (stored) return { outcome: 'replay', stored: stored as unknown as IdempotencyRecord };
  if (withParts.some((p) => outcome.failed.has(p.label))) return { outcome: 'refused', failed: outcome.failed, cause: outcome.cause };
  return { outcome: 'conflict' };
}

/** The write of a change: the referral's next version, if it is still at the version read, with its activity record. */
export const saveParts = (next: ReferralRecord, expectedVersion: number, activity: Record<string, unknown>): LabelledPart[] => [
  putVersioned('referral', referralItem(next), expectedVersion),
  put('referralActivity', activity),
];

/**
 * false: the referral changed after it was read (nothing was written). `also`: what the change causes
 * elsewhere (a mail in the outbox, the directory's response time), written in the same transaction.
 */
export async function saveReferral(next: ReferralRecord, expectedVersion: number, activity: Record<string, unknown>, also: LabelledPart[] = []): Promise<boolean> {
  return (await transact([...saveParts(next, expectedVersion, activity), ...also])).ok;
}

/**
 * An expiry warning: the referral's mark (its next version, if it is still at the version read) and the
 * mail, in one transaction, so the mail is neither lost nor written twice. No activity record: nothing a
 * partner works with changed. false: changed meanwhile, or a parallel run has it.
 */
export async function saveWarning(marked: ReferralRecord, expectedVersion: number, mail?: LabelledPart): Promise<boolean> {
  return (await transact([putVersioned('referral', referralItem(marked), expectedVersion), ...(mail ? [mail] : [])])).ok;
}

/**
 * Notes that `userId` saw the customer's contacts on `day`, with the activity record of that reveal, in
 * one transaction. It leaves the version alone: seeing changes nothing a caller could base a write on.
 */
export async function recordReveal(record: ReferralRecord, userId: string, day: string, activity: Record<string, unknown>): Promise<void> {
  const outcome = await transact([
    {
      label: 'referral',
      part: {
        Update: {
          TableName: tableName(),
          Key: referralKeys.referral(record.partnerId, record.id),
          UpdateExpression: 'SET revealedTo.#user = :day',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#user': userId },
          ExpressionAttributeValues: { ':day': day },
        },
      },
    },
    put('activity', activity),
  ]);
  if (!outcome.ok) throw new Error('the reveal of a referral that was read a moment ago could not be recorded');
}

/** Referrals of one UTC day of the expiry queue with work due (a warning or the expiry) before `beforeIso`, oldest first. */
export async function dueReferrals(day: string, beforeIso: string, limit: number) {
  const { items } = await queryPage({ ...referralKeys.expiryDay(day), sortKey: { lessThan: beforeIso }, limit });
  return items.map(expiryEntry);
}

export async function getExpiryWatermark(): Promise<string | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: referralKeys.expiryWatermark }));
  return result.Item?.day as string | undefined;
}

/** Moves the watermark forward to `day` (never back: parallel runs cannot undo each other). */
export async function advanceExpiryWatermark(day: string): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: referralKeys.expiryWatermark,
        UpdateExpression: 'SET #day = :day, kind = :kind',
        ConditionExpression: 'attribute_not_exists(#day) OR #day < :day',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: { ':day': day, ':kind': 'referralExpiryWatermark' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
