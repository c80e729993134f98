// Invitations as the partner manages them: create (also to reinstate), list, read, resend, revoke.
import { createHash, randomUUID } from 'node:crypto';
import type { Principal } from '../auth.js';
import { clock, nowEpochSeconds } from '../clock.js';
import { config } from '../config.js';
import { activityItem } from '../data/activity.js';
import {
  count,
  getGrant,
  getInvitation as readInvitation,
  grantItem,
  invitationItem,
  listInvitations as queryInvitations,
  mustNotExist,
  outboxItem,
  put,
  putNew,
  putVersioned,
  remove,
  effectiveState,
  toInvitation,
  type GrantRecord,
  type InvitationRecord,
} from '../data/invitations.js';
import { keys } from '../data/keys.js';
import { transact, type LabelledPart } from '../data/transactions.js';
import {
  BusinessRuleError,
  DelegatedAdminNameTakenError,
  ForbiddenError,
  NotFoundError,
  PartnerProfileRequiredError,
  RateLimitedError,
  RecipientBouncedError,
  StateConflictError,
} from '../errors.js';
import { isAllowed } from '../roles.js';
import { retryOnVersionConflict, VersionConflict } from './retry.js';
import type { CreateInvitationRequest, DelegatedAdminRequest, Invitation, InvitationState } from '../schemas/invitation.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const OUTBOX_RETENTION_SECONDS = 7 * 24 * 60 * 60;

/** Recipients are keyed by a hash: no mail address ends up in a key or an index. */
export const emailHash = (email: string): string => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/** Every mail to a recipient counts against that address's daily allowance, whoever sends it. */
function recipientAllowance(email: string, now: Date): LabelledPart<'recipientLimit'> {
  const dayAfterTomorrow = Math.floor(Date.parse(`${utcDay(now)}T00:00:00Z`) / 1000) + 2 * 86400;
  return count('recipientLimit', keys.recipientDayCounter(emailHash(email), utcDay(now)), 1, {
    max: config().invitations.maxPerRecipientPerDay,
    expiresAtEpoch: dayAfterTomorrow,
  });
}

function rateLimitError(failed: Set<string>): RateLimitedError | undefined {
  const secondsToMidnight = () => Math.max(1, Math.ceil((Date.parse(`${utcDay(clock.now())}T00:00:00Z`) + DAY_MS - clock.now().getTime()) / 1000));
  if (failed.has('pendingLimit')) {
    return new RateLimitedError(`This partner has ${config().invitations.maxPendingPerPartner} pending invitations, the most allowed. Revoke some or wait until they are answered.`, 3600);
  }
  if (failed.has('recipientLimit')) {
    return new RateLimitedError('This address has received as many invitations today as allowed. Try again tomorrow.', secondsToMidnight());
  }
  return undefined;
}

export interface InvitationInput extends CreateInvitationRequest {
  customerId?: string;
  source?: InvitationRecord['source'];
}

/**
 * Commits the invitation, its outbox request (the mailer sends it from the table's stream), the rate
 * counters and the activity record in one transaction: a refused invitation leaves nothing behind
 * and sends nothing.
 */
