// The shape of a route table entry, shared by the per-group tables beside this file.
import type { core } from '../platform/zod.js';
import type { Action } from '../platform/roles.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface FunctionGroupDef {
  description: string;
  data: 'none' | 'read' | 'readwrite';
  /** It signs or verifies long-lived links (platform/links), so its role may read the link secret. */
  linkKey?: true;
}

/** Each group is one Lambda function with its own entry file `functions/<group>.ts` and IAM role. */
export const FUNCTION_GROUPS = {
  partner: { description: 'Partner legal profile, business profiles and indirect provider authorizations', data: 'readwrite' },
  customers: { description: 'Customers, domains, agreements, export', data: 'readwrite' },
  activity: { description: 'Activity log', data: 'read' },
  relationships: { description: 'Invitations, relationship end and reinstate, delegated admin', data: 'readwrite', linkKey: true },
  referrals: { description: 'Referrals: incoming and own leads, their answers and outcomes', data: 'readwrite' },
  public: { description: 'Public invitation and relationship-request pages for customer admins', data: 'readwrite', linkKey: true },
  directory: { description: 'Public partner directory: search and location pages', data: 'read' },
  docs: { description: 'Health, OpenAPI document and API reference page', data: 'none' },
} as const satisfies Record<string, FunctionGroupDef>;
export type FunctionGroup = keyof typeof FUNCTION_GROUPS;

/** Response headers the document describes; a trailing `?` marks one that only some of these answers carry. */
export type ResponseHeader = 'ETag' | 'Location' | 'Retry-After' | 'Link' | 'Continuation-Token' | 'Content-Disposition' | 'Set-Cookie' | 'Idempotent-Replayed' | 'WWW-Authenticate';
export type HeaderUse = ResponseHeader | `${ResponseHeader}?`;

export type ErrorStatus = 400 | 403 | 404 | 409 | 410 | 412 | 422 | 428 | 429;
/** An error answer of a route; the object form when it needs its own description or headers. */
export type ErrorAnswer = ErrorStatus | { status: ErrorStatus; description?: string; headers?: readonly HeaderUse[] };

export interface RouteDef {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/customers/{customerId}`. */
  path: string;
  group: FunctionGroup;
  summary: string;
  /** `partner`: a verified partner-user JWT is required and `action` is checked against the role table. */
  auth: { kind: 'partner'; action: Action } | { kind: 'public' };
  /** `form`: an HTML form post (url-encoded), which the operation reads itself; the others are validated before it runs. */
  request?: { params?: core.$ZodType; query?: core.$ZodType; body?: core.$ZodType; form?: core.$ZodType };
  /** Extra request headers the route reads (documented in OpenAPI). */
  headers?: readonly ('Idempotency-Key' | 'If-Match')[];
  /**
   * `negotiated`: a page that answers `contentType` (HTML) by default and `schema` as JSON to a client that
   * asks for application/json, its errors likewise as HTML or problem+json.
   */
  response: { status: number; schema?: core.$ZodType; contentType?: string; negotiated?: true; description: string; headers?: readonly HeaderUse[] };
  /**
   * Every error status the route's own code can answer. Those of the request pipeline come on top for a partner
   * route: 401 (authorizer), 403 (role table), 429 (the partner's requests per minute), 400 when it validates input,
   * 413 and 415 when it reads a JSON body.
   * 500 is never listed: it is a fault, not an answer.
   */
  errors: readonly ErrorAnswer[];
}
