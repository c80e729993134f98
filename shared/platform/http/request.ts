import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { safeParse, type core, type output } from '../zod.js';
import { malformedJson, payloadTooLarge, unsupportedMediaType, validationFailed, type FieldError } from '../errors.js';

export const MAX_BODY_BYTES = 64 * 1024;

const JSON_TYPES = new Set(['application/json', 'application/merge-patch+json']);

export function issuesToFieldErrors(location: string, error: core.$ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [location, ...issue.path.map(String)].join('.');
    return keys.length > 0
      ? { path, message: `unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}` }
      : { path, message: issue.message };
  });
}

export function validate<S extends core.$ZodType>(location: string, schema: S, value: unknown): output<S> {
  const result = safeParse(schema, value);
  if (!result.success) throw validationFailed(issuesToFieldErrors(location, result.error), result.error);
  return result.data;
}

/** Reads a JSON body with the checks a public API owes its callers: type, size, syntax. */
export function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    throw payloadTooLarge(`The body is ${bytes.length} bytes; the limit is ${MAX_BODY_BYTES}.`);
  }
  if (bytes.length === 0) throw validationFailed([{ path: 'body', message: 'a JSON body is required' }]);
  const contentType = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_TYPES.has(contentType)) {
    throw unsupportedMediaType(`Send the body as application/json${contentType ? `, not ${contentType}` : ''}.`);
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw malformedJson(error as SyntaxError);
  }
}

/**
 * The most a request body can be: API Gateway's payload limit for Lambda (6 MB, of the event as Lambda
 * receives it, so a little less for the body itself).
 */
export const MAX_UPLOAD_BYTES = 6 * 1000 * 1000 - 64 * 1024;

/** A file sent as the body, in one of `types`, up to `MAX_UPLOAD_BYTES`; the operation reads what it holds. */
export function readUpload(event: APIGatewayProxyEventV2, types: readonly string[]): { contentType: string; text: string } {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_UPLOAD_BYTES) throw payloadTooLarge(`The body is ${bytes.length} bytes; the limit is ${MAX_UPLOAD_BYTES}.`);
  const contentType = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!types.includes(contentType)) throw unsupportedMediaType(`Send the body as ${types.join(' or ')}${contentType ? `, not ${contentType}` : ''}.`);
  if (bytes.length === 0) throw validationFailed([{ path: 'body', message: 'a body is required' }]);
  return { contentType, text: bytes.toString('utf8') };
}
