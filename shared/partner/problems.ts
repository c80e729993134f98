// The problems of the partner's legal profile and the rules it sets; statuses and titles are the edge's
// (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';

export const PARTNER_PROBLEM_CODES = ['partner.profileNotFound', 'partner.profileRequired', 'partner.resellerCannotCreate', 'partner.providerOnlyOnBehalf', 'partner.marketNotAllowed'] as const;
export type PartnerProblemCode = (typeof PARTNER_PROBLEM_CODES)[number];

const problem = problemMaker(PARTNER_PROBLEM_CODES);

export const profileNotFound = () =>
  problem('partner.profileNotFound', 'This partner has no legal profile yet; a Global admin sets it with PUT /v1/partner.');

/** Customers, invitations and provider authorizations all need the partner's legal profile first. */
export const profileRequired = (cause?: unknown) =>
  problem('partner.profileRequired', 'A Global admin must set the legal profile (PUT /v1/partner) before customers can be added.', { cause });

export const resellerCannotCreate = (cause?: unknown) =>
  problem('partner.resellerCannotCreate', 'An indirect reseller cannot create customer organizations; its indirect provider creates them on its behalf.', { cause });

export const providerOnlyOnBehalf = (cause?: unknown) =>
  problem('partner.providerOnlyOnBehalf', 'Only an indirect provider can create a customer on behalf of an indirect reseller (associatedPartnerId).', { cause });

export const marketNotAllowed = (country: string, cause?: unknown) =>
  problem('partner.marketNotAllowed', `The partner may add customers only in its markets, and ${country} is not one of them.`, { cause });
