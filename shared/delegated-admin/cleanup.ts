// The scheduled cleanup's delegated admin part, over the queue of active grants ordered by end date, one
// partition per UTC day with a watermark (grantKeys.activeIndexes in ./entity.ts, platform/dynamo/day-queue.ts):
// - a grant at its end date is extended by 180 days (as often as needed to reach the future) when it
//   auto-extends and has no Global Administrator role, and expires otherwise (an expired grant is never
//   restored); each is one transaction with its activity record, conditioned on the version read;
// - a grant 30, 7 or 1 days before its end date gets one warning mail to the partner's primary contact per
//   window and end date. The mark and the mail's outbox item are one transaction (versioned, so parallel
//   runs cannot both win): the mail is neither lost nor written twice. The mailer sends it with the
//   outbox's bounded retries, so an address that keeps failing does not get a send attempt every hour for a
//   month; the next window warns again.
// Safe to run again and in parallel (a cancelled write is decided again on a fresh read, so of two runs at
// once one acts); the work per run is bounded (queue pages, grants, deadline).
import type { Principal } from '../platform/auth.js';
import { DAY_MS, clock, dueWindow, utcDay } from '../platform/clock.js';
import { walkDayQueue } from '../platform/dynamo/day-queue.js';
import { activityItem } from '../activity/index.js';
import { findCustomer } from '../customers/index.js';
import { activeGrantsDue, autoExtends, extendedEnd, getGrant, unshardedActiveLeft, type GrantQueueEntry } from '../invitations/index.js';
import { END_WARNING_DAYS, grantItem, grantKeys, type EndWarning, type GrantRecord } from './entity.js';
import { findPartnerProfile } from '../partner/index.js';
import { put, putVersioned, transact } from '../platform/dynamo/transactions.js';
import { grantEndWarningPart } from './end-warning-email.js';
import { logger } from '../platform/logger.js';
import { decideAgainWhenLost, LOST } from '../platform/dynamo/retry.js';
import { CLEANUP_USER_ID } from '../invitations/index.js';

export interface GrantCleanupOptions {
  /** Queue items evaluated per query (the filter then drops those with nothing due). */
  pageSize?: number;
  /** Queue pages read per run at most. */
  maxPages?: number;
  /** At most this many grants are looked at (read, and maybe changed or warned) per run; the next run continues. */
  maxPerRun?: number;
  /** Epoch ms after which no new grant is started (the Lambda's remaining time). */
  deadline?: number;
}

export interface GrantCleanupResult {
  expired: number;
  extended: number;
  warned: number;
  /** The warning was claimed but no mail could be written for it (no partner profile or customer). */
  warningsFailed: number;
  /** Nothing to do on a second look: changed meanwhile, index lag, or a lost race with a parallel run. */
  skipped: number;
  /** More may be due: the next run continues. */
  more: boolean;
}

type Outcome = 'expired' | 'extended' | 'warned' | 'warningsFailed' | 'skipped' | typeof LOST;

/** The most urgent warning window the end date is in, if any (an end date already reached is none). */
export function dueWarning(endsAt: string, now: Date): EndWarning | undefined {
  const days = dueWindow(endsAt, now, END_WARNING_DAYS);
  return days === undefined ? undefined : (String(days) as EndWarning);
}

const systemActor = (partnerId: string): Principal => ({ partnerId, userId: CLEANUP_USER_ID, roles: [] });

async function endOne(grant: GrantRecord, now: Date): Promise<Outcome> {
  const at = now.toISOString();
  const { warnings: _done, ...rest } = grant;
  const endsAt = grant.endsAt!;
  if (autoExtends(grant)) {
    const next: GrantRecord = { ...rest, endsAt: extendedEnd(endsAt, now), version: grant.version + 1 };
    const outcome = await transact([
      putVersioned('grant', grantItem(next), grant.version),
      put('activity', activityItem(systemActor(grant.partnerId), 'Auto-extend Delegated Admin Relationship', at, [
        { field: `delegatedAdmin.${grant.id}.endsAt`, before: endsAt, after: next.endsAt },
      ], grant.customerId)),
    ]);
    return outcome.ok ? 'extended' : LOST;
  }
  const next: GrantRecord = { ...rest, state: 'expired', version: grant.version + 1 };
  const outcome = await transact([
    // Written without the queue attributes (grantItem adds them only while active).
    putVersioned('grant', grantItem(next), grant.version),
    put('activity', activityItem(systemActor(grant.partnerId), 'Expire Delegated Admin Relationship', at, [
      { field: `delegatedAdmin.${grant.id}.state`, before: 'active', after: 'expired' },
    ], grant.customerId)),
  ]);
  return outcome.ok ? 'expired' : LOST;
}

