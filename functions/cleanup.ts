// Scheduled (hourly): expires pending invitations past their expiry, a bounded number per run.
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { expireOverdueInvitations, type CleanupResult } from '../shared/workflows/invitation-cleanup.js';

/** Time kept back from the Lambda timeout for the invitation in progress. */
const SAFETY_MS = 10_000;

export const handler = async (_event: ScheduledEvent, context?: Context): Promise<CleanupResult> => {
  const remaining = context?.getRemainingTimeInMillis?.();
  const result = await expireOverdueInvitations({ maxPerRun: 500, ...(remaining ? { deadline: Date.now() + remaining - SAFETY_MS } : {}) });
  if (result.more) logger.info('invitation cleanup continues next run', { ...result });
  return result;
};
