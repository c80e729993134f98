// The scheduled cleanup: a pending invitation past its expiry becomes `expired` in storage (every read
// already shows it as expired), its partner's pending counter goes down, its delegated admin request
// expires with it, and the activity log says so. The expiry queue has one partition per UTC day of expiry
// and a watermark (platform/dynamo/day-queue.ts): a run reads only the days that are due. Safe to run again
// and in parallel: each expiry is one transaction conditioned on the version that was read, and a cancelled
// one is decided again on a fresh read (platform/dynamo/retry.ts), so of two runs at once one expires it.
import type { Principal } from '../platform/auth.js';
import { clock, utcDay } from '../platform/clock.js';
import { walkDayQueue } from '../platform/dynamo/day-queue.js';
import { activityItem } from '../activity/index.js';
import { getGrant, getInvitation, overdueInvitations, unshardedPendingLeft } from './store.js';
import { invitationItem, invitationKeys, type InvitationRecord } from './entity.js';
import { jointActivityParts } from './service.js';
import { grantItem } from '../delegated-admin/index.js';
import { count, put, putVersioned, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import { logger } from '../platform/logger.js';
import { decideAgainWhenLost, LOST } from '../platform/dynamo/retry.js';

export const CLEANUP_USER_ID = 'system:cleanup';

export interface CleanupOptions {
  /** Invitations read per query. */
  pageSize?: number;
  /** At most this many invitations are looked at per run; the next run continues. */
  maxPerRun?: number;
  /** Epoch ms after which no new page is started (the Lambda's remaining time). */
  deadline?: number;
}

export interface CleanupResult {
  expired: number;
  /** Already answered, revoked, expired or extended meanwhile, or changed while this run worked on it. */
  skipped: number;
  /** More overdue invitations may be left for the next run. */
  more: boolean;
}

type Outcome = 'expired' | 'skipped' | typeof LOST;

async function expireOne(partnerId: string, invitationId: string): Promise<Outcome> {
  const invitation = await getInvitation(partnerId, invitationId);
  const now = clock.now();
  // Re-checked on the item itself: the index lags, and a resend may have moved the expiry.
  if (!invitation || invitation.state !== 'pending' || Date.parse(invitation.expiresAt) > now.getTime()) return 'skipped';
  const at = now.toISOString();
  const actor: Principal = { partnerId, userId: CLEANUP_USER_ID, roles: [] };
  const next: InvitationRecord = { ...invitation, state: 'expired', version: invitation.version + 1 };
  const grant = invitation.grantId ? await getGrant(partnerId, invitation.grantId) : undefined;
  const expireGrant = grant?.state === 'approvalPending';
  const parts: LabelledPart[] = [
    // Written without the expiry-queue attributes (invitationItem adds them only while pending).
    putVersioned('invitation', invitationItem(next), invitation.version),
    count('pendingCount', invitationKeys.pendingCounter(partnerId, invitation.source), -1),
    put(
      'activity',
      activityItem(
        actor,
        'Expire Invitation',
        at,
        [
          { field: 'state', before: 'pending', after: 'expired' },
          ...(expireGrant ? [{ field: `delegatedAdmin.${grant.id}.state`, before: 'approvalPending', after: 'expired' }] : []),
        ],
        invitation.customerId,
      ),
    ),
    ...jointActivityParts(invitation, actor, 'Joint Invitation Expired', at, [{ field: 'jointInvitation', before: { id: invitation.id, state: 'pending' }, after: { id: invitation.id, state: 'expired' } }]),
    ...(expireGrant ? [putVersioned('grant', grantItem({ ...grant, state: 'expired', version: grant.version + 1 }), grant.version)] : []),
  ];
  // Cancelled: someone answered, revoked or resent it meanwhile, or another run's transaction held it.
  return (await transact(parts)).ok ? 'expired' : LOST;
}

/** Where a run starts when no run has left a watermark yet: no invitation is pending longer than this by default. */
const FIRST_RUN_LOOKBACK_DAYS = 30;

export async function expireOverdueInvitations(options: CleanupOptions = {}): Promise<CleanupResult> {
  const pageSize = options.pageSize ?? 25;
  const maxPerRun = options.maxPerRun ?? 500;
  const now = clock.now();
  const result: CleanupResult = { expired: 0, skipped: 0, more: false };
  // Only the days up to today hold overdue invitations; each expiry takes its invitation out of its day.
  const { more } = await walkDayQueue({
    watermark: invitationKeys.pendingWatermark,
    now,
    lastDay: utcDay(now),
    firstRunLookbackDays: FIRST_RUN_LOOKBACK_DAYS,
    read: (bucket, startAfter) => overdueInvitations(bucket, now.toISOString(), pageSize, startAfter),
    unshardedLeft: unshardedPendingLeft,
    id: ({ partnerId, invitationId }) => `${partnerId}/${invitationId}`,
    handle: async ({ partnerId, invitationId }) => {
      const outcome = await decideAgainWhenLost(() => expireOne(partnerId, invitationId));
      result[outcome === LOST ? 'skipped' : outcome] += 1;
    },
    maxPerRun,
    maxPages: Math.ceil(maxPerRun / pageSize) + FIRST_RUN_LOOKBACK_DAYS + 1,
    deadline: options.deadline,
  });
  result.more = more;
  logger.info('invitation cleanup', { ...result });
  return result;
}
