// The answers the functions with public HTML pages share (public, manage): a page under HTML_PAGE_HEADERS, the
// error page in the visitor's language, and the pages for the platform's own problems, which any of their posts
// can meet (a lost race, a busy service, the client budget spent).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type Problem, SERVICE_RETRY_AFTER_SECONDS } from '../errors.js';
import { HTML_PAGE_HEADERS } from '../html.js';
import { pickLocale } from '../i18n/messages.js';
import { renderErrorPage } from '../page-layout.js';
import type { HttpResponse } from './response.js';

export const htmlPage = (statusCode: number, body: string, cookies?: string[]): HttpResponse => ({
  statusCode,
  headers: { ...HTML_PAGE_HEADERS },
  body,
  ...(cookies ? { cookies } : {}),
});

export const localeOf = (event: APIGatewayProxyEventV2) => pickLocale(event.headers['accept-language']);

export const errorPage = (event: APIGatewayProxyEventV2, status: number) => htmlPage(status, renderErrorPage({ locale: localeOf(event), status }));

/** A limit's refusal: the 429 page with the problem's Retry-After. */
export const tooMany = (event: APIGatewayProxyEventV2, error: Problem) => ({ ...errorPage(event, 429), headers: { ...HTML_PAGE_HEADERS, ...error.headers } });

/** The platform's problems a page post can meet, as pages (a malformed address is each function's own: it knows what it names). */
export const PLATFORM_PROBLEM_PAGES = {
  // Lost every retry against concurrent changes: nothing was written, and trying again is safe.
  'http.stateConflict': (event: APIGatewayProxyEventV2) => errorPage(event, 409),
  // A service was busy or failing: nothing was written, and the same post may be sent again.
  'http.serviceUnavailable': (event: APIGatewayProxyEventV2) => ({ ...errorPage(event, 503), headers: { ...HTML_PAGE_HEADERS, 'Retry-After': String(SERVICE_RETRY_AFTER_SECONDS) } }),
  // This client network's requests for the minute are spent (the client budget), before any work was done.
  'http.rateLimited': tooMany,
} as const;
