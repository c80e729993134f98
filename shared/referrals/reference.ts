// The referral vocabularies of the domain notes (shared/domain.md, "Referrals"): constants, kept out of the
// schema module so that code which only needs a name does not bundle zod.
import { CUSTOMER_SIZES } from '../platform/reference-data.js';

export const DIRECTIONS = ['incoming', 'outgoing'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** `direct`: a customer's own request through the public directory; the others come from partners. */
export const QUALIFICATIONS = ['direct', 'salesQualified', 'marketingQualified'] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

/** Why a referral was declined or lost: the fixed list of the domain notes. */
export const REASON_CODES = [
  'budgetNotAdequate',
  'customerDidNotRespond',
  'customerChoseAnotherVendor',
  'customerRequirementNotMet',
  'notACustomer',
  'timelineTooShort',
  'spamOrAbuse',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

// One list of customer sizes for referrals and business profiles: the versioned reference data's.
export { CUSTOMER_SIZES };
export type CustomerSize = (typeof CUSTOMER_SIZES)[number];

/** A new referral waits this long for an answer before the scheduled cleanup closes it as expired. */
export const REFERRAL_TTL_DAYS = 14;

/** Days before the expiration at which the partner's referral contact is warned, once each. */
export const EXPIRY_WARNING_DAYS = [3, 1] as const;
export type ExpiryWarning = `${(typeof EXPIRY_WARNING_DAYS)[number]}`;
