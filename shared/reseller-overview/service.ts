// A provider's view of one of its resellers: the link, and counts of what the two share, each kept by the
// feature that owns it. It sits in a folder of its own because it reads three features that themselves use the
// link (customers check it when a provider creates one for a reseller): only the partner function imports it.
import type { Principal } from '../platform/auth.js';
import { countSharedCustomers } from '../customers/index.js';
import { getReseller, type IndirectResellerDetail } from '../indirect-providers/index.js';
import { countPendingJointInvitations } from '../invitations/index.js';
import { countOpenReferralsWith } from '../referrals/index.js';

/** Each count is one item kept by the writes that change it; the four reads go side by side. */
export async function resellerOverview(principal: Principal, resellerId: string): Promise<IndirectResellerDetail> {
  const providerId = principal.partnerId;
  const [link, sharedCustomers, openReferrals, pendingInvitations] = await Promise.all([
    getReseller(principal, resellerId),
    countSharedCustomers(providerId, resellerId),
    countOpenReferralsWith(providerId, resellerId),
    countPendingJointInvitations(providerId, resellerId),
  ]);
  return { ...link, counts: { sharedCustomers, openReferrals, pendingInvitations } };
}
