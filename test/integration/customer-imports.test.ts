// Customer imports end to end: the file checked row by row with the single create's rules, stored, and worked
// through in the background by the import worker (the very stream handler the stack deploys, fed by this
// file's stream poller); outcomes counted, listed and given back as CSV; a crash mid-import and its resume.
import { db } from '../../shared/platform/dynamo/client';
import { newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { dynamoDbFaults } from '../support/faults';
import { allActivity, createCustomer, expectProblem, expectStatus, listAllCustomers, newDomain } from './helpers';
import { importCompleted, importCsv, importRow, readCsv } from './import-helpers';

jest.setTimeout(300_000);

const IMPORT_DRAIN_MS = 60_000;

type Partner = Awaited<ReturnType<typeof newPartner>>;

let api: TestApi;
let partner: Partner;
let other: Partner;

beforeAll(async () => {
  api = await startApi();
  [partner, other] = await Promise.all([newPartner(api), newPartner(api)]);
});
afterAll(() => api.close());

const admin = () => partner.tokens['global-admin'];
const key = () => uniqueId('import');

const postCsv = (csv: string, options: { token?: string; idempotencyKey?: string; query?: string } = {}) =>
  api.request('POST', `/v1/customer-imports${options.query ?? ''}`, {
    token: options.token ?? admin(),
    rawBody: csv,
    headers: { 'content-type': 'text/csv', ...(options.idempotencyKey === '' ? {} : { 'idempotency-key': options.idempotencyKey ?? key() }) },
  });

const createActivities = async (token: string) => (await allActivity(api, token)).filter((a) => a.operation === 'Create Customer');

describe('an import of 1,000 rows', () => {
  type Expected = 'created' | 'invited' | 'alreadyActive' | 'skippedDuplicateInFile' | 'invalid';
  const rows: Record<string, string>[] = [];
  const expected: Expected[] = [];
  const expectedErrors = new Map<number, string>();
  let existing: string[] = [];
  let own: { id: string; domain: string }[] = [];
  let importId: string;
  let csv: string;
  let idempotencyKey: string;
  let customersBefore: number;

  beforeAll(async () => {
    // Organizations that exist already: another partner's customers, and this partner's own.
    // One at a time: concurrent creates of one partner contend for its profile's condition check.
    for (let i = 0; i < 13; i++) existing.push((await createCustomer(api, other.tokens['global-admin'])).domain);
    for (let i = 0; i < 3; i++) {
      const { customer, domain } = await createCustomer(api, admin());
      own.push({ id: customer.id as string, domain });
    }
    customersBefore = (await listAllCustomers(api, admin())).length;
    let invitedAt = 0;
    for (let i = 1; i <= 1000; i++) {
      const m = i % 100;
      const domain = newDomain('imp');
      if (m === 7) rows.push(importRow(domain, { country: 'XX' })), expected.push('invalid'), expectedErrors.set(i, 'country');
      else if (m === 17) rows.push(importRow(domain, { billingEmail: 'billing@test-reseller.example' })), expected.push('invalid'), expectedErrors.set(i, 'billingEmail');
      else if (m === 27) rows.push(importRow(domain, { country: 'DE' })), expected.push('invalid'), expectedErrors.set(i, 'country');
      else if (m === 50) rows.push(importRow(rows.at(-1)!.domain!, { companyName: 'Second of its domain' })), expected.push('skippedDuplicateInFile');
      else if (m === 60) {
        const target = existing[invitedAt++]!;
        rows.push(importRow(target, { adminEmail: `it-admin@${target}` }));
        expected.push('invited');
      } else if (i === 61 || i === 161) {
        const target = existing[i === 61 ? 10 : 11]!;
        rows.push(importRow(target, { adminEmail: 'someone@elsewhere.example' }));
        expected.push('invalid');
      } else if (i === 261) rows.push(importRow(existing[12]!)), expected.push('invalid');
      else if (i === 70 || i === 170 || i === 270) rows.push(importRow(own[(i - 70) / 100]!.domain)), expected.push('alreadyActive');
      else rows.push(importRow(domain)), expected.push('created');
    }
    csv = importCsv(rows);
    idempotencyKey = key();
  });

  test('validateOnly checks every row, lists every error of every row, and writes nothing', async () => {
    const response = await postCsv(csv, { query: '?validateOnly=true' });
    expectStatus(response, 200);
    expect(response.body).toMatchObject({ rowCount: 1000, invalid: 30, skippedDuplicateInFile: 10, valid: 960 });
    const byRow = new Map<number, string[]>();
    for (const e of response.body.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e.path]);
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual([...expectedErrors.keys()]);
    for (const [row, column] of expectedErrors) expect(byRow.get(row)).toContain(column);
    const list = await api.request('GET', '/v1/customer-imports', { token: admin() });
    expectStatus(list, 200);
    expect(list.body.items).toEqual([]);
    expect((await listAllCustomers(api, admin())).length).toBe(customersBefore);
  });

  test('is stored, worked through in the background, and counted row by row', async () => {
    const started = Date.now();
    const response = await postCsv(csv, { idempotencyKey });
    expectStatus(response, 202);
    importId = response.body.id;
    expect(response.headers.get('location')).toBe(`/v1/customer-imports/${importId}`);
    expect(response.body.errors.map((e: { row: number }) => e.row)).toEqual(expect.arrayContaining([...expectedErrors.keys()]));
    const done = await importCompleted(api, admin(), importId);
    const seconds = (Date.now() - started) / 1000;
    console.log(`1,000-row import: ${seconds.toFixed(1)} s, ${(1000 / seconds).toFixed(0)} rows/s`);
    const count = (o: Expected) => expected.filter((e) => e === o).length;
    expect(done).toMatchObject({
      state: 'completed',
      rowCount: 1000,
      pending: 0,
      progress: 1,
      counts: { created: count('created'), invited: 10, alreadyActive: 3, skippedDuplicateInFile: 10, invalid: 33 },
    });

    const result = readCsv((await api.request('GET', `/v1/customer-imports/${importId}/result.csv`, { token: admin() })).text);
    expect(result).toHaveLength(1000);
    const customers = await listAllCustomers(api, admin());
    const byDomain = new Map(customers.map((c) => [c.companyProfile.domain, c]));
    result.forEach((line, i) => {
      expect([i + 1, line.domain, line.outcome]).toEqual([i + 1, rows[i]!.domain, expected[i]]);
      if (expected[i] === 'created') expect(line.customerId).toBe(byDomain.get(line.domain)!.id);
      if (expected[i] === 'alreadyActive') expect(line.customerId).toBe(own.find((o) => o.domain === line.domain)!.id);
      if (expected[i] === 'invalid') expect(line.errors).not.toBe('');
      else expect(line.errors).toBe('');
    });
    expect(result[60]!.errors).toMatch(/^adminEmail: /);
    expect(result[260]!.errors).toMatch(/^adminEmail: is required/);
    // In the table: exactly one customer per created row, nothing for the others.
    expect(customers.length).toBe(customersBefore + count('created'));
  });

  test('rows page by outcome; the invitations carry the import id, are mailed, and can be mailed again', async () => {
    const invited = await api.request('GET', `/v1/customer-imports/${importId}/rows?outcome=invited&limit=100`, { token: admin() });
    expectStatus(invited, 200);
    expect(invited.body.items.map((r: { row: number }) => r.row)).toEqual(expected.flatMap((e, i) => (e === 'invited' ? [i + 1] : [])));
    const firstPage = await api.request('GET', `/v1/customer-imports/${importId}/rows?limit=7`, { token: admin() });
    expect(firstPage.body.items.map((r: { row: number }) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(firstPage.body.items[6]).toMatchObject({ outcome: 'invalid', errors: [expect.objectContaining({ path: 'country' })] });
    const next = await api.request('GET', `/v1/customer-imports/${importId}/rows?limit=7&continuationToken=${firstPage.body.continuationToken}`, { token: admin() });
    expect(next.body.items[0].row).toBe(8);

    const invitations = await api.request('GET', `/v1/invitations?importId=${importId}&limit=100`, { token: admin() });
    expectStatus(invitations, 200);
    expect(invitations.body.items.map((i: { email: string }) => i.email).sort()).toEqual(existing.slice(0, 10).map((d) => `it-admin@${d}`).sort());
    expect(invitations.body.items.every((i: { importId: string; state: string }) => i.importId === importId && i.state === 'pending')).toBe(true);
    // The stream holds every item the 1,000 rows wrote: on a loaded machine reading it through takes longer than a
    // single change's default bound.
    await api.mailer.drain(IMPORT_DRAIN_MS);
    for (const domain of existing.slice(0, 10)) expect(await api.mailbox({ to: `it-admin@${domain}` })).toHaveLength(1);

    const resend = await api.request('POST', `/v1/customer-imports/${importId}/resend`, { token: admin() });
    expectStatus(resend, 200);
    expect(resend.body).toEqual({ resent: 10, refused: 0 });
    await api.mailer.drain(IMPORT_DRAIN_MS);
    for (const domain of existing.slice(0, 10)) expect(await api.mailbox({ to: `it-admin@${domain}` })).toHaveLength(2);
  });

  test('the same Idempotency-Key and file answer with the same import; another file is refused', async () => {
    const again = await postCsv(csv, { idempotencyKey });
    expectStatus(again, 202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ id: importId, state: 'completed' });
    expectProblem(await postCsv(importCsv(rows.slice(1)), { idempotencyKey }), 422, 'idempotency-key-reused');
    const list = await api.request('GET', '/v1/customer-imports', { token: admin() });
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([importId]);
  });

  test("another partner sees none of it, and Helpdesk may read but not import", async () => {
    for (const path of [`/v1/customer-imports/${importId}`, `/v1/customer-imports/${importId}/rows`, `/v1/customer-imports/${importId}/result.csv`]) {
      expectProblem(await api.request('GET', path, { token: other.tokens['global-admin'] }), 404, 'not-found');
    }
    expectProblem(await api.request('POST', `/v1/customer-imports/${importId}/resend`, { token: other.tokens['global-admin'] }), 404, 'not-found');
    expect((await api.request('GET', '/v1/customer-imports', { token: other.tokens['global-admin'] })).body.items).toEqual([]);
    expect((await api.request('GET', `/v1/invitations?importId=${importId}`, { token: other.tokens['global-admin'] })).body.items).toEqual([]);
    expectStatus(await api.request('GET', `/v1/customer-imports/${importId}`, { token: partner.tokens['helpdesk-agent'] }), 200);
    expectProblem(await postCsv(importCsv([importRow(newDomain())]), { token: partner.tokens['helpdesk-agent'] }), 403, 'forbidden');
  });
});

describe('a crash mid-import', () => {
  test("the worker's transaction fails after 30 rows; the stream retries and the import resumes with no row done twice", async () => {
    const crashed = await newPartner(api);
    const token = crashed.tokens['global-admin'];
    const rows = Array.from({ length: 60 }, () => importRow(newDomain('crash')));
    const faults = dynamoDbFaults(db());
    let rowTransactions = 0;
    try {
      const log = await faults.arm({
        // The 31st row's transaction (each puts the row's outcome item): every attempt fails, the error reaches the worker.
        command: (name, input) => name === 'TransactWriteItemsCommand' && JSON.stringify(input).includes(`PARTNER#${crashed.partnerId}#IMPORT#`) && JSON.stringify(input).includes('#ROW#') && ++rowTransactions === 31,
        fault: 'internalServerError',
        attempts: 'every',
      });
      const response = await postCsv(importCsv(rows), { token });
      expectStatus(response, 202);
      const done = await importCompleted(api, token, response.body.id);
      expect(done.counts).toMatchObject({ created: 60, invalid: 0 });
      // The failed row's transaction was tried (with the SDK's retries) and refused; the resume did it once.
      expect(log.injected).toBeGreaterThanOrEqual(1);
    } finally {
      faults.remove();
    }
    // Exactly one customer and one activity record per row, whatever the worker did again.
    const customers = await listAllCustomers(api, token);
    expect(customers.map((c) => c.companyProfile.domain).sort()).toEqual(rows.map((r) => r.domain).sort());
    expect(await createActivities(token)).toHaveLength(60);
  });
});

describe('files it refuses', () => {
  test('an unknown or missing column, a malformed CSV, a wrong type, no Idempotency-Key, too many rows', async () => {
    const before = (await api.request('GET', '/v1/customer-imports', { token: admin() })).body.items.length;
    const bad = await postCsv('companyName,domain,colour\r\nA,a.example,red\r\n');
    expectProblem(bad, 400, 'validation');
    expect(bad.body.errors.map((e: { message: string }) => e.message)).toEqual(['unknown columns: colour', expect.stringMatching(/^missing columns: billingEmail/)]);
    expectProblem(await postCsv(`${importCsv([importRow(newDomain())])}"unclosed,quote\r\n`), 400, 'validation');
    expectProblem(await postCsv(importCsv([importRow(newDomain())]), { idempotencyKey: '' }), 400, 'validation');
    expectProblem(await api.request('POST', '/v1/customer-imports', { token: admin(), rawBody: 'x', headers: { 'content-type': 'text/plain', 'idempotency-key': key() } }), 415, 'unsupported-media-type');
    const many = Array.from({ length: 5001 }, (_, i) => importRow(`d${i}.example`));
    expectProblem(await postCsv(importCsv(many)), 413, 'payload-too-large');
    expect((await api.request('GET', '/v1/customer-imports', { token: admin() })).body.items.length).toBe(before);
  });

  test('JSON rows are read like CSV lines', async () => {
    const domain = newDomain('json');
    const response = await api.request('POST', '/v1/customer-imports', { token: admin(), body: { rows: [importRow(domain), importRow(domain)] }, headers: { 'idempotency-key': key() } });
    expectStatus(response, 202);
    const done = await importCompleted(api, admin(), response.body.id);
    expect(done.counts).toMatchObject({ created: 1, skippedDuplicateInFile: 1 });
  });
});

test('outside the US Government cloud a validation code is refused, as for a single create, and nothing is stored', async () => {
  const refused = await newPartner(api);
  const token = refused.tokens['global-admin'];
  const rows = [importRow(newDomain('commercial'))];
  const json = await api.request('POST', '/v1/customer-imports', { token, headers: { 'idempotency-key': key() }, body: { rows, validationCode: 'GOV-CODE-1234' } });
  expectProblem(json, 422, 'business-rule');
  expectProblem(await postCsv(importCsv(rows), { token, query: '?validationCode=GOV-CODE-1234' }), 422, 'business-rule');
  expectProblem(await postCsv(importCsv(rows), { token, query: '?validateOnly=true&validationCode=GOV-CODE-1234' }), 422, 'business-rule');
  expect((await api.request('GET', '/v1/customer-imports', { token })).body.items).toEqual([]);
});
