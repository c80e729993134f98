import { groupHandler } from '../shared/platform/http/handler.js';
import { PARTNER_API } from '../shared/routes/partner-api.js';
import { referralRoutes } from '../shared/routes/referrals.js';
import { json } from '../shared/platform/http/response.js';
import * as referrals from '../shared/referrals/index.js';

const withEtag = ({ referral, etag }: referrals.ReferralResult) => json(200, referral, { ETag: etag });

/** A new referral, or the stored answer to the same Idempotency-Key. */
function created(result: referrals.CreateResult) {
  if (result.replayed) return json(result.response.status, result.response.body, { ...result.response.headers, 'Idempotent-Replayed': 'true' });
  return json(201, result.referral, { ETag: result.etag, Location: referrals.referralLocation(result.referral.id) });
}

export const handler = groupHandler(referralRoutes, PARTNER_API)({
  listReferrals: async ({ principal, query }) => json(200, await referrals.listReferrals(principal, query)),
  createReferral: async ({ principal, body, headers }) => created(await referrals.createReferral(principal, body, headers['idempotency-key'])),
  referToReseller: async ({ principal, params, body, headers }) => created(await referrals.referToReseller(principal, params.resellerId, body, headers['idempotency-key'])),
  getReferral: async ({ principal, params }) => withEtag(await referrals.getReferral(principal, params.referralId)),
  updateReferral: async ({ principal, params, body, headers }) => withEtag(await referrals.updateReferral(principal, params.referralId, body, headers['if-match'])),
  acceptReferral: async ({ principal, params, body }) => withEtag(await referrals.acceptReferral(principal, params.referralId, body)),
  declineReferral: async ({ principal, params, body }) => withEtag(await referrals.declineReferral(principal, params.referralId, body)),
  closeReferral: async ({ principal, params, body }) => withEtag(await referrals.closeReferral(principal, params.referralId, body)),
  inviteReferralCustomer: async ({ principal, params, body }) => {
    const invitation = await referrals.inviteReferralCustomer(principal, params.referralId, body);
    return json(201, invitation, { Location: `/v1/invitations/${invitation.id}` });
  },
});
