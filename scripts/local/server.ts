// The local stand-in for API Gateway: it verifies the bearer token as the JWT authorizer would and
// hands the very Lambda handlers the same payload 2.0 event, routed by the same route table.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { handler as activity } from '../../functions/activity.js';
import { handler as customers } from '../../functions/customers.js';
import { handler as directory } from '../../functions/directory.js';
import { handler as docs } from '../../functions/docs.js';
import { handler as imports } from '../../functions/imports.js';
import { handler as manage } from '../../functions/manage.js';
import { handler as partner } from '../../functions/partner.js';
import { handler as publicPages } from '../../functions/public.js';
import { handler as referrals } from '../../functions/referrals.js';
import { handler as relationships } from '../../functions/relationships.js';
import { methodNotAllowed, notFound, payloadTooLarge, unauthorized } from '../../shared/platform/errors.js';
import { problemResponse } from '../../shared/routes/problems.js';
import { routeKey } from '../../shared/platform/http/handler.js';
import type { FunctionGroup } from '../../shared/routes/index.js';
import { toApiGatewayClaims, type LocalIssuer } from './issuer.js';
import { lambdaContext } from './lambda-context.js';
import { matchRoute } from './router.js';

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const HANDLERS: Record<FunctionGroup, LambdaHandler> = { partner, customers, activity, docs, relationships, referrals, public: publicPages, manage, directory, imports };

/** API Gateway's own payload limit; the handlers enforce the API's smaller one. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BODY) throw payloadTooLarge('The body is larger than the gateway accepts.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Headers and query values as API Gateway v2 gives them: lower-case names, repeats joined by commas. */
function joinRepeats(pairs: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) out[name] = name in out ? `${out[name]},${value}` : value;
  return out;
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2, head: boolean) {
  // Middy's security-header middleware leaves some headers undefined; node refuses those.
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  const body = result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  res.writeHead(result.statusCode ?? 200, {
    ...headers,
    ...(result.cookies?.length ? { 'Set-Cookie': result.cookies } : {}),
    ...(body ? { 'Content-Length': String(body.length) } : {}),
  });
  res.end(head ? undefined : body);
}

export interface LocalServerOptions {
  issuer: LocalIssuer;
}

export function createLocalServer({ issuer }: LocalServerOptions): Server {
  return createServer(async (req, res) => {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://local');
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      if (method === 'GET' && url.pathname === '/local-issuer/.well-known/jwks.json') {
        return send(res, { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(issuer.jwks()) }, false);
      }
      const { match, pathExists } = matchRoute(method, url.pathname);
      if (!match) throw pathExists ? methodNotAllowed(`${method} is not allowed here.`) : notFound(`No route for ${url.pathname}.`);
      const { route, pathParameters } = match;

      let claims: Record<string, string> | undefined;
      if (route.auth.kind === 'partner') {
        const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
        if (!bearer) throw unauthorized();
        try {
          claims = toApiGatewayClaims(await issuer.verify(bearer));
        } catch (error) {
          throw unauthorized('The bearer token is invalid or expired.', error);
        }
      }
      const body = await readBody(req);
      const headerPairs: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headerPairs.push([req.rawHeaders[i]!.toLowerCase(), req.rawHeaders[i + 1]!]);
      const now = Date.now();
      const event: APIGatewayProxyEventV2 = {
        version: '2.0',
        routeKey: routeKey(route),
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers: joinRepeats(headerPairs.filter(([name]) => name !== 'cookie')),
        cookies: headerPairs.filter(([name]) => name === 'cookie').flatMap(([, value]) => value.split(';').map((c) => c.trim())).filter(Boolean),
        queryStringParameters: url.search ? joinRepeats([...url.searchParams.entries()]) : undefined,
        pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
        body: body.length ? body.toString('utf8') : undefined,
        isBase64Encoded: false,
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: req.headers.host ?? '127.0.0.1',
          domainPrefix: 'local',
          http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: req.headers['user-agent'] ?? '' },
          requestId,
          routeKey: routeKey(route),
          stage: '$default',
          time: new Date(now).toUTCString(),
          timeEpoch: now,
          ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
        } as APIGatewayProxyEventV2['requestContext'],
      };
      const result = await HANDLERS[route.group](event, lambdaContext(`local-${route.group}`, requestId));
      send(res, result, method === 'HEAD');
    } catch (error) {
      const event = { rawPath: url.pathname, requestContext: { requestId } } as APIGatewayProxyEventV2;
      send(res, problemResponse(error, event), method === 'HEAD');
    }
  });
}
