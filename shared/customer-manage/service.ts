// What a customer admin does through the manage link: look, end one delegated admin access, turn one purchase
// permission off, end the relationship. There is no account: the link is the proof, so every step opens it again
// (signature, the record's hash, not revoked, not expired) and each change conditions on the link record it read.
import type { Principal } from '../platform/auth.js';
import { clock } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { put, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import { stateConflict } from '../platform/errors.js';
import { retryOnVersionConflict, VersionConflict } from '../platform/dynamo/retry.js';
import { hashToken } from '../platform/links/tokens.js';
import { activityItem } from '../activity/index.js';
import { findCustomer, type CustomerRecord } from '../customers/index.js';
import type { GrantRecord } from '../delegated-admin/index.js';
import { autoExtends, effectiveGrant, getGrant, listGrantsOfCustomer, terminatedGrant, terminateGrant } from '../invitations/index.js';
import { findPartnerProfile, type PartnerProfileRecord } from '../partner/index.js';
import { liveGrantsOf, relationshipEndParts } from '../relationships/index.js';
import { type PurchasePermissions, type PurchasePermissionType, purchasePermissionsOf, turnOffPurchasePermissionParts } from '../purchase-permissions/index.js';
import { manageLinkItem, manageLinkKeys, type ManageLinkRecord } from './entity.js';
import { readManageToken } from './link.js';
import { customerChangePart, type CustomerChangePayload } from './partner-notice-email.js';
import { getManageContext } from './store.js';
import type { ManagedGrant } from './pages.js';

export interface OpenManageLink {
  link: ManageLinkRecord;
  customer: CustomerRecord;
  partner: PartnerProfileRecord;
}

/**
 * 404: not a link of ours (forged, another purpose, no such relationship); 410: it was real but was replaced by
 * a newer accept, revoked (ended from this page) or expired; `ended`: the link still works but the partner ended
 * the relationship, so there is nothing to manage.
 */
export type ManageLookup =
  | { usable: true; open: OpenManageLink }
  | { usable: false; status: 404 | 410 }
  | { usable: false; status: 410; ended: { partnerName: string; endedAt: string } };

export async function openManageLink(token: string): Promise<ManageLookup> {
  const subject = await readManageToken(token);
  if (!subject) return { usable: false, status: 404 };
  const { link, customer, partner } = await getManageContext(subject.partnerId, subject.customerId);
  if (!link || !customer || !partner) return { usable: false, status: 404 };
  if (link.tokenHash !== hashToken(token) || link.revokedAt || Date.parse(link.expiresAt) <= clock.now().getTime()) return { usable: false, status: 410 };
  if (customer.state === 'ended') return { usable: false, status: 410, ended: { partnerName: partner.companyName, endedAt: customer.updatedAt } };
  return { usable: true, open: { link, customer, partner } };
}

/** The grants as the page shows them, as they hold now (an end date passed reads as expired or extended). */
export const managedGrants = async (open: OpenManageLink): Promise<ManagedGrant[]> => asManaged(await listGrantsOfCustomer(open.link.partnerId, open.link.customerId));

/** The purchase permissions as the page shows them: as the partner's API does now. */
export const managedPurchasePermissions = (open: OpenManageLink): Promise<PurchasePermissions> => purchasePermissionsOf(open.link.partnerId, open.customer.id);

function asManaged(stored: GrantRecord[]): ManagedGrant[] {
  const now = clock.now();
  return stored.map((record) => {
    const g = effectiveGrant(record, now);
    return {
      id: g.id,
      displayName: g.displayName,
      roles: g.roles,
      state: g.state,
      ...(g.endsAt ? { endsAt: g.endsAt } : {}),
      ...(g.terminatedAt ? { terminatedAt: g.terminatedAt } : {}),
      renews: g.state === 'active' && autoExtends(g),
    };
  });
}

/** Stands for the customer admin in the partner's activity log: masked, never the address. */
const customerAdminActor = (link: ManageLinkRecord): Principal => ({ partnerId: link.partnerId, userId: `customer-admin:${link.adminContact}`, roles: [] });

/** The link record at the hash it was opened with, not revoked: a change made through a link that died meanwhile fails. */
const linkStillCurrent = (link: ManageLinkRecord): LabelledPart => ({
  label: 'manageLink',
  part: {
    ConditionCheck: {
      TableName: config().tableName,
      Key: manageLinkKeys.link(link.partnerId, link.customerId),
      ConditionExpression: 'tokenHash = :hash AND attribute_not_exists(revokedAt)',
      ExpressionAttributeValues: { ':hash': link.tokenHash },
    },
  },
});

/** Ending from this side kills the link, conditioned like linkStillCurrent. */
const revokeLink = (link: ManageLinkRecord, at: string): LabelledPart => {
  const { part } = put('manageLink', manageLinkItem({ ...link, revokedAt: at, version: link.version + 1 }));
  return {
    label: 'manageLink',
    part: { Put: { ...part.Put!, ConditionExpression: 'tokenHash = :hash AND attribute_not_exists(revokedAt)', ExpressionAttributeValues: { ':hash': link.tokenHash } } },
  };
};

const noticeOf = (open: OpenManageLink, at: string, change: CustomerChangePayload['change']): CustomerChangePayload => ({
  to: open.partner.primaryContact.email,
  contactName: open.partner.primaryContact.name,
  partnerId: open.link.partnerId,
  partnerName: open.partner.companyName,
  customerId: open.customer.id,
  customerName: open.customer.companyProfile.companyName,
  actor: open.link.adminContact,
  at,
  change,
});

type Gone = { outcome: 'gone'; lookup: Exclude<ManageLookup, { usable: true }> };

/** Lost races (the partner ended it, a grant changed, the link was replaced) read everything again. */
export const endFromCustomer = (token: string, reason: string) =>
  retryOnVersionConflict(() => endOnce(token, reason), (cause) => stateConflict('The relationship kept changing while it was ended; try again.', cause));

async function endOnce(token: string, reason: string): Promise<{ outcome: 'ended'; partnerName: string } | Gone> {
  const lookup = await openManageLink(token);
  if (!lookup.usable) return { outcome: 'gone', lookup };
  const { open } = lookup;
  const now = clock.now();
  const at = now.toISOString();
  const { parts } = await relationshipEndParts(customerAdminActor(open.link), open.customer, await liveGrantsOf(open.link.partnerId, open.customer.id, now), reason, at);
  const counterpart = open.customer.associatedPartnerId ? await activeCounterpart(open) : undefined;
  const counterpartParts = counterpart ? await counterpartEndParts(counterpart, reason, now) : [];
  const outcome = await transact([...parts, ...counterpartParts, revokeLink(open.link, at), customerChangePart(noticeOf(open, at, { kind: 'relationshipEnded', reason }), now)]);
  if (!outcome.ok) throw new VersionConflict('the relationship, a grant or the manage link changed while it was ended', { cause: outcome.cause });
  return { outcome: 'ended', partnerName: open.partner.companyName };
}

/**
 * A shared customer's other record (the indirect provider's or reseller's), while it is active, seen through the
 * link's own: the customer leaves the pair, so neither partner keeps half of it.
 */
async function activeCounterpart(open: OpenManageLink): Promise<OpenManageLink | undefined> {
  const otherId = open.customer.associatedPartnerId!;
  const [customer, partner] = await Promise.all([findCustomer(otherId, open.customer.id), findPartnerProfile(otherId)]);
  return customer?.state === 'active' && partner ? { link: { ...open.link, partnerId: otherId }, customer, partner } : undefined;
}

/** The other record's end, in the same transaction: its grants, permissions, activity record and its partner's notice. */
async function counterpartEndParts(other: OpenManageLink, reason: string, now: Date): Promise<LabelledPart[]> {
  const at = now.toISOString();
  const { parts } = await relationshipEndParts(customerAdminActor(other.link), other.customer, await liveGrantsOf(other.link.partnerId, other.customer.id, now), reason, at);
  return [...parts, customerChangePart(noticeOf(other, at, { kind: 'relationshipEnded', reason }), now)].map((part) => ({ ...part, label: `counterpart:${part.label}` }));
}

export type TerminateOutcome =
  | { outcome: 'terminated'; open: OpenManageLink; grant: GrantRecord; grants: ManagedGrant[]; purchasePermissions: PurchasePermissions }
  | { outcome: 'notActive'; open: OpenManageLink }
  | { outcome: 'unknownGrant' }
  | Gone;

export const terminateGrantFromCustomer = (token: string, grantId: string): Promise<TerminateOutcome> =>
  retryOnVersionConflict(() => terminateOnce(token, grantId), (cause) => stateConflict('The admin access kept changing while it was ended; try again.', cause));

async function terminateOnce(token: string, grantId: string): Promise<TerminateOutcome> {
  const lookup = await openManageLink(token);
  if (!lookup.usable) return { outcome: 'gone', lookup };
  const { open } = lookup;
  // Read before the write: the answer shows the page again, and a read after the write could fail a change that happened.
  const listed = await listGrantsOfCustomer(open.link.partnerId, open.customer.id);
  const purchasePermissions = await managedPurchasePermissions(open);
  const grant = await getGrant(open.link.partnerId, grantId);
  // Another customer's grant is not this page's business: as if it did not exist.
  if (!grant || grant.customerId !== open.customer.id) return { outcome: 'unknownGrant' };
  const now = clock.now();
  if (effectiveGrant(grant, now).state !== 'active') return { outcome: 'notActive', open };
  const at = now.toISOString();
  const outcome = await transact([
    terminateGrant('grant', grant, at),
    put('activity', activityItem(customerAdminActor(open.link), 'Terminate Delegated Admin Relationship', at, [{ field: `delegatedAdmin.${grant.id}.state`, before: 'active', after: 'terminated' }], open.customer.id)),
    linkStillCurrent(open.link),
    customerChangePart(noticeOf(open, at, { kind: 'grantTerminated', grantId: grant.id, displayName: grant.displayName, roles: grant.roles }), now),
  ]);
  if (!outcome.ok) throw new VersionConflict('the grant or the manage link changed while the grant was ended', { cause: outcome.cause });
  const ended = terminatedGrant(grant, at);
  return { outcome: 'terminated', open, grant: ended, grants: asManaged(listed.map((g) => (g.id === ended.id ? ended : g))), purchasePermissions };
}

export type TurnOffOutcome =
  | { outcome: 'turnedOff'; open: OpenManageLink; grants: ManagedGrant[]; purchasePermissions: PurchasePermissions }
  | { outcome: 'alreadyOff'; open: OpenManageLink }
  | Gone;

export const turnOffPurchasePermissionFromCustomer = (token: string, type: PurchasePermissionType): Promise<TurnOffOutcome> =>
  retryOnVersionConflict(() => turnOffOnce(token, type), (cause) => stateConflict('The purchase permissions kept changing while one was turned off; try again.', cause));

async function turnOffOnce(token: string, type: PurchasePermissionType): Promise<TurnOffOutcome> {
  const lookup = await openManageLink(token);
  if (!lookup.usable) return { outcome: 'gone', lookup };
  const { open } = lookup;
  // Listed before the write, as for a grant: the answer is the page again.
  const grants = await managedGrants(open);
  const now = clock.now();
  const turnOff = await turnOffPurchasePermissionParts(customerAdminActor(open.link), open.customer.id, type, now);
  if (!turnOff) return { outcome: 'alreadyOff', open };
  const at = now.toISOString();
  // The parts hold the relationship active: a concurrent end cancels this, and the retry finds the link gone.
  const outcome = await transact([...turnOff.parts, linkStillCurrent(open.link), customerChangePart(noticeOf(open, at, { kind: 'purchasePermissionTurnedOff', type }), now)]);
  if (!outcome.ok) throw new VersionConflict('the purchase permissions, the relationship or the manage link changed while a permission was turned off', { cause: outcome.cause });
  return { outcome: 'turnedOff', open, grants, purchasePermissions: turnOff.permissions };
}
