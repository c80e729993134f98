import { array, object, strictObject, string, unknown } from 'zod';
import type { z } from 'zod';
import { ContinuationToken, IsoDateTime, Limit } from '../platform/schemas.js';
import { CustomerId } from '../customers/schemas.js';

export const ActivityRecord = object({
    id: string(),
    at: IsoDateTime,
    actor: object({ userId: string(), partnerId: string() }),
    operation: string().meta({ example: 'Create Customer' }),
    customerId: string().optional(),
    changes: array(object({ field: string(), before: unknown().optional(), after: unknown().optional() })),
  })
  .meta({ id: 'ActivityRecord' });
export type ActivityRecord = z.infer<typeof ActivityRecord>;

export const ActivityPage = object({ items: array(ActivityRecord), continuationToken: string().optional() })
  .meta({ id: 'ActivityPage' });

export const ListActivityQuery = strictObject({
  customerId: CustomerId.optional(),
  limit: Limit,
  continuationToken: ContinuationToken.optional(),
});
