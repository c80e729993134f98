// The problems of purchase permissions; their statuses and titles are the edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';

export const PURCHASE_PERMISSIONS_PROBLEM_CODES = ['purchasePermissions.relationshipNotActive', 'purchasePermissions.billToPartnerRequired'] as const;
export type PurchasePermissionsProblemCode = (typeof PURCHASE_PERMISSIONS_PROBLEM_CODES)[number];

const problem = problemMaker(PURCHASE_PERMISSIONS_PROBLEM_CODES);

export const relationshipNotActive = (customerId: string, cause?: unknown) =>
  problem(
    'purchasePermissions.relationshipNotActive',
    `The relationship with customer ${customerId} has ended: purchase permissions exist only while it is active, and it starts with them off once reinstated.`,
    { cause },
  );

export const billToPartnerRequired = (cause?: unknown) =>
  problem(
    'purchasePermissions.billToPartnerRequired',
    'Only a bill-to partner (directBill or indirectProvider) pays for what a customer buys, so only one grants purchase permissions; an indirect reseller asks its indirect provider.',
    { cause },
  );
