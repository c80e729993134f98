// What a customer admin does through the emailed link: look, accept, decline. There is no account:
// the one-time link is the proof, so every step re-checks it (exists, current, pending, unexpired).
import { randomUUID } from 'node:crypto';
import type { Principal } from '../platform/auth.js';
import { DAY_MS, clock } from '../platform/clock.js';
import { activityItem } from '../activity/index.js';
import { customerVersionParts, findCustomer, getCustomerOfTenant, newCustomerPuts } from '../customers/index.js';
import { agreementItem, AGREEMENT_TYPE, type CustomerRecord } from '../customers/index.js';
import { effectiveState, getGrant, getInvitationWithPartner, getToken, terminateGrant } from './store.js';
import { invitationItem, invitationKeys, type InvitationRecord } from './entity.js';
import { grantItem, type GrantRecord } from '../delegated-admin/index.js';
import { manageLinkParts } from '../customer-manage/index.js';
import { findPartnerProfile, type PartnerProfileRecord } from '../partner/index.js';
import { claimOrganization, findOrganizationByDomain, getOrganization, mayActFor, newOrganization, saveOrganization, withAdminContact } from '../organizations/index.js';
import type { OrganizationRecord } from '../organizations/index.js';
import { count, put, putVersioned, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import { stateConflict } from '../platform/errors.js';
import { ORGANIZATION_CREATORS } from '../partner/index.js';
import type { AcceptForm } from './schemas.js';
import { hashToken } from '../platform/links/tokens.js';
import { config } from '../platform/config.js';
import { getAuthorization, providerAuthorizationKey } from '../indirect-providers/index.js';
import { jointActivityParts } from './service.js';
import { retryOnVersionConflict, VersionConflict } from '../platform/dynamo/retry.js';


export interface OpenInvitation {
  invitation: InvitationRecord;
  partner: PartnerProfileRecord;
  tokenHash: string;
}

/** 404: no such link (never was, or replaced by a resend); 410: it was real but is used up or expired. */
export type LinkLookup = { usable: true; open: OpenInvitation } | { usable: false; status: 404 | 410 };

export async function openInvitation(token: string): Promise<LinkLookup> {
  const tokenHash = hashToken(token);
  const found = await getToken(tokenHash);
  if (!found) return { usable: false, status: 404 };
  const { invitation, partner } = await getInvitationWithPartner(found.partnerId, found.invitationId);
  if (!invitation || !partner || invitation.tokenHash !== tokenHash || invitation.generation !== found.generation) return { usable: false, status: 404 };
  if (effectiveState(invitation, clock.now()) !== 'pending') return { usable: false, status: 410 };
  return { usable: true, open: { invitation, partner, tokenHash } };
}

export type AcceptOutcome =
  | { outcome: 'accepted'; customerId: string; grant?: GrantRecord }
  /** A joint invitation that cannot make both relationships: nothing was written, and the page says why. */
  | { outcome: 'refused'; reason: JointRefusal; providerName: string }
  | { outcome: 'invalid'; errors: { field: string; message: string }[] }
  | { outcome: 'gone'; status: 404 | 410 };

export type JointRefusal = 'linkEnded' | 'customerElsewhere';

/**
 * The writes of a customer record: a new one with its tenant link, or the next version of the one read.
 * Both go through the customers store, so the listing copies and the shared count follow the record.
 */
function customerWrites(label: string, next: CustomerRecord, previous: CustomerRecord | undefined): LabelledPart[] {
  if (!previous) return newCustomerPuts(next).map((part, i) => ({ label: `${label}New${i}`, part }));
  return customerVersionParts(label, next, previous);
}

/** The provider's record of a shared customer: the reseller's, seen from the other side. */
const providerRecord = (reseller: CustomerRecord, providerId: string, previous: CustomerRecord | undefined, at: string): CustomerRecord =>
  previous
    ? { ...previous, state: 'active', relationshipToPartner: 'reseller', associatedPartnerId: reseller.partnerId, updatedAt: at, version: previous.version + 1 }
    : { ...reseller, partnerId: providerId, associatedPartnerId: reseller.partnerId, createdAt: at, updatedAt: at, version: 1 };

/** Stands for the customer admin in the activity log: an id, not their name or address. */
const customerAdminActor = (invitation: InvitationRecord): Principal => ({
  partnerId: invitation.partnerId,
  userId: `customer-admin:${invitation.id}`,
  roles: [],
});

/**
 * Any lost race re-reads: a concurrent accept of this link then shows as used (410); a concurrent accept
 * that created the same organization is joined, if this recipient may act for it; a delivery update just passes.
 */
export const acceptInvitation = (token: string, form: AcceptForm): Promise<AcceptOutcome> =>
  retryOnVersionConflict(() => acceptOnce(token, form), (cause) => stateConflict('The invitation kept changing while it was accepted; try again.', cause));

export const declineInvitation = (token: string, reason: string | undefined) =>
  retryOnVersionConflict(() => declineOnce(token, reason), (cause) => stateConflict('The invitation kept changing while it was declined; try again.', cause));

async function acceptOnce(token: string, form: AcceptForm): Promise<AcceptOutcome> {
  const lookup = await openInvitation(token);
  if (!lookup.usable) return { outcome: 'gone', status: lookup.status };
  const { invitation, partner } = lookup.open;
  const errors: { field: string; message: string }[] = [];
  if (invitation.domain && invitation.domain !== form.domain) errors.push({ field: 'domain', message: 'domainMismatch' });
  if (!partner.markets.includes(form.country)) errors.push({ field: 'country', message: 'countryOutsideMarkets' });

  const now = clock.now();
  const at = now.toISOString();
  const partnerId = invitation.partnerId;
  let customer: CustomerRecord | undefined;
  let organization: OrganizationRecord | undefined;
  if (invitation.customerId) {
    customer = await findCustomer(partnerId, invitation.customerId);
    if (!customer) return { outcome: 'gone', status: 410 };
    if (customer.companyProfile.domain !== form.domain) errors.push({ field: 'domain', message: 'domainMismatch' });
    organization = await getOrganization(customer.tenantId, customer.companyProfile.domain);
  } else {
    organization = await findOrganizationByDomain(form.domain);
    customer = organization ? await getCustomerOfTenant(partnerId, organization.tenantId) : undefined;
  }
  // Only an invitation sent after the end reinstates (domain.md): an end that lands while an older one is being
  // accepted wins, and the accept, which would undo it, is refused. The customer's version is the transaction's
  // condition, so an end between this read and the write sends the accept back here.
  if (customer?.state === 'ended' && Date.parse(customer.updatedAt) >= Date.parse(invitation.createdAt)) {
    throw stateConflict('The partner ended this relationship after it sent the invitation; only a new invitation can reinstate it.');
  }
  // A joint invitation makes (or reactivates) the provider's record of the same customer too: the link must
  // still be active, and neither partner may hold the organization as a customer shared with someone else.
  const joint = invitation.indirectProvider;
  let providerCustomer: CustomerRecord | undefined;
  if (joint) {
    const [link, provider, providerSide] = await Promise.all([
      getAuthorization(partnerId, joint.id),
      findPartnerProfile(joint.id),
      organization ? getCustomerOfTenant(joint.id, organization.tenantId) : undefined,
    ]);
    if (!link) return { outcome: 'refused', reason: 'linkEnded', providerName: joint.name };
    // The provider serves the customer too: its markets must hold the customer's country as well.
    if (!provider?.markets.includes(form.country) && !errors.some((e) => e.field === 'country')) errors.push({ field: 'country', message: 'countryOutsideMarkets' });
    providerCustomer = providerSide;
    const sharedElsewhere =
      (customer?.associatedPartnerId !== undefined && customer.associatedPartnerId !== joint.id) ||
      (providerCustomer !== undefined && (providerCustomer.associatedPartnerId !== partnerId || (customer !== undefined && customer.id !== providerCustomer.id)));
    if (sharedElsewhere) return { outcome: 'refused', reason: 'customerElsewhere', providerName: joint.name };
    if (providerCustomer?.state === 'ended' && Date.parse(providerCustomer.updatedAt) >= Date.parse(invitation.createdAt)) {
      throw stateConflict('The provider ended this relationship after the invitation was sent; only a new invitation can reinstate it.');
    }
  }
  // A shared customer's records move together (its end does, see relationships): an invitation back to one of them
  // (its provider's, see reinstateCustomer) brings the other back in the same transaction.
  const counterpart = !joint && customer?.associatedPartnerId ? await findCustomer(customer.associatedPartnerId, customer.id) : undefined;
  // Consent cannot be forged: only a person who controls one of the organization's mailboxes brings it in.
  if (organization && !mayActFor(organization, invitation.email)) errors.push({ field: 'domain', message: 'recipientOutsideOrganization' });
  if (!organization && !(ORGANIZATION_CREATORS as readonly string[]).includes(partner.partnerType)) errors.push({ field: 'domain', message: 'organizationUnknown' });
  if (errors.length > 0) return { outcome: 'invalid', errors };

  const parts: LabelledPart[] = [];
  const known = organization ?? newOrganization(randomUUID(), form.domain, partnerId, at);
  const proven = withAdminContact(known, invitation.email, invitation.id, at);
  if (!organization) parts.push(...claimOrganization(proven));
  else if (proven !== organization) parts.push(saveOrganization(proven));

  // Reinstated: the same record, with its history, becomes active again. A joint invitation's records share one id.
  const next: CustomerRecord = customer
    ? { ...customer, state: 'active', relationshipToPartner: 'reseller', ...(joint ? { associatedPartnerId: joint.id } : {}), updatedAt: at, version: customer.version + 1 }
    : {
        id: providerCustomer?.id ?? randomUUID(),
        partnerId,
        tenantId: known.tenantId,
        companyProfile: { companyName: form.companyName, domain: form.domain },
        relationshipToPartner: 'reseller',
        state: 'active',
        ...(joint ? { associatedPartnerId: joint.id } : {}),
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
  parts.push(...customerWrites('customer', next, customer));
  if (joint) {
    parts.push(...customerWrites('providerCustomer', providerRecord(next, joint.id, providerCustomer, at), providerCustomer), {
      // The link may end between the read above and this write: then nothing is written.
      label: 'providerLink',
      part: { ConditionCheck: { TableName: config().tableName, Key: providerAuthorizationKey(partnerId, joint.id), ConditionExpression: 'attribute_exists(pk)' } },
    });
  }

  const actor = customerAdminActor(invitation);
  if (counterpart?.state === 'ended') {
    parts.push(
      ...customerWrites('counterpart', { ...counterpart, state: 'active', updatedAt: at, version: counterpart.version + 1 }, counterpart),
      put('counterpartActivity', activityItem(actor, 'Accept Invitation: Reinstate Relationship', at, [
        { field: 'state', before: 'ended', after: 'active' },
        { field: 'invitation', after: invitation.id },
      ], counterpart.id, counterpart.partnerId)),
    );
  }

  const grant = invitation.grantId ? await getGrant(partnerId, invitation.grantId) : undefined;
  const activeGrant: GrantRecord | undefined = grant && {
    ...grant,
    state: 'active',
    customerId: next.id,
    activatedAt: at,
    endsAt: new Date(now.getTime() + Number(grant.duration.slice(1, -1)) * DAY_MS).toISOString(),
    version: grant.version + 1,
  };
  const [firstName, ...rest] = form.acceptorName.split(/\s+/);
  const accepted: InvitationRecord = {
    ...invitation,
    state: 'accepted',
    decidedAt: at,
    customerId: next.id,
    acceptedBy: { name: form.acceptorName, email: invitation.email },
    version: invitation.version + 1,
  };
  const agreementId = randomUUID();
  parts.push(
    putVersioned('invitation', invitationItem(accepted), invitation.version),
    count('pendingCount', invitationKeys.pendingCounter(partnerId, invitation.source), -1),
    // Accepting is also the customer agreement acceptance.
    put('agreement', agreementItem(partnerId, {
      id: agreementId,
      customerId: next.id,
      agreementType: AGREEMENT_TYPE,
      dateAgreed: at,
      primaryContact: { firstName: firstName ?? form.acceptorName, lastName: rest.join(' ') || '-', email: invitation.email },
      recordedBy: actor.userId,
      recordedAt: at,
    })),
    put('activity', activityItem(actor, customer ? 'Accept Invitation: Reinstate Relationship' : 'Accept Invitation', at, [
      { field: 'state', ...(customer ? { before: customer.state } : {}), after: 'active' },
      { field: 'invitation', after: invitation.id },
      ...(activeGrant ? [{ field: 'delegatedAdmin', after: { id: activeGrant.id, endsAt: activeGrant.endsAt } }] : []),
    ], next.id)),
    ...jointActivityParts(invitation, actor, providerCustomer ? 'Accept Joint Invitation: Reinstate Relationship' : 'Accept Joint Invitation', at, [
      { field: 'state', ...(providerCustomer ? { before: providerCustomer.state } : {}), after: 'active' },
      { field: 'jointInvitation', before: { id: invitation.id, state: 'pending' }, after: { id: invitation.id, state: 'accepted' } },
    ], next.id),
    ...(activeGrant && grant ? [putVersioned('grant', grantItem(activeGrant), grant.version)] : []),
    // The customer admin's manage link (replacing any earlier one of this relationship) and its confirmation mail.
    ...(await manageLinkParts({
      partnerId,
      customerId: next.id,
      partnerName: partner.companyName,
      companyName: next.companyProfile.companyName,
      adminEmail: invitation.email,
      ...(activeGrant ? { grant: { displayName: activeGrant.displayName, roles: activeGrant.roles, endsAt: activeGrant.endsAt! } } : {}),
    }, now)),
  );
  const outcome = await transact(parts);
  if (!outcome.ok && outcome.failed.has('providerLink')) return { outcome: 'refused', reason: 'linkEnded', providerName: joint!.name };
  // Whatever changed meanwhile (this link, the organization, the partner's record of it), read it again.
  if (!outcome.ok) throw new VersionConflict('the invitation, its organization or customer changed while it was accepted', { cause: outcome.cause });
  return { outcome: 'accepted', customerId: next.id, ...(activeGrant ? { grant: activeGrant } : {}) };
}

async function declineOnce(token: string, reason: string | undefined): Promise<{ outcome: 'declined'; open: OpenInvitation } | { outcome: 'gone'; status: 404 | 410 }> {
  const lookup = await openInvitation(token);
  if (!lookup.usable) return { outcome: 'gone', status: lookup.status };
  const { invitation } = lookup.open;
  const at = clock.now().toISOString();
  const declined: InvitationRecord = { ...invitation, state: 'declined', decidedAt: at, ...(reason ? { declineReason: reason } : {}), version: invitation.version + 1 };
  const grant = invitation.grantId ? await getGrant(invitation.partnerId, invitation.grantId) : undefined;
  const outcome = await transact([
    putVersioned('invitation', invitationItem(declined), invitation.version),
    count('pendingCount', invitationKeys.pendingCounter(invitation.partnerId, invitation.source), -1),
    put('activity', activityItem(customerAdminActor(invitation), 'Decline Invitation', at, [{ field: 'state', before: 'pending', after: 'declined' }], invitation.customerId)),
    ...jointActivityParts(invitation, customerAdminActor(invitation), 'Joint Invitation Declined', at, [{ field: 'jointInvitation', before: { id: invitation.id, state: 'pending' }, after: { id: invitation.id, state: 'declined' } }]),
    ...(grant ? [terminateGrant('grant', grant, at)] : []),
  ]);
  if (!outcome.ok) throw new VersionConflict('the invitation changed while it was declined', { cause: outcome.cause });
  return { outcome: 'declined', open: lookup.open };
}
