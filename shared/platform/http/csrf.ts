// Cross-site request protection for the public HTML forms. The page sets a random value in a
// SameSite=Strict cookie and puts its MAC in the form; a post must bring both, and a browser that
// names another site as its origin is refused outright. Each page (scope) has a cookie of its own, so a
// second tab of another link does not replace the first one's. The form value also carries when the page
// was made, signed with the rest, so a form can refuse a post that came too soon after (a script, not a person).
import { createHash } from 'node:crypto';
import { nowEpochSeconds } from '../clock.js';
import { config } from '../config.js';
import { sign, verify } from '../links/signatures.js';
import { newToken } from '../links/tokens.js';

export const CSRF_MAX_AGE_SECONDS = 3600;

/** The form value signs the cookie's nonce, the page and its issue time, under the short-lived keys: it lives as long as its cookie. */
const formMessage = (nonce: string, scope: string, issuedAt: number) => `${nonce}|${scope}|${issuedAt}`;

/** `<issued at, epoch seconds>~<signature>`. */
const FORM_VALUE = /^(\d{1,12})~(.+)$/;

const isHttps = () => config().publicBaseUrl.startsWith('https:');

/**
 * `__Host-` makes browsers refuse the cookie unless it is Secure, host-only and for the whole site, so
 * another host under the same domain cannot plant one. It needs https, so plain-http local runs go without.
 */
const cookieName = (scope: string) => `${isHttps() ? '__Host-' : ''}csrf-${createHash('sha256').update(scope).digest('base64url').slice(0, 16)}`;

/** A fresh cookie and the matching form value, bound to one page (`scope`). */
export async function issueCsrf(scope: string): Promise<{ setCookie: string; formValue: string }> {
  const nonce = newToken();
  const secure = isHttps() ? '; Secure' : '';
  const issuedAt = nowEpochSeconds();
  return {
    setCookie: `${cookieName(scope)}=${nonce}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${CSRF_MAX_AGE_SECONDS}${secure}`,
    formValue: `${issuedAt}~${await sign('shortLived', 'csrf', formMessage(nonce, scope, issuedAt))}`,
  };
}

const cookieValue = (header: string, name: string): string | undefined =>
  header
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([cookie]) => cookie === name)?.[1];

/** A post that passed: the cookie's nonce, and when its page was made (epoch seconds). */
export interface CsrfPass {
  nonce: string;
  issuedAt: number;
}

/**
 * The cookie's nonce and the form's issue time when the post passes, else undefined. A form that must serve
 * one submission only records the nonce as used in its own write (form-nonce.ts). A value older than its
 * cookie may live is refused too. `cookies`: API Gateway v2 moves the Cookie header into `event.cookies`.
 */
export async function checkCsrf(headers: Record<string, string | undefined>, cookies: string[] | undefined, formValue: string, scope: string): Promise<CsrfPass | undefined> {
  const origin = headers['origin'];
  if (origin && origin !== 'null' && origin !== new URL(config().publicBaseUrl).origin) return undefined;
  if (headers['sec-fetch-site'] === 'cross-site') return undefined;
  const nonce = cookieValue(cookies?.join('; ') ?? '', cookieName(scope));
  const [, issued, signature] = FORM_VALUE.exec(formValue) ?? [];
  if (!nonce || !issued || !signature) return undefined;
  const issuedAt = Number(issued);
  if (nowEpochSeconds() - issuedAt > CSRF_MAX_AGE_SECONDS) return undefined;
  return (await verify('shortLived', 'csrf', formMessage(nonce, scope, issuedAt), signature)) ? { nonce, issuedAt } : undefined;
}
