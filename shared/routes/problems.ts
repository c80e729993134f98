// The one table of problem codes → HTTP answers. Features throw codes and never name a status; this edge
// knows every feature, so it says how each code is answered. A code missing here does not compile, and one
// thrown without an entry (or any other error) is a logged 500.
import type { BusinessProfilesProblemCode } from '../business-profiles/index.js';
import type { CustomerImportsProblemCode } from '../customer-imports/index.js';
import type { CustomersProblemCode } from '../customers/index.js';
import type { DelegatedAdminProblemCode } from '../delegated-admin/index.js';
import type { IndirectProvidersProblemCode } from '../indirect-providers/index.js';
import type { InformationRequestsProblemCode } from '../information-requests/index.js';
import type { InvitationsProblemCode } from '../invitations/index.js';
import type { PartnerProblemCode } from '../partner/index.js';
import type { HttpProblemCode } from '../platform/errors.js';
import { problemResponder, type ProblemKind } from '../platform/http/problem.js';
import type { ReferralsProblemCode } from '../referrals/index.js';
import type { PurchasePermissionsProblemCode } from '../purchase-permissions/index.js';
import type { RelationshipsProblemCode } from '../relationships/index.js';
import type { ValidationCodesProblemCode } from '../validation-codes/index.js';
import type { ResellerInvitationsProblemCode } from '../reseller-invitations/index.js';

export type ProblemCode =
  | HttpProblemCode
  | CustomersProblemCode
  | CustomerImportsProblemCode
  | PartnerProblemCode
  | IndirectProvidersProblemCode
  | InvitationsProblemCode
  | DelegatedAdminProblemCode
  | RelationshipsProblemCode
  | ReferralsProblemCode
  | BusinessProfilesProblemCode
  | InformationRequestsProblemCode
  | PurchasePermissionsProblemCode
  | ValidationCodesProblemCode
  | ResellerInvitationsProblemCode;

/**
 * The problem types clients see (`type` is the last segment of its URI). Several codes share a type: the
 * type is what a client acts on, the code says which rule spoke.
 */
