// The schemas only the API's own description uses: the problem answer of every route and the docs function's
// answers. Apart from the request schemas (./schemas.ts), because a zod schema with metadata is built when its
// module loads, wherever it is bundled: here, only the docs function and `npm run openapi` pay for them.
import { array, globalRegistry, int, literal, looseObject, meta, number, object, optional, record, regex, string, unknown } from './zod.js';

export const Problem = object({
  type: string(),
  title: string(),
  status: number().check(int()),
  detail: string(),
  instance: optional(string()).check(meta({ description: 'The request path' })),
  requestId: optional(string()).check(meta({ description: 'Quote it when you report a problem' })),
  errors: optional(array(object({ path: string(), message: string() }))),
  qualifyingAddresses: optional(object({ domains: array(string()), adminContacts: array(string()) })).check(
    meta({ description: 'recipient-outside-organization: the domains whose addresses may accept, and the masked admin contacts' }),
  ),
  currentStatus: optional(string()).check(meta({ description: 'referral-transition-not-allowed: the referral status now' })),
  currentSubstatus: optional(string()).check(meta({ description: 'referral-transition-not-allowed: the referral substatus now' })),
  allowedTransitions: optional(array(string())).check(
    meta({ description: 'referral-transition-not-allowed: what the referral allows now (accept, decline, update, close)' }),
  ),
}).register(globalRegistry, { id: 'Problem', description: 'RFC 9457 problem details' });

export const Health = object({ status: literal('ok') }).register(globalRegistry, { id: 'Health' });

/** What GET /v1/openapi.json promises of itself; the OpenAPI 3.1 schema describes the rest. */
export const OpenApiDocument = looseObject({
  openapi: string().check(regex(/^3\.1\.\d+$/)),
  info: looseObject({ title: string(), version: string() }),
  paths: record(string(), unknown()),
}).register(globalRegistry, { id: 'OpenApiDocument', description: 'An OpenAPI 3.1 document (https://spec.openapis.org/oas/3.1/schema/2022-10-07)' });
