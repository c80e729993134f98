// The emailed links in a real headless browser: open the invitation, fill the form, accept, see the confirmation;
// open the manage link of the confirmation mail, turn a purchase permission off and end the relationship from the
// customer's side.
// A screenshot of each page goes to test-output/e2e/.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SCREENSHOTS, useApiAndBrowser } from '../support/chromium';
import { linksIn, newPartner, uniqueId, type TestApi } from '../support/api';
import { publicPages } from '../support/pages';

let api: TestApi;
let browser: Browser;
useApiAndBrowser((a, b) => {
  api = a;
  browser = b;
});

test('a customer admin accepts from the emailed link in a browser, on a phone-sized screen', async () => {
  const { tokens } = await newPartner(api, { companyName: 'Northwind Cloud Partners LLC' });
  const to = `${uniqueId('admin')}@tailspin.example`;
  const domain = `${uniqueId('tailspin')}.onmicrosoft.com`;
  const invited = await api.request('POST', '/v1/invitations', {
    token: tokens['global-admin'],
    body: { email: to, domain, companyName: 'Tailspin Toys', delegatedAdmin: { displayName: uniqueId('Ops'), roles: ['userAdministrator'], duration: 'P180D', autoExtend: false } },
  });
  expect(invited.status).toBe(201);
  await api.mailer.drain();
  const [mail] = await api.mailbox({ to });
  const [link] = linksIn(mail!.text);
  // The mail names the public base URL; the test server listens elsewhere, so keep only the path.
  const url = api.url + new URL(link!).pathname;

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  const opened = await page.goto(url);
  expect(opened!.status()).toBe(200);
  await expect(page.locator('h1').textContent()).resolves.toContain('Northwind Cloud Partners LLC');
  await expect(page.locator('body').textContent()).resolves.toContain('User Administrator');
  await page.screenshot({ path: join(SCREENSHOTS, '1-invitation.png'), fullPage: true });

  expect(await page.inputValue('input[name="domain"]')).toBe(domain);
  await page.fill('input[name="country"]', 'US');
  await page.fill('input[name="acceptorName"]', 'Terry Tailspin');
  await page.screenshot({ path: join(SCREENSHOTS, '2-filled.png'), fullPage: true });
  const [response] = await Promise.all([page.waitForNavigation(), page.click('form[action$="/accept"] button[type="submit"]')]);
  expect(response!.status()).toBe(200);
  await expect(page.locator('body').textContent()).resolves.toMatch(/accepted/i);
  await page.screenshot({ path: join(SCREENSHOTS, '3-confirmation.png'), fullPage: true });

  const customers = await api.request('GET', `/v1/customers?q=${domain}`, { token: tokens['global-admin'] });
  expect(customers.body.items).toEqual([expect.objectContaining({ state: 'active', companyProfile: { companyName: 'Tailspin Toys', domain } })]);

  // Opened again, the used link shows the generic page.
  const again = await page.goto(url);
  expect(again!.status()).toBe(410);
  await page.screenshot({ path: join(SCREENSHOTS, '4-used-link.png'), fullPage: true });
  await context.close();
}, 60_000);

test('two invitation pages open in two tabs: the first tab’s form still works', async () => {
  const { tokens } = await newPartner(api, { companyName: 'Two Tabs Partner LLC' });
  const domains = [`${uniqueId('tab1')}.onmicrosoft.com`, `${uniqueId('tab2')}.onmicrosoft.com`];
  const recipients = domains.map((d) => `${uniqueId('admin')}@${d}`);
  for (const [i, to] of recipients.entries()) {
    expect((await api.request('POST', '/v1/invitations', { token: tokens['global-admin'], body: { email: to, domain: domains[i] } })).status).toBe(201);
  }
  await api.mailer.drain();
  const urls = await Promise.all(recipients.map(async (to) => api.url + new URL(linksIn((await api.mailbox({ to }))[0]!.text)[0]!).pathname));

  const context = await browser.newContext({ javaScriptEnabled: false });
  const [first, second] = [await context.newPage(), await context.newPage()];
  expect((await first.goto(urls[0]!))!.status()).toBe(200);
  expect((await second.goto(urls[1]!))!.status()).toBe(200);
  await first.fill('input[name="companyName"]', 'Tab One Ltd');
  await first.fill('input[name="country"]', 'US');
  await first.fill('input[name="acceptorName"]', 'Tab One');
  const [response] = await Promise.all([first.waitForNavigation(), first.click('form[action$="/accept"] button[type="submit"]')]);
  expect(response!.status()).toBe(200);
  await first.screenshot({ path: join(SCREENSHOTS, '5-first-tab-accepted.png'), fullPage: true });
  await context.close();
}, 60_000);

