// Invitations as the partner manages them: create (also to reinstate), list, read, resend, revoke.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../platform/auth.js';
import { DAY_MS, clock, secondsToNextUtcDay, utcDay } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { activityItem } from '../activity/index.js';
import { getGrant, getInvitation as readInvitation, terminateGrant, listInvitations as queryInvitations, listJointInvitations, effectiveState, toInvitation } from './store.js';
import { invitationItem, invitationKeys, type InvitationRecord } from './entity.js';
import { invitationMailPart } from './delivery.js';
import { grantItem, grantNameItem, type GrantRecord } from '../delegated-admin/index.js';
import { findCustomer } from '../customers/index.js';
import { customerKeys } from '../customers/index.js';
import { partnerProfileKey } from '../partner/index.js';
import { findOrganizationByDomain, getOrganization, mayActFor, qualifyingAddresses } from '../organizations/index.js';
import type { OrganizationRecord } from '../organizations/index.js';
import { emailHash } from '../platform/email-address.js';
import { count, dailyAllowance, mustNotExist, put, putNew, putVersioned, remove, transact, type Guard, type LabelledPart } from '../platform/dynamo/transactions.js';
import { rateLimited, stateConflict, type Problem } from '../platform/errors.js';
import { customerNotFound } from '../customers/index.js';
import { grantNameTaken } from '../delegated-admin/index.js';
import { findPartnerProfile, profileRequired } from '../partner/index.js';
import { getAuthorization, notAnIndirectReseller, providerAuthorizationKey, providerNotAuthorized } from '../indirect-providers/index.js';
import { ORGANIZATION_CREATORS } from '../partner/index.js';
import {
  delegatedAdminNotAllowed,
  delegatedAdminRequired,
  invitationNotFound,
  notPending,
  organizationCreationNotAllowed,
  recipientBounced,
  recipientOutsideOrganization,
  relationshipActive,
} from './problems.js';
import { isAllowed } from '../platform/roles.js';
import { retryOnVersionConflict, VersionConflict } from '../platform/dynamo/retry.js';
import type { CreateInvitationRequest, DelegatedAdminRequest, Invitation, InvitationState } from './schemas.js';

/** Every mail to a recipient counts against that address's daily allowance, whoever sends it. */
export const recipientAllowance = (email: string, now: Date): LabelledPart<'recipientLimit'> =>
  dailyAllowance('recipientLimit', invitationKeys.recipientDayCounter(emailHash(email), utcDay(now)), config().invitations.maxPerRecipientPerDay, now);

export function rateLimitError({ failed, cause }: { failed: Set<string>; cause: unknown }): Problem | undefined {
  if (failed.has('pendingLimit')) {
    return rateLimited(`This partner has ${config().invitations.maxPendingPerPartner} pending invitations, the most allowed. Revoke some or wait until they are answered.`, 3600, cause);
  }
  if (failed.has('linkPendingLimit')) {
    return rateLimited(`This partner's relationship link has ${config().invitations.maxPendingPerLink} pending invitations, the most allowed.`, 3600, cause);
  }
  if (failed.has('recipientLimit')) {
    return rateLimited('This address has received as many invitations today as allowed. Try again tomorrow.', secondsToNextUtcDay(clock.now()), cause);
  }
  return undefined;
}

export interface InvitationInput extends CreateInvitationRequest {
  /** Chosen by a caller that names the invitation in a record of its own, written in the same transaction. */
  id?: string;
  customerId?: string;
  source?: InvitationRecord['source'];
  /** The customer import whose row this invitation is. */
  importId?: string;
}

/**
 * The organization the invitation names, if it exists: the customer's to reinstate, or the one that owns
 * the given domain. Without a domain the customer admin names it on the accept page, which checks again.
 */
async function invitedOrganization(principal: Principal, input: InvitationInput): Promise<OrganizationRecord | undefined> {
  if (input.customerId) {
    const customer = await findCustomer(principal.partnerId, input.customerId);
    if (!customer) throw customerNotFound(input.customerId);
    return getOrganization(customer.tenantId, customer.companyProfile.domain);
  }
  return input.domain ? findOrganizationByDomain(input.domain) : undefined;
}

/**
 * A joint invitation's pre-flight: the caller is an indirect reseller and has authorized the provider (the
 * link is active). The link is checked again in the invitation's transaction.
 */
async function linkedProvider(resellerId: string, providerId: string): Promise<NonNullable<InvitationRecord['indirectProvider']>> {
  const [reseller, authorization] = await Promise.all([findPartnerProfile(resellerId), getAuthorization(resellerId, providerId)]);
  if (!reseller) throw profileRequired();
  if (reseller.partnerType !== 'indirectReseller') throw notAnIndirectReseller();
  if (!authorization) throw providerNotAuthorized(providerId);
  return { id: providerId, name: authorization.providerName };
}

