// The OpenAPI 3.1 document, generated from the route table and the very zod schemas that validate requests, so
// the document cannot describe an API other than the one that runs. zod's own JSON Schema conversion does the
// schemas, so the functions carry only zod/mini; `npm run openapi` writes the result to shared/openapi.json,
// which the docs function serves as it is (a unit test regenerates it and fails when the two differ).
import { globalRegistry, optional, regex, registry, string, toJSONSchema } from './platform/zod.js';
import type { core } from './platform/zod.js';
import { PERMISSIONS } from './platform/roles.js';
import { FUNCTION_GROUPS, routes, type FunctionGroupDef, type ErrorAnswer, type ErrorStatus, type HeaderUse, type ResponseHeader, type RouteDef } from './routes/index.js';
import { Problem } from './platform/document-schemas.js';
import { IDEMPOTENCY_KEY } from './customers/index.js';

type Schema = core.$ZodType;
type JsonSchema = Record<string, unknown>;

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

const HEADERS: Record<ResponseHeader, { description: string; schema: JsonSchema }> = {
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
  'Idempotency-Key': optional(string().check(regex(IDEMPOTENCY_KEY))).register(globalRegistry, {
    description: 'Repeating a request with the same key and body gives the first answer again (for 24 hours)',
  }),
  'If-Match': string().register(globalRegistry, { description: 'The ETag of the version the change is based on, or *' }),
} as const;

const TEXT: JsonSchema = { type: 'string' };
const COMPONENT = '#/components/schemas/';

const headersOf = (uses: readonly HeaderUse[]) =>
  Object.fromEntries(
    uses.map((use) => {
      const name = use.replace(/\?$/, '') as ResponseHeader;
      return [name, { ...HEADERS[name], required: !use.endsWith('?') }];
    }),
  );

/** The request pipeline's answers (see RouteDef.errors) and the route's own, by status. */
function errorAnswers(route: RouteDef): Answer[] {
  const { params, query, body: json, upload } = route.request ?? {};
  const body = json ?? upload;
  const group = FUNCTION_GROUPS[route.group] as FunctionGroupDef;
  const pipeline: Status[] = [
    ...(route.auth.kind === 'partner' ? [...(params || query || body ? [400 as const] : []), 401 as const, 403 as const, ...(body ? [413 as const, 415 as const] : []), 429 as const] : group.clientLimit ? [429 as const] : []),
    ...(group.table.length === 0 ? [] : [503 as const]),
  ];
  const own = route.errors.map((answer: ErrorAnswer): Answer => (typeof answer === 'number' ? { status: answer } : answer));
  const declared = new Set(own.map((answer) => answer.status));
  return [...pipeline.filter((status) => !declared.has(status as ErrorStatus)).map((status) => ({ status })), ...own].sort((a, b) => a.status - b.status);
}

const shapeOf = (schema: Schema | undefined) => (schema as core.$ZodObject | undefined)?._zod.def.shape;

const UPLOAD_CSV = 'RFC 4180 CSV, UTF-8: a header line naming the columns (those of the JSON form), then one line per row.';

function badRequestDescription(route: RouteDef): string {
  const query = shapeOf(route.request?.query);
  return [
    route.method === 'HEAD' ? 'The request is not valid.' : 'The request is not valid; `errors` names each field.',
    ...(query ? ['Unknown query parameters are refused.'] : []),
    ...(query && 'continuationToken' in query ? ['A continuationToken works only with the query that returned it.'] : []),
    ...(route.request?.body ? ['The body must be JSON, without unknown fields.'] : []),
  ].join(' ');
}

const SAFE_INTEGER_BOUNDS = { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER } as const;
const isBareType = (node: unknown, type: string) => JSON.stringify(node) === JSON.stringify({ type });

