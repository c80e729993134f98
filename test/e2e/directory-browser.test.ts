// The public partner directory in a real headless browser, without JavaScript, on a phone-sized screen:
// search with the form, filter, follow a listing to its location page, and send its request-for-information
// form. Screenshots go to test-output/e2e/.
process.env.INFORMATION_REQUEST_MIN_FILL_SECONDS = '5';

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, useApiAndBrowser } from '../support/chromium';
import { newPartner, uniqueId, type TestApi } from '../support/api';

let api: TestApi;
let browser: Browser;
useApiAndBrowser((a, b) => {
  api = a;
  browser = b;
}, { mailer: false });

/** How wide the page's content is, as the browser laid it out (no JavaScript of the page's own runs). */
const pageWidth = (page: Page): Promise<number> => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

async function publish(companyName: string, word: string, overrides: Record<string, unknown>) {
  const { tokens, partnerId } = await newPartner(api, { companyName });
  const body = {
    description: 'We move small businesses to the cloud and keep them running.\nSupport in English and Spanish.',
    website: 'https://partner.example',
    industries: ['healthcare'],
    products: ['azure', 'microsoft365'],
    services: ['migration'],
    solutions: [`${word} clinics`, 'Backup and recovery'],
    customerSizes: ['1to9employees', '10to50employees'],
    locations: [{ address: { country: 'US', city: 'Austin', region: 'TX', addressLine1: '500 Congress Avenue', postalCode: '78701' }, contact: { name: 'Lee Leads', email: 'leads@partner.example' } }],
    ...overrides,
  };
  const put = await api.request('PUT', '/v1/business-profiles/US', { token: tokens['global-admin'], body });
  expect(put.status).toBe(200);
  expect((await api.request('POST', '/v1/business-profiles/US/publish', { token: tokens['global-admin'] })).status).toBe(200);
  return { partnerId, locationId: put.body.locations[0].id as string };
}

test('a visitor searches the directory, filters it, and opens a location page', async () => {
  const word = uniqueId('telehealth').replace('-', '');
  const clinic = await publish('Contoso Health Cloud LLC', word, {});
  await publish('Fabrikam Retail IT Ltd', word, { industries: ['retail'], customerSizes: ['morethan20000employees'] });

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  expect((await page.goto(`${api.url}/directory`))!.status()).toBe(200);
  await expect(page.locator('h1').textContent()).resolves.toBe('Find a cloud partner');
  // Nothing is wider than the phone's screen.
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: join(SCREENSHOTS, 'directory-1-start.png'), fullPage: true });

  await page.fill('input[name="q"]', word);
  await Promise.all([page.waitForNavigation(), page.click('form[role="search"] button[type="submit"]')]);
  expect(await page.locator('article.listing h3').allTextContents()).toEqual(expect.arrayContaining(['Contoso Health Cloud LLC', 'Fabrikam Retail IT Ltd']));
  expect(await page.locator('article.listing').count()).toBe(2);
  await page.screenshot({ path: join(SCREENSHOTS, 'directory-2-results.png'), fullPage: true });

  await page.selectOption('select[name="industry"]', 'healthcare');
  await Promise.all([page.waitForNavigation(), page.click('form[role="search"] button[type="submit"]')]);
  expect(await page.locator('article.listing h3').allTextContents()).toEqual(['Contoso Health Cloud LLC']);
  expect(await page.inputValue('input[name="q"]')).toBe(word);
  expect(await page.inputValue('select[name="industry"]')).toBe('healthcare');
  await page.screenshot({ path: join(SCREENSHOTS, 'directory-3-filtered.png'), fullPage: true });

  await Promise.all([page.waitForNavigation(), page.click('article.listing a')]);
  expect(new URL(page.url()).pathname).toBe(`/directory/${clinic.partnerId}/${clinic.locationId}`);
  await expect(page.locator('h1').textContent()).resolves.toBe('Contoso Health Cloud LLC');
  const body = await page.locator('body').textContent();
  for (const text of ['Healthcare', 'Azure', 'Microsoft 365', 'Migration', `${word} clinics`, '500 Congress Avenue', 'Austin', '1 to 9 employees']) expect(body).toContain(text);
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: join(SCREENSHOTS, 'directory-4-location.png'), fullPage: true });
  await context.close();
}, 90_000);

test('a visitor fills in the request form on a phone: too quick a post shows the form again with what was entered, then it is sent', async () => {
  const word = uniqueId('rfi').replace('-', '');
  const clinic = await publish('Contoso Health Cloud LLC', word, {});
  const path = `/directory/${clinic.partnerId}/${clinic.locationId}`;

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  expect((await page.goto(`${api.url}${path}`))!.status()).toBe(200);
  await expect(page.locator('#rfi-heading').textContent()).resolves.toBe('Ask Contoso Health Cloud LLC for information');
  // The honeypot is there for scripts, not to be seen.
  expect(await page.locator('input[name="website"]').isVisible()).toBe(true);
  const box = await page.locator('input[name="website"]').boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(0);

  await page.fill('input[name="firstName"]', 'Rita');
  await page.fill('input[name="lastName"]', 'Requester');
  await page.fill('input[name="companyName"]', 'Woodgrove Clinics Ltd');
  await page.fill('input[name="email"]', `${uniqueId('rita')}@woodgrove-clinics.example`);
  await page.fill('input[name="phone"]', '+1 512 555 0142');
  await page.selectOption('select[name="country"]', 'US');
  await page.selectOption('select[name="size"]', '10to50employees');
  await page.fill('textarea[name="need"]', 'We want to move 40 mailboxes to the cloud.');
  await page.check('input[name="contactMe"]');
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: join(SCREENSHOTS, 'directory-5-request-form.png'), fullPage: true });

  // Sent at once: faster than a person, so the form comes back, filled in, with the reason on top.
  const [tooSoon] = await Promise.all([page.waitForNavigation(), page.click('form[method="post"] button[type="submit"]')]);
  expect(tooSoon!.status()).toBe(422);
  await expect(page.locator('.summary').textContent()).resolves.toContain('The form was sent very quickly');
  expect(await page.inputValue('input[name="companyName"]')).toBe('Woodgrove Clinics Ltd');
  expect(await page.inputValue('select[name="size"]')).toBe('10to50employees');
  expect(await page.isChecked('input[name="contactMe"]')).toBe(true);
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: join(SCREENSHOTS, 'directory-6-request-too-soon.png'), fullPage: true });

  await page.waitForTimeout(5200);
  const [sent] = await Promise.all([page.waitForNavigation(), page.click('form[method="post"] button[type="submit"]')]);
  expect(sent!.status()).toBe(200);
  await expect(page.locator('h1').textContent()).resolves.toBe('Check your email');
  await page.screenshot({ path: join(SCREENSHOTS, 'directory-7-request-sent.png'), fullPage: true });
  await context.close();

  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const wide = await desktop.newPage();
  expect((await wide.goto(`${api.url}${path}`))!.status()).toBe(200);
  await wide.screenshot({ path: join(SCREENSHOTS, 'directory-8-location-form-desktop.png'), fullPage: true });
  await desktop.close();
}, 90_000);
