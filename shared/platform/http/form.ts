// The public pages' HTML form posts: url-encoded, bounded, each field once. What the fields mean is the
// page's schema's business; a post that cannot even be read is a FormError, which the pages answer with 400.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { FieldError } from '../form-fields.js';
import { t } from '../i18n/messages.js';
import { MAX_BODY_BYTES } from './request.js';

export class FormError extends Error {}

export function readForm(event: APIGatewayProxyEventV2): Record<string, string> {
  const type = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new FormError('form expected');
  const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (raw.length > MAX_BODY_BYTES) throw new FormError('form too large');
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) {
    if (name in fields) throw new FormError('repeated field');
    fields[name] = value;
  }
  return fields;
}

/** A schema's issues as the page's field errors, in the visitor's language. */
export function fieldErrors(locale: string, error: { issues: { path: PropertyKey[]; message: string }[] }): FieldError[] {
  return error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'form'), message: t(locale, 'formError.invalid', { detail: issue.message }) }));
}
