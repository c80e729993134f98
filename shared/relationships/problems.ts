// The problems of ending relationships and of the reusable relationship link; statuses and titles are the
// edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';

export const RELATIONSHIPS_PROBLEM_CODES = ['relationships.alreadyEnded', 'relationships.linkUnavailable', 'relationships.formAlreadyUsed'] as const;
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
