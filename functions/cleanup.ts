// Scheduled (hourly): expires pending invitations past their expiry, then ends, auto-extends or warns about
// active delegated admin grants by their end dates, then warns about unanswered referrals 3 days and 1 day
// before their expiration and closes them at it, then moves the directory listings of partners that
// answered referrals, then turns off purchase permissions whose end has passed; a bounded amount of each per
// run, the rest next run.
import type { Context, ScheduledEvent } from 'aws-lambda';
import { withLambdaContext } from '../shared/platform/lambda-context.js';
import { logger } from '../shared/platform/logger.js';
import { processDelegatedAdminEndDates, type GrantCleanupResult } from '../shared/delegated-admin/index.js';
import { expireOverdueInvitations, type CleanupResult } from '../shared/invitations/index.js';
import { expireDueReferrals, type ReferralExpiryResult } from '../shared/referrals/index.js';
import { rerankAnsweredPartners, type RerankResult } from '../shared/directory/index.js';
import { expireDuePurchasePermissions, type PurchasePermissionCleanupResult } from '../shared/purchase-permissions/index.js';

/** Time kept back from the Lambda timeout for the item in progress. */
const SAFETY_MS = 10_000;

export interface ScheduledCleanupResult {
  invitations: CleanupResult;
  delegatedAdmin: GrantCleanupResult;
  referrals: ReferralExpiryResult;
  directory: RerankResult;
  purchasePermissions: PurchasePermissionCleanupResult;
}

export const handler = withLambdaContext(async (_event: ScheduledEvent, context?: Context): Promise<ScheduledCleanupResult> => {
  const remaining = context?.getRemainingTimeInMillis?.();
  const deadline = remaining ? { deadline: Date.now() + remaining - SAFETY_MS } : {};
  const invitations = await expireOverdueInvitations({ maxPerRun: 500, ...deadline });
  const delegatedAdmin = await processDelegatedAdminEndDates({ maxPerRun: 200, ...deadline });
  const referrals = await expireDueReferrals({ maxPerRun: 500, ...deadline });
  const directory = await rerankAnsweredPartners({ maxPerRun: 200, ...deadline });
  const purchasePermissions = await expireDuePurchasePermissions({ maxPerRun: 500, ...deadline });
  if (invitations.more || delegatedAdmin.more || referrals.more || directory.more || purchasePermissions.more) {
    logger.info('cleanup continues next run', {
      invitations: { ...invitations },
      delegatedAdmin: { ...delegatedAdmin },
      referrals: { ...referrals },
      directory: { ...directory },
      purchasePermissions: { ...purchasePermissions },
    });
  }
  return { invitations, delegatedAdmin, referrals, directory, purchasePermissions };
});
