// The link between an indirect provider and an indirect reseller, as stored on both sides. The reseller's
// authorization item exists exactly while the link is active (others check a live link on it); what an ended
// link leaves is kept in items of its own, so re-linking later starts afresh.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { object, oneOf, optional, string, type Infer } from '../platform/dynamo/item-schema.js';

export const LINK_STATES = ['active', 'ended'] as const;
export const END_REASONS = ['partnershipEnded', 'commercialTerms', 'noActivity', 'createdByMistake', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];
export const LINK_SIDES = ['provider', 'reseller'] as const;

/** Kept by the reseller: which indirect providers it has authorized to act for it (only while active). */
export const providerAuthorizationKey = (resellerId: string, providerId: string) => ({ pk: partnerPartition(resellerId), sk: `INDIRECT_PROVIDER#${providerId}` });
/** Kept by the reseller: the last end of its link with a provider, while no new link replaced it. */
export const endedProviderKey = (resellerId: string, providerId: string) => ({ pk: partnerPartition(resellerId), sk: `INDIRECT_PROVIDER_ENDED#${providerId}` });
/** Both of the reseller's kinds above, in one Query. */
export const providerLinksKey = (resellerId: string) => ({ pk: partnerPartition(resellerId), skPrefix: 'INDIRECT_PROVIDER' });
/** Kept by the provider: its link with one reseller, active or ended. */
export const resellerLinkKey = (providerId: string, resellerId: string) => ({ pk: partnerPartition(providerId), sk: `INDIRECT_RESELLER#${resellerId}` });
export const resellerLinksKey = (providerId: string) => ({ pk: partnerPartition(providerId), skPrefix: 'INDIRECT_RESELLER#' });

const LinkEnd = object({ at: string, by: string, side: oneOf(LINK_SIDES), reason: oneOf(END_REASONS), comment: optional(string) });
export type LinkEndRecord = Infer<typeof LinkEnd>;

export const ProviderAuthorizationItem = object({ providerId: string, providerName: string, authorizedAt: string, authorizedBy: string, invitationId: optional(string) });
export type ProviderAuthorizationRecord = Infer<typeof ProviderAuthorizationItem>;

export const providerAuthorizationItem = (resellerId: string, authorization: ProviderAuthorizationRecord) => ({
  ...providerAuthorizationKey(resellerId, authorization.providerId),
  kind: 'providerAuthorization',
  ...authorization,
});

export const EndedProviderItem = object({ ...ProviderAuthorizationItem.fields, ended: LinkEnd });
export type EndedProviderRecord = Infer<typeof EndedProviderItem>;

export const endedProviderItem = (resellerId: string, record: EndedProviderRecord) => ({
  ...endedProviderKey(resellerId, record.providerId),
  kind: 'endedProviderAuthorization',
  ...record,
});

export const ResellerLinkItem = object({
  resellerId: string,
  resellerName: string,
  state: oneOf(LINK_STATES),
  authorizedAt: string,
  authorizedBy: string,
  invitationId: optional(string),
  ended: optional(LinkEnd),
});
export type ResellerLinkRecord = Infer<typeof ResellerLinkItem>;

export const resellerLinkItem = (providerId: string, record: ResellerLinkRecord) => ({
  ...resellerLinkKey(providerId, record.resellerId),
  kind: 'resellerLink',
  ...record,
});
