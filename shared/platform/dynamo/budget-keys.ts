// The keys of the request budgets' per-minute counters (./token-leases.ts). Each budget has a partition prefix of
// its own, so that a role may be allowed to update those counters and no other item (IAM dynamodb:LeadingKeys).
import type { ItemKey } from './keys.js';

const minute = (windowStart: number) => `MINUTE#${windowStart}`;

/** A partner's requests across all its users. */
export const partnerBudgetKey = (partnerId: string, windowStart: number): ItemKey => ({ pk: `BUDGET#${partnerId}`, sk: minute(windowStart) });
/** One client network's public page requests to one function (`scope`), by the network's keyed hash. */
export const clientBudgetKey = (scope: string, clientHash: string, windowStart: number): ItemKey => ({ pk: `CLIENT_BUDGET#${scope}#${clientHash}`, sk: minute(windowStart) });

/** The partition keys a role may update to spend these budgets, as IAM LeadingKeys patterns. */
export const BUDGET_LEADING_KEYS = {
  partner: 'BUDGET#*',
  client: (scope: string) => `CLIENT_BUDGET#${scope}#*`,
};
