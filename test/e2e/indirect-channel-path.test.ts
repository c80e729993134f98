// The two-tier channel's whole path (issue 10), with the emailed pages in a real headless browser: the provider
// invites the reseller by email, the reseller accepts signed in, the provider creates a customer for it and both
// list it, the provider refers another customer and the reseller accepts and wins it, a joint invitation is
// accepted in the browser, the reseller ends the link with a reason, the provider is told by mail, and the
// customers stay on both sides. A screenshot of each page goes to test-output/e2e/.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SCREENSHOTS, useApiAndBrowser } from '../support/chromium';
import { customerBody, linksIn, newPartner, uniqueId, type TestApi } from '../support/api';
import { acceptBody, act, customerProfile, wonBody } from '../integration/referral-helpers';

let api: TestApi;
let browser: Browser;
useApiAndBrowser((a, b) => {
  api = a;
  browser = b;
});

/** The path of the one link in the newest mail to `to` (the mail names the public base URL; the test server listens elsewhere). */
async function linkPath(to: string): Promise<string> {
  await api.mailer.drain();
  const mails = await api.mailbox({ to });
  const [link] = linksIn(mails[mails.length - 1]!.text);
  return new URL(link!).pathname;
}

const ids = (page: { body: { items: { id: string }[] } }) => page.body.items.map((c) => c.id).sort();

