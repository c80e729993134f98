// The routes of the `docs` function: its Lambda entry imports only these, so it bundles only their schemas.
import { Health, OpenApiDocument } from '../platform/document-schemas.js';
import type { RouteDef } from './route.js';

export const docsRoutes = [
  {
    operationId: 'health', method: 'GET', path: '/health', group: 'docs', summary: 'Liveness',
    auth: { kind: 'public' }, response: { status: 200, schema: Health, description: 'Up' },
    errors: [],
  },
  {
    operationId: 'openApiDocument', method: 'GET', path: '/v1/openapi.json', group: 'docs',
    summary: 'This API as OpenAPI 3.1', auth: { kind: 'public' },
    response: { status: 200, schema: OpenApiDocument, description: 'The OpenAPI document' },
    errors: [],
  },
  {
    operationId: 'apiReference', method: 'GET', path: '/docs', group: 'docs', summary: 'Readable API reference',
    auth: { kind: 'public' }, response: { status: 200, contentType: 'text/html', description: 'HTML page' },
    errors: [],
  },
] as const satisfies readonly RouteDef[];
