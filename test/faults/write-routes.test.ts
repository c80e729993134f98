// Every write route of the route table under DynamoDB faults at its first, second and last command: the
// answer is a 503 problem with Retry-After (never a 4xx, never a 500), nothing is written (the partners'
// partitions by Query, and every item a write was aimed at), and the same request sent again succeeds and
// changes exactly what one clean run changes: no second customer, activity record or mail.
//
// How: a clean run on a record of its own counts the operation's commands and records the shape of its
// change; then, on a second record, each fault at each position, every attempt failing (the SDK's retries
// included); then the same request once more with a throttle on the first attempt of its last command only,
// which the SDK's retry absorbs.
import { randomInt } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { clock } from '../../shared/platform/clock';
import { db } from '../../shared/platform/dynamo/client';
import { routes, type RouteDef } from '../../shared/routes/index';
import { customerBody, newPartner, partnerProfileBody, startApi, uniqueId, type ApiResponse, type TestApi } from '../support/api';
import { dynamoDbFaults, isTransaction, type DynamoDbFault, type FaultInjector } from '../support/faults';
import { deliverOutbox } from '../support/outbox';
import { publicPages } from '../support/pages';
import { changeShape, differences, partnerItems, watchWrites } from '../support/table-state';
import { businessProfileBody, createCustomer, expectStatus, newDomain, putBusinessProfile } from '../integration/helpers';
import { acceptBody, act, createBody, declineBody, incomingReferral, wonBody } from '../integration/referral-helpers';
import { importRow } from '../integration/import-helpers';
import { runImport } from '../../shared/customer-imports/index';

jest.setTimeout(120_000);

type Partner = Awaited<ReturnType<typeof newPartner>>;

let api: TestApi;
let faults: FaultInjector<DynamoDbFault>;
let partner: Partner;
let reseller: Partner;

beforeAll(async () => {
  // No stream poller: its mailer would share the handlers' client and mix its commands into the counted ones.
  // Mail goes out when a builder hands the outbox to the mailer (deliverOutbox).
  api = await startApi({ mailer: false });
  faults = dynamoDbFaults(db());
  // The SDK's backoff is random up to seconds; at 0 the retries happen at once and the suite stays fast.
  jest.spyOn(Math, 'random').mockReturnValue(0);
  [partner, reseller] = await Promise.all([newPartner(api), newPartner(api, { partnerType: 'indirectReseller', markets: ['US'] })]);
});
afterAll(async () => {
  faults.remove();
  await api.close();
});

const { openPage, postForm, linkFromMail } = publicPages(() => api);

/** An answer, JSON or page, as the checks below need it. */
interface Answer {
  status: number;
  contentType: string;
  retryAfter: string | undefined;
  text: string;
}

interface Prepared {
  /** Whose partitions the request may change. */
  partners: string[];
  send(): Promise<Answer>;
}

const fromApi = (response: ApiResponse): Answer => ({
  status: response.status,
  contentType: response.headers.get('content-type') ?? '',
  retryAfter: response.headers.get('retry-after') ?? undefined,
  text: response.text,
});

const fromPage = (response: { status: number; html: string; headers: IncomingHttpHeaders }): Answer => ({
  status: response.status,
  contentType: String(response.headers['content-type'] ?? ''),
  retryAfter: response.headers['retry-after'] as string | undefined,
  text: response.html,
});

const admin = () => partner.tokens['global-admin'];

/** A partner route called by `caller`'s Global admin. */
const call = (caller: Partner, method: string, path: string, body?: unknown, headers?: Record<string, string>) => async () =>
  fromApi(await api.request(method, path, { token: caller.tokens['global-admin'], body, headers }));

/** A loopback address of its own: the public form's limits per client network stay out of the way. */
const clientAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

/** A new provider's partnership invitation, its mail sent: the token of its link. */
async function partnershipInvitation() {
  const provider = await newPartner(api, { partnerType: 'indirectProvider' });
  const email = `${uniqueId('reseller')}@reseller.example`;
  const created = await api.request('POST', '/v1/reseller-invitations', { token: provider.tokens['global-admin'], body: { email } });
  expectStatus(created, 201);
  expect(await deliverOutbox(provider.partnerId)).toEqual([]);
  const { path } = await linkFromMail(email);
  return { provider, id: created.body.id as string, token: path.split('/').pop()! };
}

