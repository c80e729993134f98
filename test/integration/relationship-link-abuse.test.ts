// The public relationship link is anyone's to post: it must not become a way to mail arbitrary addresses
// in the partner's name, nor to lock the partner out of its own invitations. Each client sends from its
// own loopback address (127.x.y.z), as clients on different networks would.
process.env.MAX_LINK_REQUESTS_PER_CLIENT_PER_DAY = '2';
process.env.MAX_LINK_REQUESTS_PER_LINK_PER_DAY = '5';
process.env.MAX_PENDING_LINK_INVITATIONS_PER_PARTNER = '3';

import { randomInt } from 'node:crypto';
import { newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { expectStatus } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const { openPage, postForm } = publicPages(() => api);

/** A loopback address no other test uses, standing for one client network. */
const client = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

async function linkPartner() {
  const partner = await newPartner(api, { companyName: 'Link Partner Inc' });
  const link = await api.request('GET', '/v1/relationship-link', { token: partner.tokens['global-admin'] });
  return { ...partner, path: new URL(link.body.url).pathname };
}

/** One page view and one post of its form, as a browser on `from` would. */
async function request(path: string, from: string, email = `${uniqueId('admin')}@org-${uniqueId('o')}.example`) {
  const page = await openPage(path);
  return postForm(path, { csrf: page.csrf!, email }, page.cookie, from);
}

const invitationsOf = async (token: string) => (await api.request('GET', '/v1/invitations?limit=100', { token })).body.items as { id: string; source: string }[];

test('a form serves one submission: the same csrf pair posted again is refused and mails nothing', async () => {
  const { path, tokens } = await linkPartner();
  const page = await openPage(path);
  const from = client();
  const first = await postForm(path, { csrf: page.csrf!, email: `a-${uniqueId('x')}@org.example` }, page.cookie, from);
  expect(first.status).toBe(200);
  const again = await postForm(path, { csrf: page.csrf!, email: `b-${uniqueId('x')}@org.example` }, page.cookie, client());
  expect(again.status).toBe(403);
  expect(await invitationsOf(tokens['global-admin'])).toHaveLength(1);
});

test('one client network gets a few requests a day, then 429 with Retry-After, and nothing is sent', async () => {
  const { path, tokens } = await linkPartner();
  const from = client();
  expect((await request(path, from)).status).toBe(200);
  expect((await request(path, from)).status).toBe(200);
  const limited = await request(path, from);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  expect(await invitationsOf(tokens['global-admin'])).toHaveLength(2);
  // Another network is not held back by it.
  expect((await request(path, client())).status).toBe(200);
});

test('invitations through the link have a pending budget of their own: the partner can still invite', async () => {
  const { path, tokens } = await linkPartner();
  for (let i = 0; i < 3; i++) expect((await request(path, client())).status).toBe(200);
  expect((await request(path, client())).status).toBe(429);
  expectStatus(await api.request('POST', '/v1/invitations', { token: tokens['sales-agent'], body: { email: `${uniqueId('own')}@customer.example` } }), 201);
  const sources = (await invitationsOf(tokens['global-admin'])).map((i) => i.source).sort();
  expect(sources).toEqual(['partner', 'relationshipLink', 'relationshipLink', 'relationshipLink']);
});

test('one link takes a bounded number of requests a day, whatever the networks, even once pending ones are answered', async () => {
  const { path, tokens } = await linkPartner();
  const revokeAll = async () => {
    for (const invitation of await invitationsOf(tokens['global-admin'])) {
      await api.request('POST', `/v1/invitations/${invitation.id}/revoke`, { token: tokens['global-admin'] });
    }
  };
  for (let i = 0; i < 3; i++) expect((await request(path, client())).status).toBe(200);
  await revokeAll();
  for (let i = 0; i < 2; i++) expect((await request(path, client())).status).toBe(200);
  await revokeAll();
  expect((await request(path, client())).status).toBe(429);
});
