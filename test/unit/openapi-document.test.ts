// The docs function serves the document generated at build time (`npm run openapi`); this holds both generated
// files to what the route table and the zod schemas say now, so a changed schema or route cannot leave the served
// document behind.
process.env.TABLE_NAME = 'unit-table';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { generateOpenApiDocument } from '../../shared/openapi';
import { OPENAPI_DOCUMENT_BROTLI } from '../../shared/openapi-document';
import { OPENAPI_JSON_FILE, formatOpenApiJson } from '../../scripts/openapi-file';

const RUN = '(run `npm run openapi`)';
const generated = generateOpenApiDocument();

test(`shared/openapi.json is the document the route table generates now ${RUN}`, () => {
  expect(readFileSync(OPENAPI_JSON_FILE, 'utf8')).toBe(formatOpenApiJson(generated));
});

test(`the compressed document the docs function bundles is that document ${RUN}`, () => {
  expect(JSON.parse(brotliDecompressSync(Buffer.from(OPENAPI_DOCUMENT_BROTLI, 'base64')).toString('utf8'))).toEqual(generated);
});

test('every schema the document refers to is in it, and it holds no other', () => {
  const refs = new Set([...JSON.stringify(generated).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!));
  expect([...refs].sort()).toEqual(Object.keys(generated.components.schemas).sort());
});
