import { z } from 'zod';
import { ContinuationToken, IsoDateTime, Limit } from './common.js';

export const ActivityRecord = z
  .object({
    id: z.string(),
    at: IsoDateTime,
    actor: z.object({ userId: z.string(), partnerId: z.string() }),
    operation: z.string().meta({ example: 'Create Customer' }),
    customerId: z.string().optional(),
    changes: z.array(z.object({ field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() })),
  })
  .meta({ id: 'ActivityRecord' });
export type ActivityRecord = z.infer<typeof ActivityRecord>;

export const ActivityPage = z
  .object({ items: z.array(ActivityRecord), continuationToken: z.string().optional() })
  .meta({ id: 'ActivityPage' });

export const ListActivityQuery = z.strictObject({
  customerId: z.string().uuid().optional(),
  limit: Limit,
  continuationToken: ContinuationToken.optional(),
});
