// Whatever a caller sends, a mistake of theirs is never answered with a 5xx, and every error is
// problem+json (or, on the public pages, an HTML page) that the OpenAPI document declares (api.request checks).
import { FUNCTION_GROUPS, routes, type FunctionGroupDef, type RouteDef } from '../../shared/routes/index';
import { newPartner, startApi, type TestApi } from '../support/api';

let api: TestApi;
let token: string;
beforeAll(async () => {
  api = await startApi({ mailer: false });
  token = (await newPartner(api)).tokens['global-admin'];
});
afterAll(() => api.close());

const BAD_SEGMENTS = ['%00', '..', 'x'.repeat(2000), '%F0%28%8C%28', "'; DROP TABLE x; --", '%7B%7D', 'ÄÖÜ', '00000000-0000-0000-0000-000000000000'];
const BAD_BODIES: [string, string][] = [
  ['application/json', 'null'],
  ['application/json', '[]'],
  ['application/json', '"text"'],
  ['application/json', '{"__proto__":{"admin":true}}'],
  ['application/json', '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}'],
  ['application/json', '\u0000\u0001'],
  ['application/json', '{"email":123,"domain":{},"delegatedAdmin":[],"billingProfile":null}'],
  ['application/json; charset=utf-16', '{}'],
  ['application/x-www-form-urlencoded', 'csrf=x&csrf=y&email=%ZZ'],
  ['text/plain', 'hello'],
  ['application/json', JSON.stringify({ filler: 'x'.repeat(70 * 1024) })],
];
const BAD_QUERIES = ['limit=-1', 'limit=1e309', 'limit=1&limit=2', 'state=ACTIVE', 'continuationToken=' + 'A'.repeat(3000), 'continuationToken=%00', 'q=' + '%25'.repeat(300), 'overrideBounce=yes', 'unknown=1'];

const fill = (route: RouteDef, segment: string) => route.path.replace(/\{\w+\}/g, segment);

function expectHandled(route: RouteDef, status: number, contentType: string | null) {
  const where = `${route.method} ${route.path} → ${status}`;
  expect({ where, serverError: status >= 500 }).toEqual({ where, serverError: false });
  if (status >= 400 && route.method !== 'HEAD') {
    // A path that no longer names a route (`..`, undecodable escapes) is the gateway's 404, in JSON.
    // The public pages and the directory answer a browser (these requests ask for no JSON) with HTML.
    const pages = (FUNCTION_GROUPS[route.group] as FunctionGroupDef).clientLimit === true;
    const expected = pages && status !== 404 ? /text\/html/ : pages ? /text\/html|application\/problem\+json/ : /application\/problem\+json/;
    expect({ where, contentType }).toEqual({ where, contentType: expect.stringMatching(expected) });
  }
}

test.each((routes as readonly RouteDef[]).map((r) => [`${r.method} ${r.path}`, r] as const))('%s survives hostile input', async (_name, route) => {
  const auth = route.auth.kind === 'partner' ? { authorization: `Bearer ${token}` } : undefined;
  const send = async (path: string, init: { body?: string; contentType?: string } = {}) => {
    const response = await api.request(route.method, path, {
      headers: { ...auth, ...(init.contentType ? { 'content-type': init.contentType } : {}) },
      ...(init.body !== undefined && route.method !== 'GET' && route.method !== 'HEAD' ? { rawBody: init.body } : {}),
    });
    expectHandled(route, response.status, response.headers.get('content-type'));
  };
  for (const segment of route.path.includes('{') ? BAD_SEGMENTS : []) await send(fill(route, segment));
  const path = fill(route, '0b3c1e7e-2f0a-4c55-9a3b-0c4a4b6a9d10');
  for (const [contentType, body] of BAD_BODIES) await send(path, { body, contentType });
  for (const query of BAD_QUERIES) await send(`${path}?${query}`);
});
