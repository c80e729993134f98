// The route table: the one list of endpoints, kept per function group beside this file. The CDK stack, the
// local server, the OpenAPI document and the role tests read all of it here, so they cannot drift apart;
// each Lambda entry imports only its own group's table.
import { partnerRoutes } from './partner.js';
import { customerRoutes } from './customers.js';
import { activityRoutes } from './activity.js';
import { relationshipRoutes } from './relationships.js';
import { referralRoutes } from './referrals.js';
import { publicPageRoutes } from './public.js';
import { manageRoutes } from './manage.js';
import { directoryRoutes } from './directory.js';
import { docsRoutes } from './docs.js';
import { importRoutes } from './imports.js';

export * from './route.js';

export const routes = [...partnerRoutes, ...customerRoutes, ...activityRoutes, ...relationshipRoutes, ...referralRoutes, ...publicPageRoutes, ...manageRoutes, ...directoryRoutes, ...docsRoutes, ...importRoutes] as const;

export type Route = (typeof routes)[number];
export type OperationId = Route['operationId'];
