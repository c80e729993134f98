// One error type for every problem a request can meet. A problem has a namespaced code: the platform owns
// the generic `http.*` codes below, each feature its own in `shared/<feature>/problems.ts`, and one table at
// the HTTP edge (shared/routes/problems.ts) gives every code its status, type and title. Anything else
// thrown, or a code the table does not know, is a fault of ours and becomes a logged 500.

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemOptions {
  /** The error this problem was made from; the log of a 500 follows the chain. */
  cause?: unknown;
  /** Response headers the problem calls for (`Retry-After`, `WWW-Authenticate`). */
  headers?: Record<string, string>;
  /** RFC 9457 extension members: more about this problem, for programs. */
  extensions?: Record<string, unknown>;
  /** The fields that failed validation. */
  errors?: FieldError[];
}

export class Problem<C extends string = string> extends Error {
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;
  readonly errors: FieldError[] | undefined;

  constructor(
    /** `<owner>.<name>`, e.g. `customers.domainTaken`. */
    readonly code: C,
    /** For the person reading the answer: what happened here and what to do. */
    readonly detail: string,
    { cause, headers = {}, extensions = {}, errors }: ProblemOptions = {},
  ) {
    super(detail, cause === undefined ? undefined : { cause });
    this.name = 'Problem';
    this.headers = headers;
    this.extensions = extensions;
    this.errors = errors;
  }
}

export const isProblem = (error: unknown, code?: string): error is Problem => error instanceof Problem && (code === undefined || error.code === code);

/** The maker of one owner's problems, typed by its list of codes so that it makes no other code. */
export const problemMaker =
  <C extends string>(_codes: readonly C[]) =>
  (code: C, detail: string, options?: ProblemOptions): Problem<C> =>
    new Problem(code, detail, options);

/** The problems every route can meet, whatever the feature: the request pipeline's, and generic outcomes. */
export const HTTP_PROBLEM_CODES = [
  'http.validation',
  'http.malformedJson',
  'http.invalidContinuationToken',
  'http.unauthorized',
  'http.forbidden',
  'http.notFound',
  'http.methodNotAllowed',
  'http.payloadTooLarge',
  'http.unsupportedMediaType',
  'http.preconditionRequired',
  'http.preconditionFailed',
  'http.idempotencyKeyReused',
  'http.idempotencyInProgress',
  'http.rateLimited',
  'http.stateConflict',
  'http.serviceUnavailable',
] as const;
export type HttpProblemCode = (typeof HTTP_PROBLEM_CODES)[number];

const problem = problemMaker(HTTP_PROBLEM_CODES);

export const validationFailed = (errors: FieldError[], cause?: unknown) =>
  problem('http.validation', 'One or more fields are not valid; see errors.', { errors, cause });

/** The parser's message says where the JSON broke. */
export const malformedJson = (cause: Error) => problem('http.malformedJson', cause.message, { cause });

export const invalidContinuationToken = (cause?: unknown) =>
  problem('http.invalidContinuationToken', 'Pass back the continuationToken exactly as it was returned, with the same query parameters.', { cause });

export const unauthorized = (detail = 'Send a valid bearer token.', cause?: unknown) =>
  problem('http.unauthorized', detail, { headers: { 'WWW-Authenticate': 'Bearer' }, cause });

export const forbidden = (detail: string) => problem('http.forbidden', detail);

export const notFound = (detail: string, cause?: unknown) => problem('http.notFound', detail, { cause });

export const methodNotAllowed = (detail: string) => problem('http.methodNotAllowed', detail);

export const payloadTooLarge = (detail: string) => problem('http.payloadTooLarge', detail);

export const unsupportedMediaType = (detail: string) => problem('http.unsupportedMediaType', detail);

export const preconditionRequired = () =>
  problem('http.preconditionRequired', 'Send the ETag of the version you read in an If-Match header, so that no change is lost.');

export const preconditionFailed = (cause?: unknown) =>
  problem('http.preconditionFailed', 'The resource was changed after you read it. Read it again and reapply your change.', { cause });

export const idempotencyKeyReused = () =>
  problem('http.idempotencyKeyReused', 'This Idempotency-Key was already used with a different body. Use a new key for a new request.');

export const idempotencyInProgress = (detail: string, cause?: unknown) => problem('http.idempotencyInProgress', detail, { cause });

export const rateLimited = (detail: string, retryAfterSeconds: number, cause?: unknown) =>
  problem('http.rateLimited', detail, { headers: { 'Retry-After': String(retryAfterSeconds) }, cause });

/** Not possible now: most often another request changed the same data meanwhile, and nothing was written. */
export const stateConflict = (detail: string, cause?: unknown) => problem('http.stateConflict', detail, { cause });

/** Seconds a caller waits before retrying a request that met a busy or failing service. */
export const SERVICE_RETRY_AFTER_SECONDS = 1;

/** A service we depend on was busy or failing (after the SDK's retries); nothing was written, so retrying is safe. */
export const serviceUnavailable = (cause: unknown) =>
  problem('http.serviceUnavailable', 'A service this API depends on is busy or failing right now, and nothing was changed. Send the request again after Retry-After seconds.', {
    headers: { 'Retry-After': String(SERVICE_RETRY_AFTER_SECONDS) },
    cause,
  });