/**
 * zod's JSON Schema in the plainer spelling the document has always used, with the same meaning: `enum: [x]`
 * for `const: x`, `type: [t, "null"]` for an anyOf of a bare nullable, no safe-integer bounds on an integer
 * (JSON numbers are taken as safe integers anyway), no `propertyNames` that only says keys are strings.
 */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (typeof node !== 'object' || node === null) return node;
  const schema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, tidy(v)])) as JsonSchema;
  if ('const' in schema) {
    const { const: value, ...rest } = schema;
    return { ...rest, enum: [value] };
  }
  const options = schema.anyOf as JsonSchema[] | undefined;
  if (options?.length === 2 && isBareType(options[1], 'null') && typeof options[0]!.type === 'string' && Object.keys(schema).length === 1) {
    return { ...options[0], type: [options[0]!.type, 'null'] };
  }
  for (const [bound, value] of Object.entries(SAFE_INTEGER_BOUNDS)) if (schema.type === 'integer' && schema[bound] === value) delete schema[bound];
  if (isBareType(schema.propertyNames, 'string')) delete schema.propertyNames;
  return schema;
}

/** Every schema a route names: its request parts, its answer, and the problem of its errors. */
function routeSchemas(route: RouteDef): Schema[] {
  const { params, query, body, form, upload } = route.request ?? {};
  return [params, query, body, form, upload, route.response.schema, route.response.alternative?.schema, ...(route.headers ?? []).map((name) => REQUEST_HEADERS[name]), Problem].filter((s): s is Schema => s !== undefined);
}

/**
 * The routes' schemas, converted in one pass: those with an `id` become components (and are referred to as such
 * wherever they appear), the others are inlined where a route uses them.
 */
class Schemas {
  private readonly converted: Record<string, JsonSchema> = {};
  private readonly keys = new Map<Schema, string>();

  constructor(used: Iterable<Schema>) {
    const docRegistry = registry<{ id: string }>();
    for (const [id, schema] of globalRegistry._idmap) docRegistry.add(schema, { id });
    for (const schema of used) {
      const key = globalRegistry.get(schema)?.id ?? `inline:${this.keys.size}`;
      if (this.keys.has(schema)) continue;
      this.keys.set(schema, key);
      if (!docRegistry.has(schema)) docRegistry.add(schema, { id: key });
    }
    const { schemas } = toJSONSchema(docRegistry, {
      // Requests are described as callers send them: a field with a default is optional, a transform's input is shown.
      io: 'input',
      uri: (id) => `${COMPONENT}${id}`,
      override: ({ zodSchema, jsonSchema }) => {
        // A string format (email, uuid, date-time) says it all; zod's own regex for it would only repeat it.
        if (jsonSchema.format && globalRegistry.get(zodSchema)?.pattern === undefined) delete jsonSchema.pattern;
      },
    });
    for (const [key, { $schema: _, $id: __, ...schema }] of Object.entries(schemas as Record<string, JsonSchema>)) this.converted[key] = tidy(schema) as JsonSchema;
  }

  /** The schema as the document shows it where a route uses it: a $ref to its component, or inline. */
  json(schema: Schema): JsonSchema {
    const key = this.keys.get(schema)!;
    return key.startsWith('inline:') ? this.converted[key]! : { $ref: `${COMPONENT}${key}` };
  }

  /** The components `document` refers to, and those they refer to. */
  components(document: unknown): Record<string, JsonSchema> {
    const found: Record<string, JsonSchema> = {};
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (typeof node !== 'object' || node === null) return;
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === 'string' && ref.startsWith(COMPONENT) && !(ref.slice(COMPONENT.length) in found)) {
        const id = ref.slice(COMPONENT.length);
        found[id] = this.converted[id]!;
        visit(found[id]);
      }
      Object.values(node).forEach(visit);
    };
    visit(document);
    return found;
  }
}

/** One parameter per field of a path, query or header object, as OpenAPI lists them. */
function parameters(where: 'path' | 'query' | 'header', object: JsonSchema) {
  const required = new Set((object.required as string[] | undefined) ?? []);
  return Object.entries(object.properties as Record<string, JsonSchema>).map(([name, schema]) => ({
    schema,
    required: required.has(name),
    ...(schema.description ? { description: schema.description } : {}),
    name,
    in: where,
  }));
}