async function warnOne(grant: GrantRecord, warning: EndWarning, now: Date): Promise<Outcome> {
  const endsAt = grant.endsAt!;
  const sent = grant.warnings?.endsAt === endsAt ? grant.warnings.sent : [];
  const claimed: GrantRecord = { ...grant, warnings: { endsAt, sent: [...sent, warning] }, version: grant.version + 1 };
  const mark = putVersioned('grant', grantItem(claimed), grant.version);
  const ids = { partnerId: grant.partnerId, grantId: grant.id, warning };
  const [profile, customer] = await Promise.all([
    findPartnerProfile(grant.partnerId),
    grant.customerId ? findCustomer(grant.partnerId, grant.customerId) : undefined,
  ]);
  if (!profile || !customer) {
    // Marked all the same: the next run would find the same gap, and the next window warns again.
    const outcome = await transact([mark]);
    if (outcome.ok) logger.error('delegated admin end warning not sent', { ...ids, error: profile ? 'CustomerMissing' : 'PartnerProfileMissing' });
    return outcome.ok ? 'warningsFailed' : LOST;
  }
  const mail = grantEndWarningPart(
    {
      ...ids,
      to: profile.primaryContact.email,
      locale: 'en',
      contactName: profile.primaryContact.name,
      partnerName: profile.companyName,
      customerName: customer.companyProfile.companyName,
      displayName: grant.displayName,
      roles: grant.roles,
      endsAt,
      autoExtend: autoExtends(grant),
    },
    now,
  );
  // A lost race: another run has it, or the grant changed; a fresh read tells.
  if (!(await transact([mark, mail])).ok) return LOST;
  logger.info('delegated admin end warning queued', ids);
  return 'warned';
}

async function processOne(entry: GrantQueueEntry): Promise<Outcome> {
  const grant = await getGrant(entry.partnerId, entry.grantId);
  const now = clock.now();
  // Re-checked on the item itself: the index lags, and the grant may have changed since.
  if (!grant || grant.state !== 'active' || !grant.endsAt) return 'skipped';
  if (Date.parse(grant.endsAt) <= now.getTime()) return endOne(grant, now);
  const warning = dueWarning(grant.endsAt, now);
  if (!warning || (grant.warnings?.endsAt === grant.endsAt && grant.warnings.sent.includes(warning))) return 'skipped';
  return warnOne(grant, warning, now);
}

/** Where a run starts when no run has left a watermark yet. */
const FIRST_RUN_LOOKBACK_DAYS = 30;

export async function processDelegatedAdminEndDates(options: GrantCleanupOptions = {}): Promise<GrantCleanupResult> {
  const pageSize = options.pageSize ?? 250;
  const maxPerRun = options.maxPerRun ?? 200;
  const result: GrantCleanupResult = { expired: 0, extended: 0, warned: 0, warningsFailed: 0, skipped: 0, more: false };
  const now = clock.now();
  // The days in order, each walked by end date: ended grants first, then those inside a warning window, so
  // the days up to the largest window ahead. Grants that leave the queue or move within it while the walk
  // goes on are looked at once per run.
  const { more } = await walkDayQueue({
    watermark: grantKeys.activeWatermark,
    now,
    lastDay: utcDay(new Date(now.getTime() + END_WARNING_DAYS[0] * DAY_MS)),
    firstRunLookbackDays: FIRST_RUN_LOOKBACK_DAYS,
    read: (bucket, startAfter) => activeGrantsDue(bucket, now, pageSize, startAfter),
    unshardedLeft: unshardedActiveLeft,
    id: ({ partnerId, grantId }) => `${partnerId}/${grantId}`,
    handle: async (entry) => {
      const outcome = await decideAgainWhenLost(() => processOne(entry));
      result[outcome === LOST ? 'skipped' : outcome] += 1;
    },
    maxPerRun,
    maxPages: options.maxPages ?? 40 + END_WARNING_DAYS[0] + FIRST_RUN_LOOKBACK_DAYS,
    deadline: options.deadline,
  });
  result.more = more;
  logger.info('delegated admin cleanup', { ...result });
  return result;
}
