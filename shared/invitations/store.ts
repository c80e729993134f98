import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DelegatedAdminGrant, Delivery, Invitation, InvitationState } from './schemas.js';
import { DAY_MS } from '../platform/clock.js';
import { db, tableName } from '../platform/dynamo/client.js';
import { keys } from '../platform/dynamo/keys.js';
import { putVersioned } from '../platform/dynamo/transactions.js';
import { queryPage } from '../platform/dynamo/query.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';

/** The stored invitation: the API view plus what only the system sees. */
export interface InvitationRecord extends Omit<Invitation, 'state'> {
  partnerId: string;
  /** Stored state; `pending` past `expiresAt` reads as `expired` (see effectiveState). */
  state: InvitationState;
  /** Bumped by every resend: only the newest outbox request may issue a link. */
  generation: number;
  /** Hash of the current link's token; the token itself is never stored. */
  tokenHash?: string;
  grantId?: string;
  acceptedBy?: { name: string; email: string };
  createdBy: string;
  version: number;
}


/** Days before an end date at which the partner's contact is warned, most urgent last. */
export const END_WARNING_DAYS = [30, 7, 1] as const;
export type EndWarning = `${(typeof END_WARNING_DAYS)[number]}`;

export interface GrantRecord extends DelegatedAdminGrant {
  partnerId: string;
  version: number;
  /**
   * End-date warnings already claimed (written before the mail is sent) for the end date `endsAt`.
   * Marks for another end date count for nothing: an extended grant is warned afresh.
   */
  warnings?: { endsAt: string; sent: EndWarning[] };
}

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
    delivery: record.delivery,
  };
}

export function toGrant(record: GrantRecord): DelegatedAdminGrant {
  const { partnerId: _p, version: _v, warnings: _w, ...grant } = record;
  return grant;
}

const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, kind: _k, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, gsi3pk: _e, gsi3sk: _f, [TTL_ATTRIBUTE]: _t, ...rest } = item;
  return rest as T;
};

export function invitationItem(record: InvitationRecord) {
  return {
    ...keys.invitation(record.partnerId, record.id),
    ...keys.invitationIndexes(record.partnerId, record.id, record.createdAt, record.state, record.state === 'pending' ? record.expiresAt : undefined),
    kind: 'invitation',
    ...record,
  };
}

/** The grant as ended by a person or a change (not by its end date): terminated at `at`, as a new version. */
export const terminatedGrant = (grant: GrantRecord, at: string): GrantRecord => ({ ...grant, state: 'terminated', terminatedAt: at, version: grant.version + 1 });

/** The write that terminates a grant read at its current version. */
export const terminateGrant = (label: string, grant: GrantRecord, at: string) => putVersioned(label, grantItem(terminatedGrant(grant, at)), grant.version);

export function grantItem(record: GrantRecord) {
  return {
    ...keys.delegatedAdminGrant(record.partnerId, record.id),
    ...(record.customerId ? keys.delegatedAdminOfCustomer(record.partnerId, record.customerId) : {}),
    ...(record.customerId ? { gsi1sk: `${record.createdAt}#${record.id}` } : {}),
    // Only active grants sit in the end-date queue: a Put of any other state leaves it.
    ...(record.state === 'active' && record.endsAt ? keys.activeDelegatedAdminIndexes(record.partnerId, record.id, record.endsAt) : {}),
    kind: 'delegatedAdminGrant',
    ...record,
  };
}

const table = () => tableName();

export async function getInvitation(partnerId: string, invitationId: string): Promise<InvitationRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.invitation(partnerId, invitationId), ConsistentRead: true }));
  return Item ? stripKeys<InvitationRecord>(Item) : undefined;
}

export async function getGrant(partnerId: string, grantId: string): Promise<GrantRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.delegatedAdminGrant(partnerId, grantId), ConsistentRead: true }));
  return Item ? stripKeys<GrantRecord>(Item) : undefined;
}

export async function listGrantsOfCustomer(partnerId: string, customerId: string): Promise<GrantRecord[]> {
  const { items } = await queryPage({ ...keys.delegatedAdminListing(partnerId, customerId), newestFirst: true });
  return items.map((item) => stripKeys<GrantRecord>(item));
}

