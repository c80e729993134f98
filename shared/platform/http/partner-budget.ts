// Each partner gets `perMinute` requests a minute across all its users and all function instances
// (./request-budget.ts), every one of them counted.
import { config } from '../config.js';
import { partnerBudgetKey } from '../dynamo/budget-keys.js';
import { requestBudget } from './request-budget.js';

/** Spends one of the partner's tokens, or throws a 429 when the minute's budget is spent. */
export const spendPartnerToken = requestBudget({
  counterKey: partnerBudgetKey,
  limits: () => ({ perMinute: config().partnerBudget.perMinute, uncounted: 0 }),
  refusal: (perMinute) => `This partner has used its ${perMinute} requests for this minute, across all its users. Retry after the time given.`,
});
