import { listActivity } from '../shared/activity/store.js';
import { groupHandler } from '../shared/platform/http/handler.js';
import { routesOfGroup } from '../shared/routes.js';
import { json } from '../shared/platform/http/response.js';

export const handler = groupHandler(routesOfGroup('activity'))({
  listActivity: async ({ principal, query }) => json(200, await listActivity(principal.partnerId, query)),
});