async function newInvitation(owner: Partner, body: Record<string, unknown> = {}) {
  const email = `${uniqueId('inv')}@customer.example`;
  const response = await api.request('POST', '/v1/invitations', { token: owner.tokens['global-admin'], body: { email, ...body } });
  expectStatus(response, 201);
  return { id: response.body.id as string, email };
}

/** The invitation's page, opened from the mailed link: its path, form cookie and csrf value. */
async function invitationPage(owner: Partner) {
  const invitation = await newInvitation(owner);
  expect(await deliverOutbox(owner.partnerId)).toEqual([]);
  const { path } = await linkFromMail(invitation.email);
  const page = await openPage(path);
  expect(page.response.status).toBe(200);
  return { path, cookie: page.cookie!, csrf: page.csrf! };
}

/** A customer accepted through an invitation (with admin access), and its manage page opened from the confirmation mail. */
async function managePage(owner: Partner) {
  const invitation = await newInvitation(owner, { delegatedAdmin: { displayName: uniqueId('Fault test'), roles: ['globalReader'], duration: 'P30D' } });
  expect(await deliverOutbox(owner.partnerId)).toEqual([]);
  const { path } = await linkFromMail(invitation.email);
  const page = await openPage(path);
  const fields = { csrf: page.csrf!, domain: newDomain('manage'), companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' };
  expect((await postForm(`${path}/accept`, fields, page.cookie, clientAddress())).status).toBe(200);
  expect(await deliverOutbox(owner.partnerId)).toEqual([]);
  const manage = await linkFromMail(invitation.email);
  const opened = await openPage(manage.path);
  expect(opened.response.status).toBe(200);
  const customerId = (await api.request('GET', `/v1/invitations/${invitation.id}`, { token: owner.tokens['global-admin'] })).body.customerId as string;
  return { path: manage.path, cookie: opened.cookie!, csrf: opened.csrf!, grantId: /\/grants\/([0-9a-f-]{36})\/terminate/.exec(opened.html)![1]!, customerId };
}

async function referralIn(state: 'received' | 'accepted' | 'won'): Promise<string> {
  const { id } = await incomingReferral(partner.partnerId);
  if (state !== 'received') await act(api, admin(), id, 'accept', acceptBody());
  if (state === 'won') await act(api, admin(), id, 'close', wonBody);
  return id;
}

/**
 * A new indirect provider that `to` authorized: a pair of its own, so its open-engagement counter is new too.
 * Its id sorts after the reseller's, so the counter (under the id that sorts first) is the reseller's in every run.
 */
async function linkedProvider(to = reseller): Promise<Partner> {
  let provider = await newPartner(api, { partnerType: 'indirectProvider' });
  while (provider.partnerId < to.partnerId) provider = await newPartner(api, { partnerType: 'indirectProvider' });
  expectStatus(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: to.tokens['global-admin'] }), 200);
  return provider;
}

/** The reseller is P0 and the provider P1 in every run. */
const pair = (reseller: Partner, provider: Partner) => [reseller.partnerId, provider.partnerId];

const partnerReferralBody = () => ({ customerProfile: createBody().customerProfile, consent: createBody().consent });

/**
 * The reseller's copy of a referral between partners, both partners its own: every run then starts from
 * the same items (the reseller's first answer adds its response-time tally, say, rather than changing it).
 */
async function partnerReferralIn(state: 'received' | 'accepted') {
  const owner = await newPartner(api, { partnerType: 'indirectReseller', markets: ['US'] });
  const provider = await linkedProvider(owner);
  const sent = await api.request('POST', `/v1/indirect-resellers/${owner.partnerId}/referrals`, { token: provider.tokens['global-admin'], body: partnerReferralBody() });
  expectStatus(sent, 201);
  const page = await api.request('GET', '/v1/referrals?direction=incoming', { token: owner.tokens['global-admin'] });
  const { id } = page.body.items[0];
  if (state === 'accepted') await act(api, owner.tokens['global-admin'], id, 'accept', acceptBody());
  return { reseller: owner, provider, id: id as string };
}

