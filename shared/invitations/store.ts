import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Invitation, InvitationState } from './schemas.js';
import { DAY_MS, clock } from '../platform/clock.js';
import { db, tableName } from '../platform/dynamo/client.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { putVersioned } from '../platform/dynamo/transactions.js';
import { queryPage } from '../platform/dynamo/query.js';
import type { QueueBucket, QueuePage } from '../platform/dynamo/day-queue.js';
import { INDEXES } from '../platform/dynamo/table-definition.js';
import { END_WARNING_DAYS, GrantItem, grantItem, grantKeys, GrantQueueItem, type GrantRecord } from '../delegated-admin/index.js';
import { PartnerProfileItem, partnerProfileKey } from '../partner/index.js';
import { InvitationItem, invitationKeys, PendingQueueItem, SentMessageItem, TokenItem, type InvitationRecord, type SentMessageRecord, type TokenRecord } from './entity.js';

/** Expiry holds on every read, whatever TTL or the cleanup job have done yet. */
export const effectiveState = (record: Pick<InvitationRecord, 'state' | 'expiresAt'>, now: Date): InvitationState =>
  record.state === 'pending' && Date.parse(record.expiresAt) <= now.getTime() ? 'expired' : record.state;

/** Auto-extend never applies to Global Administrator (such a request is refused; this holds for any data). */
export const autoExtends = (grant: Pick<GrantRecord, 'autoExtend' | 'roles'>): boolean =>
  grant.autoExtend && !grant.roles.includes('globalAdministrator');

export const AUTO_EXTEND_DAYS = 180;

/** The first end date after `now`, in steps of 180 days from `endsAt` (an end date already ahead stays). */
export function extendedEnd(endsAt: string, now: Date): string {
  const step = AUTO_EXTEND_DAYS * DAY_MS;
  const end = Date.parse(endsAt);
  if (end > now.getTime()) return endsAt;
  return new Date(end + (Math.floor((now.getTime() - end) / step) + 1) * step).toISOString();
}

/**
 * End dates hold on every read, whatever the cleanup job has done yet: an active grant at its end date is
 * extended if it auto-extends (as the job will store it), and expired otherwise.
 */
export function effectiveGrant(grant: GrantRecord, now: Date): GrantRecord {
  if (grant.state !== 'active' || !grant.endsAt || Date.parse(grant.endsAt) > now.getTime()) return grant;
  return autoExtends(grant) ? { ...grant, endsAt: extendedEnd(grant.endsAt, now) } : { ...grant, state: 'expired' };
}

export function toInvitation(record: InvitationRecord, now: Date): Invitation {
  return {
    id: record.id,
    email: record.email,
    ...(record.domain ? { domain: record.domain } : {}),
    ...(record.companyName ? { companyName: record.companyName } : {}),
    ...(record.customerId ? { customerId: record.customerId } : {}),
    ...(record.delegatedAdmin ? { delegatedAdmin: record.delegatedAdmin } : {}),
    source: record.source,
    state: effectiveState(record, now),
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    ...(record.decidedAt ? { decidedAt: record.decidedAt } : {}),
    ...(record.declineReason ? { declineReason: record.declineReason } : {}),
    ...(record.acceptedBy ? { acceptedBy: record.acceptedBy } : {}),
    ...(record.importId ? { importId: record.importId } : {}),
    ...(record.indirectProvider ? { indirectProviderId: record.indirectProvider.id, indirectProviderName: record.indirectProvider.name } : {}),
    delivery: record.delivery,
  };
}

/** The grant as ended by a person or a change (not by its end date): terminated at `at`, as a new version. */
export const terminatedGrant = (grant: GrantRecord, at: string): GrantRecord => ({ ...grant, state: 'terminated', terminatedAt: at, version: grant.version + 1 });

/** The write that terminates a grant read at its current version. */
export const terminateGrant = (label: string, grant: GrantRecord, at: string) => putVersioned(label, grantItem(terminatedGrant(grant, at)), grant.version);

