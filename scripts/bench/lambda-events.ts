// API Gateway HTTP API (payload 2.0) events with verified JWT claims, the shape scripts/local/server.ts
// hands the Lambda handlers, built here so that the benchmark invokes the handlers directly.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { toApiGatewayClaims } from '../local/issuer.js';
import { lambdaContext } from '../local/lambda-context.js';

export interface BenchRequest {
  method: string;
  /** The route's path template, e.g. `/v1/customers/{customerId}` (gives routeKey). */
  route: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  /** Lower-case names, as API Gateway v2 gives them. */
  headers?: Record<string, string>;
  body?: unknown;
}

/** The claims API Gateway's JWT authorizer passes on for a Cognito ID token. */
export function partnerClaims(partnerId: string, roles: readonly string[], userId: string): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  return toApiGatewayClaims({
    sub: userId,
    'custom:partnerId': partnerId,
    'cognito:groups': [...roles],
    token_use: 'id',
    iss: 'http://127.0.0.1/local-issuer',
    aud: 'reseller-accounts-local',
    iat: now,
    exp: now + 3600,
  });
}

export function apiEvent(request: BenchRequest, claims: Record<string, string>): APIGatewayProxyEventV2 {
  const rawPath = request.route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(request.pathParameters?.[name] ?? ''));
  const search = request.query ? new URLSearchParams(request.query).toString() : '';
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers: Record<string, string> = {
    host: 'bench.local',
    'user-agent': 'reseller-accounts-bench',
    ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
    ...request.headers,
  };
  const routeKey = `${request.method} ${request.route}`;
  const now = Date.now();
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: search,
    headers,
    queryStringParameters: request.query && Object.keys(request.query).length ? { ...request.query } : undefined,
    pathParameters: request.pathParameters && Object.keys(request.pathParameters).length ? { ...request.pathParameters } : undefined,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.local',
      domainPrefix: 'bench',
      http: { method: request.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'reseller-accounts-bench' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      authorizer: { jwt: { claims, scopes: [] } },
    } as APIGatewayProxyEventV2['requestContext'],
  };
}

export const benchContext = (group: string) => lambdaContext(`bench-${group}`);
