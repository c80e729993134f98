// The problems of ending relationships and of the reusable relationship link; statuses and titles are the
// edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';

export const RELATIONSHIPS_PROBLEM_CODES = [
  'relationships.alreadyEnded',
  'relationships.linkUnavailable',
  'relationships.formAlreadyUsed',
  'relationships.endedByProvider',
  'relationships.reinstatedByProvider',
] as const;
export type RelationshipsProblemCode = (typeof RELATIONSHIPS_PROBLEM_CODES)[number];

const problem = problemMaker(RELATIONSHIPS_PROBLEM_CODES);

export const alreadyEnded = () => problem('relationships.alreadyEnded', 'The relationship with this customer has already ended.');

/**
 * In the US Government cloud every relationship includes delegated admin access, which only the partner
 * can ask for by name: the reusable link, which carries no request, cannot start one there.
 */
export const linkUnavailable = () =>
  problem(
    'relationships.linkUnavailable',
    'In the US Government cloud every reseller relationship includes delegated admin access, which the reusable relationship link cannot ask for. ' +
      'Invite the customer with POST /v1/invitations and a delegatedAdmin request instead.',
  );

/** A public form's value was already used: each page view serves one submission. */
export const formAlreadyUsed = (cause?: unknown) =>
  problem('relationships.formAlreadyUsed', 'Each form serves one submission. Reload the page to send another.', { cause });

/** domain.md: an indirect reseller does not end a relationship itself; for a shared customer its provider does. */
export const endedByProvider = () =>
  problem(
    'relationships.endedByProvider',
    "This customer is shared with the partner's indirect provider, which ends the relationship for both (its Global admin, with POST /v1/customers/{customerId}/relationship/end). This partner then sees it ended.",
  );

/** The provider ended the shared customer, so it is the one to bring it back. */
export const reinstatedByProvider = () =>
  problem(
    'relationships.reinstatedByProvider',
    "This customer is shared with the partner's indirect provider, which ends and reinstates the relationship; ask the provider to reinstate it.",
  );
