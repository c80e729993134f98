// Referrals as a partner works them: receive (incoming), create its own (outgoing), refer a customer to a
// linked reseller (engagement.ts), list, read, accept, decline, update, close, and invite the customer of a
// won one. Each change is one transaction: the referral's next version, conditioned on the version read,
// with its activity record (and, for a copy received from another partner, the sender's copy following it).
//
// Reveals. The customer's contacts show only while the referral is accepted, won or lost (see
// state-machine.ts), and only when one referral is read: list items never carry them. A reveal is a user
// receiving them: the first GET of such a referral by a user on a UTC day writes one "Reveal Referral
// Contact" activity record (who, whose contacts, when) and notes the day on the referral, so that further
// reads that day cost no write. The answer to a user's own accept, update or close shows the contacts too;
// that change's activity record names the user and stands for the reveal. Only incoming referrals count:
// the contacts of a partner's own referral came from the partner.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../platform/auth.js';
import { DAY_MS, clock, nowEpochSeconds, utcDay } from '../platform/clock.js';
import { idempotencyInProgress, idempotencyKeyReused, preconditionFailed, stateConflict, validationFailed } from '../platform/errors.js';
import { retryOnVersionConflict, VersionConflict } from '../platform/dynamo/retry.js';
import { put, putVersioned, type Guard, type LabelledPart } from '../platform/dynamo/transactions.js';
import { activityItem } from '../activity/index.js';
import { responseTimeAdded } from '../directory/index.js';
import { IDEMPOTENCY_TTL_SECONDS, etagOf, requestHash, versionFromIfMatch } from '../customers/index.js';
import { IDEMPOTENCY_KEY } from '../customers/index.js';
import { createInvitation } from '../invitations/index.js';
import { findPartnerProfile } from '../partner/index.js';
import type { Invitation } from '../invitations/index.js';
import { referralItem, type ReferralRecord } from './entity.js';
import { senderFollows } from './engagement.js';
import { partnerReferralMailPart } from './partner-referral-email.js';
import { REFERRAL_TTL_DAYS, type Qualification } from './reference.js';
import { alreadyInvited, followsReceiver, notAContact, notAnIndirectProvider, referralNotFound, resellerNotLinked, transitionNotAllowed } from './problems.js';
import { contactsVisible, next, type Outcome, type Transition } from './state-machine.js';
import { changesOf, contactsShown, toReferral } from './view.js';
import * as store from './store.js';
import type {
  AcceptReferralRequest,
  CloseReferralRequest,
  CreateReferralRequest,
  DeclineReferralRequest,
  ListReferralsQuery,
  PartnerReferralRequest,
  Referral,
  ReferralInvitationRequest,
  UpdateReferralRequest,
} from './schemas.js';

export interface ReferralResult {
  referral: Referral;
  etag: string;
}

export const referralLocation = (referralId: string): string => `/v1/referrals/${referralId}`;

/** One referral as its reader gets it: contacts only in the states that show them. */
const result = (record: ReferralRecord): ReferralResult => ({ referral: toReferral(record, contactsShown(record)), etag: etagOf(record) });

// ─── Arrival and creation ───────────────────────────────────────────────────────────────────────────

export interface IncomingReferral {
  /** The partner that receives it. */
  partnerId: string;
  qualification: Qualification;
  name?: string;
  customerProfile: ReferralRecord['customerProfile'];
  consent: ReferralRecord['consent'];
  details: Pick<ReferralRecord['details'], 'notes' | 'customerRequestedContact' | 'requirements'>;
  target?: ReferralRecord['target'];
  /** Who hands it over, for the activity log: `system:directory`... */
  source: string;
}

/**
 * An incoming referral arrives `new/received` and waits 14 days for an answer. Caller: the public
 * directory's request for information (once the requester confirmed the address); an indirect provider's
 * referral is referToReseller's.
 * `with`: what the caller writes with the arrival (its own record of the hand-over, a mail about the referral),
 * in the referral's transaction, so that there is never one without the other; a failed one is thrown as its problem.
 */