const TYPES = {
  validation: { status: 400, type: 'validation', title: 'The request is not valid' },
  malformedJson: { status: 400, type: 'malformed-json', title: 'The body is not valid JSON' },
  invalidContinuationToken: { status: 400, type: 'invalid-continuation-token', title: 'The continuation token is not valid' },
  unauthorized: { status: 401, type: 'unauthorized', title: 'Authentication is required' },
  forbidden: { status: 403, type: 'forbidden', title: 'Not allowed' },
  formAlreadyUsed: { status: 403, type: 'form-already-used', title: 'This form was already sent' },
  indirectProviderOnly: { status: 403, type: 'indirect-provider-only', title: 'Only an indirect provider may do this' },
  resellerNotLinked: { status: 403, type: 'reseller-not-linked', title: 'The reseller has not authorized this provider' },
  providerEndsSharedCustomer: { status: 403, type: 'provider-ends-shared-customer', title: "Only the indirect provider ends or reinstates a shared customer's relationship" },
  notFound: { status: 404, type: 'not-found', title: 'Not found' },
  methodNotAllowed: { status: 405, type: 'method-not-allowed', title: 'Method not allowed' },
  stateConflict: { status: 409, type: 'state-conflict', title: 'Not possible in the current state' },
  domainTaken: { status: 409, type: 'domain-taken', title: 'The domain belongs to an existing organization' },
  partnerProfileRequired: { status: 409, type: 'partner-profile-required', title: 'The partner has no legal profile' },
  idempotencyInProgress: { status: 409, type: 'idempotency-in-progress', title: 'A request with this Idempotency-Key is still being processed' },
  recipientBounced: { status: 409, type: 'recipient-bounced', title: 'Mail to this address bounced' },
  delegatedAdminNameTaken: { status: 409, type: 'delegated-admin-name-taken', title: 'The delegated admin display name is in use' },
  referralTransitionNotAllowed: { status: 409, type: 'referral-transition-not-allowed', title: "Not possible in the referral's current state" },
  relationshipNotActive: { status: 409, type: 'relationship-not-active', title: 'The relationship with the customer is not active' },
  gone: { status: 410, type: 'gone', title: 'The link can no longer be used' },
  preconditionFailed: { status: 412, type: 'precondition-failed', title: 'The resource has changed' },
  payloadTooLarge: { status: 413, type: 'payload-too-large', title: 'The body is too large' },
  unsupportedMediaType: { status: 415, type: 'unsupported-media-type', title: 'Unsupported content type' },
  businessRule: { status: 422, type: 'business-rule', title: 'The request breaks a business rule' },
  marketNotAllowed: { status: 422, type: 'market-not-allowed', title: 'The customer is outside the partner markets' },
  formSentTooSoon: { status: 422, type: 'form-sent-too-soon', title: 'The form was sent too soon after the page was opened' },
  idempotencyKeyReused: { status: 422, type: 'idempotency-key-reused', title: 'The Idempotency-Key was used for another request' },
  recipientOutsideOrganization: { status: 422, type: 'recipient-outside-organization', title: 'The address does not belong to the organization' },
  organizationCreationNotAllowed: { status: 422, type: 'organization-creation-not-allowed', title: 'This partner cannot create organizations' },
  billToPartnerRequired: { status: 422, type: 'bill-to-partner-required', title: 'Only a bill-to partner grants purchase permissions' },
  validationCodeRequired: { status: 422, type: 'validation-code-required', title: 'A new customer needs a government validation code' },
  validationCodeUnknown: { status: 422, type: 'validation-code-unknown', title: 'The validation code is not recorded' },
  validationCodeSpent: { status: 422, type: 'validation-code-spent', title: 'The validation code allows no more creations' },
  notAnIndirectReseller: { status: 422, type: 'not-an-indirect-reseller', title: 'The partner is not an indirect reseller' },
  notAnIndirectProvider: { status: 422, type: 'not-an-indirect-provider', title: 'The partner is not an indirect provider' },
  providerProfileRequired: { status: 422, type: 'provider-profile-required', title: 'The indirect provider has no legal profile' },
  indirectMarketMismatch: { status: 422, type: 'indirect-market-mismatch', title: "The partners' markets do not share the reseller's country" },
  alreadyLinked: { status: 409, type: 'already-linked', title: 'The partners are already linked' },
  preconditionRequired: { status: 428, type: 'precondition-required', title: 'If-Match is required' },
  rateLimited: { status: 429, type: 'rate-limited', title: 'Too many requests' },
  serviceUnavailable: { status: 503, type: 'service-unavailable', title: 'Temporarily unavailable' },
} as const satisfies Record<string, ProblemKind>;

