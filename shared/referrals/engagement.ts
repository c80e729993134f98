// Referrals between partners: an indirect provider refers a customer to a reseller that has authorized it.
// One engagement, two copies sharing its engagementId, each naming the other partner (counterparty): the
// provider's `outgoing` copy (new/pending) and the reseller's `incoming` one (new/received). The reseller's
// copy is the one worked, like any received referral: accept, decline, update, close, and its expiry. The
// provider's copy follows each of those in the same transaction (state-machine.ts, follow) and learns the
// reseller's contact on accept; the provider itself only reads it (every change it asks for is a 409 that
// names no possible transition). A counter per pair of partners (entity.ts, openWith) moves in the
// transactions that open and close an engagement, so the number of open ones is one read.
import type { Principal } from '../platform/auth.js';
import { put, putVersioned, type LabelledPart } from '../platform/dynamo/transactions.js';
import { activityItem } from '../activity/index.js';
import { referralItem, type ReferralRecord } from './entity.js';
import { follow, type Outcome, type Transition } from './state-machine.js';
import * as store from './store.js';
import { changesOf } from './view.js';

export interface Step {
  transition: Transition;
  outcome?: Outcome;
  /** The activity record's operation, on both sides. */
  operation: string;
}

/**
 * What a change of a received copy (`before` → `after`) writes besides it, in its transaction: the sender's
 * copy, followed, at the version read (so a change meanwhile cancels both), with an activity record under the
 * sender that names who acted; and one open engagement fewer once it closes. Nothing for other referrals.
 */
export async function senderFollows(before: ReferralRecord, after: ReferralRecord, step: Step, actor: Principal, at: string): Promise<LabelledPart[]> {
  const other = before.counterparty;
  // An update keeps the state: the receiver's deal details are its own.
  if (!other || before.direction !== 'incoming' || (after.status === before.status && after.substatus === before.substatus)) return [];
  const closes = after.status === 'closed' ? [store.openWithPart(before.partnerId, other.partnerId, -1)] : [];
  const sender = await store.getReferral(other.partnerId, other.referralId);
  const state = sender && follow(sender, step.transition, step.outcome);
  if (!sender || !state) return closes;
  const contact = step.transition === 'accept' && sender.counterparty ? after.team[0] : undefined;
  const followed: ReferralRecord = {
    ...sender,
    ...state,
    expirationDateTime: after.expirationDateTime,
    acceptedDateTime: after.acceptedDateTime,
    reasonCode: after.reasonCode,
    statusReason: after.statusReason,
    ...(contact ? { counterparty: { ...sender.counterparty!, contact } } : {}),
    updatedDateTime: at,
    version: sender.version + 1,
  };
  return [
    putVersioned('senderReferral', referralItem(followed), sender.version),
    put('senderActivity', activityItem(actor, step.operation, at, changesOf(sender, followed), undefined, sender.partnerId)),
    ...closes,
  ];
}

/** Open (new or active) engagements between two partners, either direction: one GetItem. */
export const countOpenReferralsWith = (partnerId: string, otherPartnerId: string): Promise<number> => store.countOpenWith(partnerId, otherPartnerId);
