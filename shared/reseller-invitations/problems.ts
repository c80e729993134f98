// The problems of partnership invitations; statuses and titles are the edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';

export const RESELLER_INVITATIONS_PROBLEM_CODES = ['resellerInvitations.notFound', 'resellerInvitations.notPending', 'resellerInvitations.linkUnusable'] as const;
export type ResellerInvitationsProblemCode = (typeof RESELLER_INVITATIONS_PROBLEM_CODES)[number];

const problem = problemMaker(RESELLER_INVITATIONS_PROBLEM_CODES);

export const invitationNotFound = (invitationId: string) => problem('resellerInvitations.notFound', `No partnership invitation ${invitationId}.`);

export const notPending = (state: string, verb: 'resent' | 'revoked') =>
  problem('resellerInvitations.notPending', `The partnership invitation is ${state}; only a pending one can be ${verb}.`);

/** One answer for a token never issued, replaced, used, revoked or expired: the caller learns nothing more. */
export const linkUnusable = (cause?: unknown) =>
  problem('resellerInvitations.linkUnusable', 'This partnership invitation link can no longer be used; ask the provider for a new invitation.', { cause });