async function ownerWithProfile(published = false): Promise<Partner> {
  const owner = await newPartner(api);
  await putBusinessProfile(api, owner.tokens['global-admin'], 'US', businessProfileBody('US'));
  if (published) expectStatus(await api.request('POST', '/v1/business-profiles/US/publish', { token: owner.tokens['global-admin'] }), 200);
  return owner;
}

/** A published location of a partner of its own, with its contact: the directory page its form is on. */
async function listedLocation() {
  const owner = await newPartner(api);
  const contact = { name: 'Lee Leads', email: `${uniqueId('leads')}@northwind-partner.example` };
  const { profile } = await putBusinessProfile(
    api,
    owner.tokens['global-admin'],
    'US',
    businessProfileBody('US', { locations: [{ address: { country: 'US', city: 'Austin', addressLine1: '1 Main Street', postalCode: '78701' }, contact }] }),
  );
  expectStatus(await api.request('POST', '/v1/business-profiles/US/publish', { token: owner.tokens['global-admin'] }), 200);
  return { owner, path: `/directory/${owner.partnerId}/${profile.locations[0].id}` };
}

/**
 * The location page's form as a person posts it: filled in, from a client network of its own, sent past the
 * minimum fill time (the clock moved on while the post is handled, not waited for) each time it is sent.
 */
async function informationRequestForm() {
  const { owner, path } = await listedLocation();
  const page = await openPage(path);
  expect(page.response.status).toBe(200);
  const fields = {
    csrf: page.csrf!,
    firstName: 'Rita',
    lastName: 'Requester',
    companyName: 'Woodgrove Clinics Ltd',
    email: `${uniqueId('rita')}@woodgrove-clinics.example`,
    country: 'US',
    size: '10to50employees',
    need: 'We want to move 40 mailboxes to the cloud.',
    contactMe: 'yes',
  };
  const from = clientAddress();
  const send = async () => {
    const now = clock.now;
    clock.now = () => new Date(Date.now() + 60_000);
    try {
      return fromPage(await postForm(path, fields, page.cookie, from));
    } finally {
      clock.now = now;
    }
  };
  return { owner, email: fields.email, send };
}

/**
 * A valid request per write route, on a record of its own: each call of a builder makes a new one. Every
 * write route needs one: a new write route without a builder fails the first test below.
 */
