// The referral state machine (shared/referrals/state-machine.ts) against the domain notes: the only pairs
// there are, what each transition allows, and that closed is terminal, over every state and transition.
import fc from 'fast-check';
import {
  allowedTransitions,
  contactsVisible,
  follow,
  isValidState,
  next,
  statusOf,
  STATUSES,
  SUBSTATUSES,
  SUBSTATUSES_OF,
  USER_TRANSITIONS,
  type ReferralState,
  type Transition,
} from '../../shared/referrals/state-machine.js';

const STATES: ReferralState[] = STATUSES.flatMap((status) => SUBSTATUSES_OF[status].map((substatus) => ({ status, substatus }) as ReferralState));
const TRANSITIONS: Transition[] = [...USER_TRANSITIONS, 'expire'];
const state = fc.constantFrom(...STATES);
const transition = fc.constantFrom(...TRANSITIONS);
const outcome = fc.constantFrom('won' as const, 'lost' as const);

test('the pairs are exactly those of the domain notes', () => {
  expect(STATES.map((s) => `${s.status}/${s.substatus}`)).toEqual([
    'new/pending', 'new/received', 'active/accepted', 'closed/won', 'closed/lost', 'closed/declined', 'closed/expired',
  ]);
  for (const s of STATES) expect(statusOf(s.substatus)).toBe(s.status);
  expect(isValidState({ status: 'new', substatus: 'won' })).toBe(false);
  expect(isValidState({ status: 'active', substatus: 'pending' })).toBe(false);
});

test.each([
  ['new/received', 'accept', undefined, 'active/accepted'],
  ['new/received', 'decline', undefined, 'closed/declined'],
  ['new/received', 'expire', undefined, 'closed/expired'],
  ['new/pending', 'expire', undefined, 'closed/expired'],
  ['active/accepted', 'update', undefined, 'active/accepted'],
  ['active/accepted', 'close', 'won', 'closed/won'],
  ['active/accepted', 'close', 'lost', 'closed/lost'],
] as const)('%s --%s(%s)--> %s', (from, t, o, to) => {
  const [status, substatus] = from.split('/');
  const result = next({ status, substatus } as ReferralState, t, o);
  expect(result && `${result.status}/${result.substatus}`).toBe(to);
});

test('what a partner user may do, per state', () => {
  expect(Object.fromEntries(STATES.map((s) => [`${s.status}/${s.substatus}`, allowedTransitions(s)]))).toEqual({
    'new/pending': [],
    'new/received': ['accept', 'decline'],
    'active/accepted': ['update', 'close'],
    'closed/won': [],
    'closed/lost': [],
    'closed/declined': [],
    'closed/expired': [],
  });
});

test('property: a transition leads to a valid pair, and exactly the allowed user transitions lead anywhere', () => {
  fc.assert(
    fc.property(state, transition, outcome, (s, t, o) => {
      const result = next(s, t, o);
      if (result) expect(isValidState(result)).toBe(true);
      if (t !== 'expire') expect(result !== undefined).toBe(allowedTransitions(s).includes(t));
    }),
  );
});

test('property: closed is terminal, and nothing leads back to new', () => {
  fc.assert(
    fc.property(state, transition, outcome, (s, t, o) => {
      const result = next(s, t, o);
      if (s.status === 'closed') expect(result).toBeUndefined();
      if (result) expect(result.status === 'new').toBe(false);
    }),
  );
});

test('property: any walk of transitions ends within three steps in a state that stays put', () => {
  fc.assert(
    fc.property(state, fc.array(fc.tuple(transition, outcome), { maxLength: 10 }), (start, steps) => {
      let current = start;
      let changes = 0;
      for (const [t, o] of steps) {
        const result = next(current, t, o);
        if (result && (result.status !== current.status || result.substatus !== current.substatus)) changes += 1;
        current = result ?? current;
      }
      expect(changes).toBeLessThanOrEqual(2);
    }),
  );
});

test("the customer's contacts show while accepted, won or lost only", () => {
  expect(STATES.filter(contactsVisible).map((s) => s.substatus)).toEqual(['accepted', 'won', 'lost']);
  expect(SUBSTATUSES).toHaveLength(7);
});

test("the sender's copy follows the receiver's: accept, decline, won, lost and expiry, each only from where the receiver's copy could take it", () => {
  const pending: ReferralState = { status: 'new', substatus: 'pending' };
  const accepted: ReferralState = { status: 'active', substatus: 'accepted' };
  expect(follow(pending, 'accept')).toEqual(accepted);
  expect(follow(pending, 'decline')).toEqual({ status: 'closed', substatus: 'declined' });
  expect(follow(pending, 'expire')).toEqual({ status: 'closed', substatus: 'expired' });
  expect(follow(accepted, 'close', 'won')).toEqual({ status: 'closed', substatus: 'won' });
  expect(follow(accepted, 'close', 'lost')).toEqual({ status: 'closed', substatus: 'lost' });
  expect(follow(accepted, 'update')).toBeUndefined();
  fc.assert(
    fc.property(state, transition, outcome, (s, t, o) => {
      const followed = follow(s, t, o);
      if (!followed) return;
      // Where the sender's copy goes is where the receiver's copy goes, and the sender itself can do nothing from pending.
      const receiver = s.substatus === 'pending' ? { status: 'new' as const, substatus: 'received' as const } : s;
      expect(next(receiver, t, o)).toEqual(followed);
    }),
  );
  expect(allowedTransitions(pending)).toEqual([]);
});
