// The referral vocabularies of the domain notes (shared/domain.md, "Referrals"): constants, kept out of the
// schema module so that code which only needs a name does not bundle zod.

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

export const CUSTOMER_SIZES = [
  '1to9employees',
  '10to50employees',
  '51to250employees',
  '251to1000employees',
  '1001to5000employees',
  '5001to10000employees',
  '10001to20000employees',
  'morethan20000employees',
] as const;
export type CustomerSize = (typeof CUSTOMER_SIZES)[number];

/** A new referral waits this long for an answer before the scheduled cleanup closes it as expired. */
export const REFERRAL_TTL_DAYS = 14;
