import { groupHandler } from '../shared/platform/http/handler.js';
import { PARTNER_API } from '../shared/routes/partner-api.js';
import { partnerRoutes } from '../shared/routes/partner.js';
import { empty, json } from '../shared/platform/http/response.js';
import * as providers from '../shared/indirect-providers/index.js';
import { getPartnerProfile, putPartnerProfile } from '../shared/partner/index.js';
import * as businessProfiles from '../shared/business-profiles/index.js';

const withEtag = ({ profile, etag }: businessProfiles.ProfileResult) => json(200, profile, { ETag: etag });

export const handler = groupHandler(partnerRoutes, PARTNER_API)({
  getPartnerProfile: async ({ principal }) => json(200, await getPartnerProfile(principal)),
  putPartnerProfile: async ({ principal, body }) => json(200, await putPartnerProfile(principal, body)),
  listIndirectProviders: async ({ principal }) => json(200, await providers.listProviders(principal)),
  authorizeIndirectProvider: async ({ principal, params }) => json(200, await providers.authorizeProvider(principal, params.providerId)),
  removeIndirectProvider: async ({ principal, params }) => {
    await providers.removeProvider(principal, params.providerId);
    return empty(204);
  },
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
