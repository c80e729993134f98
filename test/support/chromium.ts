// The browser tests use Debian's chromium (downloads of browser builds are blocked here). Tests install
// nothing: `npm test` (scripts/test.mjs) installs it before the e2e project runs.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startApi, type TestApi } from './api';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No browser at ${CHROMIUM_PATH}. Run the tests with \`npm test\`, which installs Debian's chromium, or install it ` +
        'yourself (apt-get install -y --no-install-recommends chromium), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Where the browser tests put a screenshot of each page they see. */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'e2e');

/**
 * Starts the test API and chromium side by side before a browser test file, hands both over, and closes both
 * after it.
 */
export function useApiAndBrowser(receive: (api: TestApi, browser: Browser) => void, options?: Parameters<typeof startApi>[0]) {
  let opened: [TestApi, Browser] | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    opened = await Promise.all([startApi(options), launchChromium()]);
    receive(...opened);
  }, 180_000);
  afterAll(async () => {
    await opened?.[1].close();
    await opened?.[0].close();
  });
}
