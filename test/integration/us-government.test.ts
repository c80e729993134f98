// The system as deployed in the US Government partition (AWS_PARTITION=aws-us-gov, which the stack sets
// from the partition it is deployed to): every reseller relationship there includes delegated admin access.
process.env.AWS_PARTITION = 'aws-us-gov';

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { config, resetConfig } from '../../shared/platform/config';
import { db } from '../../shared/platform/dynamo/client';
import { customerBody, newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { allActivity, expectProblem, expectStatus, newDomain } from './helpers';

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

describe('validation codes: a new customer names one, and its create takes one creation from it', () => {
  type Partner = Awaited<ReturnType<typeof newPartner>>;
  const code = () => `GOV-${uniqueId('vc').toUpperCase()}`;
  const record = (partner: Partner, value: string, allowedCreations: number) =>
    api.request('POST', '/v1/validation-codes', { token: partner.tokens['global-admin'], body: { code: value, allowedCreations } });
  const create = (partner: Partner, domain: string, validationCode?: string) =>
    api.request('POST', '/v1/customers', { token: partner.tokens['sales-agent'], body: customerBody(domain, validationCode === undefined ? {} : { validationCode }) });
  const codes = async (partner: Partner) => (await api.request('GET', '/v1/validation-codes', { token: partner.tokens['sales-agent'] })).body.items;
  const domainFree = async (partner: Partner, domain: string) => (await api.request('HEAD', `/v1/domains/${domain}`, { token: partner.tokens['global-admin'] })).status === 404;

  test('recorded masked and hashed; no code, an unknown code and a spent code are three problems; each create takes one', async () => {
    const partner = await newPartner(api);
    const value = code();
    const recorded = await record(partner, value, 2);
    expectStatus(recorded, 201);
    expect(recorded.body).toEqual({ maskedCode: `****${value.slice(-4)}`, allowedCreations: 2, remainingCreations: 2, createdAt: expect.any(String), createdBy: expect.any(String) });
    expectProblem(await record(partner, value, 5), 409, 'state-conflict');
    // The code is nowhere in the partner's partition: only its hash and masked form are stored.
    const items = await db().send(new QueryCommand({ TableName: config().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PARTNER#${partner.partnerId}` } }));
    expect(JSON.stringify(items.Items)).not.toContain(value);

    const refused = [newDomain('gov'), newDomain('gov')];
    expectProblem(await create(partner, refused[0]!), 422, 'validation-code-required');
    expectProblem(await create(partner, refused[1]!, code()), 422, 'validation-code-unknown');
    // Another partner's code is unknown here.
    const other = await newPartner(api);
    expectProblem(await create(other, refused[1]!, value), 422, 'validation-code-unknown');
    for (const domain of refused) expect(await domainFree(partner, domain)).toBe(true);

    const first = await create(partner, newDomain('gov'), value);
    expectStatus(first, 201);
    expect(await codes(partner)).toEqual([expect.objectContaining({ maskedCode: recorded.body.maskedCode, remainingCreations: 1 })]);
    expectStatus(await create(partner, newDomain('gov'), value), 201);
    const spentDomain = newDomain('gov');
    expectProblem(await create(partner, spentDomain, value), 422, 'validation-code-spent');
    expect(await domainFree(partner, spentDomain)).toBe(true);
    expect(await codes(partner)).toEqual([expect.objectContaining({ remainingCreations: 0 })]);

    const activity = await allActivity(api, partner.tokens['global-admin']);
    expect(activity.find((a) => a.customerId === first.body.id && a.operation === 'Create Customer').changes).toEqual(
      expect.arrayContaining([{ field: 'validationCode', after: recorded.body.maskedCode }]),
    );
    expect(activity.filter((a) => a.operation === 'Record Validation Code')).toHaveLength(1);
    expect(JSON.stringify(activity)).not.toContain(value);
  });

  test('concurrent creates on a code with one creation left: exactly one customer', async () => {
    const partner = await newPartner(api);
    const value = code();
    expectStatus(await record(partner, value, 1), 201);
    const domains = Array.from({ length: 5 }, () => newDomain('race'));
    const answers = await Promise.all(domains.map((domain) => create(partner, domain, value)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    // The rest are refused as spent, or (a transaction conflict on the code) asked to retry: none is created.
    for (const answer of answers.filter((a) => a.status !== 201)) expect([409, 422]).toContain(answer.status);
    const free = await Promise.all(domains.map((domain) => domainFree(partner, domain)));
    expect(free.filter((f) => !f)).toHaveLength(1);
    expect(await codes(partner)).toEqual([expect.objectContaining({ remainingCreations: 0 })]);
  });
});
