// The public partner directory: HTML pages by default, the listing as JSON to a client that asks for it.
// No sign-in, and reads only.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isProblem } from '../shared/platform/errors.js';
import { HTML_PAGE_HEADERS } from '../shared/platform/html.js';
import { groupHandler, routeKey } from '../shared/platform/http/handler.js';
import { logFault } from '../shared/platform/http/problem.js';
import { json, type HttpResponse } from '../shared/platform/http/response.js';
import { pickLocale } from '../shared/platform/i18n/messages.js';
import { renderErrorPage } from '../shared/platform/page-layout.js';
import { directoryRoutes } from '../shared/routes/directory.js';
import { clientBudgetOf } from '../shared/routes/public-pages.js';
import { PROBLEMS, problemResponse, type ProblemCode } from '../shared/routes/problems.js';
import { renderDirectoryPage } from '../shared/directory/index.js';
import { locationPageWithForm } from '../shared/information-requests/index.js';
import { findLocation, searchDirectory } from '../shared/directory/index.js';

const page = (statusCode: number, body: string, cookies?: string[]): HttpResponse => ({ statusCode, headers: { ...HTML_PAGE_HEADERS, Vary: 'Accept' }, body, ...(cookies ? { cookies } : {}) });
const localeOf = (event: APIGatewayProxyEventV2) => pickLocale(event.headers['accept-language']);

/** JSON only when the client names it; a browser's `*\/*` gets the page. */
const wantsJson = (event: APIGatewayProxyEventV2) => /\bapplication\/(?:[\w.+-]+\+)?json\b/i.test(event.headers.accept ?? '');

const LOCATION_PAGE = routeKey(directoryRoutes[1]);

export const handler = groupHandler(directoryRoutes, {
  clientBudget: clientBudgetOf('directory'),
  errorResponse: (error, event) => {
    const locale = localeOf(event);
    // A malformed location address is just a location that does not exist.
    if (event.routeKey === LOCATION_PAGE && isProblem(error, 'http.validation')) return page(404, renderErrorPage({ locale, status: 404 }));
    if (event.routeKey !== LOCATION_PAGE && wantsJson(event)) {
      const problem = problemResponse(error, event);
      return { ...problem, headers: { ...problem.headers, Vary: 'Accept' } };
    }
    // The page says what the problem's code says to a client; anything else is a fault of ours.
    const kind = isProblem(error) && Object.hasOwn(PROBLEMS, error.code) ? PROBLEMS[error.code as ProblemCode] : undefined;
    if (!kind) logFault('directory page failed', error);
    const status = kind?.status ?? 500;
    const answer = page(status, renderErrorPage({ locale, status }));
    // Retry-After of a 503 or 429 holds for the page as for the JSON.
    return kind ? { ...answer, headers: { ...answer.headers, ...(error as { headers: Record<string, string> }).headers } } : answer;
  },
})({
  directory: async ({ event, query }) => {
    const result = await searchDirectory(query);
    if (wantsJson(event)) return json(200, result, { Vary: 'Accept' });
    return page(200, renderDirectoryPage({ locale: localeOf(event), query, page: result }));
  },
  directoryLocation: async ({ event, params }) => {
    const location = await findLocation(params.partnerId, params.locationId);
    if (!location) return page(404, renderErrorPage({ locale: localeOf(event), status: 404 }));
    const { body, setCookie } = await locationPageWithForm(localeOf(event), location);
    return page(200, body, [setCookie]);
  },
});
