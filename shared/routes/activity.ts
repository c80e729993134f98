// The routes of the `activity` function: its Lambda entry imports only these, so it bundles only their schemas.
import { ActivityPage, ListActivityQuery } from '../activity/index.js';
import type { RouteDef } from './route.js';

export const activityRoutes = [
  {
    operationId: 'listActivity', method: 'GET', path: '/v1/activity', group: 'activity',
    summary: 'Read the activity log, newest first', auth: { kind: 'partner', action: 'activity.read' },
    request: { query: ListActivityQuery },
    response: { status: 200, schema: ActivityPage, description: 'One page of activity records' },
    errors: [],
  },
] as const satisfies readonly RouteDef[];
