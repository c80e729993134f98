import { config } from '../shared/config.js';
import { renderApiReference } from '../shared/docs-page.js';
import { HTML_PAGE_HEADERS } from '../shared/html.js';
import { groupHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { openApiDocument } from '../shared/openapi.js';

export const handler = groupHandler('docs')({
  health: async () => json(200, { status: 'ok' }),
  openApiDocument: async () => json(200, openApiDocument(config().publicBaseUrl)),
  apiReference: async () => ({ statusCode: 200, headers: { ...HTML_PAGE_HEADERS }, body: renderApiReference(openApiDocument(config().publicBaseUrl)) }),
});
