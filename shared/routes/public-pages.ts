// What the functions with public pages limited per client pass to groupHandler: the client budget of their own
// group, whose counters are the only ones their IAM grant lets them update (infra/table-access.ts).
import { spendClientToken } from '../platform/http/client-budget.js';
import type { ClientLimitedGroup } from './route.js';

export const clientBudgetOf = (group: ClientLimitedGroup) => (sourceIp: string) => spendClientToken(group, sourceIp);
