// Each client network gets `perMinute` requests a minute to the public pages of one function, across its
// instances (./request-budget.ts). Its counters are apart from the partners' (budget-keys.ts), so a client
// hammering a public page throttles neither the partners nor other clients.
import { config } from '../config.js';
import { clientBudgetKey } from '../dynamo/budget-keys.js';
import { clientNetworkHash } from './client-network.js';
import { requestBudget, type SpendToken } from './request-budget.js';

const budgets = new Map<string, SpendToken>();

/** The budget of one function's public pages (`scope`: its function group, which its IAM grant names). */
function budgetOf(scope: string): SpendToken {
  let budget = budgets.get(scope);
  if (!budget) {
    budget = requestBudget({
      counterKey: (clientHash, windowStart) => clientBudgetKey(scope, clientHash, windowStart),
      limits: () => config().clientBudget,
      refusal: () => 'Too many requests from this network for this minute. Retry after the time given.',
    });
    budgets.set(scope, budget);
  }
  return budget;
}

/** Spends one of the client network's tokens for `scope`'s pages, or throws a 429 when its minute is spent. */
export const spendClientToken = async (scope: string, sourceIp: string, now?: number): Promise<void> =>
  budgetOf(scope)(await clientNetworkHash(sourceIp), now);
