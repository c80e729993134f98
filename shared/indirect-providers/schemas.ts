import { array, enum as zodEnum, globalRegistry, int, maxLength, meta, minLength, nonnegative, number, object, optional, regex, strictObject, string } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { IsoDateTime, MultiLineText, PartnerId } from '../platform/schemas.js';
import { TOKEN_PATTERN } from '../platform/links/formats.js';
import { END_REASONS, LINK_SIDES, LINK_STATES } from './entity.js';

export const ProviderIdParams = strictObject({ providerId: PartnerId });
export const ResellerIdParams = strictObject({ resellerId: PartnerId });

export const EndLinkRequest = strictObject({
  reason: zodEnum(END_REASONS).check(meta({ description: 'Why the link ends; the other side reads it in its mail and its list' })),
  comment: optional(MultiLineText.check(minLength(1), maxLength(500))),
}).register(globalRegistry, { id: 'EndIndirectLinkRequest' });
export type EndLinkRequest = Infer<typeof EndLinkRequest>;

export const AcceptPartnershipRequest = strictObject({
  invitationToken: string().check(regex(TOKEN_PATTERN, 'must be the token of a partnership invitation link'), meta({ description: 'The last segment of the link in the invitation mail' })),
}).register(globalRegistry, { id: 'AcceptPartnershipRequest' });

const LinkEnd = object({
  at: IsoDateTime,
  by: string().check(meta({ description: 'The user who ended it' })),
  side: zodEnum(LINK_SIDES).check(meta({ description: 'Which partner ended it' })),
  reason: zodEnum(END_REASONS),
  comment: optional(string()),
});

const linkFields = {
  state: zodEnum(LINK_STATES),
  authorizedAt: IsoDateTime,
  authorizedBy: string().check(meta({ description: "The reseller's user who authorized the provider" })),
  invitationId: optional(string().check(meta({ description: "The provider's partnership invitation it came from" }))),
  ended: optional(LinkEnd),
};

/** The reseller's view of its link with one provider. */
export const ProviderAuthorization = object({ providerId: string(), providerName: string(), ...linkFields }).register(globalRegistry, { id: 'ProviderAuthorization' });
export type ProviderAuthorization = Infer<typeof ProviderAuthorization>;

export const ProviderAuthorizationList = object({ items: array(ProviderAuthorization) }).register(globalRegistry, { id: 'ProviderAuthorizationList' });

/** The provider's view of its link with one reseller, as listed. */
export const IndirectReseller = object({ resellerId: string(), resellerName: string(), ...linkFields }).register(globalRegistry, { id: 'IndirectReseller' });
export type IndirectReseller = Infer<typeof IndirectReseller>;

const Count = number().check(int(), nonnegative());

/** What an indirect provider and its reseller share now, as either reads it. */
const SharedCounts = object({
  sharedCustomers: Count.check(meta({ description: 'Active customers the two share (the caller\'s records)' })),
  openReferrals: Count.check(meta({ description: 'Open (new or active) referrals between the two, either direction' })),
  pendingInvitations: Count.check(meta({ description: 'Pending joint customer invitations the reseller sent naming the provider' })),
}).register(globalRegistry, { id: 'IndirectLinkCounts' });
export type SharedCounts = Infer<typeof SharedCounts>;

/** One reseller as the provider reads it: the link and what the two share now. */
export const IndirectResellerDetail = object({ ...IndirectReseller.shape, counts: SharedCounts }).register(globalRegistry, { id: 'IndirectResellerDetail' });
export type IndirectResellerDetail = Infer<typeof IndirectResellerDetail>;

/** One provider as the reseller reads it: the link and what the two share now. */
export const ProviderAuthorizationDetail = object({ ...ProviderAuthorization.shape, counts: SharedCounts }).register(globalRegistry, { id: 'ProviderAuthorizationDetail' });
export type ProviderAuthorizationDetail = Infer<typeof ProviderAuthorizationDetail>;

export const IndirectResellerList = object({ items: array(IndirectReseller) }).register(globalRegistry, { id: 'IndirectResellerList' });
