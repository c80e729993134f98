// The routes of the `directory` function: its Lambda entry imports only these, so it bundles only their schemas.
import { DirectoryPage, DirectoryQuery, LocationPageParams } from '../directory/index.js';
import type { RouteDef } from './route.js';

export const directoryRoutes = [
  {
    operationId: 'directory', method: 'GET', path: '/directory', group: 'directory',
    summary: 'The public partner directory: published business profiles, searched and filtered', auth: { kind: 'public' },
    request: { query: DirectoryQuery },
    response: {
      status: 200, contentType: 'text/html', schema: DirectoryPage, negotiated: true,
      description: 'An HTML page; the same page as JSON with Accept: application/json. Ordered as `order` says: tag match first, then referral response time',
    },
    errors: [{ status: 400, description: 'A query parameter is not valid or not known, or the continuation token is not from this search' }],
  },
  {
    operationId: 'directoryLocation', method: 'GET', path: '/directory/{partnerId}/{locationId}', group: 'directory',
    summary: "One location's public page", auth: { kind: 'public' }, request: { params: LocationPageParams },
    response: { status: 200, contentType: 'text/html', headers: ['Set-Cookie'], description: 'The location: partner name, description, tags and address, and the request-for-information form' },
    errors: [{ status: 404, description: 'No published location with this id (also a malformed one)' }],
  },
] as const satisfies readonly RouteDef[];
