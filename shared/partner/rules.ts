import { Problem, stateConflict, validationFailed } from '../platform/errors.js';
import type { PartnerRules } from '../customers/index.js';
import { marketNotAllowed, profileRequired, providerOnlyOnBehalf, resellerCannotCreate } from './problems.js';

/** Partner types that may bring a new organization into the system (an indirect reseller's provider does it for it). */
export const ORGANIZATION_CREATORS = ['directBill', 'indirectProvider'] as const;

/**
 * A customer write checks the partner's profile inside its transaction; when that check fails the
 * profile comes back with the cancellation (the `cause`), and this says which rule it broke.
 */
export function partnerRuleError(profile: { partnerType: string; markets: string[]; partnerDomain: string } | undefined, rules: PartnerRules, cause?: unknown): Problem {
  if (!profile) return profileRequired(cause);
  if (!rules.allowedPartnerTypes.includes(profile.partnerType)) {
    return profile.partnerType === 'indirectReseller' ? resellerCannotCreate(cause) : providerOnlyOnBehalf(cause);
  }
  if (!profile.markets.includes(rules.country)) return marketNotAllowed(rules.country, cause);
  if (profile.partnerDomain === rules.billingEmailDomain) {
    return validationFailed([{ path: 'body.billingProfile.email', message: "may not be at the partner's own domain" }], cause);
  }
  // The profile as it was when the check failed passes every rule: it changed while this write ran.
  return stateConflict("The partner's legal profile changed while this request ran; send it again.", cause);
}
