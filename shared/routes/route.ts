// The shape of a route table entry, shared by the per-group tables beside this file.
import type { TableAction } from '../platform/dynamo/table-definition.js';
import type { core } from '../platform/zod.js';
import type { Action } from '../platform/roles.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface FunctionGroupDef {
  description: string;
  /**
   * Exactly the DynamoDB actions its code calls on the table (test/stack/table-access.test.ts reads them from its
   * bundle); infra grants these and no more. The request budgets' counters come on top, each confined to its keys:
   * the partner budget's for a group with partner routes, the client budget's for a group with `clientLimit`.
   */
  table: readonly TableAction[];
  /** It signs or verifies long-lived links (platform/links), so its role may read the link secret. */
  linkKey?: true;
  /** Its public pages are limited per client network (shared/platform/http/client-budget.ts). */
  clientLimit?: true;
}

/** Each group is one Lambda function with its own entry file `functions/<group>.ts` and IAM role. */
export const FUNCTION_GROUPS = {
  partner: {
    description: 'Partner legal profile, business profiles, indirect links and partnership invitations',
    table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
  },
  customers: {
    description: 'Customers, domains, agreements, export, purchase permissions, US Government validation codes',
    table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
  },
  activity: { description: 'Activity log', table: ['Query'] },
  relationships: {
    description: 'Invitations, relationship end and reinstate, delegated admin',
    table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
    linkKey: true,
  },
  referrals: {
    description: 'Referrals: incoming and own leads, their answers and outcomes',
    table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
  },
  public: {
    description: 'Public invitation and relationship-request pages, and the directory request-for-information form',
    table: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
    linkKey: true,
    clientLimit: true,
  },
  manage: {
    description: "The customer admin's manage page: the relationship, its delegated admin access and purchase permissions, and the customer's changes to them",
    // Query: the customer's grants only. Every change is one transaction; its only update is the count of active
    // shared customers that ending a shared customer moves.
    table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
    linkKey: true,
    clientLimit: true,
  },
  directory: { description: 'Public partner directory: search and location pages', table: ['GetItem', 'Query'], clientLimit: true },
  docs: { description: 'Health, OpenAPI document and API reference page', table: [] },
  imports: {
    description: 'Customer imports: the file checked and stored, its progress, row outcomes and result, resending its invitations',
    // DeleteItem: the invitation resend it calls can clear a bounce mark (never asked for by an import's resend).
    table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
  },
} as const satisfies Record<string, FunctionGroupDef>;
export type FunctionGroup = keyof typeof FUNCTION_GROUPS;
/** The groups whose public pages are limited per client network. */
export type ClientLimitedGroup = { [G in FunctionGroup]: (typeof FUNCTION_GROUPS)[G] extends { clientLimit: true } ? G : never }[FunctionGroup];

/** Response headers the document describes; a trailing `?` marks one that only some of these answers carry. */
export type ResponseHeader = 'ETag' | 'Location' | 'Retry-After' | 'Link' | 'Continuation-Token' | 'Content-Disposition' | 'Set-Cookie' | 'Idempotent-Replayed' | 'WWW-Authenticate';
export type HeaderUse = ResponseHeader | `${ResponseHeader}?`;

export type ErrorStatus = 400 | 403 | 404 | 409 | 410 | 412 | 413 | 422 | 428 | 429;
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
  /**
   * `form`: an HTML form post (url-encoded), which the operation reads itself; `upload`: a file up to API Gateway's
   * payload limit, as JSON of this schema or as `text/csv` with the columns it describes, which the operation reads
   * itself; the others are validated before it runs.
   */
  request?: { params?: core.$ZodType; query?: core.$ZodType; body?: core.$ZodType; form?: core.$ZodType; upload?: core.$ZodType };
  /** Extra request headers the route reads (documented in OpenAPI). */
  headers?: readonly ('Idempotency-Key' | 'If-Match')[];
  /**
   * `negotiated`: a page that answers `contentType` (HTML) by default and `schema` as JSON to a client that
   * asks for application/json, its errors likewise as HTML or problem+json.
   */
  response: {
    status: number;
    schema?: core.$ZodType;
    contentType?: string;
    negotiated?: true;
    description: string;
    headers?: readonly HeaderUse[];
    /** A second success answer (JSON) that a query parameter asks for, such as a check that writes nothing. */
    alternative?: { status: number; schema: core.$ZodType; description: string };
  };
  /**
   * Every error status the route's own code can answer. Those of the request pipeline come on top for a partner
   * route: 401 (authorizer), 403 (role table), 429 (the partner's requests per minute), 400 when it validates input,
   * 413 and 415 when it reads a JSON body or an upload; and for a public route of a group with `clientLimit`, 429 (the client
   * network's requests per minute).
   * 500 is never listed: it is a fault, not an answer.
   */
  errors: readonly ErrorAnswer[];
}
