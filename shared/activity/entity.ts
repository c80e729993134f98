// The activity log as stored: one item per change, in the partner's log and, for a change to a
// customer, in that customer's log too (written in the change's own transaction).
import { partnerPartition } from '../platform/dynamo/keys.js';
import { array, object, optional, string, unknown } from '../platform/dynamo/item-schema.js';

export const activityKeys = {
  entry: (partnerId: string, at: string, activityId: string, customerId?: string) => ({
    pk: `${partnerPartition(partnerId)}#ACTIVITY`,
    sk: `${at}#${activityId}`,
    ...(customerId ? { gsi1pk: `${partnerPartition(partnerId)}#ACTIVITY#${customerId}`, gsi1sk: `${at}#${activityId}` } : {}),
  }),
  log: (partnerId: string, customerId?: string) =>
    customerId
      ? ({ index: 'listing', pk: `${partnerPartition(partnerId)}#ACTIVITY#${customerId}` } as const)
      : ({ index: undefined, pk: `${partnerPartition(partnerId)}#ACTIVITY` } as const),
};

export const ActivityItem = object({
  id: string,
  at: string,
  actor: object({ userId: string, partnerId: string }),
  operation: string,
  customerId: optional(string),
  changes: array(object({ field: string, before: optional(unknown), after: optional(unknown) })),
});
