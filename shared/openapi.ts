// The OpenAPI 3.1 document, generated from the route table and the very zod schemas that validate
// requests, so the document cannot describe an API other than the one that runs.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { object, string } from 'zod';
import type { z } from 'zod';
import { PERMISSIONS } from './platform/roles.js';
import { routes, type RouteDef } from './routes.js';
import { Problem } from './platform/schemas.js';

const problemContent = { 'application/problem+json': { schema: Problem } };

const ERROR_RESPONSES: Record<number, string> = {
  400: 'Invalid input (see `errors`), malformed JSON or a bad continuation token',
  401: 'Missing, invalid or expired bearer token',
  403: "The caller's roles do not allow this action",
  404: 'Not found (another partner\'s data is never visible)',
  409: 'Conflict with the current state',
  412: 'If-Match does not match the current ETag',
  413: 'Body over 64 KiB',
  415: 'Body is not application/json',
  422: 'A business rule refuses the request',
  428: 'If-Match is required',
};

function errorStatuses(route: RouteDef): number[] {
  if (route.auth.kind === 'public') return [];
  const statuses = [400, 401, 403];
  if (route.path.includes('{')) statuses.push(404);
  if (route.request?.body) statuses.push(409, 413, 415, 422);
  if (route.headers?.includes('If-Match')) statuses.push(412, 428);
  return statuses;
}

function pathItem(route: RouteDef) {
  const headerParams = (route.headers ?? []).map((name) => [name, string().optional()] as const);
  const success = route.response.schema
    ? { content: { [route.response.contentType ?? 'application/json']: { schema: route.response.schema } } }
    : route.response.contentType
      ? { content: { [route.response.contentType]: { schema: string() } } }
      : {};
  const roles = route.auth.kind === 'partner' ? PERMISSIONS[route.auth.action].join(', ') : undefined;
  return {
    method: route.method.toLowerCase() as Lowercase<RouteDef['method']>,
    path: route.path,
    operationId: route.operationId,
    summary: route.summary,
    ...(roles ? { description: `Roles: ${roles}.`, security: [{ bearer: [] }] } : { security: [] }),
    request: {
      ...(route.request?.params ? { params: route.request.params as z.ZodObject } : {}),
      ...(route.request?.query ? { query: route.request.query as z.ZodObject } : {}),
      ...(headerParams.length ? { headers: object(Object.fromEntries(headerParams)) } : {}),
      ...(route.request?.body ? { body: { required: true, content: { 'application/json': { schema: route.request.body } } } } : {}),
    },
    responses: {
      [route.response.status]: { description: route.response.description, ...success },
      ...Object.fromEntries(errorStatuses(route).map((s) => [s, { description: ERROR_RESPONSES[s]!, content: problemContent }])),
    },
  };
}

let cached: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined;

export function openApiDocument(serverUrl: string) {
  if (!cached) {
    const registry = new OpenAPIRegistry();
    registry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'An ID token of the partner identity provider carrying the partner id and the user roles.',
    });
    for (const route of routes as readonly RouteDef[]) registry.registerPath(pathItem(route));
    cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'reseller-accounts',
        version: '1.0.0',
        description: "Customer account setup and management for a cloud reseller partner. Errors are RFC 9457 problem+json.",
      },
      servers: [{ url: serverUrl }],
    });
  }
  return cached;
}