export async function listInvitations(partnerId: string, options: { state?: InvitationState; limit: number; continuationToken?: string }) {
  // Expired invitations may still be stored as pending until the cleanup runs: list them by what they are.
  const target = keys.invitationListing(partnerId, options.state === 'expired' ? undefined : options.state);
  const page = await queryPage(
    { ...target, newestFirst: true, limit: options.limit },
    { binding: `invitations|${partnerId}|${options.state ?? ''}`, continuationToken: options.continuationToken },
  );
  return { records: page.items.map((item) => stripKeys<InvitationRecord>(item)), continuationToken: page.continuationToken };
}

export interface TokenRecord {
  partnerId: string;
  invitationId: string;
  generation: number;
}

export const tokenItem = (tokenHash: string, token: TokenRecord, expiresAtEpoch: number) => ({
  ...keys.invitationToken(tokenHash),
  kind: 'invitationToken',
  ...token,
  [TTL_ATTRIBUTE]: expiresAtEpoch,
});

export async function getToken(tokenHash: string): Promise<TokenRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.invitationToken(tokenHash), ConsistentRead: true }));
  return Item ? { partnerId: Item.partnerId as string, invitationId: Item.invitationId as string, generation: Item.generation as number } : undefined;
}

/** The invitation and its partner's profile, in one round trip. */
export async function getInvitationWithPartner(partnerId: string, invitationId: string) {
  const invitationKey = keys.invitation(partnerId, invitationId);
  const profileKey = keys.partnerProfile(partnerId);
  const result = await db().send(
    new BatchGetCommand({ RequestItems: { [table()]: { Keys: [invitationKey, profileKey], ConsistentRead: true } } }),
  );
  const items = result.Responses?.[table()] ?? [];
  const invitation = items.find((i) => i.sk === invitationKey.sk);
  const profile = items.find((i) => i.sk === profileKey.sk);
  return {
    invitation: invitation ? stripKeys<InvitationRecord>(invitation) : undefined,
    partner: profile
      ? { companyName: profile.companyName as string, country: profile.country as string, markets: profile.markets as string[], partnerType: profile.partnerType as string }
      : undefined,
  };
}

export async function getSentMessage(messageId: string): Promise<{ partnerId: string; invitationId: string; emailHash: string } | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.sentMessage(messageId) }));
  return Item ? { partnerId: Item.partnerId as string, invitationId: Item.invitationId as string, emailHash: Item.emailHash as string } : undefined;
}

/** Pending invitations whose expiry has passed, oldest first, across partners (for the cleanup job). */
export async function overdueInvitations(nowIso: string, limit: number): Promise<{ partnerId: string; invitationId: string }[]> {
  const { items } = await queryPage({ ...keys.pendingInvitationQueue, sortKey: { lessThan: nowIso }, limit });
  return items.map((item) => ({ partnerId: item.partnerId as string, invitationId: item.id as string }));
}

export interface GrantQueueEntry {
  partnerId: string;
  grantId: string;
  endsAt: string;
}

/**
 * Active grants across partners, by end date, that the cleanup has something to do with at `now`: ended
 * (end date reached), or inside a warning window whose warning is not yet claimed for the current end date.
 * The key condition reads the queue up to `now` + the largest warning window; the filter drops grants with
 * nothing due, so a run walks past already-warned grants without reading each one. One page of at most
 * `limit` evaluated items; `startAfter` continues a walk.
 */
export async function activeGrantsDue(now: Date, limit: number, startAfter?: Record<string, unknown>) {
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
    ...keys.activeDelegatedAdminQueue,
    sortKey: { lessThan: keys.activeDelegatedAdminEndingBy(upTo(END_WARNING_DAYS[0])) },
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
    entries: page.items.map((item): GrantQueueEntry => ({ partnerId: item.partnerId as string, grantId: item.id as string, endsAt: item.endsAt as string })),
    lastEvaluatedKey: page.lastEvaluatedKey,
  };
}

export type { Delivery };
