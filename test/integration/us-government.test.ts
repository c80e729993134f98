// The system as deployed in the US Government partition (AWS_PARTITION=aws-us-gov, which the stack sets
// from the partition it is deployed to): every reseller relationship there includes delegated admin access.
process.env.AWS_PARTITION = 'aws-us-gov';

import { resetConfig } from '../../shared/platform/config';
import { newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { expectProblem, expectStatus, newDomain } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const { linkFromMail, openPage, postForm, accept } = publicPages(() => api);

/** The link as the partner would have made it in the commercial cloud (the same signature holds in both). */
async function commercialLinkPath(token: string): Promise<string> {
  process.env.AWS_PARTITION = 'aws';
  resetConfig();
  try {
    return new URL((await api.request('GET', '/v1/relationship-link', { token })).body.url).pathname;
  } finally {
    process.env.AWS_PARTITION = 'aws-us-gov';
    resetConfig();
  }
}

test('an invitation without delegated admin is refused; with it, the customer accepts and the grant is active', async () => {
  const { tokens } = await newPartner(api);
  const domain = newDomain('gov');
  const to = `${uniqueId('admin')}@${domain}`;
  expectProblem(await api.request('POST', '/v1/invitations', { token: tokens['global-admin'], body: { email: to, domain } }), 422, 'business-rule');
  const invited = await api.request('POST', '/v1/invitations', {
    token: tokens['global-admin'],
    body: { email: to, domain, delegatedAdmin: { displayName: uniqueId('Gov'), roles: ['globalReader'], duration: 'P90D' } },
  });
  expectStatus(invited, 201);
  expect((await accept((await linkFromMail(to)).path, { domain })).status).toBe(200);
  const customerId = (await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: tokens['global-admin'] })).body.customerId;
  const grants = await api.request('GET', `/v1/customers/${customerId}/delegated-admin`, { token: tokens['global-admin'] });
  expect(grants.body.items).toEqual([expect.objectContaining({ state: 'active' })]);
});

test('the reusable relationship link, which cannot ask for delegated admin, answers clearly instead of failing', async () => {
  const { tokens } = await newPartner(api, { companyName: 'Gov Partner Inc' });
  expectProblem(await api.request('GET', '/v1/relationship-link', { token: tokens['global-admin'] }), 422, 'business-rule');

  const path = await commercialLinkPath(tokens['global-admin']);
  const page = await openPage(path);
  expect(page.response.status).toBe(200);
  expect(page.html).toContain('can’t be used in this cloud');
  expect(page.html).toContain('Gov Partner Inc');
  expect(page.html).not.toContain('<form');

  const posted = await postForm(path, { csrf: 'x', email: `${uniqueId('a')}@org.example` });
  expect(posted.status).toBe(422);
  expect(posted.html).toContain('can’t be used in this cloud');
  expect((await api.request('GET', '/v1/invitations', { token: tokens['global-admin'] })).body.items).toEqual([]);
});
