// The emailed link in a real headless browser: open it, fill the form, accept, see the confirmation.
// A screenshot of each page goes to test-output/e2e/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { linksIn, newPartner, startApi, uniqueId, type TestApi } from '../support/api';

const SHOTS = join(__dirname, '..', '..', 'test-output', 'e2e');

let api: TestApi;
let browser: Browser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [api, browser] = await Promise.all([startApi(), launchChromium()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
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
  await page.screenshot({ path: join(SHOTS, '1-invitation.png'), fullPage: true });

  expect(await page.inputValue('input[name="domain"]')).toBe(domain);
  await page.fill('input[name="country"]', 'US');
  await page.fill('input[name="acceptorName"]', 'Terry Tailspin');
  await page.screenshot({ path: join(SHOTS, '2-filled.png'), fullPage: true });
  const [response] = await Promise.all([page.waitForNavigation(), page.click('form[action$="/accept"] button[type="submit"]')]);
  expect(response!.status()).toBe(200);
  await expect(page.locator('body').textContent()).resolves.toMatch(/accepted/i);
  await page.screenshot({ path: join(SHOTS, '3-confirmation.png'), fullPage: true });

  const customers = await api.request('GET', `/v1/customers?q=${domain}`, { token: tokens['global-admin'] });
  expect(customers.body.items).toEqual([expect.objectContaining({ state: 'active', companyProfile: { companyName: 'Tailspin Toys', domain } })]);

  // Opened again, the used link shows the generic page.
  const again = await page.goto(url);
  expect(again!.status()).toBe(410);
  await page.screenshot({ path: join(SHOTS, '4-used-link.png'), fullPage: true });
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
  await first.screenshot({ path: join(SHOTS, '5-first-tab-accepted.png'), fullPage: true });
  await context.close();
}, 60_000);
