// What an indirect provider and one of its resellers share, as either reads its link with the other: the link,
// and counts each kept by the feature that owns it. It sits in a folder of its own because it reads three
// features that themselves use the link (customers check it when a provider creates one for a reseller): only
// the partner function imports it.
import type { Principal } from '../platform/auth.js';
import { countSharedCustomers } from '../customers/index.js';
import { getProvider, getReseller, type IndirectResellerDetail, type ProviderAuthorizationDetail } from '../indirect-providers/index.js';
import { countPendingJointInvitations } from '../invitations/index.js';
import { countOpenReferralsWith } from '../referrals/index.js';

/** Shared customers and open referrals are items kept by the writes that change them; pending joint invitations are
 * one Select=COUNT Query of the provider's view of them. The reads go side by side with the link's. */
async function countsBetween(self: string, other: string, providerId: string, resellerId: string) {
  const [sharedCustomers, openReferrals, pendingInvitations] = await Promise.all([
    countSharedCustomers(self, other),
    countOpenReferralsWith(self, other),
    countPendingJointInvitations(providerId, resellerId),
  ]);
  return { sharedCustomers, openReferrals, pendingInvitations };
}

/** The provider's view of one reseller. */
export async function resellerOverview(principal: Principal, resellerId: string): Promise<IndirectResellerDetail> {
  const [link, counts] = await Promise.all([getReseller(principal, resellerId), countsBetween(principal.partnerId, resellerId, principal.partnerId, resellerId)]);
  return { ...link, counts };
}

/** The reseller's view of one provider. */
export async function providerOverview(principal: Principal, providerId: string): Promise<ProviderAuthorizationDetail> {
  const [link, counts] = await Promise.all([getProvider(principal, providerId), countsBetween(principal.partnerId, providerId, providerId, principal.partnerId)]);
  return { ...link, counts };
}
