// One error type per meaning. Workflows throw these; one middleware (shared/platform/http/problem.ts) turns
// them into RFC 9457 problem+json. Anything else is a fault of ours and becomes a bare 500.

export interface FieldError {
  path: string;
  message: string;
}

export abstract class ProblemError extends Error {
  abstract readonly status: number;
  /** Last segment of the problem type URI. */
  abstract readonly slug: string;
  abstract readonly title: string;
  readonly headers: Record<string, string> = {};
  /** RFC 9457 extension members: more about this problem, for programs. */
  readonly extensions: Record<string, unknown> = {};
  constructor(readonly detail: string) {
    super(detail);
    this.name = new.target.name;
  }
}

export class ValidationError extends ProblemError {
  readonly status = 400;
  readonly slug = 'validation';
  readonly title = 'The request is not valid';
  constructor(readonly errors: FieldError[], detail = 'One or more fields are not valid; see errors.') {
    super(detail);
  }
}

export class MalformedJsonError extends ProblemError {
  readonly status = 400;
  readonly slug = 'malformed-json';
  readonly title = 'The body is not valid JSON';
}

export class InvalidContinuationTokenError extends ProblemError {
  readonly status = 400;
  readonly slug = 'invalid-continuation-token';
  readonly title = 'The continuation token is not valid';
  constructor() {
    super('Pass back the continuationToken exactly as it was returned, with the same query parameters.');
  }
}

export class UnauthorizedError extends ProblemError {
  readonly status = 401;
  readonly slug = 'unauthorized';
  readonly title = 'Authentication is required';
  constructor(detail = 'Send a valid bearer token.') {
    super(detail);
    this.headers['WWW-Authenticate'] = 'Bearer';
  }
}

export class ForbiddenError extends ProblemError {
  readonly status = 403;
  readonly slug = 'forbidden';
  readonly title = 'Not allowed';
}

export class NotFoundError extends ProblemError {
  readonly status = 404;
  readonly slug = 'not-found';
  readonly title = 'Not found';
}

export class MethodNotAllowedError extends ProblemError {
  readonly status = 405;
  readonly slug = 'method-not-allowed';
  readonly title = 'Method not allowed';
}

export class DomainTakenError extends ProblemError {
  readonly status = 409;
  readonly slug = 'domain-taken';
  readonly title = 'The domain belongs to an existing organization';
  constructor(domain: string) {
    super(`The domain ${domain} is already in use by an organization. Invite that customer to a reseller relationship instead of creating it.`);
  }
}

export class PartnerProfileRequiredError extends ProblemError {
  readonly status = 409;
  readonly slug = 'partner-profile-required';
  readonly title = 'The partner has no legal profile';
  constructor() {
    super('A Global admin must set the legal profile (PUT /v1/partner) before customers can be added.');
  }
}

export class MarketNotAllowedError extends ProblemError {
  readonly status = 422;
  readonly slug = 'market-not-allowed';
  readonly title = 'The customer is outside the partner markets';
  constructor(country: string) {
    super(`The partner may add customers only in its markets, and ${country} is not one of them.`);
  }
}

export class BusinessRuleError extends ProblemError {
  readonly status = 422;
  readonly slug = 'business-rule';
  readonly title = 'The request breaks a business rule';
}

export class IdempotencyKeyReuseError extends ProblemError {
  readonly status = 422;
  readonly slug = 'idempotency-key-reused';
  readonly title = 'The Idempotency-Key was used for another request';
  constructor() {
    super('This Idempotency-Key was already used with a different body. Use a new key for a new request.');
  }
}

export class IdempotencyInProgressError extends ProblemError {
  readonly status = 409;
  readonly slug = 'idempotency-in-progress';
  readonly title = 'A request with this Idempotency-Key is still being processed';
}

export class PreconditionRequiredError extends ProblemError {
  readonly status = 428;
  readonly slug = 'precondition-required';
  readonly title = 'If-Match is required';
  constructor() {
    super('Send the ETag of the version you read in an If-Match header, so that no change is lost.');
  }
}

export class PreconditionFailedError extends ProblemError {
  readonly status = 412;
  readonly slug = 'precondition-failed';
  readonly title = 'The resource has changed';
  constructor() {
    super('The resource was changed after you read it. Read it again and reapply your change.');
  }
}

export class PayloadTooLargeError extends ProblemError {
  readonly status = 413;
  readonly slug = 'payload-too-large';
  readonly title = 'The body is too large';
}

export class UnsupportedMediaTypeError extends ProblemError {
  readonly status = 415;
  readonly slug = 'unsupported-media-type';
  readonly title = 'Unsupported content type';
}

export class StateConflictError extends ProblemError {
  readonly status = 409;
  readonly slug = 'state-conflict';
  readonly title = 'Not possible in the current state';
}

export class RecipientBouncedError extends ProblemError {
  readonly status = 409;
  readonly slug = 'recipient-bounced';
  readonly title = 'Mail to this address bounced';
  constructor() {
    super('Mail to this address bounced or was reported as spam. Check the address; to send anyway, set overrideBounce.');
  }
}

export class DelegatedAdminNameTakenError extends ProblemError {
  readonly status = 409;
  readonly slug = 'delegated-admin-name-taken';
  readonly title = 'The delegated admin display name is in use';
  constructor(name: string) {
    super(`This partner already has a delegated admin relationship named "${name}". Display names are unique per partner.`);
  }
}

export class RateLimitedError extends ProblemError {
  readonly status = 429;
  readonly slug = 'rate-limited';
  readonly title = 'Too many requests';
  constructor(detail: string, retryAfterSeconds: number) {
    super(detail);
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

/**
 * Consent cannot be forged: a relationship with an existing organization comes only through a person who
 * controls one of its mailboxes. The caller is told which addresses qualify, with admin contacts masked.
 */
export class RecipientOutsideOrganizationError extends ProblemError {
  readonly status = 422;
  readonly slug = 'recipient-outside-organization';
  readonly title = 'The address does not belong to the organization';
  constructor(domain: string, qualifying: { domains: string[]; adminContacts: string[] }) {
    const at = qualifying.domains.map((d) => `@${d}`).join(', ');
    const contacts = qualifying.adminContacts.length ? `, or one of the admin contacts it recorded (${qualifying.adminContacts.join(', ')})` : '';
    super(
      `The organization ${domain} already exists, and only a person who controls one of its mailboxes can accept for it. ` +
        `Invite an address at its domains (${at})${contacts}.`,
    );
    this.extensions.qualifyingAddresses = qualifying;
  }
}

export class OrganizationCreationNotAllowedError extends ProblemError {
  readonly status = 422;
  readonly slug = 'organization-creation-not-allowed';
  readonly title = 'This partner cannot create organizations';
  constructor(domain: string) {
    super(
      `No organization has the domain ${domain} yet, and an indirect reseller cannot create organizations: its indirect provider creates them for it. ` +
        'Invite an existing organization, or ask your provider to create this one for you.',
    );
  }
}

/** A public form's value was already used: each page view serves one submission. */
export class FormAlreadyUsedError extends ProblemError {
  readonly status = 403;
  readonly slug = 'form-already-used';
  readonly title = 'This form was already sent';
  constructor() {
    super('Each form serves one submission. Reload the page to send another.');
  }
}
