// What every function with partner routes passes to groupHandler: problem+json through the edge's table,
// and the partner's request budget.
import { spendPartnerToken } from '../platform/http/partner-budget.js';
import type { GroupOptions } from '../platform/http/handler.js';
import { problemResponse } from './problems.js';

export const PARTNER_API: GroupOptions = { errorResponse: problemResponse, partnerBudget: spendPartnerToken };
