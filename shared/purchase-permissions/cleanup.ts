// The scheduled cleanup's purchase permissions part: a permission whose `enabledUntil` has passed is turned off
// (by `system`, reason `expired`, at its end) with its activity record, in one transaction conditioned on the
// version read. The due queue has one index partition per UTC day of an item's earliest end and a watermark
// (purchasePermissionKeys in ./entity.ts, platform/dynamo/day-queue.ts): a run reads only the days that are
// due. Reads already show such a permission as off; this makes storage say so and takes it out of the queue.
// Safe to run again and in parallel.
import { clock, utcDay } from '../platform/clock.js';
import { walkDayQueue } from '../platform/dynamo/day-queue.js';
import { put, putVersioned, transact } from '../platform/dynamo/transactions.js';
import { logger } from '../platform/logger.js';
import { activityItem, diff } from '../activity/index.js';
import { purchasePermissionKeys, purchasePermissionsItem, PURCHASE_PERMISSION_TYPES, SYSTEM_ACTOR } from './entity.js';
import { DISABLE_OPERATION } from './service.js';
import { effectiveRecord } from './state.js';
import { duePurchasePermissions, findPurchasePermissions, type DueEntry } from './store.js';

export interface PurchasePermissionCleanupOptions {
  pageSize?: number;
  /** At most this many items are looked at per run; the next run continues. */
  maxPerRun?: number;
  /** Epoch ms after which no new page or item is started (the Lambda's remaining time). */
  deadline?: number;
}

export interface PurchasePermissionCleanupResult {
  /** Items of which at least one type was turned off. */
  expired: number;
  /** Nothing due on a second look: changed meanwhile, index lag, or a lost race with a parallel run. */
  skipped: number;
  more: boolean;
}

async function expireOne({ partnerId, customerId }: DueEntry): Promise<'expired' | 'skipped'> {
  const current = await findPurchasePermissions(partnerId, customerId);
  const now = clock.now();
  if (!current) return 'skipped';
  // Re-checked on the item itself: the index lags, and the end may have moved since.
  const next = { ...effectiveRecord(current, now), version: current.version + 1 };
  const expired = PURCHASE_PERMISSION_TYPES.filter((type) => current[type]?.enabled && !next[type]!.enabled);
  if (expired.length === 0) return 'skipped';
  const changes = diff(
    Object.fromEntries(expired.map((type) => [type, current[type]])),
    Object.fromEntries(expired.map((type) => [type, next[type]])),
  );
  const outcome = await transact([
    // Written without the queue attributes unless another type still has an end ahead.
    putVersioned('permissions', purchasePermissionsItem(next), current.version),
    put('activity', activityItem({ partnerId, userId: SYSTEM_ACTOR, roles: [] }, DISABLE_OPERATION, now.toISOString(), changes, customerId)),
  ]);
  return outcome.ok ? 'expired' : 'skipped';
}

/** Where a run starts when no run has left a watermark yet (no end lies in the past when it is set). */
const FIRST_RUN_LOOKBACK_DAYS = 7;

export async function expireDuePurchasePermissions(options: PurchasePermissionCleanupOptions = {}): Promise<PurchasePermissionCleanupResult> {
  const pageSize = options.pageSize ?? 25;
  const maxPerRun = options.maxPerRun ?? 500;
  const now = clock.now();
  const result: PurchasePermissionCleanupResult = { expired: 0, skipped: 0, more: false };
  const { more } = await walkDayQueue({
    watermark: purchasePermissionKeys.dueWatermark,
    now,
    lastDay: utcDay(now),
    firstRunLookbackDays: FIRST_RUN_LOOKBACK_DAYS,
    read: (bucket, startAfter) => duePurchasePermissions(bucket, now.toISOString(), pageSize, startAfter),
    id: ({ partnerId, customerId }) => `${partnerId}/${customerId}`,
    handle: async (entry) => {
      result[await expireOne(entry)] += 1;
    },
    maxPerRun,
    maxPages: 40 + FIRST_RUN_LOOKBACK_DAYS,
    deadline: options.deadline,
  });
  result.more = more;
  logger.info('purchase permissions cleanup', { ...result });
  return result;
}
