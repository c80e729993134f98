import { BusinessRuleError, ForbiddenError, MarketNotAllowedError, PartnerProfileRequiredError, StateConflictError, ValidationError, type ProblemError } from '../platform/errors.js';
import type { PartnerRules } from '../customers/store.js';

/**
 * A customer write checks the partner's profile inside its transaction; when that check fails the
 * profile comes back with the cancellation, and this says which rule it broke.
 */
export function partnerRuleError(profile: { partnerType: string; markets: string[]; partnerDomain: string } | undefined, rules: PartnerRules): ProblemError {
  if (!profile) return new PartnerProfileRequiredError();
  if (!rules.allowedPartnerTypes.includes(profile.partnerType)) {
    return profile.partnerType === 'indirectReseller'
      ? new ForbiddenError('An indirect reseller cannot create customer organizations; its indirect provider creates them on its behalf.')
      : new BusinessRuleError('Only an indirect provider can create a customer on behalf of an indirect reseller (associatedPartnerId).');
  }
  if (!profile.markets.includes(rules.country)) return new MarketNotAllowedError(rules.country);
  if (profile.partnerDomain === rules.billingEmailDomain) {
    return new ValidationError([{ path: 'body.billingProfile.email', message: "may not be at the partner's own domain" }]);
  }
  // The profile as it was when the check failed passes every rule: it changed while this write ran.
  return new StateConflictError("The partner's legal profile changed while this request ran; send it again.");
}
