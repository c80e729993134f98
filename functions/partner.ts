import { groupHandler } from '../shared/http/handler.js';
import { empty, json } from '../shared/http/response.js';
import * as providers from '../shared/workflows/indirect-providers.js';
import { getPartnerProfile, putPartnerProfile } from '../shared/workflows/partner.js';

export const handler = groupHandler('partner')({
  getPartnerProfile: async ({ principal }) => json(200, await getPartnerProfile(principal)),
  putPartnerProfile: async ({ principal, body }) => json(200, await putPartnerProfile(principal, body)),
  listIndirectProviders: async ({ principal }) => json(200, await providers.listProviders(principal)),
  authorizeIndirectProvider: async ({ principal, params }) => json(200, await providers.authorizeProvider(principal, params.providerId)),
  removeIndirectProvider: async ({ principal, params }) => {
    await providers.removeProvider(principal, params.providerId);
    return empty(204);
  },
});
