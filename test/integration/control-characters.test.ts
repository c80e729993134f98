// A bidi override in a name ("Contoso \u202Emoc.tfosorcim" displays as "Contoso microsoft.com") or a control
// character is refused where the name comes in: 400 problem+json naming the field, and nothing written.
import { customerBody, newPartner, partnerProfileBody, startApi, uniqueId, type ApiResponse, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { allActivity, domainStatus, expectProblem, expectStatus, listAllCustomers, newDomain } from './helpers';

jest.setTimeout(30_000);

let api: TestApi;
let partner: Awaited<ReturnType<typeof newPartner>>;
beforeAll(async () => {
  api = await startApi();
  partner = await newPartner(api);
});
afterAll(() => api.close());

const SPOOF = 'Contoso \u202Emoc.tfosorcim';
const MESSAGE = 'must not contain control, bidirectional or invisible formatting characters';
const email = () => `${uniqueId('admin')}@contoso-${uniqueId('org')}.example`;
const { linkFromMail, openPage, postForm } = publicPages(() => api);

function expectRefused(response: ApiResponse, path: string) {
  expectProblem(response, 400, 'validation');
  expect(response.body.errors).toEqual([{ path, message: MESSAGE }]);
}

test.each([
  ['companyName', { companyName: SPOOF }, 'body.companyName'],
  ['primaryContact.name', { primaryContact: { name: 'Pat\u0000Partner', email: 'pat@test-reseller.example' } }, 'body.primaryContact.name'],
])('PUT /v1/partner with a control character in %s: 400, the profile unchanged', async (_field, overrides, path) => {
  const token = partner.tokens['global-admin'];
  const before = await api.request('GET', '/v1/partner', { token });
  const activityBefore = (await allActivity(api, token)).length;

  expectRefused(await api.request('PUT', '/v1/partner', { token, body: partnerProfileBody(overrides) }), path);

  expect((await api.request('GET', '/v1/partner', { token })).body).toEqual(before.body);
  expect((await allActivity(api, token)).length).toBe(activityBefore);
});

test.each([
  ['companyProfile.companyName', (d: string) => customerBody(d, { companyProfile: { companyName: SPOOF, domain: d } }), 'body.companyProfile.companyName'],
  [
    'billingProfile.defaultAddress.addressLine1',
    (d: string) => {
      const body = customerBody(d) as any;
      return { ...body, billingProfile: { ...body.billingProfile, defaultAddress: { ...body.billingProfile.defaultAddress, addressLine1: '1 Microsoft Way\u2067' } } };
    },
    'body.billingProfile.defaultAddress.addressLine1',
  ],
])('POST /v1/customers with a control character in %s: 400, no customer', async (_field, body, path) => {
  const token = partner.tokens['global-admin'];
  const domain = newDomain('bidi');
  const countBefore = (await listAllCustomers(api, token)).length;
  const activityBefore = (await allActivity(api, token)).length;

  expectRefused(await api.request('POST', '/v1/customers', { token, body: body(domain) }), path);

  expect(await domainStatus(api, token, domain)).toBe(404);
  expect((await listAllCustomers(api, token)).length).toBe(countBefore);
  expect((await allActivity(api, token)).length).toBe(activityBefore);
});

test('POST /v1/invitations with a bidi control in the delegated admin displayName: 400, no invitation, no mail', async () => {
  const token = partner.tokens['global-admin'];
  const to = email();
  const invitationIds = async () => (await api.request('GET', '/v1/invitations?limit=100', { token })).body.items.map((i: { id: string }) => i.id);
  const before = await invitationIds();

  const response = await api.request('POST', '/v1/invitations', {
    token,
    body: { email: to, delegatedAdmin: { displayName: 'Helpdesk \u202Essecca', roles: ['globalReader'], duration: 'P90D' } },
  });

  expectRefused(response, 'body.delegatedAdmin.displayName');
  expect(await invitationIds()).toEqual(before);
  await api.mailer.drain();
  expect(await api.mailbox({ to })).toEqual([]);
});

test('names in any script, with accents, emoji and emoji sequences, are still accepted', async () => {
  const { tokens } = await newPartner(api);
  const companyName = 'Ærøskøbing Café 👩🏽\u200D💻 می\u200Cخواهم 株式会社';
  const put = await api.request('PUT', '/v1/partner', { token: tokens['global-admin'], body: partnerProfileBody({ companyName }) });
  expectStatus(put, 200);
  expect(put.body.companyName).toBe(companyName);
});

test('the public accept form refuses a bidi control in the company name and the invitation stays open', async () => {
  const to = email();
  const invited = await api.request('POST', '/v1/invitations', { token: partner.tokens['sales-agent'], body: { email: to } });
  expectStatus(invited, 201);
  const { path } = await linkFromMail(to);
  const page = await openPage(path);

  const refused = await postForm(
    `${path}/accept`,
    { csrf: page.csrf!, domain: `${uniqueId('org')}.onmicrosoft.com`, companyName: SPOOF, country: 'US', acceptorName: 'Avery Admin' },
    page.cookie,
  );

  expect(refused.status).toBe(400);
  expect(refused.html).toContain(MESSAGE);
  expect(refused.html).not.toContain('\u202E');
  const after = await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: partner.tokens['global-admin'] });
  expect(after.body.state).toBe('pending');
});

test('the decline reason may span lines but refuses a bidi control', async () => {
  const to = email();
  const invited = await api.request('POST', '/v1/invitations', { token: partner.tokens['sales-agent'], body: { email: to } });
  expectStatus(invited, 201);
  const { path } = await linkFromMail(to);
  const page = await openPage(path);

  const refused = await postForm(`${path}/decline`, { csrf: page.csrf!, reason: 'Not now \u202Ewon ton' }, page.cookie);
  expect(refused.status).toBe(400);
  expect(refused.html).toContain(MESSAGE);
  const invitation = () => api.request('GET', `/v1/invitations/${invited.body.id}`, { token: partner.tokens['global-admin'] });
  expect((await invitation()).body.state).toBe('pending');

  const again = await openPage(path);
  const declined = await postForm(`${path}/decline`, { csrf: again.csrf!, reason: 'Not now.\r\nMaybe next year.' }, again.cookie);
  expect(declined.status).toBe(200);
  expect((await invitation()).body).toMatchObject({ state: 'declined', declineReason: 'Not now.\r\nMaybe next year.' });
});
