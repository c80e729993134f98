import { array, globalRegistry, meta, object, optional, strictObject, string, unknown } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { ContinuationToken, IsoDateTime, Limit } from '../platform/schemas.js';
import { CustomerId } from '../customers/index.js';

export const ActivityRecord = object({
  id: string(),
  at: IsoDateTime,
  actor: object({ userId: string(), partnerId: string() }),
  operation: string().check(meta({ example: 'Create Customer' })),
  customerId: optional(string()),
  changes: array(object({ field: string(), before: optional(unknown()), after: optional(unknown()) })),
}).register(globalRegistry, { id: 'ActivityRecord' });
export type ActivityRecord = Infer<typeof ActivityRecord>;

export const ActivityPage = object({ items: array(ActivityRecord), continuationToken: optional(string()) }).register(globalRegistry, { id: 'ActivityPage' });

export const ListActivityQuery = strictObject({
  customerId: optional(CustomerId),
  limit: Limit,
  continuationToken: optional(ContinuationToken),
});
