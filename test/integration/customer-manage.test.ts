// The customer admin's manage page end to end over HTTP: the accept mails a confirmation with the manage link;
// the page shows the partner and its admin access; ending one access and then the relationship from the
// customer's side reaches the partner's API, its activity log (the admin masked) and its contact's mailbox;
// the link then dies. Links of other kinds, forged links and cross-site posts are refused.
import { createHash } from 'node:crypto';
import { signLink } from '../../shared/platform/links/signed-link';
import { newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';
import { partnerItems } from '../support/table-state';
import { allActivity, expectStatus, newDomain } from './helpers';

jest.setTimeout(60_000);

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

const { linkFromMail, openPage, postForm, accept } = publicPages(() => api);

/** A partner whose primary contact's mailbox is its own, an accepted invitation with admin access, and its manage link. */
async function acceptedWithManageLink() {
  const contact = `${uniqueId('pat')}@test-reseller.example`;
  const partner = await newPartner(api, { primaryContact: { name: 'Pat Partner', email: contact } });
  const admin = `${uniqueId('jane')}@contoso-${uniqueId('org')}.example`;
  const invited = await api.request('POST', '/v1/invitations', {
    token: partner.tokens['global-admin'],
    body: { email: admin, delegatedAdmin: { displayName: uniqueId('Helpdesk access'), roles: ['globalReader', 'helpdeskAdministrator'], duration: 'P90D' } },
  });
  expectStatus(invited, 201);
  const invitation = await linkFromMail(admin);
  const domain = newDomain('manage');
  expect((await accept(invitation.path, { domain })).status).toBe(200);
  const customerId = (await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: partner.tokens['global-admin'] })).body.customerId as string;
  const manage = await linkFromMail(admin);
  return { partner, contact, admin, domain, customerId, invitationPath: invitation.path, manage, displayName: invited.body.delegatedAdmin.displayName as string };
}

const masked = (email: string) => `customer-admin:${email[0]}***@c***.example`;

