import { listActivity } from '../shared/data/activity.js';
import { groupHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';

export const handler = groupHandler('activity')({
  listActivity: async ({ principal, query }) => json(200, await listActivity(principal.partnerId, query)),
});
