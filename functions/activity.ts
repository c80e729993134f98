import { listActivity } from '../shared/activity/store.js';
import { groupHandler } from '../shared/platform/http/handler.js';
import { problemResponse } from '../shared/routes/problems.js';
import { activityRoutes } from '../shared/routes/activity.js';
import { json } from '../shared/platform/http/response.js';

export const handler = groupHandler(activityRoutes, { errorResponse: problemResponse })({
  listActivity: async ({ principal, query }) => json(200, await listActivity(principal.partnerId, query)),
});
