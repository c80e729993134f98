// The OpenAPI 3.1 document, generated from the route table and the very zod schemas that validate
// requests, so the document cannot describe an API other than the one that runs.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { object, string } from 'zod';
import type { z } from 'zod';
import { PERMISSIONS } from './platform/roles.js';
import { FUNCTION_GROUPS, routes, type FunctionGroupDef, type ErrorAnswer, type ErrorStatus, type HeaderUse, type ResponseHeader, type RouteDef } from './routes/index.js';
import { Problem } from './platform/schemas.js';
import { IDEMPOTENCY_KEY } from './customers/schemas.js';

/**
 * The pipeline adds 401, 413, 415 and 429 (the partner's or the client's budget) to the statuses a route declares,
 * and 503 to every route that reads or writes data (a busy or failing service, after the SDK's retries).
 */
type Status = ErrorStatus | 401 | 413 | 415 | 503;
interface Answer {
  status: Status;
  description?: string;
  headers?: readonly HeaderUse[];
}

// A status without a description here or in its route fails the lint (every response needs one).
const PROBLEM_DESCRIPTIONS: Partial<Record<Status, string>> = {
  401: 'Missing, invalid or expired bearer token',
  403: "Not allowed: the caller's roles (or a rule on who may do this) refuse it, or the token names no partner",
  404: "Not found (another partner's data is never visible)",
  409: 'Conflicts with the current state; `type` says how',
  412: 'If-Match does not match the current ETag',
  413: 'Body over 64 KiB',
  415: 'Body is not application/json',
  422: 'A business rule refuses the request; `type` says which',
  428: 'If-Match is required',
  429: "Too many requests (the partner's requests per minute, across all its users, or a limit of the route); try again after Retry-After seconds",
  503: 'A service this API depends on is busy or failing; nothing was changed. Send the same request again after Retry-After seconds',
};

const PAGE_DESCRIPTIONS: Partial<Record<Status, string>> = {
  400: 'The form could not be read (not url-encoded, over 64 KiB, a repeated field), or a field is not valid: then the page again, fields marked, with a new form cookie',
  403: 'The form is not from this page (cookie, csrf value or origin)',
  404: 'No such link (also a malformed one)',
  409: 'The invitation kept changing while this was done; nothing was written, try again',
  410: 'The link was used, revoked or replaced, or it expired',
  422: 'A business rule refuses the request',
  429: "Too many requests (this client network's page requests per minute, or a limit of the form); try again after Retry-After seconds",
  503: 'Busy right now; nothing was changed. Try again after Retry-After seconds',
};

/** Headers that every answer of a status carries, whatever the route. */
const STATUS_HEADERS: Partial<Record<Status, readonly HeaderUse[]>> = { 401: ['WWW-Authenticate'], 429: ['Retry-After'], 503: ['Retry-After'] };

const HEADERS: Record<ResponseHeader, { description: string; schema: Record<string, unknown> }> = {
  ETag: { description: 'The version of the customer or referral; send it back in If-Match', schema: { type: 'string', pattern: '^"v\\d+"$' } },
  Location: { description: 'The path of the new resource', schema: { type: 'string', format: 'uri-reference' } },
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
  Link: { description: 'The next part: <…>; rel="next"', schema: { type: 'string' } },
  'Continuation-Token': { description: 'Pass it back as continuationToken for the next part', schema: { type: 'string' } },
  'Content-Disposition': { description: 'attachment; filename="customers.csv"', schema: { type: 'string' } },
  'Set-Cookie': { description: "The page's form cookie (SameSite=Strict, HttpOnly; __Host- over https)", schema: { type: 'string' } },
  'Idempotent-Replayed': { description: 'The stored answer to an earlier request with the same Idempotency-Key', schema: { type: 'string', enum: ['true'] } },
  'WWW-Authenticate': { description: 'The authentication scheme to use', schema: { type: 'string', pattern: '^Bearer' } },
};

const REQUEST_HEADERS = {
  'Idempotency-Key': string().regex(IDEMPOTENCY_KEY).optional().meta({ description: 'Repeating a request with the same key and body gives the first answer again (for 24 hours)' }),
  'If-Match': string().meta({ description: 'The ETag of the version the change is based on, or *' }),
} as const;