test('accept → confirmation mail with the manage link → page → end one access → end the relationship: the partner sees each change, the link dies', async () => {
  const { partner, contact, admin, domain, customerId, invitationPath, manage, displayName } = await acceptedWithManageLink();
  const token = manage.path.split('/')[2]!;
  expect(manage.path).toMatch(/^\/manage\/[^/]+$/);
  expect(manage.mail.subject).toBe('Test Reseller LLC is now your reseller');
  expect(manage.mail.text).toContain(`${displayName}`.replace(/\./g, '.\u200B'));

  // Stored only as a hash: no item holds the token, the link record holds its hash and the admin masked.
  const items = [...(await partnerItems(partner.partnerId)).values()];
  expect(items.filter((item) => JSON.stringify(item).includes(token))).toEqual([]);
  const record = items.find((item) => item.sk === `MANAGE_LINK#${customerId}`)!;
  expect(record).toMatchObject({ tokenHash: createHash('sha256').update(token).digest('base64url'), adminContact: masked(admin).slice('customer-admin:'.length) });
  expect(JSON.stringify(record)).not.toContain(admin);

  // The page: partner, relationship, the access with its roles and end date; GET changes nothing.
  const before = await partnerItems(partner.partnerId);
  const page = await openPage(manage.path);
  expect(page.response.status).toBe(200);
  expect(page.response.headers.get('cache-control')).toBe('no-store');
  expect(page.response.headers.get('referrer-policy')).toBe('no-referrer');
  for (const text of ['Test Reseller LLC', domain, displayName, 'Global Reader', 'Helpdesk Administrator', 'active until']) expect(page.html).toContain(text);
  expect(await partnerItems(partner.partnerId)).toEqual(before);

  // A post without the page's cookie, or from another site, is refused and changes nothing.
  const grantId = /\/grants\/([0-9a-f-]{36})\/terminate/.exec(page.html)![1]!;
  expect((await postForm(`${manage.path}/grants/${grantId}/terminate`, { csrf: page.csrf! })).status).toBe(403);
  const crossSite = await api.request('POST', `${manage.path}/end`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.cookie!, origin: 'https://evil.example' },
    rawBody: new URLSearchParams({ csrf: page.csrf!, reason: 'x' }).toString(),
  });
  expect(crossSite.status).toBe(403);
  expect((await postForm(`${manage.path}/end`, { csrf: 'garbage', reason: 'x' }, page.cookie)).status).toBe(403);
  expect(await partnerItems(partner.partnerId)).toEqual(before);

  // End one admin access.
  const terminated = await postForm(`${manage.path}/grants/${grantId}/terminate`, { csrf: page.csrf! }, page.cookie);
  expect(terminated.status).toBe(200);
  expect(terminated.html).toContain('has ended');
  const grants = await api.request('GET', `/v1/customers/${customerId}/delegated-admin`, { token: partner.tokens['admin-agent'] });
  expect(grants.body.items).toEqual([expect.objectContaining({ id: grantId, state: 'terminated' })]);
  let activity = await allActivity(api, partner.tokens['global-admin'], customerId);
  expect(activity[0]).toMatchObject({ operation: 'Terminate Delegated Admin Relationship', actor: { userId: masked(admin) } });
  expect(JSON.stringify(activity)).not.toContain(admin);
  await api.mailer.drain();
  const grantMail = (await api.mailbox({ to: contact })).at(-1)!;
  expect(grantMail.subject).toBe(`Contoso Ltd ended the admin access “${displayName}”`);
  expect(grantMail.text).not.toContain(admin);
  // Again: no longer active, nothing changes.
  expect((await postForm(`${manage.path}/grants/${grantId}/terminate`, { csrf: page.csrf! }, page.cookie)).status).toBe(409);

  // End the relationship: a reason is required.
  expect((await postForm(`${manage.path}/end`, { csrf: page.csrf!, reason: '' }, page.cookie)).status).toBe(400);
  const ended = await postForm(`${manage.path}/end`, { csrf: page.csrf!, reason: 'We moved to another partner.' }, page.cookie);
  expect(ended.status).toBe(200);
  expect(ended.html).toContain('You ended the reseller relationship with Test Reseller LLC');
  const customer = await api.request('GET', `/v1/customers/${customerId}`, { token: partner.tokens['sales-agent'] });
  expect(customer.body.state).toBe('ended');
  activity = await allActivity(api, partner.tokens['global-admin'], customerId);
  expect(activity[0]).toMatchObject({
    operation: 'End Customer Relationship',
    actor: { userId: masked(admin) },
    changes: expect.arrayContaining([{ field: 'state', before: 'active', after: 'ended' }, { field: 'reason', after: 'We moved to another partner.' }]),
  });
  await api.mailer.drain();
  const endMail = (await api.mailbox({ to: contact })).at(-1)!;
  expect(endMail.subject).toBe('Contoso Ltd ended its reseller relationship with Test Reseller LLC');
  expect(endMail.text).toContain('We moved to another partner.');

  // The link is dead, and the invitation link never was a manage link.
  const dead = await openPage(manage.path);
  expect(dead.response.status).toBe(410);
  expect(dead.html).toContain('This link can’t be used');
  expect((await postForm(`${manage.path}/end`, { csrf: page.csrf!, reason: 'again' }, page.cookie)).status).toBe(410);
  expect((await openPage(`/manage/${invitationPath.split('/')[2]}`)).response.status).toBe(404);
});

test('a manage link is no other link, and no other signed value is a manage link', async () => {
  const { partner, customerId, manage, invitationPath } = await acceptedWithManageLink();
  const token = manage.path.split('/')[2]!;
  const [subject, version, mac] = token.split('.');
  // On the invitation routes: not an invitation token.
  expect((await openPage(`/invitations/${token}`)).response.status).toBe(404);
  // A changed signature, a signature of another purpose over the same subject, an invitation token: 404.
  const tampered = `${subject}.${version}.${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`;
  const otherPurpose = `${subject}.${await signLink('relationship-link', Buffer.from(subject!, 'base64url').toString())}`;
  const otherCustomer = `${Buffer.from(`${partner.partnerId}/${customerId.replace(/.$/, '0')}/x`).toString('base64url')}.${version}.${mac}`;
  for (const forged of [tampered, otherPurpose, otherCustomer, invitationPath.split('/')[2]]) {
    const answer = await openPage(`/manage/${forged}`);
    expect({ forged, status: answer.response.status }).toEqual({ forged, status: 404 });
  }
  expect((await openPage(manage.path)).response.status).toBe(200);
});

