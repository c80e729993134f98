// Which rule a failed partner-profile check broke, told from the profile as it was when it failed.
import { partnerRuleError } from '../../shared/partner/rules';
import { Problem } from '../../shared/platform/errors';
import { PROBLEMS, type ProblemCode } from '../../shared/routes/problems';

const rules = { country: 'US', billingEmailDomain: 'contoso.com', allowedPartnerTypes: ['directBill', 'indirectProvider'] };
const profile = { partnerType: 'directBill', markets: ['US'], partnerDomain: 'partner.example' };

test.each([
  ['no profile', undefined, 409, 'partner-profile-required'],
  ['an indirect reseller', { ...profile, partnerType: 'indirectReseller' }, 403, 'forbidden'],
  ['outside the markets', { ...profile, markets: ['DE'] }, 422, 'market-not-allowed'],
  ['billing mail at the partner domain', { ...profile, partnerDomain: 'contoso.com' }, 400, 'validation'],
  // Found by reading the code: this case used to be a bare Error, which the edge turns into a 500.
  ['a profile that passes every rule (changed meanwhile)', profile, 409, 'state-conflict'],
])('%s: %s problem', (_case, stored, status, slug) => {
  const error = partnerRuleError(stored, rules);
  expect(error).toBeInstanceOf(Problem);
  const { status: answered, type } = PROBLEMS[error.code as ProblemCode];
  expect({ status: answered, slug: type }).toEqual({ status, slug });
});
