// A customer's purchase permissions as stored: one item per customer holding both types (one version, one
// ETag), and the global due queue of permissions with an end (`enabledUntil`), one index partition per UTC
// day of the earliest end among the item's enabled types, that the scheduled cleanup walks.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { dayBucket } from '../platform/dynamo/day-queue.js';
import { boolean, number, object, oneOf, optional, string, type Infer } from '../platform/dynamo/item-schema.js';

export const PURCHASE_PERMISSION_TYPES = ['azureReservations', 'azureSavingsPlans'] as const;
export type PurchasePermissionType = (typeof PURCHASE_PERMISSION_TYPES)[number];

/** The partners that pay for what their customers buy: only they grant purchase permissions. */
export const BILL_TO_PARTNER_TYPES = ['directBill', 'indirectProvider'] as const;

/** Why the system (not a user) turned a permission off. */
export const DISABLED_REASONS = ['relationshipEnded', 'expired'] as const;
export type DisabledReason = (typeof DISABLED_REASONS)[number];

/** Who the system is when it turns permissions off (`enabledBy`/`disabledBy` and the activity record's actor). */
export const SYSTEM_ACTOR = 'system';

const DUE_QUEUE = 'PURCHASE_PERMISSIONS#UNTIL';

export const purchasePermissionKeys = {
  permissions: (partnerId: string, customerId: string) => ({ pk: partnerPartition(partnerId), sk: `PURCHASE_PERMISSIONS#${customerId}` }),
  /** Global: an item sits in the day of its earliest `enabledUntil`, ordered by it, while a type with an end is on. */
  dueIndexes: (partnerId: string, customerId: string, until: string) => ({ gsi3pk: `${DUE_QUEUE}#${dayBucket(until)}`, gsi3sk: `${until}#${partnerId}#${customerId}` }),
  dueQueue: (day: string) => ({ index: 'search', pk: `${DUE_QUEUE}#${day}` }) as const,
  /** How far the cleanup has emptied the due queue (platform/dynamo/day-queue.ts). */
  dueWatermark: { pk: DUE_QUEUE, sk: 'WATERMARK' },
  /** The queue's sort-key bound for "ends at or before `iso`" (`$` sorts right after the `#` that follows it). */
  dueBy: (iso: string) => `${iso}$`,
};

/** One type as the API shows it; a type never turned on is `{ enabled: false }`. */
export const PermissionState = object({
  enabled: boolean,
  enabledAt: optional(string),
  enabledBy: optional(string),
  enabledUntil: optional(string),
  disabledAt: optional(string),
  disabledBy: optional(string),
  disabledReason: optional(oneOf(DISABLED_REASONS)),
});
export type PermissionStateRecord = Infer<typeof PermissionState>;

export const PurchasePermissionsItem = object({
  partnerId: string,
  customerId: string,
  version: number,
  azureReservations: optional(PermissionState),
  azureSavingsPlans: optional(PermissionState),
});
export type PurchasePermissionsRecord = Infer<typeof PurchasePermissionsItem>;

/** The earliest end among the enabled types: where the item sits in the due queue, if anywhere. */
export function earliestEnd(record: PurchasePermissionsRecord): string | undefined {
  const ends = PURCHASE_PERMISSION_TYPES.map((type) => record[type]).flatMap((state) => (state?.enabled && state.enabledUntil ? [state.enabledUntil] : []));
  return ends.sort()[0];
}

export function purchasePermissionsItem(record: PurchasePermissionsRecord) {
  const until = earliestEnd(record);
  return {
    ...purchasePermissionKeys.permissions(record.partnerId, record.customerId),
    // Only an item with an end sits in the due queue: a Put without one leaves it.
    ...(until ? purchasePermissionKeys.dueIndexes(record.partnerId, record.customerId, until) : {}),
    kind: 'purchasePermissions',
    ...record,
  };
}

/** What the cleanup reads of an item in the due queue; it reads the item itself before acting. */
export const DueQueueItem = object({ partnerId: string, customerId: string });