export async function receiveReferral(input: IncomingReferral, withArrival: (referral: Referral) => Guard[] = () => []): Promise<Referral> {
  const now = clock.now();
  const at = now.toISOString();
  const record: ReferralRecord = {
    id: randomUUID(),
    partnerId: input.partnerId,
    engagementId: randomUUID(),
    ...(input.name ? { name: input.name } : {}),
    status: 'new',
    substatus: 'received',
    direction: 'incoming',
    qualification: input.qualification,
    customerProfile: input.customerProfile,
    consent: input.consent,
    details: input.details,
    team: [],
    ...(input.target ? { target: input.target } : {}),
    createdDateTime: at,
    updatedDateTime: at,
    expirationDateTime: new Date(now.getTime() + REFERRAL_TTL_DAYS * DAY_MS).toISOString(),
    revealedTo: {},
    version: 1,
  };
  const actor: Principal = { partnerId: input.partnerId, userId: input.source, roles: [] };
  const referral = toReferral(record, false);
  const guards = withArrival(referral);
  const outcome = await store.insertReferral(record, activityItem(actor, 'Receive Referral', at, changesOf(undefined, record)), { withParts: guards.map((g) => g.part) });
  if (outcome.outcome === 'refused') {
    const guard = guards.find((g) => outcome.failed.has(g.part.label));
    if (guard) throw guard.error(outcome.cause);
  }
  // A concurrent write to one of the same items: nothing was written, and trying again is safe.
  if (outcome.outcome === 'conflict') throw stateConflict('The referral could not be stored while other changes were made; nothing was written. Try again.');
  if (outcome.outcome !== 'created') throw new Error(`referral ${record.id} could not be stored: ${outcome.outcome}`);
  return referral;
}

export type CreateResult = { replayed: false; referral: Referral; etag: string } | { replayed: true; response: store.IdempotencyRecord['response'] };

