import { config } from '../shared/platform/config.js';
import { renderApiReference } from '../shared/platform/http/docs-page.js';
import { HTML_PAGE_HEADERS } from '../shared/platform/html.js';
import { groupHandler } from '../shared/platform/http/handler.js';
import { problemResponse } from '../shared/routes/problems.js';
import { docsRoutes } from '../shared/routes/docs.js';
import { json } from '../shared/platform/http/response.js';
import { openApiDocument } from '../shared/openapi.js';

export const handler = groupHandler(docsRoutes, { errorResponse: problemResponse })({
  health: async () => json(200, { status: 'ok' }),
  openApiDocument: async () => json(200, openApiDocument(config().publicBaseUrl)),
  apiReference: async () => ({ statusCode: 200, headers: { ...HTML_PAGE_HEADERS }, body: renderApiReference(openApiDocument(config().publicBaseUrl)) }),
});
