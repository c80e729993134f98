// The scheduled cleanup's referral part: a `new` referral nobody answered within 14 days is closed as
// `closed/expired`. The expiry queue has one partition per UTC day of expiration (entity.ts), and a
// watermark says up to which day it is empty, so a run reads only the days from the watermark to today,
// and within each only what is due. Each expiry is one transaction with its activity record, conditioned
// on the version read: safe to run again and in parallel; the work per run is bounded.
//
// Not yet here: the warnings 3 days and 1 day before, and the note to the requester of a customer request.
// They need the platform outbox for every mail kind, which is being built now.
import type { Principal } from '../platform/auth.js';
import { DAY_MS, clock, utcDay } from '../platform/clock.js';
import { logger } from '../platform/logger.js';
import { activityItem } from '../activity/store.js';
import { CLEANUP_USER_ID } from '../invitations/cleanup.js';
import type { ReferralRecord } from './entity.js';
import { next } from './state-machine.js';
import * as store from './store.js';

/** Where a run starts when no run has left a watermark yet. */
const FIRST_RUN_LOOKBACK_DAYS = 30;

export interface ReferralExpiryOptions {
  /** Queue entries read per query. */
  pageSize?: number;
  /** At most this many referrals are looked at per run; the next run continues. */
  maxPerRun?: number;
  /** Epoch ms after which no new page is started (the Lambda's remaining time). */
  deadline?: number;
}

export interface ReferralExpiryResult {
  expired: number;
  /** Answered meanwhile, not yet due on a second look (index lag), or changed while this run worked on it. */
  skipped: number;
  /** More due referrals may be left for the next run. */
  more: boolean;
}

const nextDay = (day: string): string => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS));

async function expireOne(partnerId: string, referralId: string, now: Date): Promise<'expired' | 'skipped'> {
  const current = await store.getReferral(partnerId, referralId);
  // Re-checked on the item itself: the index lags, and an answer may have come meanwhile.
  const state = current && next(current, 'expire');
  if (!current || !state || Date.parse(current.expirationDateTime ?? '') > now.getTime()) return 'skipped';
  const at = now.toISOString();
  const actor: Principal = { partnerId, userId: CLEANUP_USER_ID, roles: [] };
  // Written without the expiry-queue entry (entity.ts adds it only while `new`).
  const expired: ReferralRecord = { ...current, ...state, updatedDateTime: at, version: current.version + 1 };
  const changes = [
    { field: 'referral', after: { id: referralId } },
    { field: 'status', before: current.status, after: state.status },
    { field: 'substatus', before: current.substatus, after: state.substatus },
  ];
  return (await store.saveReferral(expired, current.version, activityItem(actor, 'Expire Referral', at, changes))) ? 'expired' : 'skipped';
}

export async function expireDueReferrals(options: ReferralExpiryOptions = {}): Promise<ReferralExpiryResult> {
  const pageSize = options.pageSize ?? 25;
  const maxPerRun = options.maxPerRun ?? 500;
  const now = clock.now();
  const today = utcDay(now);
  const yesterday = utcDay(new Date(now.getTime() - DAY_MS));
  const result: ReferralExpiryResult = { expired: 0, skipped: 0, more: false };
  const seen = new Set<string>();
  const outOfTime = () => options.deadline !== undefined && Date.now() >= options.deadline;
  const start = (await store.getExpiryWatermark()) ?? utcDay(new Date(now.getTime() - FIRST_RUN_LOOKBACK_DAYS * DAY_MS));
  let watermark = start;
  for (let day = start; day <= today; day = nextDay(day)) {
    let emptied = false;
    while (seen.size < maxPerRun && !outOfTime()) {
      // Skipped entries may stay at the head of the day for a while, so the page grows by those.
      const limit = Math.min(pageSize, maxPerRun - seen.size) + result.skipped;
      const page = await store.dueReferrals(day, now.toISOString(), limit);
      const fresh = page.filter(({ partnerId, referralId }) => !seen.has(`${partnerId}/${referralId}`));
      if (page.length === 0) emptied = true;
      if (fresh.length === 0) break;
      for (const { partnerId, referralId } of fresh) {
        seen.add(`${partnerId}/${referralId}`);
        result[await expireOne(partnerId, referralId, now)] += 1;
      }
      if (page.length < limit && page.length === fresh.length && result.skipped === 0) {
        emptied = true;
        break;
      }
    }
    if (seen.size >= maxPerRun || outOfTime()) {
      result.more = true;
      break;
    }
    // A day with nothing left is retired once yesterday has passed it: no referral joins a day that near
    // (they join 14 days ahead), and the index has long caught up with the expiries written to it.
    if (emptied && day < yesterday && watermark === day) watermark = nextDay(day);
  }
  if (watermark !== start) await store.advanceExpiryWatermark(watermark);
  logger.info('referral expiry', { ...result });
  return result;
}