function checkIdempotencyKey(idempotencyKey: string | undefined): void {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw validationFailed([{ path: 'header.Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]);
  }
}

/**
 * Stores a partner's new referral with its activity record and, under an Idempotency-Key, the answer to
 * replay. `also`: what else the create writes in its transaction, and the problem a failed condition of it means.
 */
async function storeCreated(
  principal: Principal,
  record: ReferralRecord,
  operation: string,
  body: unknown,
  idempotencyKey: string | undefined,
  also?: { parts: LabelledPart[]; refused: (failed: Set<string>, cause: unknown) => Error | undefined },
): Promise<CreateResult> {
  const { referral, etag } = result(record);
  const outcome = await store.insertReferral(
    record,
    activityItem(principal, operation, record.createdDateTime, changesOf(undefined, record)),
    {
      ...(idempotencyKey
        ? {
            idempotency: {
              key: idempotencyKey,
              requestHash: requestHash(body),
              expiresAtEpoch: nowEpochSeconds() + IDEMPOTENCY_TTL_SECONDS,
              response: { status: 201, body: referral, headers: { Location: referralLocation(record.id), ETag: etag } },
            },
          }
        : {}),
      nowEpoch: nowEpochSeconds(),
      withParts: also?.parts ?? [],
    },
  );
  if (outcome.outcome === 'created') return { replayed: false, referral, etag };
  if (outcome.outcome === 'replay') {
    if (outcome.stored.requestHash !== requestHash(body)) throw idempotencyKeyReused();
    return { replayed: true, response: outcome.stored.response };
  }
  const refusal = outcome.outcome === 'refused' ? also?.refused(outcome.failed, outcome.cause) : undefined;
  if (refusal) throw refusal;
  throw idempotencyKey
    ? idempotencyInProgress('A request with this Idempotency-Key is being processed; retry in a moment.')
    : stateConflict('A concurrent request changed the same data; retry in a moment.');
}

/** The partner's own (outgoing) referral: it starts active/accepted. */
export async function createReferral(principal: Principal, body: CreateReferralRequest, idempotencyKey?: string): Promise<CreateResult> {
  checkIdempotencyKey(idempotencyKey);
  const at = clock.now().toISOString();
  const record: ReferralRecord = {
    id: randomUUID(),
    partnerId: principal.partnerId,
    engagementId: randomUUID(),
    name: body.name,
    status: 'active',
    substatus: 'accepted',
    direction: 'outgoing',
    qualification: body.qualification,
    customerProfile: body.customerProfile,
    consent: body.consent,
    details: {
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      dealValue: body.dealValue,
      currency: body.currency,
      closingDateTime: body.closingDateTime,
      customerRequestedContact: body.customerRequestedContact,
      ...(body.requirements ? { requirements: body.requirements } : {}),
    },
    team: body.team,
    ...(body.externalReferenceId ? { externalReferenceId: body.externalReferenceId } : {}),
    ...(body.campaignId ? { campaignId: body.campaignId } : {}),
    createdDateTime: at,
    updatedDateTime: at,
    acceptedDateTime: at,
    revealedTo: {},
    version: 1,
  };
  return storeCreated(principal, record, 'Create Referral', body, idempotencyKey);
}

/**
 * An indirect provider refers a customer to a reseller that has authorized it (engagement.ts): its own copy
 * (outgoing, new/pending, answered here) and the reseller's (incoming, new/received, waiting 14 days), each
 * with its activity record, one more open engagement between the two, and the mail to the reseller, in one
 * transaction conditioned on the link: a reseller that ended it (or never made it) gets nothing.
 */
export async function referToReseller(principal: Principal, resellerId: string, body: PartnerReferralRequest, idempotencyKey?: string): Promise<CreateResult> {
  checkIdempotencyKey(idempotencyKey);
  const [own, reseller] = await Promise.all([findPartnerProfile(principal.partnerId), findPartnerProfile(resellerId)]);
  if (own?.partnerType !== 'indirectProvider') throw notAnIndirectProvider();
  if (!reseller) throw resellerNotLinked(resellerId);
  const now = clock.now();
  const at = now.toISOString();
  const [sentId, receivedId] = [randomUUID(), randomUUID()];
  const common = {
    engagementId: randomUUID(),
    ...(body.name ? { name: body.name } : {}),
    status: 'new' as const,
    qualification: body.qualification,
    customerProfile: body.customerProfile,
    consent: body.consent,
    details: {
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      customerRequestedContact: body.customerRequestedContact,
      ...(body.requirements ? { requirements: body.requirements } : {}),
    },
    team: [],
    createdDateTime: at,
    updatedDateTime: at,
    expirationDateTime: new Date(now.getTime() + REFERRAL_TTL_DAYS * DAY_MS).toISOString(),
    revealedTo: {},
    version: 1,
  };
  const sent: ReferralRecord = {
    ...common,
    id: sentId,
    partnerId: principal.partnerId,
    substatus: 'pending',
    direction: 'outgoing',
    counterparty: { partnerId: resellerId, partnerName: reseller.companyName, referralId: receivedId },
  };
  const received: ReferralRecord = {
    ...common,
    id: receivedId,
    partnerId: resellerId,
    substatus: 'received',
    direction: 'incoming',
    counterparty: { partnerId: principal.partnerId, partnerName: own.companyName, referralId: sentId },
  };
  return storeCreated(principal, sent, 'Refer Customer to Reseller', body, idempotencyKey, {
    parts: [
      store.linkedPart(resellerId, principal.partnerId),
      putVersioned('receivedReferral', referralItem(received)),
      put('receivedActivity', activityItem(principal, 'Receive Referral', at, changesOf(undefined, received), undefined, resellerId)),
      store.openWithPart(principal.partnerId, resellerId, 1),
      partnerReferralMailPart(received, reseller, now),
    ],
    refused: (failed, cause) => (failed.has('link') ? resellerNotLinked(resellerId, cause) : undefined),
  });
}

// ─── Reading ────────────────────────────────────────────────────────────────────────────────────────

export async function listReferrals(principal: Principal, query: ListReferralsQuery) {
  const { limit, continuationToken, ...filters } = query;
  const page = await store.listReferrals(principal.partnerId, filters, limit, continuationToken);
  return { items: page.records.map((r) => toReferral(r, false)), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
}

async function ownReferral(principal: Principal, referralId: string): Promise<ReferralRecord> {
  const record = await store.getReferral(principal.partnerId, referralId);
  if (!record) throw referralNotFound(referralId);
  return record;
}

/** Reading changes nothing but the reveal log (see the top of this file). */
export async function getReferral(principal: Principal, referralId: string): Promise<ReferralResult> {
  const record = await ownReferral(principal, referralId);
  const day = utcDay(clock.now());
  if (record.direction === 'incoming' && contactsVisible(record) && record.revealedTo[principal.userId] !== day) {
    const contacts = record.customerProfile.contacts.map((c) => `${c.firstName} ${c.lastName}`);
    const at = clock.now().toISOString();
    await store.recordReveal(record, principal.userId, day, activityItem(principal, 'Reveal Referral Contact', at, [{ field: 'referral', after: { id: record.id, contacts } }]));
  }
  return result(record);
}

// ─── Changes ────────────────────────────────────────────────────────────────────────────────────────

/** Hours from arrival to the answer, to two decimals: the partner's response time for this referral. */
const responseTimeHours = (record: ReferralRecord, at: string): number =>
  Math.round(((Date.parse(at) - Date.parse(record.createdDateTime)) / 3_600_000) * 100) / 100;

interface Change {
  transition: Transition;
  outcome?: Outcome;
  operation: string;
  /** The fields the change sets; the state, times and version are set around it. */
  apply: (current: ReferralRecord, at: string) => Partial<ReferralRecord>;
  /** If-Match: the version the change is based on (a mismatch is 412, not a retry). */
  expectedVersion?: number | '*';
  /** What the change writes elsewhere, in its own transaction. */
  also?: (updated: ReferralRecord) => LabelledPart[];
}

/**
 * Reads the referral, asks the state machine, and writes the next version with its activity record,
 * conditioned on the version read. A referral that changed meanwhile is read again (or, under If-Match, 412).
 */
function change(principal: Principal, referralId: string, spec: Change): Promise<ReferralResult> {
  const once = async (): Promise<ReferralResult> => {
    const current = await ownReferral(principal, referralId);
    if (current.counterparty && current.direction === 'outgoing') throw followsReceiver(spec.transition, current, current.counterparty.partnerName);
    const state = next(current, spec.transition, spec.outcome);
    if (!state) throw transitionNotAllowed(spec.transition, current);
    if (spec.expectedVersion !== undefined && spec.expectedVersion !== '*' && spec.expectedVersion !== current.version) throw preconditionFailed();
    const at = clock.now().toISOString();
    const updated: ReferralRecord = {
      ...current,
      ...spec.apply(current, at),
      ...state,
      updatedDateTime: at,
      ...(contactsVisible(state) && current.direction === 'incoming' ? { revealedTo: { ...current.revealedTo, [principal.userId]: utcDay(new Date(at)) } } : {}),
      version: current.version + 1,
    };
    const follows = await senderFollows(current, updated, spec, principal, at);
    const saved = await store.saveReferral(updated, current.version, activityItem(principal, spec.operation, at, changesOf(current, updated)), [...(spec.also?.(updated) ?? []), ...follows]);
    if (!saved) throw spec.expectedVersion !== undefined && spec.expectedVersion !== '*' ? preconditionFailed() : new VersionConflict();
    return result(updated);
  };
  return retryOnVersionConflict(once, (cause) => stateConflict('The referral kept changing while this was done; nothing was written. Read it again.', cause));
}

/** The answer to an incoming referral ends its wait: it leaves the expiry queue and records the response time. */
const answered = (current: ReferralRecord, at: string): Partial<ReferralRecord> => ({
  expirationDateTime: undefined,
  ...(current.direction === 'incoming' ? { responseTimeHours: responseTimeHours(current, at) } : {}),
});

/** The directory ranks partners by their response time: the answer adds to it in the same transaction. */
const rankedByAnswer = (updated: ReferralRecord): LabelledPart[] =>
  updated.responseTimeHours === undefined ? [] : [responseTimeAdded('responseTime', updated.partnerId, updated.responseTimeHours)];

export const acceptReferral = (principal: Principal, referralId: string, body: AcceptReferralRequest) =>
  change(principal, referralId, {
    transition: 'accept',
    operation: 'Accept Referral',
    also: rankedByAnswer,
    apply: (current, at) => ({
      ...answered(current, at),
      name: body.name,
      details: {
        ...current.details,
        dealValue: body.dealValue,
        currency: body.currency,
        closingDateTime: body.closingDateTime,
        ...(body.notes !== undefined ? { notes: body.notes } : {}),
      },
      team: body.team,
      ...(body.externalReferenceId ? { externalReferenceId: body.externalReferenceId } : {}),
      ...(body.campaignId ? { campaignId: body.campaignId } : {}),
      acceptedDateTime: at,
    }),
  });

export const declineReferral = (principal: Principal, referralId: string, body: DeclineReferralRequest) =>
  change(principal, referralId, {
    transition: 'decline',
    operation: 'Decline Referral',
    also: rankedByAnswer,
    apply: (current, at) => ({ ...answered(current, at), reasonCode: body.reasonCode, ...(body.statusReason ? { statusReason: body.statusReason } : {}) }),
  });

export const closeReferral = (principal: Principal, referralId: string, body: CloseReferralRequest) =>
  change(principal, referralId, {
    transition: 'close',
    outcome: body.outcome,
    operation: body.outcome === 'won' ? 'Close Referral: Won' : 'Close Referral: Lost',
    apply: () => ({ ...(body.reasonCode ? { reasonCode: body.reasonCode } : {}), ...(body.statusReason ? { statusReason: body.statusReason } : {}) }),
  });

/** null clears an optional field; a field left out stays as it is. */
const patched = <T>(value: T | null | undefined, current: T | undefined): T | undefined => (value === null ? undefined : value === undefined ? current : value);

export function updateReferral(principal: Principal, referralId: string, patch: UpdateReferralRequest, ifMatch: string | undefined) {
  const expectedVersion = versionFromIfMatch(ifMatch);
  return change(principal, referralId, {
    transition: 'update',
    operation: 'Update Referral',
    expectedVersion,
    apply: (current) => {
      const requirements = patch.solutions ? { ...current.details.requirements, solutions: patch.solutions } : current.details.requirements;
      return {
        name: patch.name ?? current.name,
        details: {
          ...current.details,
          dealValue: patch.dealValue ?? current.details.dealValue,
          currency: patch.currency ?? current.details.currency,
          closingDateTime: patch.closingDateTime ?? current.details.closingDateTime,
          notes: patched(patch.notes, current.details.notes),
          ...(requirements ? { requirements } : {}),
        },
        team: patch.team ?? current.team,
        externalReferenceId: patched(patch.externalReferenceId, current.externalReferenceId),
        campaignId: patched(patch.campaignId, current.campaignId),
      };
    },
  });
}

// ─── The customer of a won referral ─────────────────────────────────────────────────────────────────

/**
 * Invites the won referral's customer contact to a reseller relationship through the invitation flow (its
 * consent rule, limits and mail), and links the two: the referral's new version, naming the invitation, is
 * part of the invitation's own transaction, so there is never one without the other.
 */
export async function inviteReferralCustomer(principal: Principal, referralId: string, body: ReferralInvitationRequest): Promise<Invitation> {
  const current = await ownReferral(principal, referralId);
  if (current.counterparty && current.direction === 'outgoing') throw followsReceiver('an invitation', current, current.counterparty.partnerName);
  if (current.substatus !== 'won') {
    throw transitionNotAllowed('an invitation', current, `The referral is ${current.status}/${current.substatus}; only the customer of a won referral can be invited.`);
  }
  if (current.invitationId) throw alreadyInvited(current.invitationId);
  const contacts = current.customerProfile.contacts;
  const contact = body.email ? contacts.find((c) => c.email === body.email) : contacts[0];
  if (!contact) throw notAContact();
  const at = clock.now().toISOString();
  const invitationId = randomUUID();
  const updated: ReferralRecord = { ...current, invitationId, updatedDateTime: at, version: current.version + 1 };
  const [referralPart, activityPart] = store.saveParts(updated, current.version, activityItem(principal, 'Invite Referral Customer', at, changesOf(current, updated)));
  // The referral is written only at the version read: a change meanwhile cancels the invitation too.
  const changedMeanwhile = (cause: unknown) => stateConflict('The referral changed while the invitation was made; nothing was written. Read it again.', cause);
  return createInvitation(
    principal,
    {
      email: contact.email,
      companyName: current.customerProfile.name,
      ...(body.domain ? { domain: body.domain } : {}),
      ...(body.delegatedAdmin ? { delegatedAdmin: body.delegatedAdmin } : {}),
      ...(body.overrideBounce ? { overrideBounce: body.overrideBounce } : {}),
      id: invitationId,
    },
    [
      { part: referralPart!, error: changedMeanwhile },
      { part: activityPart!, error: changedMeanwhile },
    ],
  );
}
