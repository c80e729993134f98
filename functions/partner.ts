import { groupHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { getPartnerProfile, putPartnerProfile } from '../shared/workflows/partner.js';

export const handler = groupHandler('partner')({
  getPartnerProfile: async ({ principal }) => json(200, await getPartnerProfile(principal)),
  putPartnerProfile: async ({ principal, body }) => json(200, await putPartnerProfile(principal, body)),
});
