// Public pages are limited per client network and function: past its requests of the minute a client gets 429
// with Retry-After (an HTML page, or problem+json to a JSON client) and nothing is done, while another client and
// the partners carry on; the next minute brings a new budget. Each client sends from its own loopback address
// (127.x.y.z), as clients on different networks would; every answer is held against the OpenAPI document.
import { randomInt } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { clock } from '../../shared/platform/clock';
import { resetConfig } from '../../shared/platform/config';
import { checkAgainstDocument } from '../support/api-contract';
import { newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { businessProfileBody, expectStatus, putBusinessProfile } from './helpers';

jest.setTimeout(60_000);

const LIMIT = 5;
const MINUTE = 60_000;
let api: TestApi;
const previousLimit = process.env.CLIENT_PAGE_REQUESTS_PER_MINUTE;

beforeAll(async () => {
  process.env.CLIENT_PAGE_REQUESTS_PER_MINUTE = String(LIMIT);
  resetConfig();
  api = await startApi();
});
afterAll(async () => {
  await api.close();
  jest.restoreAllMocks();
  process.env.CLIENT_PAGE_REQUESTS_PER_MINUTE = previousLimit;
  resetConfig();
});

const { linkFromMail, openPage, postForm } = publicPages(() => api);

/** A loopback address no other test uses, standing for one client network. */
const client = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

/** A GET from `from`, as a browser (or, with `json`, a JSON client) on that network sends it. */
function get(path: string, from: string, json = false) {
  return new Promise<{ status: number; body: string; headers: IncomingHttpHeaders }>((resolve, reject) => {
    const request = httpRequest(api.url + path, { localAddress: from, headers: json ? { accept: 'application/json' } : {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        try {
          const header = (name: string) => [response.headers[name.toLowerCase()]].flat().join(', ') || undefined;
          checkAgainstDocument({ method: 'GET', target: path, status: response.statusCode!, header, body });
          resolve({ status: response.statusCode!, body, headers: response.headers });
        } catch (error) {
          reject(error);
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Pins the clock 15 s into a minute, a day ahead (so no other file's clients share these windows); returns a mover. */
function pinClock() {
  let now = Math.floor(Date.now() / MINUTE) * MINUTE + 24 * 3600_000 + 15_000;
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(now));
  return { nextMinute: () => void (now += MINUTE) };
}

function expectLimitedPage(answer: { status: number; body: string; headers: IncomingHttpHeaders }) {
  expect(answer.status).toBe(429);
  expect(answer.headers['content-type']).toMatch(/^text\/html/);
  expect(answer.headers['retry-after']).toBe('45');
  expect(answer.body).toContain('Too many requests');
}

test('invitation and relationship link pages and forms: a client past its limit gets 429 and nothing is done; another client and the partner go on', async () => {
  const partner = await newPartner(api, { companyName: 'Limited Pages Ltd' });
  const admin = partner.tokens['global-admin'];
  const to = `${uniqueId('admin')}@org-${uniqueId('o')}.example`;
  const invited = await api.request('POST', '/v1/invitations', { token: admin, body: { email: to } });
  expectStatus(invited, 201);
  const { path: invitationPath } = await linkFromMail(to);
  const link = new URL((await api.request('GET', '/v1/relationship-link', { token: admin })).body.url).pathname;
  const invitationsOf = async () => (await api.request('GET', '/v1/invitations?limit=100', { token: admin })).body.items as { id: string; state: string }[];
  const minute = pinClock();

  const busy = client();
  for (let i = 0; i < LIMIT; i++) expect((await get(i % 2 ? link : invitationPath, busy)).status).toBe(200);

  // Every kind of public page: the invitation page and its two forms, the link's page and its form.
  expectLimitedPage(await get(invitationPath, busy));
  expectLimitedPage(await get(link, busy));
  const view = await openPage(invitationPath); // another client's view, whose form values the busy one posts
  const form = { csrf: view.csrf!, domain: 'limited.example.com', companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' };
  const accepted = await postForm(`${invitationPath}/accept`, form, view.cookie, busy);
  expectLimitedPage({ ...accepted, body: accepted.html });
  const declined = await postForm(`${invitationPath}/decline`, { csrf: view.csrf!, reason: 'No' }, view.cookie, busy);
  expectLimitedPage({ ...declined, body: declined.html });
  const linkView = await openPage(link);
  const requested = await postForm(link, { csrf: linkView.csrf!, email: `${uniqueId('a')}@org-${uniqueId('o')}.example` }, linkView.cookie, busy);
  expectLimitedPage({ ...requested, body: requested.html });
  // Nothing was done: the invitation is still pending, and the link's form made no invitation.
  expect((await invitationsOf()).map((i) => [i.id, i.state])).toEqual([[invited.body.id, 'pending']]);

  // Another client, the partner's API, and the same client's directory pages (another function) are not held back.
  const calm = client();
  expect((await get(invitationPath, calm)).status).toBe(200);
  expect((await get(link, calm)).status).toBe(200);
  expectStatus(await api.request('GET', '/v1/invitations', { token: partner.tokens['helpdesk-agent'] }), 200);
  expect((await get('/directory', busy)).status).toBe(200);

  // The next minute, a new budget.
  minute.nextMinute();
  expect((await get(invitationPath, busy)).status).toBe(200);
});

test('directory pages: a client past its limit gets 429 (HTML, or problem+json when it asks for JSON) with Retry-After; another client and partners go on', async () => {
  const p = await newPartner(api, { companyName: `Listed ${uniqueId('p')} Ltd`, country: 'US', markets: ['US'] });
  const { profile } = await putBusinessProfile(api, p.tokens['global-admin'], 'US', businessProfileBody('US'));
  expectStatus(await api.request('POST', '/v1/business-profiles/US/publish', { token: p.tokens['global-admin'] }), 200);
  const location = `/directory/${p.partnerId}/${profile.locations[0].id}`;
  const minute = pinClock();

  const busy = client();
  for (let i = 0; i < LIMIT; i++) expect((await (i % 2 ? get(location, busy) : get('/directory', busy, i === 0))).status).toBe(200);

  expectLimitedPage(await get('/directory', busy));
  expectLimitedPage(await get(location, busy));
  const asJson = await get('/directory?country=US', busy, true);
  expect(asJson.status).toBe(429);
  expect(asJson.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(asJson.headers['retry-after']).toBe('45');
  expect(JSON.parse(asJson.body)).toMatchObject({ status: 429, type: expect.stringMatching(/rate-limited$/) });

  const calm = client();
  expect((await get('/directory', calm)).status).toBe(200);
  expect((await get(location, calm)).status).toBe(200);
  expectStatus(await api.request('GET', '/v1/business-profiles', { token: p.tokens['global-admin'] }), 200);

  minute.nextMinute();
  expect((await get(location, busy)).status).toBe(200);
});