test('a customer admin turns a purchase permission off and ends the relationship on the manage page in a browser, and the partner sees each through the API', async () => {
  const { tokens } = await newPartner(api, { companyName: 'Manage Me Partners LLC' });
  const to = `${uniqueId('admin')}@fabrikam.example`;
  const domain = `${uniqueId('fabrikam')}.onmicrosoft.com`;
  const invited = await api.request('POST', '/v1/invitations', {
    token: tokens['global-admin'],
    body: { email: to, domain, delegatedAdmin: { displayName: uniqueId('Support'), roles: ['helpdeskAdministrator'], duration: 'P30D' } },
  });
  expect(invited.status).toBe(201);
  const { linkFromMail, accept } = publicPages(() => api);
  expect((await accept((await linkFromMail(to)).path, { domain, companyName: 'Fabrikam Inc' })).status).toBe(200);
  const manage = api.url + (await linkFromMail(to)).path;
  const customerId = (await api.request('GET', `/v1/invitations/${invited.body.id}`, { token: tokens['global-admin'] })).body.customerId;
  const permissions = `/v1/customers/${customerId}/purchase-permissions`;
  expect((await api.request('PUT', `${permissions}/azureReservations`, { token: tokens['admin-agent'], body: { enabled: true } })).status).toBe(200);

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  expect((await page.goto(manage))!.status()).toBe(200);
  await expect(page.locator('h1').textContent()).resolves.toContain('Manage Me Partners LLC');
  await expect(page.locator('body').textContent()).resolves.toContain('Helpdesk Administrator');
  await expect(page.locator('#purchase-permission-azureReservations').textContent()).resolves.toMatch(/Azure reservations: allowed since/);
  await page.screenshot({ path: join(SCREENSHOTS, '6-manage.png'), fullPage: true });
  const [turnedOff] = await Promise.all([page.waitForNavigation(), page.click('form[action$="/purchase-permissions/azureReservations/turn-off"] button[type="submit"]')]);
  expect(turnedOff!.status()).toBe(200);
  await expect(page.locator('#purchase-permission-azureReservations').textContent()).resolves.toBe('Azure reservations: not allowed.');
  await page.screenshot({ path: join(SCREENSHOTS, '7-manage-purchase-off.png'), fullPage: true });
  const read = await api.request('GET', permissions, { token: tokens['sales-agent'] });
  expect(read.body.azureReservations).toMatchObject({ enabled: false, disabledBy: expect.stringMatching(/^customer-admin:a\*\*\*@f\*\*\*\.example$/) });

  // The page it answered with carries the forms (and the cookie) for the next change.
  await page.fill('textarea[name="reason"]', 'We bring our IT in house.');
  const [response] = await Promise.all([page.waitForNavigation(), page.click('form[action$="/end"] button[type="submit"]')]);
  expect(response!.status()).toBe(200);
  await expect(page.locator('h1').textContent()).resolves.toBe('Relationship ended');
  await page.screenshot({ path: join(SCREENSHOTS, '8-manage-ended.png'), fullPage: true });

  expect((await api.request('GET', `/v1/customers/${customerId}`, { token: tokens['global-admin'] })).body.state).toBe('ended');
  const grants = await api.request('GET', `/v1/customers/${customerId}/delegated-admin`, { token: tokens['global-admin'] });
  expect(grants.body.items.map((g: { state: string }) => g.state)).toEqual(['terminated']);
  const activity = await api.request('GET', `/v1/activity?customerId=${customerId}`, { token: tokens['global-admin'] });
  expect(activity.body.items[0]).toMatchObject({ operation: 'End Customer Relationship', actor: { userId: expect.stringMatching(/^customer-admin:a\*\*\*@f\*\*\*\.example$/) } });

  expect((await page.goto(manage))!.status()).toBe(410);
  await context.close();
}, 60_000);
