// The problems of referrals; their statuses and titles are the edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';
import { allowedTransitions, type ReferralState } from './state-machine.js';

export const REFERRALS_PROBLEM_CODES = [
  'referrals.notFound',
  'referrals.transitionNotAllowed',
  'referrals.alreadyInvited',
  'referrals.notAContact',
  'referrals.notAnIndirectProvider',
  'referrals.resellerNotLinked',
] as const;
export type ReferralsProblemCode = (typeof REFERRALS_PROBLEM_CODES)[number];

const problem = problemMaker(REFERRALS_PROBLEM_CODES);

/** Another partner's referral is simply not there for the caller: not found, never forbidden. */
export const referralNotFound = (referralId: string) => problem('referrals.notFound', `No referral ${referralId}.`);

/**
 * What was asked is not possible from the referral's current state. The answer names that state and what
 * the caller may do from it, so a client can offer the right actions without knowing the state machine.
 */
export function transitionNotAllowed(asked: string, state: ReferralState, detail?: string, allowed = allowedTransitions(state)) {
  return problem(
    'referrals.transitionNotAllowed',
    detail ??
      `The referral is ${state.status}/${state.substatus}, and ${asked} is not possible from there. ` +
        (allowed.length ? `Possible now: ${allowed.join(', ')}.` : 'Nothing can change it any more.'),
    { extensions: { currentStatus: state.status, currentSubstatus: state.substatus, allowedTransitions: allowed } },
  );
}

export const alreadyInvited = (invitationId: string) =>
  problem('referrals.alreadyInvited', `The customer of this referral was already invited (invitation ${invitationId}).`);

export const notAContact = () => problem('referrals.notAContact', "The address is not one of the referral's customer contacts.");

/** The sender's copy of a partner-to-partner referral follows the receiver's: its sender changes nothing on it. */
export const followsReceiver = (asked: string, state: ReferralState, partnerName: string) =>
  transitionNotAllowed(asked, state, `This referral was sent to ${partnerName}, and only its answers change it; ${asked} is not possible here.`, []);

export const notAnIndirectProvider = () => problem('referrals.notAnIndirectProvider', 'Only an indirect provider refers customers to indirect resellers.');

/** One answer whether the reseller does not exist or has not authorized the caller: nothing about it shows. */
export const resellerNotLinked = (resellerId: string, cause?: unknown) =>
  problem('referrals.resellerNotLinked', `${resellerId} is not an indirect reseller that has authorized this provider.`, { cause });