const table = () => tableName();

export async function getInvitation(partnerId: string, invitationId: string): Promise<InvitationRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: invitationKeys.invitation(partnerId, invitationId), ConsistentRead: true }));
  return Item ? readItem(InvitationItem, Item) : undefined;
}

export async function getGrant(partnerId: string, grantId: string): Promise<GrantRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: grantKeys.grant(partnerId, grantId), ConsistentRead: true }));
  return Item ? readItem(GrantItem, Item) : undefined;
}

export async function listGrantsOfCustomer(partnerId: string, customerId: string): Promise<GrantRecord[]> {
  const { items } = await queryPage({ ...grantKeys.listing(partnerId, customerId), newestFirst: true });
  return items.map((item) => readItem(GrantItem, item));
}

export async function listInvitations(partnerId: string, options: { state?: InvitationState; importId?: string; limit: number; continuationToken?: string }) {
  // Expired invitations may still be stored as pending until the cleanup runs: list them by what they are.
  // An import's invitations have a partition of their own, in which the state is filtered as it is read.
  const target = options.importId ? invitationKeys.byImport(partnerId, options.importId) : invitationKeys.listing(partnerId, options.state === 'expired' ? undefined : options.state);
  const page = await queryPage(
    { ...target, newestFirst: !options.importId, limit: options.limit },
    { binding: `invitations|${partnerId}|${options.state ?? ''}|${options.importId ?? ''}`, continuationToken: options.continuationToken },
  );
  return { records: page.items.map((item) => readItem(InvitationItem, item)), continuationToken: page.continuationToken };
}

/** The joint invitations a reseller sent with this provider, newest first (the provider's read-only view). */
export async function listJointInvitations(providerId: string, resellerId: string, options: { limit: number; continuationToken?: string }) {
  const page = await queryPage(
    { ...invitationKeys.jointByProvider(providerId, resellerId), newestFirst: true, limit: options.limit },
    { binding: `jointInvitations|${providerId}|${resellerId}`, continuationToken: options.continuationToken },
  );
  return { records: page.items.map((item) => readItem(InvitationItem, item)), continuationToken: page.continuationToken };
}

/**
 * The joint invitations between a provider and a reseller that are pending now: one Select=COUNT Query on the
 * provider's view, whose filter also drops those past their expiry that the cleanup has not reached yet. Only a
 * pair history beyond 1 MB of invitations takes a second round trip.
 */
export async function countPendingJointInvitations(providerId: string, resellerId: string, now = clock.now()): Promise<number> {
  const { index, pk } = invitationKeys.jointByProvider(providerId, resellerId);
  let total = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await db().send(
      new QueryCommand({
        TableName: table(),
        IndexName: INDEXES[index].name,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: '#state = :pending AND #expiresAt > :now',
        ExpressionAttributeNames: { '#pk': INDEXES[index].partitionKey, '#state': 'state', '#expiresAt': 'expiresAt' },
        ExpressionAttributeValues: { ':pk': pk, ':pending': 'pending', ':now': now.toISOString() },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    total += result.Count ?? 0;
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return total;
}

export async function getToken(tokenHash: string): Promise<TokenRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: invitationKeys.token(tokenHash), ConsistentRead: true }));
  return Item ? readItem(TokenItem, Item) : undefined;
}

/** The invitation and its partner's profile, in one round trip. */
export async function getInvitationWithPartner(partnerId: string, invitationId: string) {
  const invitationKey = invitationKeys.invitation(partnerId, invitationId);
  const profileKey = partnerProfileKey(partnerId);
  const result = await db().send(
    new BatchGetCommand({ RequestItems: { [table()]: { Keys: [invitationKey, profileKey], ConsistentRead: true } } }),
  );
  const items = result.Responses?.[table()] ?? [];
  const invitation = items.find((i) => i.sk === invitationKey.sk);
  const profile = items.find((i) => i.sk === profileKey.sk);
  return {
    invitation: invitation ? readItem(InvitationItem, invitation) : undefined,
    partner: profile ? readItem(PartnerProfileItem, profile) : undefined,
  };
}

