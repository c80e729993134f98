// Ending a relationship, delegated admin access, and the partner's reusable relationship link.
import type { Principal } from '../platform/auth.js';
import { clientNetworkHash } from '../platform/http/client-network.js';
import { signLink, verifyLink } from '../platform/links/signed-link.js';
import { clock, secondsToNextUtcDay, utcDay } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { activityItem } from '../activity/index.js';
import { findCustomer } from '../customers/index.js';
import { customerVersionParts, CustomerView, type CustomerRecord } from '../customers/index.js';
import { effectiveGrant, terminatedGrant, terminateGrant, listGrantsOfCustomer } from '../invitations/index.js';
import { GrantView, type GrantRecord } from '../delegated-admin/index.js';
import { findPartnerProfile } from '../partner/index.js';
import { project } from '../platform/dynamo/item-schema.js';
import { relationshipLinkKeys } from './entity.js';
import { formNonceUsedPart } from '../platform/http/form-nonce.js';
import { dailyAllowance, put, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import { rateLimited, stateConflict } from '../platform/errors.js';
import { customerNotFound } from '../customers/index.js';
import { noActiveGrant } from '../delegated-admin/index.js';
import { profileRequired } from '../partner/index.js';
import { alreadyEnded, endedByProvider, formAlreadyUsed, linkUnavailable, reinstatedByProvider } from './problems.js';
import type { Customer } from '../customers/index.js';
import { neutralizeControls, singleLine } from '../platform/text.js';
import { createInvitation, type ReinstateInvitationRequest } from '../invitations/index.js';
import { turnOffPurchasePermissionsParts } from '../purchase-permissions/index.js';

/**
 * At its end date a grant is expired, or extended if it auto-extends, whatever is stored (the scheduled job
 * catches up later and stores the same).
 */
const grantView = (grant: GrantRecord, now: Date) => project(GrantView, effectiveGrant(grant, now));

async function ownCustomer(principal: Principal, customerId: string) {
  const customer = await findCustomer(principal.partnerId, customerId);
  if (!customer) throw customerNotFound(customerId);
  return customer;
}

/**
 * Ends the relationship and, in the same transaction, every delegated admin grant it carries and its purchase
 * permissions. A customer shared by an indirect provider and its reseller is the provider's to end: both
 * records end together (each with its grants, permissions and activity record), and the reseller is refused.
 */
export async function endRelationship(principal: Principal, customerId: string, reason: string): Promise<Customer> {
  const customer = await ownCustomer(principal, customerId);
  const shared = customer.associatedPartnerId ? await sharedRecords(principal, customer, endedByProvider) : [customer];
  const open = shared.filter((record) => record.state === 'active');
  if (open.length === 0) throw alreadyEnded();
  const now = clock.now();
  const at = now.toISOString();
  const ends = await Promise.all(open.map(async (record) => relationshipEndParts(principal, record, await liveGrantsOf(record.partnerId, record.id, now), reason, at)));
  // Both records' parts carry the same labels; the partner's prefix keeps them apart in the transaction.
  const outcome = await transact(ends.flatMap(({ parts }, i) => parts.map((part) => ({ ...part, label: `${open[i]!.partnerId}:${part.label}` }))));
  if (!outcome.ok) throw stateConflict('The customer changed meanwhile; read it again.', outcome.cause);
  return project(CustomerView, ends.find(({ next }) => next.partnerId === principal.partnerId)?.next ?? customer);
}

/**
 * A shared customer's two records, the caller's first, once the caller is known to be the indirect provider
 * (the reseller is answered `refused`). The other record may be missing: the caller's alone is then what there is.
 */
async function sharedRecords(principal: Principal, customer: CustomerRecord, refused: () => Error): Promise<CustomerRecord[]> {
  const [profile, other] = await Promise.all([findPartnerProfile(principal.partnerId), findCustomer(customer.associatedPartnerId!, customer.id)]);
  if (profile?.partnerType !== 'indirectProvider') throw refused();
  return other ? [customer, other] : [customer];
}

/** Reinstating invites the customer back; a shared customer only its indirect provider may invite back. */
export async function reinstateCustomer(principal: Principal, customerId: string, body: ReinstateInvitationRequest) {
  const customer = await ownCustomer(principal, customerId);
  if (customer.associatedPartnerId) await sharedRecords(principal, customer, reinstatedByProvider);
  return createInvitation(principal, { ...body, customerId });
}

/** Grants past their end date are already over (expired, or extended in the view): ending a relationship ends what is live now. */
export async function liveGrantsOf(partnerId: string, customerId: string, now: Date): Promise<GrantRecord[]> {
  return (await listGrantsOfCustomer(partnerId, customerId)).filter((g) => {
    const state = effectiveGrant(g, now).state;
    return state === 'active' || state === 'approvalPending';
  });
}

/**
 * What ending a relationship writes, whoever ends it (the partner's Global admin, or the customer admin on the
 * manage page): the customer ended (conditioned on the version read), its live grants terminated, its purchase
 * permissions turned off, and the activity record naming `actor`. A caller adds its own parts and runs them as one transaction.
 */
export async function relationshipEndParts(actor: Principal, customer: CustomerRecord, live: GrantRecord[], reason: string, at: string): Promise<{ next: CustomerRecord; parts: LabelledPart[] }> {
  const next = { ...customer, state: 'ended' as const, updatedAt: at, version: customer.version + 1 };
  return {
    next,
    parts: [
      // Purchase permissions end with the relationship (actor system): a reinstated customer starts without them.
      ...(await turnOffPurchasePermissionsParts(customer.partnerId, customer.id, { reason: 'relationshipEnded', now: new Date(at) })),
      ...customerVersionParts('customer', next, customer),
      ...live.map((g) => terminateGrant(`grant:${g.id}`, g, at)),
      put('activity', activityItem(actor, 'End Customer Relationship', at, [
        { field: 'state', before: 'active', after: 'ended' },
        { field: 'reason', after: reason },
        ...live.map((g) => ({ field: `delegatedAdmin.${g.id}.state`, before: g.state, after: 'terminated' })),
      ], customer.id, customer.partnerId)),
    ],
  };
}

export async function listDelegatedAdmin(principal: Principal, customerId: string) {
  await ownCustomer(principal, customerId);
  const now = clock.now();
  return { items: (await listGrantsOfCustomer(principal.partnerId, customerId)).map((g) => grantView(g, now)) };
}

export async function terminateDelegatedAdmin(principal: Principal, customerId: string) {
  await ownCustomer(principal, customerId);
  const now = clock.now();
  const at = now.toISOString();
  const grants = await listGrantsOfCustomer(principal.partnerId, customerId);
  const live = grants.filter((g) => grantView(g, now).state === 'active');
  if (live.length === 0) throw noActiveGrant();
  const outcome = await transact([
    ...live.map((g) => terminateGrant(`grant:${g.id}`, g, at)),
    put('activity', activityItem(principal, 'Terminate Delegated Admin Relationship', at, live.map((g) => ({ field: `delegatedAdmin.${g.id}.state`, before: 'active', after: 'terminated' })), customerId)),
  ]);
  if (!outcome.ok) throw stateConflict('A grant changed meanwhile; read them again.', outcome.cause);
  const ended = new Set(live.map((g) => g.id));
  return { items: grants.map((g) => grantView(ended.has(g.id) ? terminatedGrant(g, at) : g, now)) };
}

/** The link names the partner and proves it was issued here; it holds nothing about any customer. */
export async function relationshipLink(principal: Principal) {
  if (!relationshipLinkAvailable()) throw linkUnavailable();
  const profile = await findPartnerProfile(principal.partnerId);
  if (!profile) throw profileRequired();
  const url = `${config().publicBaseUrl}/relationship/${encodeURIComponent(principal.partnerId)}/${await signLink('relationship-link', principal.partnerId)}`;
  return {
    url,
    // The partner pastes this into its own mail: stored names are neutralized as for every mail we send.
    suggestedEmail: {
      subject: singleLine(`${profile.companyName} would like to be your cloud reseller`),
      body:
        `Hello,\n\n${neutralizeControls(profile.companyName)} would like to become your cloud services reseller. ` +
        `An administrator of your organization can accept by opening this link and entering their work email address:\n\n${url}\n\n` +
        neutralizeControls(`You will receive a one-time invitation at that address. Nothing changes until you accept it.\n\nKind regards,\n${profile.primaryContact.name}\n${profile.companyName}`),
    },
  };
}

export async function verifyRelationshipLink(partnerId: string, signature: string): Promise<{ companyName: string } | undefined> {
  if (!(await verifyLink('relationship-link', partnerId, signature))) return undefined;
  const profile = await findPartnerProfile(partnerId);
  return profile ? { companyName: profile.companyName } : undefined;
}

/** See `linkUnavailable`: in the US Government cloud the reusable link cannot start a relationship. */
export const relationshipLinkAvailable = (): boolean => config().partition !== 'aws-us-gov';

/**
 * Someone at an organization asked through the partner's link: a one-time invitation goes to the address
 * they gave. Anyone can post this form, so it serves one submission per page view, counts against limits
 * per client network and per link per day, and uses a pending allowance apart from the partner's own.
 */
export async function requestRelationship(partnerId: string, email: string, request: { sourceIp: string; formNonce: string }) {
  if (!relationshipLinkAvailable()) throw linkUnavailable();
  const now = clock.now();
  const day = utcDay(now);
  const limits = config().relationshipLink;
  const tooMany = (detail: string) => (cause: unknown) => rateLimited(detail, secondsToNextUtcDay(clock.now()), cause);
  return createInvitation({ partnerId, userId: 'relationship-link', roles: ['sales-agent'] }, { email, source: 'relationshipLink' }, [
    {
      part: formNonceUsedPart('formNonce', request.formNonce),
      error: formAlreadyUsed,
    },
    {
      part: dailyAllowance('clientLimit', relationshipLinkKeys.clientDayCounter(await clientNetworkHash(request.sourceIp), day), limits.maxPerClientPerDay, now),
      error: tooMany('Too many relationship requests from this network today.'),
    },
    {
      part: dailyAllowance('linkLimit', relationshipLinkKeys.linkDayCounter(partnerId, day), limits.maxPerLinkPerDay, now),
      error: tooMany("Too many relationship requests through this partner's link today."),
    },
  ]);
}

