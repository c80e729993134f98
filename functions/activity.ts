import { listActivity } from '../shared/activity/index.js';
import { groupHandler } from '../shared/platform/http/handler.js';
import { PARTNER_API } from '../shared/routes/partner-api.js';
import { activityRoutes } from '../shared/routes/activity.js';
import { json } from '../shared/platform/http/response.js';

export const handler = groupHandler(activityRoutes, PARTNER_API)({
  listActivity: async ({ principal, query }) => json(200, await listActivity(principal.partnerId, query)),
});