export const PROBLEMS: Readonly<Record<ProblemCode, ProblemKind>> = {
  'http.validation': TYPES.validation,
  'http.malformedJson': TYPES.malformedJson,
  'http.invalidContinuationToken': TYPES.invalidContinuationToken,
  'http.unauthorized': TYPES.unauthorized,
  'http.forbidden': TYPES.forbidden,
  'http.notFound': TYPES.notFound,
  'http.methodNotAllowed': TYPES.methodNotAllowed,
  'http.payloadTooLarge': TYPES.payloadTooLarge,
  'http.unsupportedMediaType': TYPES.unsupportedMediaType,
  'http.preconditionRequired': TYPES.preconditionRequired,
  'http.preconditionFailed': TYPES.preconditionFailed,
  'http.idempotencyKeyReused': TYPES.idempotencyKeyReused,
  'http.idempotencyInProgress': TYPES.idempotencyInProgress,
  'http.rateLimited': TYPES.rateLimited,
  'http.stateConflict': TYPES.stateConflict,
  'http.serviceUnavailable': TYPES.serviceUnavailable,

  'customers.notFound': TYPES.notFound,
  'customers.domainTaken': TYPES.domainTaken,
  'customers.relationshipEnded': TYPES.stateConflict,
  'customers.providerNotAuthorized': TYPES.forbidden,
  'customers.resellerNotEligible': TYPES.businessRule,
  'customerImports.notFound': TYPES.notFound,
  // Only the import worker meets it, and answers nobody with it.
  'customerImports.rowDecided': TYPES.stateConflict,

  'partner.profileNotFound': TYPES.notFound,
  'partner.profileRequired': TYPES.partnerProfileRequired,
  'partner.resellerCannotCreate': TYPES.forbidden,
  'partner.providerOnlyOnBehalf': TYPES.businessRule,
  'partner.marketNotAllowed': TYPES.marketNotAllowed,

  'indirectProviders.notAnIndirectReseller': TYPES.notAnIndirectReseller,
  'indirectProviders.notAProvider': TYPES.notAnIndirectProvider,
  'indirectProviders.providerProfileRequired': TYPES.providerProfileRequired,
  'indirectProviders.marketMismatch': TYPES.indirectMarketMismatch,
  'indirectProviders.profileChanged': TYPES.businessRule,
  'indirectProviders.notAuthorized': TYPES.notFound,
  'indirectProviders.resellerNotLinked': TYPES.notFound,
  'indirectProviders.alreadyLinked': TYPES.alreadyLinked,
  'resellerInvitations.notFound': TYPES.notFound,
  'resellerInvitations.notPending': TYPES.stateConflict,
  'resellerInvitations.linkUnusable': TYPES.gone,

  'invitations.notFound': TYPES.notFound,
  'invitations.notPending': TYPES.stateConflict,
  'invitations.delegatedAdminRequired': TYPES.businessRule,
  'invitations.delegatedAdminNotAllowed': TYPES.forbidden,
  'invitations.recipientOutsideOrganization': TYPES.recipientOutsideOrganization,
  'invitations.organizationCreationNotAllowed': TYPES.organizationCreationNotAllowed,
  'invitations.relationshipActive': TYPES.stateConflict,
  'invitations.recipientBounced': TYPES.recipientBounced,

  'delegatedAdmin.nameTaken': TYPES.delegatedAdminNameTaken,
  'delegatedAdmin.noActiveGrant': TYPES.stateConflict,

  'relationships.alreadyEnded': TYPES.stateConflict,
  'relationships.linkUnavailable': TYPES.businessRule,
  'relationships.formAlreadyUsed': TYPES.formAlreadyUsed,
  'relationships.endedByProvider': TYPES.providerEndsSharedCustomer,
  'relationships.reinstatedByProvider': TYPES.providerEndsSharedCustomer,

  'referrals.notFound': TYPES.notFound,
  'referrals.transitionNotAllowed': TYPES.referralTransitionNotAllowed,
  'referrals.alreadyInvited': TYPES.stateConflict,
  'referrals.notAContact': TYPES.businessRule,
  'referrals.notAnIndirectProvider': TYPES.indirectProviderOnly,
  'referrals.resellerNotLinked': TYPES.resellerNotLinked,
  'businessProfiles.notFound': TYPES.notFound,
  'businessProfiles.legalProfileRequired': TYPES.partnerProfileRequired,
  'businessProfiles.changedMeanwhile': TYPES.stateConflict,
  'businessProfiles.addressOutsideCountry': TYPES.validation,
  'businessProfiles.unknownLocation': TYPES.validation,
  'businessProfiles.repeatedLocation': TYPES.validation,
  'businessProfiles.tooManySearchWords': TYPES.validation,

  'informationRequests.locationNotFound': TYPES.notFound,
  'informationRequests.formAlreadyUsed': TYPES.formAlreadyUsed,
  'informationRequests.sentTooSoon': TYPES.formSentTooSoon,
  'informationRequests.linkGone': TYPES.gone,

  'purchasePermissions.relationshipNotActive': TYPES.relationshipNotActive,
  'purchasePermissions.billToPartnerRequired': TYPES.billToPartnerRequired,

  'validationCodes.required': TYPES.validationCodeRequired,
  'validationCodes.unknown': TYPES.validationCodeUnknown,
  'validationCodes.spent': TYPES.validationCodeSpent,
  'validationCodes.notInThisCloud': TYPES.businessRule,
  'validationCodes.alreadyRecorded': TYPES.stateConflict,
};

/** How the API's functions (and the local server, for its own refusals) answer an error. */
export const problemResponse = problemResponder(PROBLEMS);
