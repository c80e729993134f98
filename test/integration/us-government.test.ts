// The system as deployed in the US Government partition (AWS_PARTITION=aws-us-gov, which the stack sets
// from the partition it is deployed to): every reseller relationship there includes delegated admin access.
process.env.AWS_PARTITION = 'aws-us-gov';

import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { handler as importWorker } from '../../functions/import-worker';
import { importKeys } from '../../shared/customer-imports/index';
import { config, resetConfig } from '../../shared/platform/config';
import { db } from '../../shared/platform/dynamo/client';
import { customerBody, newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { allActivity, expectProblem, expectStatus, newDomain } from './helpers';
import { importCompleted, importCsv, importRow } from './import-helpers';

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
  const record2 = (testApi: TestApi, partner: Partner, value: string, allowedCreations: number) =>
    testApi.request('POST', '/v1/validation-codes', { token: partner.tokens['global-admin'], body: { code: value, allowedCreations } });
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

  describe('imports', () => {
    const postImport = (partner: Partner, rows: Record<string, string>[], options: { validationCode?: string; validateOnly?: boolean; testApi?: TestApi } = {}) =>
      (options.testApi ?? api).request('POST', `/v1/customer-imports${options.validateOnly ? '?validateOnly=true' : ''}`, {
        token: partner.tokens['global-admin'],
        headers: { 'idempotency-key': uniqueId('gov-import') },
        body: { rows, ...(options.validationCode === undefined ? {} : { validationCode: options.validationCode }) },
      });

    test('a file that would create customers names a code covering them; no code, an unknown code and too few creations are refused, nothing stored', async () => {
      const partner = await newPartner(api);
      const value = code();
      expectStatus(await record(partner, value, 4), 201);
      const existing = await create(partner, newDomain('gov'), value);
      expectStatus(existing, 201);
      // Three new customers, one already this partner's (no creation), one invalid row (none either).
      const fresh = [newDomain('gov'), newDomain('gov'), newDomain('gov')];
      const rows = [...fresh.map((d) => importRow(d)), importRow(existing.body.companyProfile.domain), importRow(newDomain('gov'), { country: 'XX' })];

      for (const validateOnly of [true, false]) {
        expectProblem(await postImport(partner, rows, { validateOnly }), 422, 'validation-code-required');
        expectProblem(await postImport(partner, rows, { validateOnly, validationCode: code() }), 422, 'validation-code-unknown');
      }
      const small = code();
      expectStatus(await record(partner, small, 2), 201);
      const tooFew = await postImport(partner, rows, { validationCode: small });
      expectProblem(tooFew, 422, 'validation-code-spent');
      expect(tooFew.body.detail).toContain(`****${small.slice(-4)}`);
      expect((await api.request('GET', '/v1/customer-imports', { token: partner.tokens['global-admin'] })).body.items).toEqual([]);
      // A file that creates nobody needs no code.
      expectStatus(await postImport(partner, [importRow(existing.body.companyProfile.domain)], { validateOnly: true }), 200);

      expectStatus(await postImport(partner, rows, { validateOnly: true, validationCode: value }), 200);
      const idempotencyKey = uniqueId('gov-import');
      const send = () =>
        api.request('POST', '/v1/customer-imports', { token: partner.tokens['global-admin'], headers: { 'idempotency-key': idempotencyKey }, body: { rows, validationCode: value } });
      const started = await send();
      expectStatus(started, 202);
      const done = await importCompleted(api, partner.tokens['global-admin'], started.body.id);
      expect(done.counts).toEqual({ created: 3, invited: 0, alreadyActive: 1, skippedDuplicateInFile: 0, invalid: 1 });
      // Sent again (its answer lost): the import it made; its rows' domains are claimed now, so the spent code covers them.
      const replayed = await send();
      expectStatus(replayed, 202);
      expect(replayed.body.id).toBe(started.body.id);
      expect((await codes(partner)).find((c: { maskedCode: string }) => c.maskedCode === `****${value.slice(-4)}`)).toMatchObject({ remainingCreations: 0 });
      for (const domain of fresh) expect(await domainFree(partner, domain)).toBe(false);
      const activity = await allActivity(api, partner.tokens['global-admin']);
      const imported = activity.filter((a) => a.operation === 'Create Customer' && a.customerId !== existing.body.id);
      expect(imported).toHaveLength(3);
      for (const a of imported) expect(a.changes).toEqual(expect.arrayContaining([{ field: 'validationCode', after: `****${value.slice(-4)}` }]));
      // The import stores a reference to the code, never the code.
      const stored = await db().send(new GetCommand({ TableName: config().tableName, Key: importKeys.import(partner.partnerId, started.body.id) }));
      expect(stored.Item?.validationCode).toEqual({ codeHash: expect.any(String), maskedCode: `****${value.slice(-4)}` });
      expect(JSON.stringify(stored.Item)).not.toContain(value);

      // A CSV file names the code in the query; a JSON body may not.
      const csvRows = [importRow(newDomain('gov')), importRow(newDomain('gov'))];
      const csv = await api.request('POST', `/v1/customer-imports?validationCode=${small}`, {
        token: partner.tokens['global-admin'],
        rawBody: importCsv(csvRows),
        headers: { 'content-type': 'text/csv', 'idempotency-key': uniqueId('gov-csv') },
      });
      expectStatus(csv, 202);
      expect((await importCompleted(api, partner.tokens['global-admin'], csv.body.id)).counts).toMatchObject({ created: 2 });
      const inQuery = await api.request('POST', `/v1/customer-imports?validationCode=${small}`, { token: partner.tokens['global-admin'], headers: { 'idempotency-key': uniqueId('gov-q') }, body: { rows: csvRows } });
      expectProblem(inQuery, 400, 'validation');
    });

    test('a code spent between the upload and the worker: the rows it can no longer cover are invalid, naming it, and nothing else is written', async () => {
      // No stream poller here: the worker is run by hand, once the code is spent meanwhile.
      const quiet = await startApi({ mailer: false });
      try {
        const partner = await newPartner(quiet);
        const value = code();
        expectStatus(await record2(quiet, partner, value, 3), 201);
        const domains = [newDomain('gov'), newDomain('gov'), newDomain('gov')];
        const started = await postImport(partner, domains.map((d) => importRow(d)), { validationCode: value, testApi: quiet });
        expectStatus(started, 202);
        // Another create takes one of the three creations before the worker gets to the file.
        expectStatus(await quiet.request('POST', '/v1/customers', { token: partner.tokens['sales-agent'], body: customerBody(newDomain('gov'), { validationCode: value }) }), 201);

        const { Item } = await db().send(new GetCommand({ TableName: config().tableName, Key: importKeys.import(partner.partnerId, started.body.id), ConsistentRead: true }));
        const answer = await importWorker({ Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: marshall(Item!) as never } }] });
        expect(answer.batchItemFailures).toEqual([]);

        const done = await quiet.request('GET', `/v1/customer-imports/${started.body.id}`, { token: partner.tokens['global-admin'] });
        expect(done.body).toMatchObject({ state: 'completed', counts: { created: 2, invalid: 1 } });
        const invalid = await quiet.request('GET', `/v1/customer-imports/${started.body.id}/rows?outcome=invalid`, { token: partner.tokens['global-admin'] });
        expect(invalid.body.items).toEqual([{ row: 3, outcome: 'invalid', errors: [{ path: 'validationCode', message: expect.stringContaining(`****${value.slice(-4)}`) }] }]);
        expect(await domainFree(partner, domains[2]!)).toBe(true);
        expect((await quiet.request('GET', '/v1/validation-codes', { token: partner.tokens['global-admin'] })).body.items).toEqual([expect.objectContaining({ remainingCreations: 0 })]);
      } finally {
        await quiet.close();
      }
    });
  });
});

