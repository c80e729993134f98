// The referral's life, as the domain notes give it: the only status/substatus pairs there are, and what
// moves a referral from one to another. Pure: the service asks it, the store writes what it answers.
//
//   new/received ──accept──▶ active/accepted ──close(won)──▶ closed/won
//        │                         │ update ↺     └─close(lost)─▶ closed/lost
//        ├──decline──▶ closed/declined
//        └──expire (system, 14 days after arrival)──▶ closed/expired
//   new/pending (the sender's copy while the other party has not answered) ──expire──▶ closed/expired
//
// `closed` is terminal: nothing changes after it.
//
// A partner-to-partner referral is two copies (engagement.ts): the receiver's copy moves as above; the
// sender's copy only follows it (`follow`), new/pending → active/accepted, closed/declined or closed/expired,
// and active/accepted → closed/won or closed/lost. No user transition applies to the sender's copy.

export const STATUSES = ['new', 'active', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const SUBSTATUSES_OF = {
  new: ['pending', 'received'],
  active: ['accepted'],
  closed: ['won', 'lost', 'declined', 'expired'],
} as const satisfies Record<Status, readonly string[]>;

export type Substatus = (typeof SUBSTATUSES_OF)[Status][number];
export const SUBSTATUSES = Object.values(SUBSTATUSES_OF).flat() as Substatus[];

export interface ReferralState {
  status: Status;
  substatus: Substatus;
}

/** What a partner user may ask for (the API's operations); `expire` is the scheduled cleanup's alone. */
export const USER_TRANSITIONS = ['accept', 'decline', 'update', 'close'] as const;
export type UserTransition = (typeof USER_TRANSITIONS)[number];
export type Transition = UserTransition | 'expire';
export type Outcome = 'won' | 'lost';

type Pair = `${Status}/${Substatus}`;
const TRANSITIONS: Record<Transition, { from: readonly Pair[]; to: (state: ReferralState, outcome?: Outcome) => ReferralState }> = {
  accept: { from: ['new/received'], to: () => ({ status: 'active', substatus: 'accepted' }) },
  decline: { from: ['new/received'], to: () => ({ status: 'closed', substatus: 'declined' }) },
  update: { from: ['active/accepted'], to: ({ status, substatus }) => ({ status, substatus }) },
  close: { from: ['active/accepted'], to: (_state, outcome = 'lost') => ({ status: 'closed', substatus: outcome }) },
  expire: { from: ['new/received', 'new/pending'], to: () => ({ status: 'closed', substatus: 'expired' }) },
};

const pair = (state: ReferralState): Pair => `${state.status}/${state.substatus}`;

export const statusOf = (substatus: Substatus): Status => STATUSES.find((s) => (SUBSTATUSES_OF[s] as readonly string[]).includes(substatus))!;

export const isValidState = (state: { status: string; substatus: string }): state is ReferralState =>
  (STATUSES as readonly string[]).includes(state.status) && (SUBSTATUSES_OF[state.status as Status] as readonly string[]).includes(state.substatus);

/** The user transitions open from `state`, in a fixed order (what a 409 lists). */
export const allowedTransitions = (state: ReferralState): UserTransition[] =>
  USER_TRANSITIONS.filter((t) => TRANSITIONS[t].from.includes(pair(state)));

/** Where `transition` (with its outcome, for close) leads from `state`, or undefined when it is not allowed there. */
export function next(state: ReferralState, transition: Transition, outcome?: Outcome): ReferralState | undefined {
  const rule = TRANSITIONS[transition];
  return rule.from.includes(pair(state)) ? rule.to(state, outcome) : undefined;
}

/** The sender's copies of partner-to-partner referrals: where each follows when the receiver's copy takes a transition. */
const FOLLOWS: Record<Transition, { from: Pair; to: (outcome?: Outcome) => ReferralState } | undefined> = {
  accept: { from: 'new/pending', to: () => ({ status: 'active', substatus: 'accepted' }) },
  decline: { from: 'new/pending', to: () => ({ status: 'closed', substatus: 'declined' }) },
  close: { from: 'active/accepted', to: (outcome = 'lost') => ({ status: 'closed', substatus: outcome }) },
  expire: { from: 'new/pending', to: () => ({ status: 'closed', substatus: 'expired' }) },
  // The receiver's deal details are its own: an update leaves the sender's copy alone.
  update: undefined,
};

/** Where the sender's copy in `state` goes when the receiver's copy takes `transition`; undefined: it stays. */
export function follow(state: ReferralState, transition: Transition, outcome?: Outcome): ReferralState | undefined {
  const rule = FOLLOWS[transition];
  return rule && rule.from === pair(state) ? rule.to(outcome) : undefined;
}

/**
 * The customer's contact details show only once the partner has taken the referral on (accepted, and
 * after it won or lost), never before it answered nor once it declined or let it expire.
 */
export const contactsVisible = (state: ReferralState): boolean => ['accepted', 'won', 'lost'].includes(state.substatus);