test('a relationship the partner ended shows a page that says so; accepting again replaces the link', async () => {
  const { partner, admin, domain, customerId, manage } = await acceptedWithManageLink();
  const end = await api.request('POST', `/v1/customers/${customerId}/relationship/end`, { token: partner.tokens['global-admin'], body: { reason: 'Contract over' } });
  expectStatus(end, 200);
  const endedPage = await openPage(manage.path);
  expect(endedPage.response.status).toBe(410);
  expect(endedPage.html).toContain('This relationship has ended');

  const reinstate = await api.request('POST', `/v1/customers/${customerId}/invitations`, { token: partner.tokens['global-admin'], body: { email: admin } });
  expectStatus(reinstate, 201);
  expect((await accept((await linkFromMail(admin)).path, { domain })).status).toBe(200);
  const fresh = await linkFromMail(admin);
  expect(fresh.path).not.toBe(manage.path);
  expect((await openPage(fresh.path)).response.status).toBe(200);
  expect((await openPage(manage.path)).response.status).toBe(410);
});

describe('purchase permissions on the manage page', () => {
  const permissionsPath = (customerId: string, type?: string) => `/v1/customers/${customerId}/purchase-permissions${type ? `/${type}` : ''}`;

  /** The partner turns both types on (savings plans with an end), as its API does. */
  async function withPermissionsOn() {
    const accepted = await acceptedWithManageLink();
    const { partner, customerId } = accepted;
    const reservations = await api.request('PUT', permissionsPath(customerId, 'azureReservations'), { token: partner.tokens['admin-agent'], body: { enabled: true } });
    expectStatus(reservations, 200);
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const savings = await api.request('PUT', permissionsPath(customerId, 'azureSavingsPlans'), {
      token: partner.tokens['admin-agent'],
      body: { enabled: true, enabledUntil: until },
      headers: { 'If-Match': reservations.headers.get('etag')! },
    });
    expectStatus(savings, 200);
    await api.mailer.drain();
    return { ...accepted, until };
  }

  const turnOffPath = (managePath: string, type: string) => `${managePath}/purchase-permissions/${type}/turn-off`;

  test('the page shows both types; the customer turns one off: one change the partner sees in its API, its activity log and its mailbox', async () => {
    const { partner, contact, admin, customerId, manage } = await withPermissionsOn();

    // GET shows both with their dates and forms, and changes nothing.
    const before = await partnerItems(partner.partnerId);
    const page = await openPage(manage.path);
    expect(page.response.status).toBe(200);
    expect(page.html).toMatch(/Azure reservations: allowed since [^<]+ UTC\./);
    expect(page.html).toMatch(/Azure savings plans: allowed since [^<]+ UTC, until [^<]+ UTC\./);
    expect(page.html).toContain(`action="${turnOffPath(manage.path, 'azureReservations')}"`);
    expect(page.html).toContain(`action="${turnOffPath(manage.path, 'azureSavingsPlans')}"`);
    expect(await partnerItems(partner.partnerId)).toEqual(before);

    // Without the page's cookie, with a forged csrf value, or from another site: 403, nothing written.
    const path = turnOffPath(manage.path, 'azureReservations');
    expect((await postForm(path, { csrf: page.csrf! })).status).toBe(403);
    expect((await postForm(path, { csrf: 'garbage' }, page.cookie)).status).toBe(403);
    const crossSite = await api.request('POST', path, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.cookie!, origin: 'https://evil.example' },
      rawBody: new URLSearchParams({ csrf: page.csrf! }).toString(),
    });
    expect(crossSite.status).toBe(403);
    // A type that does not exist is a page that does not exist.
    expect((await postForm(turnOffPath(manage.path, 'azureSomethingElse'), { csrf: page.csrf! }, page.cookie)).status).toBe(404);
    expect(await partnerItems(partner.partnerId)).toEqual(before);

    const turnedOff = await postForm(path, { csrf: page.csrf! }, page.cookie);
    expect(turnedOff.status).toBe(200);
    expect(turnedOff.html).toContain('Your organization may no longer buy Azure reservations itself. Test Reseller LLC has been told.');
    expect(turnedOff.html).toContain('Azure reservations: not allowed.');
    expect(turnedOff.html).toMatch(/Azure savings plans: allowed since/);
    expect(turnedOff.html).not.toContain(`action="${path}"`);

    // The partner's API: reservations off by the customer admin (masked), savings plans untouched.
    const read = await api.request('GET', permissionsPath(customerId), { token: partner.tokens['sales-agent'] });
    expectStatus(read, 200);
    expect(read.body.azureReservations).toEqual({ enabled: false, enabledAt: expect.any(String), enabledBy: expect.any(String), disabledAt: expect.any(String), disabledBy: masked(admin) });
    expect(read.body.azureSavingsPlans).toMatchObject({ enabled: true, enabledUntil: expect.any(String) });
    expect(read.headers.get('etag')).toBe('"v3"');

    const activity = await allActivity(api, partner.tokens['global-admin'], customerId);
    expect(activity[0]).toMatchObject({
      operation: 'Delete Customer Purchase Permissions',
      actor: { userId: masked(admin) },
      changes: expect.arrayContaining([{ field: 'azureReservations.enabled', before: true, after: false }]),
    });
    expect(JSON.stringify(activity)).not.toContain(admin);

    await api.mailer.drain();
    const mail = (await api.mailbox({ to: contact })).at(-1)!;
    expect(mail.subject).toBe('Contoso Ltd turned off its purchase permission for Azure reservations');
    // The actor as the activity log shows it (unlinkable: zero-width spaces keep mail clients from making it a link).
    expect(mail.text.replace(/\u200B/g, '')).toContain(`An admin of Contoso Ltd (${masked(admin).slice('customer-admin:'.length)}) turned off the purchase permission for Azure reservations`);
    expect(mail.text).not.toContain(admin);

    // Already off: the page says so, and nothing is written (no item, no activity, no mail).
    const after = await partnerItems(partner.partnerId);
    const mails = (await api.mailbox({ to: contact })).length;
    const again = await postForm(path, { csrf: page.csrf! }, page.cookie);
    expect(again.status).toBe(409);
    expect(again.html).toContain('Azure reservations were already not allowed: nothing was changed.');
    await api.mailer.drain();
    expect(await partnerItems(partner.partnerId)).toEqual(after);
    expect(await api.mailbox({ to: contact })).toHaveLength(mails);
  });

  test('a type never turned on is already off; once the partner ended the relationship the page says so and writes nothing', async () => {
    const { partner, customerId, manage } = await acceptedWithManageLink();
    const page = await openPage(manage.path);
    expect(page.html).toContain('Azure reservations: not allowed.');
    expect(page.html).toContain('Azure savings plans: not allowed.');
    expect(page.html).not.toContain('/turn-off');
    const never = await postForm(turnOffPath(manage.path, 'azureSavingsPlans'), { csrf: page.csrf! }, page.cookie);
    expect(never.status).toBe(409);
    expect(never.html).toContain('Azure savings plans were already not allowed');

    const on = await api.request('PUT', permissionsPath(customerId, 'azureSavingsPlans'), { token: partner.tokens['global-admin'], body: { enabled: true } });
    expectStatus(on, 200);
    const onPage = await openPage(manage.path);
    expectStatus(await api.request('POST', `/v1/customers/${customerId}/relationship/end`, { token: partner.tokens['global-admin'], body: { reason: 'Contract over' } }), 200);
    await api.mailer.drain();
    const before = await partnerItems(partner.partnerId);
    const ended = await postForm(turnOffPath(manage.path, 'azureSavingsPlans'), { csrf: onPage.csrf! }, onPage.cookie);
    expect(ended.status).toBe(410);
    expect(ended.html).toContain('This relationship has ended');
    await api.mailer.drain();
    expect(await partnerItems(partner.partnerId)).toEqual(before);
    // The end turned it off, by the system, as for any end.
    const read = await api.request('GET', permissionsPath(customerId), { token: partner.tokens['global-admin'] });
    expect(read.body.azureSavingsPlans).toMatchObject({ enabled: false, disabledBy: 'system', disabledReason: 'relationshipEnded' });
  });
});
