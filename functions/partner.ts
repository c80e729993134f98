import { groupHandler } from '../shared/platform/http/handler.js';
import { PARTNER_API } from '../shared/routes/partner-api.js';
import { partnerRoutes } from '../shared/routes/partner.js';
import { empty, json } from '../shared/platform/http/response.js';
import * as providers from '../shared/indirect-providers/index.js';
import { getPartnerProfile, putPartnerProfile } from '../shared/partner/index.js';
import * as businessProfiles from '../shared/business-profiles/index.js';
import * as resellerInvitations from '../shared/reseller-invitations/index.js';
import { providerOverview, resellerOverview } from '../shared/reseller-overview/index.js';

const withEtag = ({ profile, etag }: businessProfiles.ProfileResult) => json(200, profile, { ETag: etag });

export const handler = groupHandler(partnerRoutes, PARTNER_API)({
  getPartnerProfile: async ({ principal }) => json(200, await getPartnerProfile(principal)),
  putPartnerProfile: async ({ principal, body }) => json(200, await putPartnerProfile(principal, body)),
  listIndirectProviders: async ({ principal }) => json(200, await providers.listProviders(principal)),
  authorizeIndirectProvider: async ({ principal, params }) => json(200, await providers.authorizeProvider(principal, params.providerId)),
  acceptPartnershipInvitation: async ({ principal, body }) => json(200, await resellerInvitations.acceptPartnership(principal, body.invitationToken)),
  removeIndirectProvider: async ({ principal, params, body }) => {
    await providers.endLink(principal, 'reseller', params.providerId, body);
    return empty(204);
  },
  listIndirectResellers: async ({ principal }) => json(200, await providers.listResellers(principal)),
  getIndirectReseller: async ({ principal, params }) => json(200, await resellerOverview(principal, params.resellerId)),
  getIndirectProvider: async ({ principal, params }) => json(200, await providerOverview(principal, params.providerId)),
  endIndirectReseller: async ({ principal, params, body }) => {
    await providers.endLink(principal, 'provider', params.resellerId, body);
    return empty(204);
  },
  createResellerInvitation: async ({ principal, body }) => {
    const invitation = await resellerInvitations.createResellerInvitation(principal, body);
    return json(201, invitation, { Location: `/v1/reseller-invitations/${invitation.id}` });
  },
  listResellerInvitations: async ({ principal, query }) => json(200, await resellerInvitations.listResellerInvitations(principal, query)),
  getResellerInvitation: async ({ principal, params }) => json(200, await resellerInvitations.getResellerInvitation(principal, params.invitationId)),
  resendResellerInvitation: async ({ principal, params }) => json(200, await resellerInvitations.resendResellerInvitation(principal, params.invitationId)),
  revokeResellerInvitation: async ({ principal, params }) => json(200, await resellerInvitations.revokeResellerInvitation(principal, params.invitationId)),
  listBusinessProfiles: async ({ principal }) => json(200, await businessProfiles.listBusinessProfiles(principal)),
  getBusinessProfile: async ({ principal, params }) => withEtag(await businessProfiles.getBusinessProfile(principal, params.country)),
  putBusinessProfile: async ({ principal, params, body, headers }) =>
    withEtag(await businessProfiles.putBusinessProfile(principal, params.country, body, headers['if-match'])),
  deleteBusinessProfile: async ({ principal, params }) => {
    await businessProfiles.deleteBusinessProfile(principal, params.country);
    return empty(204);
  },
  publishBusinessProfile: async ({ principal, params }) => withEtag(await businessProfiles.setPublished(principal, params.country, true)),
  unpublishBusinessProfile: async ({ principal, params }) => withEtag(await businessProfiles.setPublished(principal, params.country, false)),
});
