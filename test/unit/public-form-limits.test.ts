// What the public forms key their limits and their one-use rule on.
process.env.TABLE_NAME = 'unit';
process.env.CURSOR_KEY = '11'.repeat(32);

import { clientNetwork, clientNetworkHash } from '../../shared/platform/http/client-network';
import { resetConfig } from '../../shared/platform/config';
import { checkCsrf, issueCsrf } from '../../shared/platform/http/csrf';
import { clock } from '../../shared/platform/clock';

afterEach(() => {
  delete process.env.PUBLIC_BASE_URL;
  resetConfig();
});

test.each([
  ['203.0.113.7', '203.0.113.7'],
  ['::ffff:203.0.113.7', '203.0.113.7'],
  ['2001:db8:1:2:3:4:5:6', '2001:0db8:0001:0002::/64'],
  ['2001:db8:1:2::9', '2001:0db8:0001:0002::/64'],
  ['2001:DB8:1:2:ffff::1', '2001:0db8:0001:0002::/64'],
  ['2001:db8::1', '2001:0db8:0000:0000::/64'],
])('client network of %s is %s', (ip, network) => {
  expect(clientNetwork(ip)).toBe(network);
});

test('the stored client key is a keyed hash: the same for one network, no address in it', async () => {
  const a = await clientNetworkHash('2001:db8:1:2::1');
  expect(await clientNetworkHash('2001:db8:1:2::2')).toBe(a);
  expect(await clientNetworkHash('2001:db8:1:3::1')).not.toBe(a);
  expect(a).not.toContain('2001');
});

const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;

test('each page has its own cookie, so a second tab does not replace the first one’s', async () => {
  const one = await issueCsrf('link-one');
  const two = await issueCsrf('link-two');
  expect(cookieOf(one.setCookie).split('=')[0]).not.toBe(cookieOf(two.setCookie).split('=')[0]);
  const jar = [cookieOf(one.setCookie), cookieOf(two.setCookie)];
  const nonce = (await checkCsrf({}, jar, one.formValue, 'link-one'))?.nonce;
  expect(nonce).toBe(cookieOf(one.setCookie).split('=')[1]);
  expect(await checkCsrf({}, jar, two.formValue, 'link-two')).toBeDefined();
  expect(await checkCsrf({}, jar, one.formValue, 'link-two')).toBeUndefined();
  expect(await checkCsrf({ origin: 'https://evil.example' }, jar, one.formValue, 'link-one')).toBeUndefined();
});

test('over https the cookie is a __Host- cookie: Secure, host-only, for the whole site', async () => {
  process.env.PUBLIC_BASE_URL = 'https://accounts.partner.example';
  resetConfig();
  const { setCookie } = await issueCsrf('link-one');
  expect(setCookie).toMatch(/^__Host-csrf-[A-Za-z0-9_-]{16}=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure$/);
  expect(setCookie).not.toMatch(/Domain=/i);
});

test('the form value carries when its page was made, signed: a changed time or an hour-old form is refused', async () => {
  const { setCookie, formValue } = await issueCsrf('rfi');
  const jar = [cookieOf(setCookie)];
  const pass = await checkCsrf({}, jar, formValue, 'rfi');
  expect(pass?.issuedAt).toBe(Number(formValue.split('~')[0]));
  expect(await checkCsrf({}, jar, formValue.replace(/^\d+/, (t) => String(Number(t) - 60)), 'rfi')).toBeUndefined();
  const realNow = clock.now;
  clock.now = () => new Date(Date.now() + 3601 * 1000);
  try {
    expect(await checkCsrf({}, jar, formValue, 'rfi')).toBeUndefined();
  } finally {
    clock.now = realNow;
  }
});
