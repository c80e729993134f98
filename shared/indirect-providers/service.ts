// The link between an indirect reseller and the indirect providers it authorizes to create customers for it
// (they then appear in both partners' lists). The reseller authorizes (directly, or by accepting a provider's
// partnership invitation); either side ends the link with a reason, and the other side is told. Ending moves
// no customer and keeps delegated admin grants.
import type { Principal } from '../platform/auth.js';
import { clock } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { activityItem } from '../activity/index.js';
import { findPartnerProfile, partnerProfileKey, profileRequired, type PartnerProfileRecord } from '../partner/index.js';
import type { Problem } from '../platform/errors.js';
import { put, remove, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import { alreadyLinked, marketMismatch, notAProvider, notAnIndirectReseller, profileChanged, providerNotAuthorized, providerProfileRequired, resellerNotLinked } from './problems.js';
import type { EndLinkRequest, IndirectReseller, ProviderAuthorization } from './schemas.js';
import {
  endedProviderItem,
  endedProviderKey,
  providerAuthorizationItem,
  providerAuthorizationKey,
  resellerLinkItem,
  type EndedProviderRecord,
  type LinkEndRecord,
  type ProviderAuthorizationRecord,
  type ResellerLinkRecord,
} from './entity.js';
import { getAuthorization, getEndedProvider, getResellerLink, queryProviderLinks, queryResellerLinks } from './store.js';
import { linkEndedMailPart } from './ended-email.js';

const toProviderView = (record: ProviderAuthorizationRecord | EndedProviderRecord): ProviderAuthorization =>
  'ended' in record ? { ...record, state: 'ended' } : { ...record, state: 'active' };

export async function listProviders(principal: Principal) {
  return { items: (await queryProviderLinks(principal.partnerId)).map(toProviderView) };
}

/** The reseller's link with one provider: active, or as its last end left it. */
export async function getProvider(principal: Principal, providerId: string): Promise<ProviderAuthorization> {
  const [active, ended] = await Promise.all([getAuthorization(principal.partnerId, providerId), getEndedProvider(principal.partnerId, providerId)]);
  const record = active ?? ended;
  if (!record) throw providerNotAuthorized(providerId);
  return toProviderView(record);
}

export async function listResellers(principal: Principal): Promise<{ items: IndirectReseller[] }> {
  return { items: await queryResellerLinks(principal.partnerId) };
}

export async function getReseller(principal: Principal, resellerId: string): Promise<IndirectReseller> {
  const link = await getResellerLink(principal.partnerId, resellerId);
  if (!link) throw resellerNotLinked(resellerId);
  return link;
}

export interface LinkProfiles {
  reseller: PartnerProfileRecord;
  provider: PartnerProfileRecord;
}

/**
 * The pre-flight checks of a link, each its own problem: both partners have legal profiles, the reseller is an
 * `indirectReseller`, the provider an `indirectProvider`, and both markets hold the reseller's country.
 */
export async function checkLinkable(resellerId: string, providerId: string): Promise<LinkProfiles> {
  const [reseller, provider] = await Promise.all([findPartnerProfile(resellerId), findPartnerProfile(providerId)]);
  if (!reseller) throw profileRequired();
  if (reseller.partnerType !== 'indirectReseller') throw notAnIndirectReseller();
  if (!provider) throw providerProfileRequired(providerId);
  if (provider.partnerType !== 'indirectProvider') throw notAProvider(providerId);
  const country = reseller.country;
  if (!provider.markets.includes(country) || !reseller.markets.includes(country)) throw marketMismatch(providerId, country);
  return { reseller, provider };
}

/** Provider-side checks only, for a provider about to invite: it must be able to be linked at all. */
export async function checkProvider(providerId: string): Promise<PartnerProfileRecord> {
  const provider = await findPartnerProfile(providerId);
  if (!provider) throw profileRequired();
  if (provider.partnerType !== 'indirectProvider') throw notAProvider(providerId);
  return provider;
}

export interface LinkOptions {
  invitationId?: string;
  /** Written in the link's transaction (an invitation consumed by it, say); a failed one is answered by `failure`. */
  parts?: LabelledPart[];
  failure?: (failed: Set<string>, cause: unknown) => Problem | undefined;
  /** An active link already there: answered as it stands (PUT), or refused (an invitation must not be consumed). */
  whenLinked: 'answer' | 'refuse';
}

/**
 * Links the reseller (the caller) with the provider in one transaction: the reseller's authorization, the
 * provider's link item, an activity record on each side, and whatever the caller adds. The profiles are
 * checked again inside it, as they may have changed since the pre-flight read.
 */
export async function linkProvider(principal: Principal, providerId: string, options: LinkOptions): Promise<ProviderAuthorization> {
  const resellerId = principal.partnerId;
  const { reseller, provider } = await checkLinkable(resellerId, providerId);
  const existing = await getAuthorization(resellerId, providerId);
  if (existing) {
    if (options.whenLinked === 'refuse') throw alreadyLinked(providerId);
    return toProviderView(existing);
  }
  const at = clock.now().toISOString();
  const authorization: ProviderAuthorizationRecord = {
    providerId,
    providerName: provider.companyName,
    authorizedAt: at,
    authorizedBy: principal.userId,
    ...(options.invitationId ? { invitationId: options.invitationId } : {}),
  };
  const link: ResellerLinkRecord = {
    resellerId,
    resellerName: reseller.companyName,
    state: 'active',
    authorizedAt: at,
    authorizedBy: principal.userId,
    ...(options.invitationId ? { invitationId: options.invitationId } : {}),
  };
  const tableName = config().tableName;
  const country = reseller.country;
  const outcome = await transact([
    {
      label: 'reseller',
      part: {
        ConditionCheck: {
          TableName: tableName,
          Key: partnerProfileKey(resellerId),
          ConditionExpression: 'partnerType = :t AND country = :c AND contains(markets, :c)',
          ExpressionAttributeValues: { ':t': 'indirectReseller', ':c': country },
        },
      },
    },
    {
      label: 'provider',
      part: {
        ConditionCheck: {
          TableName: tableName,
          Key: partnerProfileKey(providerId),
          ConditionExpression: 'partnerType = :t AND contains(markets, :c)',
          ExpressionAttributeValues: { ':t': 'indirectProvider', ':c': country },
        },
      },
    },
    { label: 'authorization', part: { Put: { TableName: tableName, Item: providerAuthorizationItem(resellerId, authorization), ConditionExpression: 'attribute_not_exists(pk)' } } },
    put('resellerLink', resellerLinkItem(providerId, link)),
    // A new link replaces what an earlier one left when it ended.
    remove('endedBefore', endedProviderKey(resellerId, providerId)),
    put('activity', activityItem(principal, 'Authorize Indirect Provider', at, [{ field: 'indirectProvider', after: providerId }])),
    put(
      'providerActivity',
      activityItem(principal, 'Indirect Reseller Linked', at, [{ field: 'indirectReseller', after: resellerId }, ...(options.invitationId ? [{ field: 'resellerInvitation.state', before: 'pending', after: 'accepted' }] : [])], undefined, providerId),
    ),
    ...(options.parts ?? []),
  ]);
  if (!outcome.ok) {
    const { failed, cause } = outcome;
    const own = options.failure?.(failed, cause);
    if (own) throw own;
    if (failed.has('authorization')) {
      if (options.whenLinked === 'refuse') throw alreadyLinked(providerId, cause);
      const now = await getAuthorization(resellerId, providerId);
      if (now) return toProviderView(now);
    }
    throw profileChanged(cause);
  }
  return toProviderView(authorization);
}

export const authorizeProvider = (principal: Principal, providerId: string) => linkProvider(principal, providerId, { whenLinked: 'answer' });

/**
 * Ends the link from either side: the reseller's authorization goes, the provider's link item and the
 * reseller's record of the end stay (state `ended`), each side gets an activity record, and the other side's
 * primary contact a mail, all in one transaction.
 */
export async function endLink(principal: Principal, side: 'provider' | 'reseller', otherId: string, request: EndLinkRequest): Promise<void> {
  const [providerId, resellerId] = side === 'provider' ? [principal.partnerId, otherId] : [otherId, principal.partnerId];
  const notLinked = (cause?: unknown) => (side === 'provider' ? resellerNotLinked(resellerId, cause) : providerNotAuthorized(providerId, cause));
  const [authorization, providerSide, other] = await Promise.all([getAuthorization(resellerId, providerId), getResellerLink(providerId, resellerId), findPartnerProfile(otherId)]);
  if (!authorization) throw notLinked();
  const now = clock.now();
  const at = now.toISOString();
  const ended: LinkEndRecord = { at, by: principal.userId, side, reason: request.reason, ...(request.comment ? { comment: request.comment } : {}) };
  const resellerName = providerSide?.resellerName ?? (side === 'reseller' ? (await findPartnerProfile(resellerId))?.companyName : other?.companyName) ?? resellerId;
  const { invitationId } = authorization;
  const link: ResellerLinkRecord = {
    resellerId,
    resellerName,
    state: 'ended',
    authorizedAt: authorization.authorizedAt,
    authorizedBy: authorization.authorizedBy,
    ...(invitationId ? { invitationId } : {}),
    ended,
  };
  const change = (field: string, before: string) => [{ field, before }, { field: 'endReason', after: request.reason }];
  const parts: LabelledPart[] = [
    {
      label: 'authorization',
      part: {
        Delete: {
          TableName: config().tableName,
          Key: providerAuthorizationKey(resellerId, providerId),
          // The very link that was read: one re-made meanwhile is not ended unseen.
          ConditionExpression: 'authorizedAt = :at',
          ExpressionAttributeValues: { ':at': authorization.authorizedAt },
        },
      },
    },
    put('resellerLink', resellerLinkItem(providerId, link)),
    put('endedProvider', endedProviderItem(resellerId, { ...authorization, ended })),
    put('resellerActivity', activityItem(principal, 'End Indirect Provider Link', at, change('indirectProvider', providerId), undefined, resellerId)),
    put('providerActivity', activityItem(principal, 'End Indirect Reseller Link', at, change('indirectReseller', resellerId), undefined, providerId)),
  ];
  // A partner without a legal profile has no contact to tell; the end stands all the same.
  if (other) {
    parts.push(
      linkEndedMailPart(
        {
          partnerId: otherId,
          to: other.primaryContact.email,
          locale: 'en',
          contactName: other.primaryContact.name,
          otherPartnerName: side === 'provider' ? authorization.providerName : resellerName,
          endedBy: side,
          reason: request.reason,
          ...(request.comment ? { comment: request.comment } : {}),
          endedAt: at,
          linkId: `${providerId}#${resellerId}`,
        },
        now,
      ),
    );
  }
  const outcome = await transact(parts);
  if (!outcome.ok) throw notLinked(outcome.cause);
}
