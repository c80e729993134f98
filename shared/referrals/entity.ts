// The stored referral: its keys, its index entries, and how an item read back becomes a record (an
// allow-list: attributes not named here never reach the service, so a new internal one cannot leak).
//
// Index entries (all carry the whole item, so a page is one Query):
// - listing (gsi1):        PARTNER#<p>#REFERRALS                        every referral of the partner
// - listingByState (gsi2): PARTNER#<p>#REFERRALS#DIRECTION#<direction>  incoming or outgoing ones
// - searchByState (gsi4):  PARTNER#<p>#REFERRALS#QUALIFICATION#<q>      one qualification
//   each sorted by `<rank><status>#<substatus>#<createdDateTime>#<id>`, read newest first: new ones, then
//   active, then closed, each newest first; a status or substatus filter is a prefix of that key.
// - search (gsi3), only while `new/received` (a sender's `new/pending` copy follows its receiver's, engagement.ts): the expiry queue, one partition per UTC day of expirationDateTime
//   (REFERRAL_EXPIRY#2026-11-27), so the cleanup reads only the days that are due. Within a day a referral
//   sorts by the time its next piece of work is due (dueAt): the 3-day warning, then the 1-day warning,
//   then the expiry. A query for "due before now" so finds only referrals with something to do: one that
//   was warned has moved on to its next time and is not read again until then.
import { DAY_MS } from '../platform/clock.js';
import { EXPIRY_WARNING_DAYS, type Direction, type ExpiryWarning, type Qualification, type ReasonCode, type CustomerSize } from './reference.js';
import { isValidState, type Status, type Substatus } from './state-machine.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';

/** A customer's request through the public directory gives only the country. */
export interface Address {
  country: string;
  region?: string;
  city?: string;
  addressLine1?: string;
  addressLine2?: string;
  postalCode?: string;
}
export interface Contact {
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber?: string;
}
export interface TeamMember {
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber: string;
}
export interface Requirements {
  industries?: string[];
  products?: string[];
  services?: string[];
  solutions?: string[];
}

/** The other partner of a partner-to-partner referral, and its copy. */
export interface Counterparty {
  partnerId: string;
  partnerName: string;
  referralId: string;
  /** On the sender's copy, from the receiver's accept on: the first member of the team the receiver named. */
  contact?: TeamMember;
}

export interface ReferralRecord {
  id: string;
  partnerId: string;
  engagementId: string;
  name?: string;
  status: Status;
  substatus: Substatus;
  direction: Direction;
  qualification: Qualification;
  customerProfile: { name: string; address: Address; size: CustomerSize; contacts: Contact[] };
  consent: { consentToContact: boolean; consentToShareReferralWithPartners: boolean };
  details: { notes?: string; dealValue?: number; currency?: string; closingDateTime?: string; customerRequestedContact: boolean; requirements?: Requirements };
  team: TeamMember[];
  target?: { country: string; locationId: string };
  statusReason?: string;
  reasonCode?: ReasonCode;
  externalReferenceId?: string;
  campaignId?: string;
  invitationId?: string;
  createdDateTime: string;
  updatedDateTime: string;
  expirationDateTime?: string;
  acceptedDateTime?: string;
  counterparty?: Counterparty;
  /**
   * Hours from arrival to the partner's answer (accept or decline) of an incoming referral: what the
   * public directory ranks partners by. Internal; never shown.
   */
  responseTimeHours?: number;
  /** The expiry warnings already written to the outbox (with this mark, in one transaction). Internal. */
  expiryWarnings?: ExpiryWarning[];
  /** userId → the UTC day that user last saw the customer's contacts (see service.ts, "reveals"). */
  revealedTo: Record<string, string>;
  version: number;
}

const partner = (partnerId: string) => `PARTNER#${partnerId}`;

/** new first, then active, then closed, when a partition is read newest first. */
const STATUS_RANK: Record<Status, string> = { new: '3', active: '2', closed: '1' };

/** The sort key prefix that selects a status, or a substatus of it. */
export const statePrefix = (status: Status, substatus?: Substatus): string => `${STATUS_RANK[status]}${status}#${substatus ? `${substatus}#` : ''}`;

export type ReferralListing = { index: 'listing' | 'listingByState' | 'searchByState'; pk: string };

