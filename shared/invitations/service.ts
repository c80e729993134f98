// Invitations as the partner manages them: create (also to reinstate), list, read, resend, revoke.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../platform/auth.js';
import { DAY_MS, clock, secondsToNextUtcDay, utcDay } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { activityItem } from '../activity/store.js';
import {
  getGrant,
  getInvitation as readInvitation,
  grantItem,
  terminateGrant,
  invitationItem,
  listInvitations as queryInvitations,
  effectiveState,
  toInvitation,
  type GrantRecord,
  type InvitationRecord,
} from './store.js';
import { getCustomer } from '../customers/store.js';
import { invitationMailPart } from './delivery.js';
import { keys } from '../platform/dynamo/keys.js';
import { findOrganizationByDomain, getOrganization, mayActFor, qualifyingAddresses, type OrganizationRecord } from '../organizations/store.js';
import { emailHash } from '../platform/email-address.js';
import { count, mustNotExist, put, putNew, putVersioned, remove, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import {
  BusinessRuleError,
  DelegatedAdminNameTakenError,
  ForbiddenError,
  NotFoundError,
  OrganizationCreationNotAllowedError,
  PartnerProfileRequiredError,
  RateLimitedError,
  RecipientBouncedError,
  RecipientOutsideOrganizationError,
  StateConflictError,
} from '../platform/errors.js';
import { isAllowed } from '../platform/roles.js';
import { retryOnVersionConflict, VersionConflict } from '../platform/dynamo/retry.js';
import type { CreateInvitationRequest, DelegatedAdminRequest, Invitation, InvitationState } from './schemas.js';

/** Every mail to a recipient counts against that address's daily allowance, whoever sends it. */
const recipientAllowance = (email: string, now: Date): LabelledPart<'recipientLimit'> =>
  dailyAllowance('recipientLimit', keys.recipientDayCounter(emailHash(email), utcDay(now)), config().invitations.maxPerRecipientPerDay, now);

function rateLimitError(failed: Set<string>): RateLimitedError | undefined {
  if (failed.has('pendingLimit')) {
    return new RateLimitedError(`This partner has ${config().invitations.maxPendingPerPartner} pending invitations, the most allowed. Revoke some or wait until they are answered.`, 3600);
  }
  if (failed.has('linkPendingLimit')) {
    return new RateLimitedError(`This partner's relationship link has ${config().invitations.maxPendingPerLink} pending invitations, the most allowed.`, 3600);
  }
  if (failed.has('recipientLimit')) {
    return new RateLimitedError('This address has received as many invitations today as allowed. Try again tomorrow.', secondsToNextUtcDay(clock.now()));
  }
  return undefined;
}

export interface InvitationInput extends CreateInvitationRequest {
  customerId?: string;
  source?: InvitationRecord['source'];
}

/**
 * The organization the invitation names, if it exists: the customer's to reinstate, or the one that owns
 * the given domain. Without a domain the customer admin names it on the accept page, which checks again.
 */
async function invitedOrganization(principal: Principal, input: InvitationInput): Promise<OrganizationRecord | undefined> {
  if (input.customerId) {
    const customer = await getCustomer(principal.partnerId, input.customerId);
    if (!customer) throw new NotFoundError(`No customer ${input.customerId}.`);
    return getOrganization(customer.tenantId, customer.companyProfile.domain);
  }
  return input.domain ? findOrganizationByDomain(input.domain) : undefined;
}

/** The UTC day's allowance of a counter, kept until the day after. */
export const dailyAllowance = <L extends string>(label: L, key: { pk: string; sk: string }, max: number, now: Date): LabelledPart<L> =>
  count(label, key, 1, { max, expiresAtEpoch: Math.floor(Date.parse(`${utcDay(now)}T00:00:00Z`) / 1000) + 2 * 86400 });

/** Extra conditions a caller adds to the invitation's transaction, each refused as its own error. */
export interface Guard {
  part: LabelledPart;
  error: () => Error;
}

/**
 * Commits the invitation, its outbox request (the mailer sends it from the table's stream), the rate
 * counters and the activity record in one transaction: a refused invitation leaves nothing behind
 * and sends nothing.
 */
export async function createInvitation(principal: Principal, input: InvitationInput, guards: Guard[] = []): Promise<Invitation> {
  mayManageDelegatedAdminOf(principal, input, 'request');
  if (config().partition === 'aws-us-gov' && !input.delegatedAdmin) {
    throw new BusinessRuleError('In the US Government cloud a reseller relationship must include delegated admin access (delegatedAdmin).');
  }
  const organization = await invitedOrganization(principal, input);
  if (organization && !mayActFor(organization, input.email)) {
    throw new RecipientOutsideOrganizationError(input.domain ?? organization.domains[0]!, qualifyingAddresses(organization));
  }
  // A domain nobody has yet means a new organization, which an indirect reseller may not create.
  const mayCreate = input.domain && !organization ? ['directBill', 'indirectProvider'] : undefined;
  const source = input.source ?? 'partner';
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
    source,
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
      part: {
        ConditionCheck: {
          TableName: config().tableName,
          Key: keys.partnerProfile(principal.partnerId),
          ConditionExpression: mayCreate ? 'attribute_exists(pk) AND partnerType IN (:t0, :t1)' : 'attribute_exists(pk)',
          ...(mayCreate ? { ExpressionAttributeValues: { ':t0': mayCreate[0], ':t1': mayCreate[1] } } : {}),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    },
    source === 'partner'
      ? count('pendingLimit', keys.pendingInvitationCounter(principal.partnerId, source), 1, { max: limits.maxPendingPerPartner })
      : count('linkPendingLimit', keys.pendingInvitationCounter(principal.partnerId, source), 1, { max: limits.maxPendingPerLink }),
    recipientAllowance(input.email, now),
    putVersioned('invitation', invitationItem(record)),
    invitationMailPart(record, now),
    put('activity', activityItem(principal, input.customerId ? 'Reinstate Customer Relationship: Invite' : 'Invite Customer', at, [{ field: 'invitation', after: { id, source: record.source } }], input.customerId)),
  ];
  if (grant) {
    parts.push(putVersioned('grant', grantItem(grant)), putNew('grantName', { ...keys.delegatedAdminName(principal.partnerId, grant.displayName), kind: 'delegatedAdminName', grantId: grant.id }));
  }
  if (!input.overrideBounce) parts.push(mustNotExist('bounced', keys.bouncedRecipient(emailHash(input.email))));
  parts.push(...guards.map((g) => g.part));
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
    if (failed.has('profile')) {
      if (!outcome.oldItems.profile) throw new PartnerProfileRequiredError();
      throw new OrganizationCreationNotAllowedError(input.domain!);
    }
    const guard = guards.find((g) => failed.has(g.part.label));
    if (guard) throw guard.error();
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

/**
 * Asking for delegated admin access is delegated admin management, and so are resending (which renews the
 * request) and revoking (which ends it) an invitation that carries one.
 */
function mayManageDelegatedAdminOf(principal: Principal, invitation: Pick<InvitationRecord, 'delegatedAdmin'>, action: 'request' | 'resend' | 'revoke'): void {
  if (!invitation.delegatedAdmin || isAllowed(principal.roles, 'delegatedAdmin.manage')) return;
  throw new ForbiddenError(
    action === 'request'
      ? 'Only a Global admin or an Admin agent may request delegated admin access.'
      : `This invitation asks for delegated admin access; only a Global admin or an Admin agent may ${action} it.`,
  );
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
    invitationMailPart(next, now),
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
    count('pendingCount', keys.pendingInvitationCounter(principal.partnerId, current.source), -1),
    put('activity', activityItem(principal, 'Revoke Invitation', at, [{ field: 'state', before: 'pending', after: 'revoked' }], current.customerId)),
    ...(grant ? [terminateGrant('grant', grant, at)] : []),
  ]);
  if (!outcome.ok) throw new VersionConflict();
  return toInvitation(next, now);
}
