// A provider's partnership invitations to resellers: create, list, read, resend (a new link; the old one dies),
// revoke, and the reseller's accept, which consumes the invitation and makes the link in one transaction.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../platform/auth.js';
import { DAY_MS, clock } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { activityItem } from '../activity/index.js';
import { checkProvider, linkProvider } from '../indirect-providers/index.js';
import { rateLimitError, recipientAllowance } from '../invitations/index.js';
import { put, putVersioned, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import { retryOnVersionConflict, VersionConflict } from '../platform/dynamo/retry.js';
import { stateConflict } from '../platform/errors.js';
import { hashToken } from '../platform/links/tokens.js';
import { resellerInvitationItem, type ResellerInvitationRecord } from './entity.js';
import { resellerInvitationMailPart } from './delivery.js';
import { invitationNotFound, linkUnusable, notPending } from './problems.js';
import type { CreateResellerInvitationRequest, ResellerInvitation } from './schemas.js';
import { effectiveState, getInvitation, getInvitationWithProvider, getToken, listInvitations as queryInvitations, toResellerInvitation } from './store.js';

const expiry = (now: Date) => new Date(now.getTime() + config().invitations.ttlDays * DAY_MS).toISOString();

/** The invitation, its mail request, the recipient's daily allowance and the activity record: one transaction. */
export async function createResellerInvitation(principal: Principal, input: CreateResellerInvitationRequest): Promise<ResellerInvitation> {
  await checkProvider(principal.partnerId);
  const now = clock.now();
  const at = now.toISOString();
  const record: ResellerInvitationRecord = {
    id: randomUUID(),
    providerId: principal.partnerId,
    email: input.email,
    ...(input.message ? { message: input.message } : {}),
    state: 'pending',
    createdAt: at,
    createdBy: principal.userId,
    expiresAt: expiry(now),
    delivery: { state: 'queued', attempts: 0 },
    generation: 1,
    version: 1,
  };
  const outcome = await transact([
    putVersioned('invitation', resellerInvitationItem(record)),
    resellerInvitationMailPart(record, now),
    recipientAllowance(input.email, now),
    put('activity', activityItem(principal, 'Invite Indirect Reseller', at, [{ field: 'resellerInvitation', after: record.id }])),
  ]);
  if (!outcome.ok) throw rateLimitError(outcome) ?? stateConflict('The invitation could not be stored; retry.', outcome.cause);
  return toResellerInvitation(record, now);
}

async function ownInvitation(principal: Principal, invitationId: string): Promise<ResellerInvitationRecord> {
  const record = await getInvitation(principal.partnerId, invitationId);
  if (!record) throw invitationNotFound(invitationId);
  return record;
}

export const getResellerInvitation = async (principal: Principal, invitationId: string) => toResellerInvitation(await ownInvitation(principal, invitationId), clock.now());

export async function listResellerInvitations(principal: Principal, query: { limit: number; continuationToken?: string }) {
  const page = await queryInvitations(principal.partnerId, query);
  const now = clock.now();
  return { items: page.records.map((r) => toResellerInvitation(r, now)), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
}

const changedMeanwhile = (cause: unknown) => stateConflict('The invitation changed meanwhile; read it again.', cause);

/** The pending invitation, or the refusal to `verb` one that is not. */
async function pendingInvitation(principal: Principal, invitationId: string, verb: 'resent' | 'revoked', now: Date) {
  const current = await ownInvitation(principal, invitationId);
  const state = effectiveState(current, now);
  if (state !== 'pending') throw notPending(state, verb);
  return current;
}

export const resendResellerInvitation = (principal: Principal, invitationId: string): Promise<ResellerInvitation> =>
  retryOnVersionConflict(async () => {
    const now = clock.now();
    const current = await pendingInvitation(principal, invitationId, 'resent', now);
    // The old link dies with its hash here; its token item is left to its TTL.
    const { tokenHash: _old, ...rest } = current;
    const next: ResellerInvitationRecord = { ...rest, generation: current.generation + 1, expiresAt: expiry(now), delivery: { state: 'queued', attempts: 0 }, version: current.version + 1 };
    const parts: LabelledPart[] = [
      putVersioned('invitation', resellerInvitationItem(next), current.version),
      resellerInvitationMailPart(next, now),
      recipientAllowance(current.email, now),
      put('activity', activityItem(principal, 'Resend Indirect Reseller Invitation', now.toISOString(), [{ field: 'resellerInvitation.generation', before: current.generation, after: next.generation }])),
    ];
    const outcome = await transact(parts);
    if (!outcome.ok) throw rateLimitError(outcome) ?? new VersionConflict('the invitation changed while it was resent', { cause: outcome.cause });
    return toResellerInvitation(next, now);
  }, changedMeanwhile);

export const revokeResellerInvitation = (principal: Principal, invitationId: string): Promise<ResellerInvitation> =>
  retryOnVersionConflict(async () => {
    const now = clock.now();
    const current = await pendingInvitation(principal, invitationId, 'revoked', now);
    const at = now.toISOString();
    const next: ResellerInvitationRecord = { ...current, state: 'revoked', decidedAt: at, version: current.version + 1 };
    const outcome = await transact([
      putVersioned('invitation', resellerInvitationItem(next), current.version),
      put('activity', activityItem(principal, 'Revoke Indirect Reseller Invitation', at, [{ field: 'resellerInvitation.state', before: 'pending', after: 'revoked' }])),
    ]);
    if (!outcome.ok) throw new VersionConflict('the invitation changed while it was revoked', { cause: outcome.cause });
    return toResellerInvitation(next, now);
  }, changedMeanwhile);

/** The pending invitation a token's link opens, with its provider; else whether the link never was (404) or is dead (410). */
export async function openPartnershipInvitation(token: string) {
  const tokenHash = hashToken(token);
  const found = await getToken(tokenHash);
  if (!found) return { usable: false, status: 404 } as const;
  const { invitation, provider } = await getInvitationWithProvider(found.providerId, found.invitationId);
  if (!invitation || !provider || invitation.tokenHash !== tokenHash || effectiveState(invitation, clock.now()) !== 'pending') return { usable: false, status: 410 } as const;
  return { usable: true, invitation, provider } as const;
}

/**
 * The reseller's Global admin, signed in, accepts: the invitation becomes `accepted` (by this partner) in the
 * transaction that makes the link, so a link is used once, and a revoke or resend meanwhile wins.
 */
export async function acceptPartnership(principal: Principal, token: string) {
  const open = await openPartnershipInvitation(token);
  if (!open.usable) throw linkUnusable();
  const { invitation } = open;
  const at = clock.now().toISOString();
  const accepted: ResellerInvitationRecord = { ...invitation, state: 'accepted', decidedAt: at, acceptedBy: { partnerId: principal.partnerId, userId: principal.userId }, version: invitation.version + 1 };
  return linkProvider(principal, invitation.providerId, {
    invitationId: invitation.id,
    whenLinked: 'refuse',
    parts: [putVersioned('invitation', resellerInvitationItem(accepted), invitation.version)],
    failure: (failed, cause) => (failed.has('invitation') ? linkUnusable(cause) : undefined),
  });
}
