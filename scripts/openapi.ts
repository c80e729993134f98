// `npm run openapi`: generates the OpenAPI document from the route table at build time and writes it where the
// docs function serves it from (see scripts/openapi-file.ts), so no function carries the generator or zod's JSON
// Schema conversion. test/unit/openapi-document.test.ts fails while the files and the schemas disagree.
import { writeFileSync } from 'node:fs';
import { OPENAPI_JSON_FILE, OPENAPI_MODULE_FILE, formatOpenApiJson, formatOpenApiModule } from './openapi-file.js';
import { generateOpenApiDocument } from '../shared/openapi.js';

const document = generateOpenApiDocument();
writeFileSync(OPENAPI_JSON_FILE, formatOpenApiJson(document));
writeFileSync(OPENAPI_MODULE_FILE, formatOpenApiModule(document));
process.stdout.write(`wrote ${OPENAPI_JSON_FILE} and ${OPENAPI_MODULE_FILE}\n`);
