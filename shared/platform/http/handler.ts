import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { core, output } from '../zod.js';
import { authorize, principalFrom, type Principal } from '../auth.js';
import type { Action } from '../roles.js';
import { notFound } from '../errors.js';
import { lambdaContextLogging } from '../lambda-context.js';
import { logger } from '../logger.js';
import { problemDetails, type ErrorResponse } from './problem.js';
import { readJsonBody, validate } from './request.js';
import type { HttpResponse } from './response.js';

type Out<S> = S extends core.$ZodType ? output<S> : undefined;
type Part<R, K extends string> = R extends { request: infer Q } ? (K extends keyof Q ? Out<Q[K]> : undefined) : undefined;

/** What an operation receives: validated input and, for partner routes, the verified caller. */
export interface OperationRequest<R> {
  params: Part<R, 'params'>;
  query: Part<R, 'query'>;
  body: Part<R, 'body'>;
  principal: R extends { auth: { kind: 'partner' } } ? Principal : undefined;
  headers: Record<string, string | undefined>;
  event: APIGatewayProxyEventV2;
}

/** What the handler needs of a route; the route table (shared/routes/index.ts) holds more. */
export interface HandledRoute {
  operationId: string;
  method: string;
  path: string;
  /** `partner`: a verified partner-user JWT is required and `action` is checked against the role table. */
  auth: { kind: 'partner'; action: Action } | { kind: 'public' };
  request?: { params?: core.$ZodType; query?: core.$ZodType; body?: core.$ZodType };
}

/** API Gateway's name for a route, as its event's `routeKey` carries it. */
export const routeKey = (r: Pick<HandledRoute, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export type Operations<R extends HandledRoute> = {
  [X in R as X['operationId']]: (request: OperationRequest<X>) => Promise<HttpResponse>;
};

/**
 * The Lambda handler of one function group: finds the route by API Gateway's routeKey, checks the
 * caller's role, validates the input against the route's schemas, and runs the operation.
 */
export interface GroupOptions {
  /**
   * How errors are answered: problem+json through the edge's table of problem codes (shared/routes/problems.ts),
   * or, for the public pages, HTML.
   */
  errorResponse: ErrorResponse;
  /**
   * Spends one of the partner's request budget (./partner-budget.ts) or throws its 429. Required when the
   * group has partner routes; passed in, so a function without them bundles no DynamoDB client for it.
   */
  partnerBudget?: (partnerId: string) => Promise<void>;
  /**
   * Spends one of the client network's budget for the group's public pages (./client-budget.ts) or throws its 429,
   * before any work is done, on every public route of the group.
   */
  clientBudget?: (sourceIp: string) => Promise<void>;
}

export const groupHandler = <R extends HandledRoute>(groupRoutes: readonly R[], options: GroupOptions) => (operations: Operations<R>) => {
  const byKey = new Map<string, HandledRoute>(groupRoutes.map((route) => [routeKey(route), route]));
  const { partnerBudget, clientBudget } = options;
  if (!partnerBudget && groupRoutes.some((route) => route.auth.kind === 'partner')) throw new Error('a group with partner routes needs a partnerBudget');
  const run = operations as unknown as Record<string, (request: Record<keyof OperationRequest<unknown>, unknown>) => Promise<HttpResponse>>;

  const dispatch = async (event: APIGatewayProxyEventV2, _context: Context): Promise<HttpResponse> => {
    const route = byKey.get(event.routeKey);
    if (!route) throw notFound(`No route ${event.routeKey} here.`);
    let principal: Principal | undefined;
    if (route.auth.kind === 'public' && clientBudget) await clientBudget(event.requestContext.http.sourceIp);
    if (route.auth.kind === 'partner') {
      principal = principalFrom(event);
      logger.appendKeys({ partnerId: principal.partnerId, userId: principal.userId });
      // Every signed-in request counts against the partner's budget, refused ones too, and is checked before
      // any work is done.
      await partnerBudget!(principal.partnerId);
      authorize(principal, route.auth.action);
    }
    const request = route.request ?? {};
    return run[route.operationId]!({
      params: request.params ? validate('path', request.params, event.pathParameters ?? {}) : undefined,
      query: request.query ? validate('query', request.query, event.queryStringParameters ?? {}) : undefined,
      body: request.body ? validate('body', request.body, readJsonBody(event)) : undefined,
      principal,
      headers: event.headers,
      event,
    });
  };

  return middy<APIGatewayProxyEventV2, HttpResponse>(dispatch)
    .use(lambdaContextLogging())
    .use(httpHeaderNormalizer())
    .use({
      before: async ({ event }) => {
        logger.resetKeys();
        logger.appendKeys({ routeKey: event.routeKey, requestId: event.requestContext?.requestId });
      },
      // Keys are cleared after each request too: locally, other handlers share this process's logger.
      after: async ({ response }) => {
        logger.info('request done', { status: response?.statusCode });
        logger.resetKeys();
      },
      onError: async ({ response }) => {
        logger.info('request failed', { status: response?.statusCode });
        logger.resetKeys();
      },
    })
    .use(problemDetails(options.errorResponse));
};