function operation(route: RouteDef, schemas: Schemas) {
  const head = route.method === 'HEAD';
  // The groups of public pages (limited per client network) answer a browser's errors as HTML pages.
  const pages = (FUNCTION_GROUPS[route.group] as FunctionGroupDef).clientLimit === true;
  const negotiated = route.response.negotiated === true;
  const success = head
    ? {}
    : negotiated
      ? { content: { [route.response.contentType ?? 'text/html']: { schema: TEXT }, 'application/json': { schema: schemas.json(route.response.schema!) } } }
      : route.response.schema
        ? { content: { [route.response.contentType ?? 'application/json']: { schema: schemas.json(route.response.schema) } } }
        : route.response.contentType
          ? { content: { [route.response.contentType]: { schema: TEXT } } }
          : {};
  const roles = route.auth.kind === 'partner' ? PERMISSIONS[route.auth.action].join(', ') : undefined;
  const body = route.request?.body
    ? { 'application/json': { schema: schemas.json(route.request.body) } }
    : route.request?.form
      ? { 'application/x-www-form-urlencoded': { schema: schemas.json(route.request.form) } }
      : route.request?.upload
        ? { 'application/json': { schema: schemas.json(route.request.upload) }, 'text/csv': { schema: { type: 'string', description: UPLOAD_CSV } } }
        : undefined;
  const errorResponse = ({ status, description, headers = [] }: Answer) => {
    const text = description ?? (pages ? PAGE_DESCRIPTIONS[status] : status === 400 ? badRequestDescription(route) : PROBLEM_DESCRIPTIONS[status]);
    const allHeaders = [...(STATUS_HEADERS[status] ?? []), ...headers];
    return [
      status,
      {
        description: text!,
        ...(allHeaders.length ? { headers: headersOf(allHeaders) } : {}),
        ...(head ? {} : { content: { ...(pages ? { 'text/html': { schema: TEXT } } : {}), ...(!pages || negotiated ? { 'application/problem+json': { schema: schemas.json(Problem) } } : {}) } }),
      },
    ] as const;
  };
  const { params, query } = route.request ?? {};
  const parameterList = [
    ...(params ? parameters('path', schemas.json(params)) : []),
    ...(query ? parameters('query', schemas.json(query)) : []),
    ...(route.headers ?? []).map((name) => {
      const header = REQUEST_HEADERS[name];
      const schema = schemas.json(header);
      return { schema, required: header._zod.optin !== 'optional', ...(schema.description ? { description: schema.description } : {}), name, in: 'header' };
    }),
  ];
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(roles ? { description: `Roles: ${roles}.`, security: [{ bearer: [] }] } : { security: [] }),
    ...(parameterList.length ? { parameters: parameterList } : {}),
    ...(body ? { requestBody: { required: true, content: body } } : {}),
    responses: {
      [route.response.status]: {
        description: route.response.description,
        ...(route.response.headers ? { headers: headersOf(route.response.headers) } : {}),
        ...success,
      },
      ...(route.response.alternative
        ? { [route.response.alternative.status]: { description: route.response.alternative.description, content: { 'application/json': { schema: schemas.json(route.response.alternative.schema) } } } }
        : {}),
      ...Object.fromEntries(errorAnswers(route).map(errorResponse)),
    },
  };
}

/** The document, without `servers`: the docs function adds the one it is deployed at. */
export function generateOpenApiDocument() {
  const schemas = new Schemas((routes as readonly RouteDef[]).flatMap(routeSchemas));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as readonly RouteDef[]) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, schemas);
  const draft = {
    openapi: '3.1.0',
    info: {
      title: 'reseller-accounts',
      version: '1.0.0',
      description: 'Customer account setup and management for a cloud reseller partner. Errors are RFC 9457 problem+json; the public pages answer with HTML pages.',
    },
    components: {
      parameters: {},
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An ID token of the partner identity provider carrying the partner id and the user roles.',
        },
      },
    },
    paths,
    webhooks: {},
  };
  return { ...draft, components: { ...draft.components, schemas: schemas.components(paths) } };
}