export async function createInvitation(principal: Principal, input: InvitationInput): Promise<Invitation> {
  if (input.delegatedAdmin && !isAllowed(principal.roles, 'delegatedAdmin.manage')) {
    throw new ForbiddenError('Only a Global admin or an Admin agent may request delegated admin access.');
  }
  if (config().partition === 'aws-us-gov' && !input.delegatedAdmin) {
    throw new BusinessRuleError('In the US Government cloud a reseller relationship must include delegated admin access (delegatedAdmin).');
  }
  const now = clock.now();
  const at = now.toISOString();
  const id = randomUUID();
  const grant = input.delegatedAdmin ? newGrant(principal.partnerId, id, input.delegatedAdmin, at) : undefined;
  const record: InvitationRecord = {
    id,
    partnerId: principal.partnerId,
    email: input.email,
    ...(input.domain ? { domain: input.domain } : {}),
    ...(input.companyName ? { companyName: input.companyName } : {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(input.delegatedAdmin ? { delegatedAdmin: input.delegatedAdmin, grantId: grant!.id } : {}),
    source: input.source ?? 'partner',
    state: 'pending',
    createdAt: at,
    expiresAt: new Date(now.getTime() + config().invitations.ttlDays * DAY_MS).toISOString(),
    delivery: { state: 'queued', attempts: 0 },
    generation: 1,
    createdBy: principal.userId,
    version: 1,
  };
  const limits = config().invitations;
  const parts: LabelledPart[] = [
    {
      label: 'profile',
      part: { ConditionCheck: { TableName: config().tableName, Key: keys.partnerProfile(principal.partnerId), ConditionExpression: 'attribute_exists(pk)' } },
    },
    count('pendingLimit', keys.pendingInvitationCounter(principal.partnerId), 1, { max: limits.maxPendingPerPartner }),
    recipientAllowance(input.email, now),
    putVersioned('invitation', invitationItem(record)),
    put('outbox', outboxItem(record, at, nowEpochSeconds() + OUTBOX_RETENTION_SECONDS)),
    put('activity', activityItem(principal, input.customerId ? 'Reinstate Customer Relationship: Invite' : 'Invite Customer', at, [{ field: 'invitation', after: { id, source: record.source } }], input.customerId)),
  ];
  if (grant) {
    parts.push(putVersioned('grant', grantItem(grant)), putNew('grantName', { ...keys.delegatedAdminName(principal.partnerId, grant.displayName), kind: 'delegatedAdminName', grantId: grant.id }));
  }
  if (!input.overrideBounce) parts.push(mustNotExist('bounced', keys.bouncedRecipient(emailHash(input.email))));
  if (input.customerId) {
    parts.push({
      label: 'customer',
      part: {
        ConditionCheck: {
          TableName: config().tableName,
          Key: keys.customer(principal.partnerId, input.customerId),
          ConditionExpression: 'attribute_exists(pk) AND #state = :ended',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':ended': 'ended' },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    });
  }
  const outcome = await transact(parts);
  if (!outcome.ok) {
    const { failed } = outcome;
    if (failed.has('profile')) throw new PartnerProfileRequiredError();
    if (failed.has('customer')) {
      if (!outcome.oldItems.customer) throw new NotFoundError(`No customer ${input.customerId}.`);
      throw new StateConflictError('The relationship with this customer is active; only an ended relationship can be reinstated.');
    }
    if (failed.has('bounced')) throw new RecipientBouncedError();
    if (failed.has('grantName')) throw new DelegatedAdminNameTakenError(grant!.displayName);
    throw rateLimitError(failed) ?? new StateConflictError('The invitation could not be stored; retry.');
  }
  return toInvitation(record, now);
}

function newGrant(partnerId: string, invitationId: string, request: DelegatedAdminRequest, at: string): GrantRecord {
  return {
    id: randomUUID(),
    partnerId,
    displayName: request.displayName,
    roles: request.roles,
    duration: request.duration,
    autoExtend: request.autoExtend,
    state: 'approvalPending',
    invitationId,
    createdAt: at,
    version: 1,
  };
}

async function ownInvitation(principal: Principal, invitationId: string): Promise<InvitationRecord> {
  const record = await readInvitation(principal.partnerId, invitationId);
  if (!record) throw new NotFoundError(`No invitation ${invitationId}.`);
  return record;
}

export async function getInvitation(principal: Principal, invitationId: string): Promise<Invitation> {
  return toInvitation(await ownInvitation(principal, invitationId), clock.now());
}

export async function listInvitations(principal: Principal, query: { state?: InvitationState; limit: number; continuationToken?: string }) {
  const page = await queryInvitations(principal.partnerId, query);
  const now = clock.now();
  const items = page.records.map((r) => toInvitation(r, now)).filter((i) => !query.state || i.state === query.state);
  return { items, ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
}

/** A new link for a pending invitation: the old link dies in the same transaction. */
export const resendInvitation = (principal: Principal, invitationId: string, overrideBounce: boolean): Promise<Invitation> =>
  retryOnVersionConflict(() => resendOnce(principal, invitationId, overrideBounce), changedMeanwhile);

export const revokeInvitation = (principal: Principal, invitationId: string): Promise<Invitation> =>
  retryOnVersionConflict(() => revokeOnce(principal, invitationId), changedMeanwhile);

const changedMeanwhile = () => new StateConflictError('The invitation changed meanwhile; read it again.');

/** Resending renews the invitation's delegated admin request and revoking ends it: both are delegated admin management. */
function mayManageDelegatedAdminOf(principal: Principal, invitation: InvitationRecord, action: 'resend' | 'revoke'): void {
  if (invitation.delegatedAdmin && !isAllowed(principal.roles, 'delegatedAdmin.manage')) {
    throw new ForbiddenError(`This invitation asks for delegated admin access; only a Global admin or an Admin agent may ${action} it.`);
  }
}

async function resendOnce(principal: Principal, invitationId: string, overrideBounce: boolean): Promise<Invitation> {
  const current = await ownInvitation(principal, invitationId);
  mayManageDelegatedAdminOf(principal, current, 'resend');
  const now = clock.now();
  if (effectiveState(current, now) !== 'pending') throw new StateConflictError(`The invitation is ${effectiveState(current, now)}; only a pending invitation can be resent.`);
  const at = now.toISOString();
  const { tokenHash: _old, ...rest } = current;
  const next: InvitationRecord = {
    ...rest,
    generation: current.generation + 1,
    expiresAt: new Date(now.getTime() + config().invitations.ttlDays * DAY_MS).toISOString(),
    delivery: { state: 'queued', attempts: 0 },
    version: current.version + 1,
  };
  const parts: LabelledPart[] = [
    putVersioned('invitation', invitationItem(next), current.version),
    put('outbox', outboxItem(next, at, nowEpochSeconds() + OUTBOX_RETENTION_SECONDS)),
    recipientAllowance(current.email, now),
    put('activity', activityItem(principal, 'Resend Invitation', at, [{ field: 'invitation.generation', before: current.generation, after: next.generation }], current.customerId)),
    ...(current.tokenHash ? [remove('oldToken', keys.invitationToken(current.tokenHash))] : []),
    ...(overrideBounce ? [remove('bounce', keys.bouncedRecipient(emailHash(current.email)))] : [mustNotExist('bounced', keys.bouncedRecipient(emailHash(current.email)))]),
  ];
  const outcome = await transact(parts);
  if (!outcome.ok) {
    if (outcome.failed.has('bounced')) throw new RecipientBouncedError();
    throw rateLimitError(outcome.failed) ?? new VersionConflict();
  }
  return toInvitation(next, now);
}

async function revokeOnce(principal: Principal, invitationId: string): Promise<Invitation> {
  const current = await ownInvitation(principal, invitationId);
  mayManageDelegatedAdminOf(principal, current, 'revoke');
  const now = clock.now();
  if (effectiveState(current, now) !== 'pending') throw new StateConflictError(`The invitation is ${effectiveState(current, now)}; only a pending invitation can be revoked.`);
  const at = now.toISOString();
  const next: InvitationRecord = { ...current, state: 'revoked', decidedAt: at, version: current.version + 1 };
  const grant = current.grantId ? await getGrant(principal.partnerId, current.grantId) : undefined;
  const outcome = await transact([
    putVersioned('invitation', invitationItem(next), current.version),
    count('pendingCount', keys.pendingInvitationCounter(principal.partnerId), -1),
    put('activity', activityItem(principal, 'Revoke Invitation', at, [{ field: 'state', before: 'pending', after: 'revoked' }], current.customerId)),
    ...(grant ? [putVersioned('grant', grantItem({ ...grant, state: 'terminated', terminatedAt: at, version: grant.version + 1 }), grant.version)] : []),
  ]);
  if (!outcome.ok) throw new VersionConflict();
  return toInvitation(next, now);
}
