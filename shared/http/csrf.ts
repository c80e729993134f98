// Cross-site request protection for the public HTML forms. The page sets a random value in a
// SameSite=Strict cookie and puts its MAC in the form; a post must bring both, and a browser that
// names another site as its origin is refused outright.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { config } from '../config.js';
import { derivedKey } from '../data/cursor.js';

const COOKIE = 'csrf';

const mac = async (nonce: string, scope: string) =>
  createHmac('sha256', await derivedKey('csrf')).update(`${nonce}|${scope}`).digest('base64url');

/** A fresh cookie and the matching form value, bound to one page (`scope`). */
export async function issueCsrf(scope: string): Promise<{ setCookie: string; formValue: string }> {
  const nonce = randomBytes(18).toString('base64url');
  const secure = config().publicBaseUrl.startsWith('https:') ? '; Secure' : '';
  return { setCookie: `${COOKIE}=${nonce}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600${secure}`, formValue: await mac(nonce, scope) };
}

const cookieValue = (header: string | undefined): string | undefined =>
  header
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === COOKIE)?.[1];

/** `cookies`: API Gateway v2 moves the Cookie header into `event.cookies`. */
export async function csrfPasses(headers: Record<string, string | undefined>, cookies: string[] | undefined, formValue: string, scope: string): Promise<boolean> {
  const origin = headers['origin'];
  if (origin && origin !== 'null' && origin !== new URL(config().publicBaseUrl).origin) return false;
  if (headers['sec-fetch-site'] === 'cross-site') return false;
  const nonce = cookieValue(cookies?.join('; '));
  if (!nonce) return false;
  const expected = Buffer.from(await mac(nonce, scope));
  const given = Buffer.from(formValue);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
