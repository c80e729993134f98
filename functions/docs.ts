import { brotliDecompressSync } from 'node:zlib';
import { config } from '../shared/platform/config.js';
import { renderApiReference } from '../shared/platform/http/docs-page.js';
import { HTML_PAGE_HEADERS } from '../shared/platform/html.js';
import { groupHandler } from '../shared/platform/http/handler.js';
import { problemResponse } from '../shared/routes/problems.js';
import { docsRoutes } from '../shared/routes/docs.js';
import { json } from '../shared/platform/http/response.js';
// Generated at build time (`npm run openapi`): the function carries neither the generator nor the other groups'
// schemas, only the compressed document, unpacked on the first request that asks for it.
import { OPENAPI_DOCUMENT_BROTLI } from '../shared/openapi-document.js';

let generated: { openapi: string; info: object } | undefined;

function served(serverUrl: string) {
  generated ??= JSON.parse(brotliDecompressSync(Buffer.from(OPENAPI_DOCUMENT_BROTLI, 'base64')).toString('utf8')) as { openapi: string; info: object };
  const { openapi, info, ...rest } = generated;
  return { openapi, info, servers: [{ url: serverUrl }], ...rest };
}

export const handler = groupHandler(docsRoutes, { errorResponse: problemResponse })({
  health: async () => json(200, { status: 'ok' }),
  openApiDocument: async () => json(200, served(config().publicBaseUrl)),
  apiReference: async () => ({ statusCode: 200, headers: { ...HTML_PAGE_HEADERS }, body: renderApiReference(served(config().publicBaseUrl)) }),
});