/** The provider's side of a joint invitation: the activity record it reads in its own log. */
export const jointActivityParts = (
  invitation: InvitationRecord,
  actor: Principal,
  operation: string,
  at: string,
  changes: { field: string; before?: unknown; after?: unknown }[],
  customerId?: string,
): LabelledPart[] =>
  invitation.indirectProvider
    ? [put('providerActivity', activityItem(actor, operation, at, [{ field: 'indirectReseller', after: invitation.partnerId }, ...changes], customerId, invitation.indirectProvider.id))]
    : [];

/**
 * Commits the invitation, its outbox request (the mailer sends it from the table's stream), the rate
 * counters and the activity record in one transaction: a refused invitation leaves nothing behind
 * and sends nothing.
 */
export async function createInvitation(principal: Principal, input: InvitationInput, guards: Guard[] = []): Promise<Invitation> {
  mayManageDelegatedAdminOf(principal, input, 'request');
  if (config().partition === 'aws-us-gov' && !input.delegatedAdmin) {
    throw delegatedAdminRequired();
  }
  const indirectProvider = input.indirectProviderId ? await linkedProvider(principal.partnerId, input.indirectProviderId) : undefined;
  const organization = await invitedOrganization(principal, input);
  if (organization && !mayActFor(organization, input.email)) {
    throw recipientOutsideOrganization(input.domain ?? organization.domains[0]!, qualifyingAddresses(organization));
  }
  // A domain nobody has yet means a new organization, which an indirect reseller may not create.
  const mayCreate = input.domain && !organization ? ORGANIZATION_CREATORS : undefined;
  const source = input.source ?? 'partner';
  const now = clock.now();
  const at = now.toISOString();
  const id = input.id ?? randomUUID();
  const grant = input.delegatedAdmin ? newGrant(principal.partnerId, id, input.delegatedAdmin, at) : undefined;
  const record: InvitationRecord = {
    id,
    partnerId: principal.partnerId,
    email: input.email,
    ...(input.domain ? { domain: input.domain } : {}),
    ...(input.companyName ? { companyName: input.companyName } : {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(input.delegatedAdmin ? { delegatedAdmin: input.delegatedAdmin, grantId: grant!.id } : {}),
    ...(input.importId ? { importId: input.importId } : {}),
    ...(indirectProvider ? { indirectProvider } : {}),
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
          Key: partnerProfileKey(principal.partnerId),
          ConditionExpression: mayCreate ? 'attribute_exists(pk) AND partnerType IN (:t0, :t1)' : 'attribute_exists(pk)',
          ...(mayCreate ? { ExpressionAttributeValues: { ':t0': mayCreate[0], ':t1': mayCreate[1] } } : {}),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    },
    source === 'partner'
      ? count('pendingLimit', invitationKeys.pendingCounter(principal.partnerId, source), 1, { max: limits.maxPendingPerPartner })
      : count('linkPendingLimit', invitationKeys.pendingCounter(principal.partnerId, source), 1, { max: limits.maxPendingPerLink }),
    recipientAllowance(input.email, now),
    putVersioned('invitation', invitationItem(record)),
    invitationMailPart(record, now),
    put('activity', activityItem(principal, input.customerId ? 'Reinstate Customer Relationship: Invite' : 'Invite Customer', at, [
      { field: 'invitation', after: { id, source: record.source } },
      ...(indirectProvider ? [{ field: 'indirectProvider', after: indirectProvider.id }] : []),
    ], input.customerId)),
    ...jointActivityParts(record, principal, 'Joint Invitation Sent', at, [{ field: 'jointInvitation', after: { id, state: 'pending' } }]),
  ];
  if (indirectProvider) {
    // The link may end between the pre-flight read and this write: the invitation then is not made.
    parts.push({
      label: 'providerLink',
      part: { ConditionCheck: { TableName: config().tableName, Key: providerAuthorizationKey(principal.partnerId, indirectProvider.id), ConditionExpression: 'attribute_exists(pk)' } },
    });
  }
  if (grant) {
    parts.push(putVersioned('grant', grantItem(grant)), putNew('grantName', grantNameItem(principal.partnerId, grant.displayName, grant.id)));
  }
  if (!input.overrideBounce) parts.push(mustNotExist('bounced', invitationKeys.bouncedRecipient(emailHash(input.email))));
  parts.push(...guards.map((g) => g.part));
  if (input.customerId) {
    parts.push({
      label: 'customer',
      part: {
        ConditionCheck: {
          TableName: config().tableName,
          Key: customerKeys.customer(principal.partnerId, input.customerId),
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
    const { failed, cause } = outcome;
    if (failed.has('profile')) {
      if (!outcome.oldItems.profile) throw profileRequired(cause);
      throw organizationCreationNotAllowed(input.domain!, cause);
    }
    const guard = guards.find((g) => failed.has(g.part.label));
    if (guard) throw guard.error(cause);
    if (failed.has('providerLink')) throw providerNotAuthorized(indirectProvider!.id, cause);
    if (failed.has('customer')) {
      if (!outcome.oldItems.customer) throw customerNotFound(input.customerId!);
      throw relationshipActive(cause);
    }
    if (failed.has('bounced')) throw recipientBounced(cause);
    if (failed.has('grantName')) throw grantNameTaken(grant!.displayName, cause);
    throw rateLimitError(outcome) ?? stateConflict('The invitation could not be stored; retry.', cause);
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
  if (!record) throw invitationNotFound(invitationId);
  return record;
}

export async function getInvitation(principal: Principal, invitationId: string): Promise<Invitation> {
  return toInvitation(await ownInvitation(principal, invitationId), clock.now());
}

export async function listInvitations(principal: Principal, query: { state?: InvitationState; importId?: string; indirectReseller?: string; limit: number; continuationToken?: string }) {
  // A provider reads only its own view of a reseller's joint invitations: another partner's view is empty.
  const page = query.indirectReseller ? await listJointInvitations(principal.partnerId, query.indirectReseller, query) : await queryInvitations(principal.partnerId, query);
  const now = clock.now();
  const items = page.records.map((r) => toInvitation(r, now)).filter((i) => !query.state || i.state === query.state);
  return { items, ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
}

/** A new link for a pending invitation: the old link dies in the same transaction. */
export const resendInvitation = (principal: Principal, invitationId: string, overrideBounce: boolean): Promise<Invitation> =>
  retryOnVersionConflict(() => resendOnce(principal, invitationId, overrideBounce), changedMeanwhile);

export const revokeInvitation = (principal: Principal, invitationId: string): Promise<Invitation> =>
  retryOnVersionConflict(() => revokeOnce(principal, invitationId), changedMeanwhile);

const changedMeanwhile = (cause: unknown) => stateConflict('The invitation changed meanwhile; read it again.', cause);

/**
 * Asking for delegated admin access is delegated admin management, and so are resending (which renews the
 * request) and revoking (which ends it) an invitation that carries one.
 */
function mayManageDelegatedAdminOf(principal: Principal, invitation: Pick<InvitationRecord, 'delegatedAdmin'>, action: 'request' | 'resend' | 'revoke'): void {
  if (invitation.delegatedAdmin && !isAllowed(principal.roles, 'delegatedAdmin.manage')) throw delegatedAdminNotAllowed(action);
}

async function resendOnce(principal: Principal, invitationId: string, overrideBounce: boolean): Promise<Invitation> {
  const current = await ownInvitation(principal, invitationId);
  mayManageDelegatedAdminOf(principal, current, 'resend');
  const now = clock.now();
  if (effectiveState(current, now) !== 'pending') throw notPending(effectiveState(current, now), 'resent');
  const at = now.toISOString();
  // The old link dies with its hash here (and the new generation); its token item is left to its TTL.
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
    ...(overrideBounce ? [remove('bounce', invitationKeys.bouncedRecipient(emailHash(current.email)))] : [mustNotExist('bounced', invitationKeys.bouncedRecipient(emailHash(current.email)))]),
  ];
  const outcome = await transact(parts);
  if (!outcome.ok) {
    if (outcome.failed.has('bounced')) throw recipientBounced(outcome.cause);
    throw rateLimitError(outcome) ?? new VersionConflict('the invitation changed while it was resent', { cause: outcome.cause });
  }
  return toInvitation(next, now);
}

async function revokeOnce(principal: Principal, invitationId: string): Promise<Invitation> {
  const current = await ownInvitation(principal, invitationId);
  mayManageDelegatedAdminOf(principal, current, 'revoke');
  const now = clock.now();
  if (effectiveState(current, now) !== 'pending') throw notPending(effectiveState(current, now), 'revoked');
  const at = now.toISOString();
  const next: InvitationRecord = { ...current, state: 'revoked', decidedAt: at, version: current.version + 1 };
  const grant = current.grantId ? await getGrant(principal.partnerId, current.grantId) : undefined;
  const outcome = await transact([
    putVersioned('invitation', invitationItem(next), current.version),
    count('pendingCount', invitationKeys.pendingCounter(principal.partnerId, current.source), -1),
    put('activity', activityItem(principal, 'Revoke Invitation', at, [{ field: 'state', before: 'pending', after: 'revoked' }], current.customerId)),
    ...jointActivityParts(current, principal, 'Joint Invitation Revoked', at, [{ field: 'jointInvitation', before: { id: current.id, state: 'pending' }, after: { id: current.id, state: 'revoked' } }]),
    ...(grant ? [terminateGrant('grant', grant, at)] : []),
  ]);
  if (!outcome.ok) throw new VersionConflict('the invitation changed while it was revoked', { cause: outcome.cause });
  return toInvitation(next, now);
}