export async function getSentMessage(messageId: string): Promise<SentMessageRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: invitationKeys.sentMessage(messageId) }));
  return Item ? readItem(SentMessageItem, Item) : undefined;
}

/** Pending invitations of one bucket of the expiry queue whose expiry has passed, oldest first (for the cleanup job). */
export async function overdueInvitations(bucket: QueueBucket, nowIso: string, limit: number, startAfter?: Record<string, unknown>): Promise<QueuePage<{ partnerId: string; invitationId: string }>> {
  const page = await queryPage({ ...invitationKeys.pendingQueue(bucket), sortKey: { lessThan: nowIso }, limit, startAfter });
  return {
    entries: page.items.map((item) => {
      const { partnerId, id } = readItem(PendingQueueItem, item);
      return { partnerId, invitationId: id };
    }),
    lastEvaluatedKey: page.lastEvaluatedKey,
  };
}

const holdsAnything = async (partition: { index: 'search'; pk: string }) => (await queryPage({ ...partition, limit: 1 })).items.length > 0;

/** Whether the expiry queue's partition from before the cut-over still holds any invitation, due or not. */
export const unshardedPendingLeft = () => holdsAnything(invitationKeys.pendingQueue('unsharded'));

/** Whether the end-date queue's partition from before the cut-over still holds any grant, due or not. */
export const unshardedActiveLeft = () => holdsAnything(grantKeys.activeQueue('unsharded'));

export interface GrantQueueEntry {
  partnerId: string;
  grantId: string;
  endsAt: string;
}

/**
 * Active grants across partners in one bucket of the end-date queue, by end date, that the cleanup has something to do with at `now`: ended
 * (end date reached), or inside a warning window whose warning is not yet claimed for the current end date.
 * The key condition reads the queue up to `now` + the largest warning window; the filter drops grants with
 * nothing due, so a run walks past already-warned grants without reading each one. One page of at most
 * `limit` evaluated items; `startAfter` continues a walk.
 */
export async function activeGrantsDue(bucket: QueueBucket, now: Date, limit: number, startAfter?: Record<string, unknown>): Promise<QueuePage<GrantQueueEntry>> {
  const upTo = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();
  // The windows do not overlap (30: (7, 30] days, 7: (1, 7], 1: up to 1): only the most urgent one is due.
  const due = END_WARNING_DAYS.map((days, i) => {
    const nearer = END_WARNING_DAYS[i + 1];
    return (
      `(#endsAt <= :upTo${days}${nearer ? ` AND #endsAt > :upTo${nearer}` : ''}` +
      ` AND (attribute_not_exists(#warnings) OR #warnings.#endsAt <> #endsAt OR NOT contains(#warnings.#sent, :t${days})))`
    );
  });
  const page = await queryPage({
    ...grantKeys.activeQueue(bucket),
    sortKey: { lessThan: grantKeys.activeEndingBy(upTo(END_WARNING_DAYS[0])) },
    filter: {
      expression: `#endsAt <= :now OR ${due.join(' OR ')}`,
      names: { '#endsAt': 'endsAt', '#warnings': 'warnings', '#sent': 'sent' },
      values: {
        ':now': now.toISOString(),
        ...Object.fromEntries(END_WARNING_DAYS.flatMap((days) => [[`:upTo${days}`, upTo(days)], [`:t${days}`, String(days)]])),
      },
    },
    limit,
    startAfter,
  });
  return {
    entries: page.items.map((item): GrantQueueEntry => {
      const { partnerId, id, endsAt } = readItem(GrantQueueItem, item);
      return { partnerId, grantId: id, endsAt };
    }),
    lastEvaluatedKey: page.lastEvaluatedKey,
  };
}
