// Every answer the integration tests get is held against the OpenAPI document the API serves: its status must
// be declared for the operation, its content type too, a JSON body must be valid against the declared schema,
// and the headers declared as required must be there. A disagreement fails the test that got the answer.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { matchRoute } from '../../scripts/local/router';
import served from '../../shared/openapi.json';

interface DeclaredResponse {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, unknown>;
}
interface Operation {
  operationId: string;
  responses: Record<string, DeclaredResponse>;
}

/** What the tests saw: the request line and the answer. */
export interface Answer {
  method: string;
  /** Path and query, as sent. */
  target: string;
  status: number;
  header(name: string): string | undefined;
  body: string;
}

const DOCUMENT_ID = 'https://reseller-accounts.dev/openapi.json';
// The document as the docs function serves it (test/unit/openapi-document.test.ts holds it to the schemas).
const document = () => served as unknown as { paths: Record<string, Record<string, Operation>> };

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** The validator of a schema inside the document, by JSON pointer, so its $refs resolve as in the document. */
function validatorAt(pointer: string[]): ValidateFunction {
  const fragment = pointer.map((part) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
  const ref = `${DOCUMENT_ID}#/${fragment}`;
  let validate = validators.get(ref);
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv2020({ allErrors: true, strict: true });
      addFormats(ajv);
      // The document is the root schema, so that $refs resolve in it: its own members are not schema keywords.
      ajv.addVocabulary(['example', 'openapi', 'info', 'servers', 'paths', 'components', 'webhooks']);
      ajv.addSchema(document(), DOCUMENT_ID);
    }
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  return validate;
}

const mediaType = (contentType: string | undefined) => contentType?.split(';')[0]!.trim().toLowerCase() ?? '';

export function checkAgainstDocument(answer: Answer): void {
  const { match } = matchRoute(answer.method, new URL(answer.target, 'http://local').pathname);
  // No route: the gateway's own 404 or 405, which no operation of the document describes.
  if (!match) return;
  const path = match.route.path;
  const method = answer.method.toLowerCase();
  const operation = document().paths[path]![method]!;
  const where = `${answer.method} ${answer.target} answered ${answer.status} (${operation.operationId})`;
  const fail = (what: string): never => {
    throw new Error(`The answer disagrees with the OpenAPI document: ${where}: ${what}\n${answer.body.slice(0, 600)}`);
  };

  const declared = operation.responses[String(answer.status)];
  if (!declared) return fail(`the status is not declared (declared: ${Object.keys(operation.responses).join(', ')})`);
  for (const [name, header] of Object.entries(declared.headers ?? {})) {
    if (header.required && answer.header(name) === undefined) fail(`the declared header ${name} is missing`);
  }
  if (!declared.content) {
    if (answer.body !== '') fail('a body came, but none is declared');
    return;
  }
  const type = mediaType(answer.header('content-type'));
  if (!(type in declared.content)) fail(`the content type ${type || '(none)'} is not declared (declared: ${Object.keys(declared.content).join(', ')})`);
  if (!/[/+]json$/.test(type)) return;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    fail('the body is not JSON');
  }
  const validate = validatorAt(['paths', path, method, 'responses', String(answer.status), 'content', type, 'schema']);
  if (!validate(body)) fail(`the body does not match the declared schema: ${ajv!.errorsText(validate.errors, { dataVar: 'body' })}`);
}