const builders: Record<string, () => Promise<Prepared>> = {
  putPartnerProfile: async () => {
    const owner = await newPartner(api);
    return { partners: [owner.partnerId], send: call(owner, 'PUT', '/v1/partner', partnerProfileBody({ companyName: 'Renamed Under Faults Ltd' })) };
  },
  authorizeIndirectProvider: async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    return { partners: [reseller.partnerId, provider.partnerId], send: call(reseller, 'PUT', `/v1/indirect-providers/${provider.partnerId}`) };
  },
  removeIndirectProvider: async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    expectStatus(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: reseller.tokens['global-admin'] }), 200);
    return { partners: [reseller.partnerId, provider.partnerId], send: call(reseller, 'DELETE', `/v1/indirect-providers/${provider.partnerId}`, { reason: 'partnershipEnded' }) };
  },
  endIndirectReseller: async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    expectStatus(await api.request('PUT', `/v1/indirect-providers/${provider.partnerId}`, { token: reseller.tokens['global-admin'] }), 200);
    return { partners: [reseller.partnerId, provider.partnerId], send: call(provider, 'DELETE', `/v1/indirect-resellers/${reseller.partnerId}`, { reason: 'other', comment: 'Faults' }) };
  },
  acceptPartnershipInvitation: async () => {
    const { provider, token } = await partnershipInvitation();
    return { partners: [reseller.partnerId, provider.partnerId], send: call(reseller, 'POST', '/v1/indirect-providers/accept', { invitationToken: token }) };
  },
  createResellerInvitation: async () => {
    const provider = await newPartner(api, { partnerType: 'indirectProvider' });
    return { partners: [provider.partnerId], send: call(provider, 'POST', '/v1/reseller-invitations', { email: `${uniqueId('reseller')}@reseller.example` }) };
  },
  resendResellerInvitation: async () => {
    const { provider, id } = await partnershipInvitation();
    return { partners: [provider.partnerId], send: call(provider, 'POST', `/v1/reseller-invitations/${id}/resend`) };
  },
  revokeResellerInvitation: async () => {
    const { provider, id } = await partnershipInvitation();
    return { partners: [provider.partnerId], send: call(provider, 'POST', `/v1/reseller-invitations/${id}/revoke`) };
  },
  putBusinessProfile: async () => {
    const owner = await newPartner(api);
    return { partners: [owner.partnerId], send: call(owner, 'PUT', '/v1/business-profiles/US', businessProfileBody('US')) };
  },
  deleteBusinessProfile: async () => {
    const owner = await ownerWithProfile(true);
    return { partners: [owner.partnerId], send: call(owner, 'DELETE', '/v1/business-profiles/US') };
  },
  publishBusinessProfile: async () => {
    const owner = await ownerWithProfile();
    return { partners: [owner.partnerId], send: call(owner, 'POST', '/v1/business-profiles/US/publish') };
  },
  unpublishBusinessProfile: async () => {
    const owner = await ownerWithProfile(true);
    return { partners: [owner.partnerId], send: call(owner, 'POST', '/v1/business-profiles/US/unpublish') };
  },

  createCustomer: async () => ({ partners: [partner.partnerId], send: call(partner, 'POST', '/v1/customers', customerBody(newDomain('fault'))) }),
  updateCustomer: async () => {
    const { customer, etag } = await createCustomer(api, admin());
    return { partners: [partner.partnerId], send: call(partner, 'PATCH', `/v1/customers/${customer.id}`, { billingProfile: { defaultAddress: { city: 'Faultville' } } }, { 'If-Match': etag }) };
  },
  recordAgreement: async () => {
    const { customer } = await createCustomer(api, admin());
    const body = { dateAgreed: '2025-01-02T03:04:05Z', primaryContact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' } };
    return { partners: [partner.partnerId], send: call(partner, 'POST', `/v1/customers/${customer.id}/agreements`, body) };
  },

  putPurchasePermission: async () => {
    const { customer } = await createCustomer(api, admin());
    return { partners: [partner.partnerId], send: call(partner, 'PUT', `/v1/customers/${customer.id}/purchase-permissions/azureSavingsPlans`, { enabled: true }) };
  },
  createValidationCode: async () => ({ partners: [partner.partnerId], send: call(partner, 'POST', '/v1/validation-codes', { code: `GOV-${uniqueId('fault')}`, allowedCreations: 2 }) }),

  createInvitation: async () => {
    // A partner of its own: the first invitation of a partner also creates its pending-invitations counter.
    const owner = await newPartner(api);
    return { partners: [owner.partnerId], send: call(owner, 'POST', '/v1/invitations', { email: `${uniqueId('invite')}@customer.example` }) };
  },
  resendInvitation: async () => {
    const { id } = await newInvitation(partner);
    expect(await deliverOutbox(partner.partnerId)).toEqual([]);
    return { partners: [partner.partnerId], send: call(partner, 'POST', `/v1/invitations/${id}/resend`) };
  },
  revokeInvitation: async () => {
    const { id } = await newInvitation(partner);
    return { partners: [partner.partnerId], send: call(partner, 'POST', `/v1/invitations/${id}/revoke`) };
  },
  reinstateCustomer: async () => {
    const ended = await createCustomer(api, admin());
    expectStatus(await api.request('POST', `/v1/customers/${ended.customer.id}/relationship/end`, { token: admin(), body: { reason: 'fault test' } }), 200);
    return { partners: [partner.partnerId], send: call(partner, 'POST', `/v1/customers/${ended.customer.id}/invitations`, { email: `${uniqueId('reinstate')}@${ended.domain}` }) };
  },
  endRelationship: async () => {
    const { customer } = await createCustomer(api, admin());
    // With a purchase permission on, which the end turns off in its transaction.
    expectStatus(await api.request('PUT', `/v1/customers/${customer.id}/purchase-permissions/azureReservations`, { token: admin(), body: { enabled: true } }), 200);
    return { partners: [partner.partnerId], send: call(partner, 'POST', `/v1/customers/${customer.id}/relationship/end`, { reason: 'The customer moved to another reseller' }) };
  },
  terminateDelegatedAdmin: async () => {
    const owner = await newPartner(api);
    const invitation = await newInvitation(owner, { delegatedAdmin: { displayName: uniqueId('Fault test'), roles: ['globalReader'], duration: 'P30D' } });
    expect(await deliverOutbox(owner.partnerId)).toEqual([]);
    const { path } = await linkFromMail(invitation.email);
    const page = await openPage(path);
    const fields = { csrf: page.csrf!, domain: newDomain('grant'), companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' };
    expect((await postForm(`${path}/accept`, fields, page.cookie, clientAddress())).status).toBe(200);
    const { customerId } = (await api.request('GET', `/v1/invitations/${invitation.id}`, { token: owner.tokens['global-admin'] })).body;
    return { partners: [owner.partnerId], send: call(owner, 'POST', `/v1/customers/${customerId}/delegated-admin/terminate`) };
  },

  acceptInvitation: async () => {
    const owner = await newPartner(api);
    const { path, cookie, csrf } = await invitationPage(owner);
    const fields = { csrf, domain: newDomain('accept'), companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' };
    const from = clientAddress();
    return { partners: [owner.partnerId], send: async () => fromPage(await postForm(`${path}/accept`, fields, cookie, from)) };
  },
  declineInvitation: async () => {
    const owner = await newPartner(api);
    const { path, cookie, csrf } = await invitationPage(owner);
    const from = clientAddress();
    return { partners: [owner.partnerId], send: async () => fromPage(await postForm(`${path}/decline`, { csrf, reason: 'Not now' }, cookie, from)) };
  },
  requestRelationship: async () => {
    const owner = await newPartner(api);
    const link = await api.request('GET', '/v1/relationship-link', { token: owner.tokens['global-admin'] });
    expectStatus(link, 200);
    const path = new URL(link.body.url).pathname;
    const page = await openPage(path);
    const fields = { csrf: page.csrf!, email: `${uniqueId('admin')}@org-${uniqueId('o')}.example` };
    const from = clientAddress();
    return { partners: [owner.partnerId], send: async () => fromPage(await postForm(path, fields, page.cookie, from)) };
  },

  requestInformation: async () => {
    // The client network's and the partner's daily counters and the form's nonce are written with the request:
    // the counter in the partner's partition is compared; the others, outside it, are among the watched writes.
    const { owner, send } = await informationRequestForm();
    return { partners: [owner.partnerId], send };
  },
  confirmInformationRequest: async () => {
    const { owner, email, send } = await informationRequestForm();
    expect((await send()).status).toBe(200);
    expect(await deliverOutbox(owner.partnerId)).toEqual([]);
    const { path } = await linkFromMail(email);
    const page = await openPage(path);
    expect(page.response.status).toBe(200);
    return { partners: [owner.partnerId], send: async () => fromPage(await postForm(path, { csrf: page.csrf! }, page.cookie)) };
  },
  endRelationshipFromCustomer: async () => {
    const owner = await newPartner(api);
    const { path, cookie, csrf } = await managePage(owner);
    const from = clientAddress();
    return { partners: [owner.partnerId], send: async () => fromPage(await postForm(`${path}/end`, { csrf, reason: 'Leaving' }, cookie, from)) };
  },
  terminateGrantFromCustomer: async () => {
    const owner = await newPartner(api);
    const { path, cookie, csrf, grantId } = await managePage(owner);
    const from = clientAddress();
    return { partners: [owner.partnerId], send: async () => fromPage(await postForm(`${path}/grants/${grantId}/terminate`, { csrf }, cookie, from)) };
  },
  turnOffPurchasePermissionFromCustomer: async () => {
    const owner = await newPartner(api);
    const { path, cookie, csrf, customerId } = await managePage(owner);
    const on = await api.request('PUT', `/v1/customers/${customerId}/purchase-permissions/azureReservations`, { token: owner.tokens['admin-agent'], body: { enabled: true } });
    expectStatus(on, 200);
    const from = clientAddress();
    return { partners: [owner.partnerId], send: async () => fromPage(await postForm(`${path}/purchase-permissions/azureReservations/turn-off`, { csrf }, cookie, from)) };
  },
  createReferral: async () => ({ partners: [partner.partnerId], send: call(partner, 'POST', '/v1/referrals', createBody({ name: uniqueId('fault referral') })) }),
  updateReferral: async () => {
    const id = await referralIn('accepted');
    const etag = (await api.request('GET', `/v1/referrals/${id}`, { token: admin() })).headers.get('etag')!;
    return { partners: [partner.partnerId], send: call(partner, 'PATCH', `/v1/referrals/${id}`, { notes: 'updated under faults' }, { 'If-Match': etag }) };
  },
  referToReseller: async () => {
    const provider = await linkedProvider();
    return {
      partners: pair(reseller, provider),
      send: call(provider, 'POST', `/v1/indirect-resellers/${reseller.partnerId}/referrals`, partnerReferralBody()),
    };
  },
  // The transitions on the reseller's copy of a referral between partners: the provider's copy follows in the same transaction.
  acceptReferral: async () => {
    const { reseller: owner, provider, id } = await partnerReferralIn('received');
    return { partners: pair(owner, provider), send: call(owner, 'POST', `/v1/referrals/${id}/accept`, acceptBody()) };
  },
  declineReferral: async () => {
    const { reseller: owner, provider, id } = await partnerReferralIn('received');
    return { partners: pair(owner, provider), send: call(owner, 'POST', `/v1/referrals/${id}/decline`, declineBody) };
  },
  closeReferral: async () => {
    const { reseller: owner, provider, id } = await partnerReferralIn('accepted');
    return { partners: pair(owner, provider), send: call(owner, 'POST', `/v1/referrals/${id}/close`, wonBody) };
  },
  createCustomerImport: async () => {
    // A partner of its own: its first import makes its import listing start.
    const owner = await newPartner(api);
    return { partners: [owner.partnerId], send: call(owner, 'POST', '/v1/customer-imports', { rows: [importRow(newDomain('fault')), importRow(newDomain('fault'))] }, { 'Idempotency-Key': uniqueId('fault-import') }) };
  },
  resendCustomerImportInvitations: async () => {
    // An import whose one row invited an existing organization (the worker run here: no stream poller in this file).
    const owner = await newPartner(api);
    const { domain } = await createCustomer(api, admin());
    const posted = await api.request('POST', '/v1/customer-imports', {
      token: owner.tokens['global-admin'],
      body: { rows: [importRow(domain, { adminEmail: `it@${domain}` })] },
      headers: { 'Idempotency-Key': uniqueId('fault-import') },
    });
    expectStatus(posted, 202);
    expect(await runImport(owner.partnerId, posted.body.id, 1, () => true)).toBe('completed');
    expect(await deliverOutbox(owner.partnerId)).toEqual([]);
    return { partners: [owner.partnerId], send: call(owner, 'POST', `/v1/customer-imports/${posted.body.id}/resend`) };
  },
  inviteReferralCustomer: async () => ({ partners: [partner.partnerId], send: call(partner, 'POST', `/v1/referrals/${await referralIn('won')}/invitation`, {}) }),
};

/** A reseller of its own (its first invitation makes its pending counter), a provider it authorized, and an organization that exists. */
async function jointParties() {
  const owner = await newPartner(api, { partnerType: 'indirectReseller', markets: ['US'] });
  const provider = await linkedProvider(owner);
  const { domain } = await createCustomer(api, admin());
  return { owner, provider, domain };
}

/**
 * Second cases of routes whose variant takes another way through their code and writes more in its transaction:
 * the joint invitation (reseller and provider) as it is sent and accepted.
 */
const variants: { operationId: string; name: string; build: () => Promise<Prepared> }[] = [
  {
    operationId: 'createInvitation',
    name: 'joint',
    build: async () => {
      const { owner, provider, domain } = await jointParties();
      return { partners: pair(owner, provider), send: call(owner, 'POST', '/v1/invitations', { email: `${uniqueId('joint')}@${domain}`, domain, indirectProviderId: provider.partnerId }) };
    },
  },
  {
    operationId: 'acceptInvitation',
    name: 'joint',
    build: async () => {
      const { owner, provider, domain } = await jointParties();
      const email = `${uniqueId('joint')}@${domain}`;
      expectStatus(await api.request('POST', '/v1/invitations', { token: owner.tokens['global-admin'], body: { email, domain, indirectProviderId: provider.partnerId } }), 201);
      expect(await deliverOutbox(owner.partnerId)).toEqual([]);
      const { path } = await linkFromMail(email);
      const page = await openPage(path);
      expect(page.response.status).toBe(200);
      const fields = { csrf: page.csrf!, domain, companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin' };
      const from = clientAddress();
      return { partners: pair(owner, provider), send: async () => fromPage(await postForm(`${path}/accept`, fields, page.cookie, from)) };
    },
  },
];

const writeRoutes = (routes as readonly RouteDef[]).filter((route) => route.method !== 'GET' && route.method !== 'HEAD');

const cases = [
  ...writeRoutes.map((route) => [`${route.operationId} (${route.method} ${route.path})`, route, builders[route.operationId]] as const),
  ...variants.map((variant) => {
    const route = writeRoutes.find((r) => r.operationId === variant.operationId)!;
    return [`${variant.operationId}, ${variant.name} (${route.method} ${route.path})`, route, variant.build] as const;
  }),
];

/**
 * The faults of the command at a position: a throttle (the two kinds by turns: the SDK and the code treat them
 * alike), a 500, and a cancellation where the command is a transaction.
 */
const faultsOf = (commandName: string, position: number): DynamoDbFault[] => [
  position % 2 === 1 ? 'provisionedThroughputExceeded' : 'throttled',
  'internalServerError',
  ...(isTransaction(commandName) ? (['transactionCanceled'] as const) : []),
];

/** First, second and last; fewer when the operation makes fewer commands. */
const positionsOf = (count: number): number[] => [...new Set([1, 2, count])].filter((p) => p >= 1 && p <= count);

function expectServiceUnavailable(answer: Answer, label: string): void {
  expect({ label, status: answer.status, retryAfter: answer.retryAfter }).toEqual({ label, status: 503, retryAfter: '1' });
  if (!answer.contentType.startsWith('text/html')) {
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.text)).toMatchObject({ status: 503, type: 'https://reseller-accounts.dev/problems/service-unavailable' });
  }
}

test('every write route of the route table has a fault case here, and every case a route', () => {
  expect(Object.keys(builders).sort()).toEqual(writeRoutes.map((route) => route.operationId).sort());
});

describe.each(cases)('%s', (_name, route, build) => {
  test('faults at its first, second and last command answer 503, write nothing, and a retry changes what one clean run does', async () => {
    if (!build) throw new Error(`no fault case for ${route.operationId}: add one to the builders of this file`);

    const clean = await build();
    const cleanBefore = await partnerItems(...clean.partners);
    const counted = faults.count();
    const first = await clean.send();
    faults.disarm();
    expect({ status: first.status, text: first.text.slice(0, 300) }).toEqual({ status: route.response.status, text: expect.any(String) });
    const commands = [...counted.commands];
    const oneRun = changeShape(cleanBefore, await partnerItems(...clean.partners), clean.partners);
    expect(oneRun.length).toBeGreaterThan(0);

    const target = await build();
    const before = await partnerItems(...target.partners);
    for (const position of positionsOf(commands.length)) {
      for (const fault of faultsOf(commands[position - 1]!, position)) {
        const label = `${fault} at command ${position} of ${commands.length} (${commands.join(', ')})`;
        const watch = watchWrites(db());
        const log = await faults.arm({ command: position, fault, attempts: 'every' });
        const answer = await target.send();
        faults.disarm();
        watch.stop();
        expect({ label, injected: log.injected > 0 }).toEqual({ label, injected: true });
        expectServiceUnavailable(answer, label);
        expect({ label, changed: differences(before, await partnerItems(...target.partners)) }).toEqual({ label, changed: [] });
        expect({ label, changed: await watch.changed() }).toEqual({ label, changed: [] });
      }
    }

    const log = await faults.arm({ command: commands.length, fault: 'provisionedThroughputExceeded', attempts: 'first' });
    const retried = await target.send();
    faults.disarm();
    expect(log.injected).toBe(1);
    expect({ status: retried.status, text: retried.text.slice(0, 300) }).toEqual({ status: route.response.status, text: expect.any(String) });
    expect(changeShape(before, await partnerItems(...target.partners), target.partners)).toEqual(oneRun);
  });
});
