// Delegated admin grants as stored: the grant, its per-partner unique name, and the global queue of
// active grants by end date (a partition per day) that the scheduled cleanup walks (expiry, auto-extend, end-date warnings).
import { partnerPartition, searchKey } from '../platform/dynamo/keys.js';
import { dayBucket, type QueueBucket } from '../platform/dynamo/day-queue.js';
import { array, boolean, number, object, oneOf, optional, string, type Infer } from '../platform/dynamo/item-schema.js';

export const GRANT_STATES = ['approvalPending', 'active', 'expired', 'terminated'] as const;

/** Days before an end date at which the partner's contact is warned, most urgent last. */
export const END_WARNING_DAYS = [30, 7, 1] as const;
export type EndWarning = `${(typeof END_WARNING_DAYS)[number]}`;
const END_WARNINGS = END_WARNING_DAYS.map((days) => `${days}` as const);

/** The end-date queue: one index partition per UTC day of end date (before the cut-over, this one partition held all). */
const ACTIVE_QUEUE = 'DELEGATED_ADMIN#ACTIVE';
const activeQueuePk = (bucket: QueueBucket) => (bucket === 'unsharded' ? ACTIVE_QUEUE : `${ACTIVE_QUEUE}#${bucket.day}`);

export const grantKeys = {
  grant: (partnerId: string, grantId: string) => ({ pk: partnerPartition(partnerId), sk: `DELEGATED_ADMIN#${grantId}` }),
  ofCustomer: (partnerId: string, customerId: string) => ({ gsi1pk: `${partnerPartition(partnerId)}#CUSTOMER#${customerId}#DELEGATED_ADMIN` }),
  listing: (partnerId: string, customerId: string) => ({ index: 'listing', pk: `${partnerPartition(partnerId)}#CUSTOMER#${customerId}#DELEGATED_ADMIN` }) as const,
  name: (partnerId: string, displayName: string) => ({ pk: partnerPartition(partnerId), sk: `DELEGATED_ADMIN_NAME#${searchKey(displayName)}` }),
  /** Global: only active grants sit in the end-date queue, in the day of their end date, ordered by end date. */
  activeIndexes: (partnerId: string, grantId: string, endsAt: string) => ({ gsi3pk: activeQueuePk({ day: dayBucket(endsAt) }), gsi3sk: `${endsAt}#${partnerId}#${grantId}` }),
  activeQueue: (bucket: QueueBucket) => ({ index: 'search', pk: activeQueuePk(bucket) }) as const,
  /** How far the cleanup has emptied the end-date queue (platform/dynamo/day-queue.ts). */
  activeWatermark: { pk: ACTIVE_QUEUE, sk: 'WATERMARK' },
  /**
   * The queue's sort-key bound for "ends at or before `iso`": `#` follows every end date equal to it,
   * and `$` sorts right after `#`, so `sk < bound` takes those too.
   */
  activeEndingBy: (iso: string) => `${iso}$`,
};

/** The grant as the API shows it. */
export const GrantView = object({
  id: string,
  displayName: string,
  roles: array(string),
  duration: string,
  autoExtend: boolean,
  state: oneOf(GRANT_STATES),
  invitationId: string,
  customerId: optional(string),
  createdAt: string,
  activatedAt: optional(string),
  endsAt: optional(string),
  terminatedAt: optional(string),
});

export const GrantItem = object({
  ...GrantView.fields,
  partnerId: string,
  version: number,
  /**
   * End-date warnings already claimed (written before the mail is sent) for the end date `endsAt`.
   * Marks for another end date count for nothing: an extended grant is warned afresh.
   */
  warnings: optional(object({ endsAt: string, sent: array(oneOf(END_WARNINGS)) })),
});
export type GrantRecord = Infer<typeof GrantItem>;

export function grantItem(record: GrantRecord) {
  return {
    ...grantKeys.grant(record.partnerId, record.id),
    ...(record.customerId ? { ...grantKeys.ofCustomer(record.partnerId, record.customerId), gsi1sk: `${record.createdAt}#${record.id}` } : {}),
    // Only active grants sit in the end-date queue: a Put of any other state leaves it.
    ...(record.state === 'active' && record.endsAt ? grantKeys.activeIndexes(record.partnerId, record.id, record.endsAt) : {}),
    kind: 'delegatedAdminGrant',
    ...record,
  };
}

/** Holds a display name for one grant: names are unique per partner. */
export const grantNameItem = (partnerId: string, displayName: string, grantId: string) => ({ ...grantKeys.name(partnerId, displayName), kind: 'delegatedAdminName', grantId });

/** What the cleanup reads of a grant in the end-date queue; it reads the grant itself before acting. */
export const GrantQueueItem = object({ partnerId: string, id: string, endsAt: string });
