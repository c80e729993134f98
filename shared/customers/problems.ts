// The problems of customer records; their statuses and titles are the edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';

export const CUSTOMERS_PROBLEM_CODES = ['customers.notFound', 'customers.domainTaken', 'customers.relationshipEnded', 'customers.providerNotAuthorized', 'customers.resellerNotEligible'] as const;
export type CustomersProblemCode = (typeof CUSTOMERS_PROBLEM_CODES)[number];

const problem = problemMaker(CUSTOMERS_PROBLEM_CODES);

/** Another partner's customer is simply not there for the caller: not found, never forbidden. */
export const customerNotFound = (customerId: string) => problem('customers.notFound', `No customer ${customerId}.`);

export const domainTaken = (domain: string, cause?: unknown) =>
  problem(
    'customers.domainTaken',
    `The domain ${domain} is already in use by an organization. Invite that customer to a reseller relationship instead of creating it.`,
    { cause },
  );

export const relationshipEnded = (customerId: string, cause?: unknown) =>
  problem(
    'customers.relationshipEnded',
    `The relationship with customer ${customerId} has ended, so its record is read-only. Reinstating it (POST /v1/customers/${customerId}/invitations) makes it editable again.`,
    { cause },
  );

export const providerNotAuthorized = (cause?: unknown) =>
  problem(
    'customers.providerNotAuthorized',
    'associatedPartnerId must name an indirect reseller that has authorized this partner as its indirect provider (the reseller does so with PUT /v1/indirect-providers/{providerId}).',
    { cause },
  );

export const resellerNotEligible = (resellerId: string, country: string, cause?: unknown) =>
  problem(
    'customers.resellerNotEligible',
    `The indirect reseller ${resellerId} does not serve ${country}: its legal profile must be an indirect reseller's with ${country} among its markets.`,
    { cause },
  );
