// The problems of delegated admin grants; statuses and titles are the edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';

export const DELEGATED_ADMIN_PROBLEM_CODES = ['delegatedAdmin.nameTaken', 'delegatedAdmin.noActiveGrant'] as const;
export type DelegatedAdminProblemCode = (typeof DELEGATED_ADMIN_PROBLEM_CODES)[number];

const problem = problemMaker(DELEGATED_ADMIN_PROBLEM_CODES);

export const grantNameTaken = (name: string, cause?: unknown) =>
  problem('delegatedAdmin.nameTaken', `This partner already has a delegated admin relationship named "${name}". Display names are unique per partner.`, { cause });

export const noActiveGrant = () => problem('delegatedAdmin.noActiveGrant', 'The partner has no active delegated admin access to this customer.');