const headersOf = (uses: readonly HeaderUse[]) =>
  Object.fromEntries(
    uses.map((use) => {
      const name = use.replace(/\?$/, '') as ResponseHeader;
      return [name, { ...HEADERS[name], required: !use.endsWith('?') }];
    }),
  );

/** The request pipeline's answers (see RouteDef.errors) and the route's own, by status. */
function errorAnswers(route: RouteDef): Answer[] {
  const { params, query, body } = route.request ?? {};
  const group = FUNCTION_GROUPS[route.group] as FunctionGroupDef;
  const pipeline: Status[] = [
    ...(route.auth.kind === 'partner' ? [...(params || query || body ? [400 as const] : []), 401 as const, 403 as const, ...(body ? [413 as const, 415 as const] : []), 429 as const] : group.clientLimit ? [429 as const] : []),
    ...(group.table.length === 0 ? [] : [503 as const]),
  ];
  const own = route.errors.map((answer: ErrorAnswer): Answer => (typeof answer === 'number' ? { status: answer } : answer));
  const declared = new Set(own.map((answer) => answer.status));
  return [...pipeline.filter((status) => !declared.has(status as ErrorStatus)).map((status) => ({ status })), ...own].sort((a, b) => a.status - b.status);
}

function badRequestDescription(route: RouteDef): string {
  const query = route.request?.query as z.ZodObject | undefined;
  return [
    route.method === 'HEAD' ? 'The request is not valid.' : 'The request is not valid; `errors` names each field.',
    ...(query ? ['Unknown query parameters are refused.'] : []),
    ...(query && 'continuationToken' in query.shape ? ['A continuationToken works only with the query that returned it.'] : []),
    ...(route.request?.body ? ['The body must be JSON, without unknown fields.'] : []),
  ].join(' ');
}

function pathItem(route: RouteDef) {
  const head = route.method === 'HEAD';
  const pages = route.group === 'public' || route.group === 'directory';
  const negotiated = route.response.negotiated === true;
  const headerParams = (route.headers ?? []).map((name) => [name, REQUEST_HEADERS[name]] as const);
  const success = head
    ? {}
    : negotiated
      ? { content: { [route.response.contentType ?? 'text/html']: { schema: string() }, 'application/json': { schema: route.response.schema! } } }
      : route.response.schema
      ? { content: { [route.response.contentType ?? 'application/json']: { schema: route.response.schema } } }
      : route.response.contentType
        ? { content: { [route.response.contentType]: { schema: string() } } }
        : {};
  const roles = route.auth.kind === 'partner' ? PERMISSIONS[route.auth.action].join(', ') : undefined;
  const body = route.request?.body
    ? { 'application/json': { schema: route.request.body } }
    : route.request?.form
      ? { 'application/x-www-form-urlencoded': { schema: route.request.form } }
      : undefined;
  const errorResponse = ({ status, description, headers = [] }: Answer) => {
    const text = description ?? (pages ? PAGE_DESCRIPTIONS[status] : status === 400 ? badRequestDescription(route) : PROBLEM_DESCRIPTIONS[status]);
    const allHeaders = [...(STATUS_HEADERS[status] ?? []), ...headers];
    return [
      status,
      {
        description: text!,
        ...(allHeaders.length ? { headers: headersOf(allHeaders) } : {}),
        ...(head ? {} : { content: { ...(pages ? { 'text/html': { schema: string() } } : {}), ...(!pages || negotiated ? { 'application/problem+json': { schema: Problem } } : {}) } }),
      },
    ] as const;
  };
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
      ...(body ? { body: { required: true, content: body } } : {}),
    },
    responses: {
      [route.response.status]: {
        description: route.response.description,
        ...(route.response.headers ? { headers: headersOf(route.response.headers) } : {}),
        ...success,
      },
      ...Object.fromEntries(errorAnswers(route).map(errorResponse)),
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
        description: 'Customer account setup and management for a cloud reseller partner. Errors are RFC 9457 problem+json; the public pages answer with HTML pages.',
      },
      servers: [{ url: serverUrl }],
    });
  }
  return cached;
}
