// The referral feature's own problems (RFC 9457 answers through shared/platform/http/problem.ts).
import { NotFoundError, ProblemError } from '../platform/errors.js';
import { allowedTransitions, type ReferralState } from './state-machine.js';

/**
 * What was asked is not possible from the referral's current state. The answer names that state and what
 * the caller may do from it, so a client can show the right actions without knowing the state machine.
 */
export class ReferralTransitionError extends ProblemError {
  readonly status = 409;
  readonly slug = 'referral-transition-not-allowed';
  readonly title = 'Not possible in the referral\'s current state';
  constructor(asked: string, state: ReferralState, detail?: string) {
    const allowed = allowedTransitions(state);
    super(
      detail ??
        `The referral is ${state.status}/${state.substatus}, and ${asked} is not possible from there. ` +
          (allowed.length ? `Possible now: ${allowed.join(', ')}.` : 'Nothing can change it any more.'),
    );
    this.extensions.currentStatus = state.status;
    this.extensions.currentSubstatus = state.substatus;
    this.extensions.allowedTransitions = allowed;
  }
}

// Another partner's referral is simply not there for this caller: 404, never 403.
export const referralNotFound = (referralId: string) => new NotFoundError(`No referral ${referralId}.`);