test('provider invites reseller → reseller accepts → shared customer → referral won → joint invitation accepted in a browser → link ended → provider told, customers kept', async () => {
  const providerContact = `${uniqueId('pia')}@tailspin-distribution.example`;
  const p = await newPartner(api, {
    partnerType: 'indirectProvider',
    companyName: 'Tailspin Distribution Ltd',
    markets: ['US', 'CA'],
    primaryContact: { name: 'Pia Provider', email: providerContact },
  });
  const r = await newPartner(api, {
    partnerType: 'indirectReseller',
    companyName: 'Fabrikam Reseller LLC',
    markets: ['US'],
    primaryContact: { name: 'Rosa Reseller', email: `${uniqueId('rosa')}@fabrikam-reseller.example` },
  });
  const [pAdmin, rAdmin] = [p.tokens['global-admin'], r.tokens['global-admin']];
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();

  // 1. The provider invites the reseller by email; the reseller reads the page, then accepts signed in.
  const resellerAdmin = `${uniqueId('admin')}@fabrikam-reseller.example`;
  expect((await api.request('POST', '/v1/reseller-invitations', { token: pAdmin, body: { email: resellerAdmin, message: 'Let us serve your customers together.' } })).status).toBe(201);
  const partnershipPath = await linkPath(resellerAdmin);
  expect((await page.goto(api.url + partnershipPath))!.status()).toBe(200);
  await expect(page.locator('body').textContent()).resolves.toContain('Tailspin Distribution Ltd');
  await page.screenshot({ path: join(SCREENSHOTS, 'channel-1-partnership-invitation.png'), fullPage: true });
  const linked = await api.request('POST', '/v1/indirect-providers/accept', { token: rAdmin, body: { invitationToken: partnershipPath.split('/').pop() } });
  expect(linked.status).toBe(200);
  expect(linked.body).toMatchObject({ providerId: p.partnerId, state: 'active' });

  // 2. The provider creates a customer for the reseller; both list it as the customer they share.
  const sharedDomain = `${uniqueId('contoso')}.onmicrosoft.com`;
  const created = await api.request('POST', '/v1/customers', { token: pAdmin, body: customerBody(sharedDomain, { associatedPartnerId: r.partnerId }) });
  expect(created.status).toBe(201);
  const sharedId = created.body.id as string;
  // These filters come with the shared-customers branch (H1); this path needs it merged.
  const providerShared = await api.request('GET', `/v1/customers?indirectReseller=${r.partnerId}`, { token: pAdmin });
  const resellerShared = await api.request('GET', `/v1/customers?indirectProvider=${p.partnerId}`, { token: rAdmin });
  expect(ids(providerShared)).toEqual([sharedId]);
  expect(ids(resellerShared)).toEqual([sharedId]);

  // 3. The provider refers another customer; the reseller accepts and wins it, and the provider's copy follows.
  const referred = await api.request('POST', `/v1/indirect-resellers/${r.partnerId}/referrals`, {
    token: p.tokens['sales-agent'],
    body: { name: uniqueId('Northwind rollout'), customerProfile: customerProfile(), consent: { consentToContact: true, consentToShareReferralWithPartners: true } },
  });
  expect(referred.status).toBe(201);
  const incoming = await api.request('GET', '/v1/referrals?direction=incoming&limit=100', { token: rAdmin });
  const copy = incoming.body.items.find((x: { engagementId: string }) => x.engagementId === referred.body.engagementId);
  await act(api, rAdmin, copy.id, 'accept', acceptBody());
  await act(api, rAdmin, copy.id, 'close', wonBody);
  expect((await api.request('GET', `/v1/referrals/${referred.body.id}`, { token: pAdmin })).body).toMatchObject({ status: 'closed', substatus: 'won' });

  // 4. The won customer's organization exists (a former partner of its own made it); the reseller invites it to
  // relationships with itself and its provider at once, and its admin accepts in the browser.
  const former = await newPartner(api);
  const wonDomain = `${uniqueId('northwind')}.onmicrosoft.com`;
  expect((await api.request('POST', '/v1/customers', { token: former.tokens['global-admin'], body: customerBody(wonDomain) })).status).toBe(201);
  const customerAdmin = `${uniqueId('it')}@${wonDomain}`;
  const joint = await api.request('POST', '/v1/invitations', { token: r.tokens['sales-agent'], body: { email: customerAdmin, domain: wonDomain, indirectProviderId: p.partnerId } });
  expect(joint.status).toBe(201);
  expect((await page.goto(api.url + (await linkPath(customerAdmin))))!.status()).toBe(200);
  await expect(page.locator('h1').textContent()).resolves.toBe('Fabrikam Reseller LLC and Tailspin Distribution Ltd invite you to a reseller relationship');
  await expect(page.locator('body').textContent()).resolves.toContain('its indirect provider');
  await page.screenshot({ path: join(SCREENSHOTS, 'channel-2-joint-invitation.png'), fullPage: true });
  await page.fill('input[name="companyName"]', 'Northwind Traders');
  await page.fill('input[name="country"]', 'US');
  await page.fill('input[name="acceptorName"]', 'Nora Northwind');
  const [accepted] = await Promise.all([page.waitForNavigation(), page.click('form[action$="/accept"] button[type="submit"]')]);
  expect(accepted!.status()).toBe(200);
  await expect(page.locator('body').textContent()).resolves.toContain('Tailspin Distribution Ltd its indirect provider');
  await page.screenshot({ path: join(SCREENSHOTS, 'channel-3-joint-accepted.png'), fullPage: true });
  const jointCustomer = (await api.request('GET', `/v1/invitations/${joint.body.id}`, { token: rAdmin })).body.customerId as string;
  const providerView = await api.request('GET', `/v1/invitations?indirectReseller=${r.partnerId}`, { token: p.tokens['helpdesk-agent'] });
  expect(providerView.body.items).toEqual([expect.objectContaining({ id: joint.body.id, state: 'accepted', customerId: jointCustomer })]);
  expect(ids(await api.request('GET', `/v1/customers?indirectReseller=${r.partnerId}`, { token: pAdmin }))).toEqual([sharedId, jointCustomer].sort());
  expect(ids(await api.request('GET', `/v1/customers?indirectProvider=${p.partnerId}`, { token: rAdmin }))).toEqual([sharedId, jointCustomer].sort());

  // 5. The reseller ends the link with a reason; the provider's contact is told by mail; the customers stay.
  expect((await api.request('DELETE', `/v1/indirect-providers/${p.partnerId}`, { token: rAdmin, body: { reason: 'commercialTerms', comment: 'New terms from next quarter.' } })).status).toBe(204);
  await api.mailer.drain();
  const [told] = await api.mailbox({ to: providerContact });
  expect(told!.subject).toBe('Fabrikam Reseller LLC ended its indirect reseller link with you');
  expect(told!.text).toContain('New terms from next quarter.');
  for (const [token, other] of [[pAdmin, r.partnerId], [rAdmin, p.partnerId]] as const) {
    for (const id of [sharedId, jointCustomer]) {
      const record = await api.request('GET', `/v1/customers/${id}`, { token });
      expect(record.body).toMatchObject({ state: 'active', associatedPartnerId: other });
    }
  }
  await context.close();
}, 120_000);