export const referralKeys = {
  referral: (partnerId: string, referralId: string) => ({ pk: partner(partnerId), sk: `REFERRAL#${referralId}` }),

  listing: (partnerId: string): ReferralListing => ({ index: 'listing', pk: `${partner(partnerId)}#REFERRALS` }),
  byDirection: (partnerId: string, direction: Direction): ReferralListing => ({ index: 'listingByState', pk: `${partner(partnerId)}#REFERRALS#DIRECTION#${direction}` }),
  byQualification: (partnerId: string, qualification: Qualification): ReferralListing => ({
    index: 'searchByState',
    pk: `${partner(partnerId)}#REFERRALS#QUALIFICATION#${qualification}`,
  }),

  /** One UTC day of the expiry queue (the day part of the expiration time). */
  expiryDay: (day: string) => ({ index: 'search', pk: `REFERRAL_EXPIRY#${day}` }) as const,
  /** How far the cleanup has emptied the expiry queue: every day before `day` is done. */
  expiryWatermark: { pk: 'REFERRAL_EXPIRY', sk: 'WATERMARK' },

  /**
   * The number of open engagements between two partners, either direction: kept under the partner whose id
   * sorts first, so both ask for the same item.
   */
  openWith: (partnerId: string, otherPartnerId: string) => {
    const [first, second] = [partnerId, otherPartnerId].sort();
    return { pk: partner(first!), sk: `REFERRALS_OPEN_WITH#${second!}` };
  },

  /** Kept apart from other creates' keys: a key names one request to one operation. */
  idempotency: (partnerId: string, idempotencyKey: string) => ({ pk: partner(partnerId), sk: `REFERRAL_IDEMPOTENCY#${idempotencyKey}` }),
};

/**
 * When the cleanup next has work on a waiting referral: the widest warning window not yet warned of (a
 * nearer warning already sent settles the wider ones), else the expiration itself.
 */
export function dueAt(record: Pick<ReferralRecord, 'expirationDateTime' | 'expiryWarnings'>): string {
  const nearestSent = Math.min(...(record.expiryWarnings ?? []).map(Number));
  const days = EXPIRY_WARNING_DAYS.find((d) => d < nearestSent);
  return days === undefined ? record.expirationDateTime! : new Date(Date.parse(record.expirationDateTime!) - days * DAY_MS).toISOString();
}

export function referralIndexes(
  record: Pick<ReferralRecord, 'partnerId' | 'id' | 'status' | 'substatus' | 'direction' | 'qualification' | 'createdDateTime' | 'expirationDateTime' | 'expiryWarnings'>,
) {
  const sortKey = `${statePrefix(record.status, record.substatus)}${record.createdDateTime}#${record.id}`;
  const listings = [referralKeys.listing(record.partnerId), referralKeys.byDirection(record.partnerId, record.direction), referralKeys.byQualification(record.partnerId, record.qualification)];
  const [all, direction, qualification] = listings.map((l) => l.pk);
  const waiting = record.substatus === 'received' && record.expirationDateTime;
  return {
    gsi1pk: all!,
    gsi1sk: sortKey,
    gsi2pk: direction!,
    gsi2sk: sortKey,
    gsi4pk: qualification!,
    gsi4sk: sortKey,
    // Only a referral that still waits for an answer sits in the expiry queue.
    ...(waiting ? { gsi3pk: referralKeys.expiryDay(record.expirationDateTime!.slice(0, 10)).pk, gsi3sk: `${dueAt(record)}#${record.partnerId}#${record.id}` } : {}),
  };
}

/** The item as stored: keys, index entries, and the record. */
export const referralItem = (record: ReferralRecord) => ({
  ...referralKeys.referral(record.partnerId, record.id),
  ...referralIndexes(record),
  kind: 'referral',
  ...record,
});

const FIELDS: readonly (keyof ReferralRecord)[] = [
  'id', 'partnerId', 'engagementId', 'name', 'status', 'substatus', 'direction', 'qualification', 'customerProfile', 'consent', 'details',
  'team', 'target', 'statusReason', 'reasonCode', 'externalReferenceId', 'campaignId', 'invitationId', 'createdDateTime', 'updatedDateTime',
  'expirationDateTime', 'acceptedDateTime', 'counterparty', 'responseTimeHours', 'expiryWarnings', 'revealedTo', 'version',
];

/** The record of a stored item: only the fields above, and only a referral in a state that exists. */
export function parseReferral(item: Record<string, unknown>): ReferralRecord {
  if (item.kind !== 'referral' || typeof item.version !== 'number' || !isValidState(item as { status: string; substatus: string })) {
    throw new Error(`not a referral item: ${String(item.sk)}`);
  }
  const record = Object.fromEntries(FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as ReferralRecord;
  return { ...record, revealedTo: record.revealedTo ?? {} };
}

/** Where a queue entry points: the expiry queue's sort key ends with the partner and referral ids. */
export const expiryEntry = (item: Record<string, unknown>) => ({ partnerId: item.partnerId as string, referralId: item.id as string });

/** A create's answer, kept under its Idempotency-Key until `expiresAtEpoch`, which is also the item's TTL. */
export const referralIdempotencyItem = <T extends { key: string; expiresAtEpoch: number }>(partnerId: string, idempotency: T) => ({
  ...referralKeys.idempotency(partnerId, idempotency.key),
  kind: 'idempotency',
  ...idempotency,
  [TTL_ATTRIBUTE]: idempotency.expiresAtEpoch,
});
