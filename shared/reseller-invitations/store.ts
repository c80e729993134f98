import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/dynamo/client.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { queryPage } from '../platform/dynamo/query.js';
import { put, putVersioned, transact } from '../platform/dynamo/transactions.js';
import { PartnerProfileItem, partnerProfileKey } from '../partner/index.js';
import type { ResellerInvitation } from './schemas.js';
import { ResellerInvitationItem, resellerInvitationItem, resellerInvitationKeys, TokenItem, tokenItem, type ResellerInvitationRecord, type TokenRecord } from './entity.js';

/** Expiry holds on every read: a pending invitation past its date is expired, whatever is stored. */
export const effectiveState = (record: Pick<ResellerInvitationRecord, 'state' | 'expiresAt'>, now: Date): ResellerInvitation['state'] =>
  record.state === 'pending' && Date.parse(record.expiresAt) <= now.getTime() ? 'expired' : record.state;

export function toResellerInvitation(record: ResellerInvitationRecord, now: Date): ResellerInvitation {
  const { id, email, message, createdAt, expiresAt, decidedAt, acceptedBy, delivery } = record;
  return {
    id,
    email,
    ...(message ? { message } : {}),
    state: effectiveState(record, now),
    createdAt,
    expiresAt,
    ...(decidedAt ? { decidedAt } : {}),
    ...(acceptedBy ? { acceptedBy } : {}),
    delivery,
  };
}

export async function getInvitation(providerId: string, invitationId: string): Promise<ResellerInvitationRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: resellerInvitationKeys.invitation(providerId, invitationId), ConsistentRead: true }));
  return Item ? readItem(ResellerInvitationItem, Item) : undefined;
}

export async function listInvitations(providerId: string, options: { limit: number; continuationToken?: string }) {
  const page = await queryPage(
    { ...resellerInvitationKeys.listing(providerId), newestFirst: true, limit: options.limit },
    { binding: `resellerInvitations|${providerId}`, continuationToken: options.continuationToken },
  );
  return { records: page.items.map((item) => readItem(ResellerInvitationItem, item)), continuationToken: page.continuationToken };
}

export async function getToken(tokenHash: string): Promise<TokenRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: resellerInvitationKeys.token(tokenHash), ConsistentRead: true }));
  return Item ? readItem(TokenItem, Item) : undefined;
}

/** The invitation and its provider's profile, in one round trip. */
export async function getInvitationWithProvider(providerId: string, invitationId: string) {
  const invitationKey = resellerInvitationKeys.invitation(providerId, invitationId);
  const profileKey = partnerProfileKey(providerId);
  const result = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: [invitationKey, profileKey], ConsistentRead: true } } }));
  const items = result.Responses?.[tableName()] ?? [];
  const invitation = items.find((i) => i.sk === invitationKey.sk);
  const profile = items.find((i) => i.sk === profileKey.sk);
  return {
    invitation: invitation ? readItem(ResellerInvitationItem, invitation) : undefined,
    provider: profile ? readItem(PartnerProfileItem, profile) : undefined,
  };
}

/**
 * Makes `tokenHash` the invitation's only working link: the invitation names it (so an earlier token, whose item
 * is left to its TTL, no longer matches) and a token item finds the invitation by it. False when the invitation
 * changed meanwhile.
 */
export async function issueLink(record: ResellerInvitationRecord, tokenHash: string, attempts: number): Promise<ResellerInvitationRecord | undefined> {
  const next: ResellerInvitationRecord = { ...record, tokenHash, delivery: { ...record.delivery, state: 'queued', attempts }, version: record.version + 1 };
  const outcome = await transact([
    putVersioned('invitation', resellerInvitationItem(next), record.version),
    put('token', tokenItem(tokenHash, { providerId: record.providerId, invitationId: record.id }, Math.floor(Date.parse(record.expiresAt) / 1000))),
  ]);
  return outcome.ok ? next : undefined;
}
