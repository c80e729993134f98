// The scheduled cleanup's referral part, over the expiry queue (entity.ts): one partition per UTC day of
// expiration, each referral sorted by when its next piece of work is due, and a watermark that says up to
// which day the queue is empty. A run reads the days from the watermark to 3 days ahead (the last day whose
// referrals can be due for a warning), and within each only what is due:
// - 3 days and 1 day before a `new` referral expires, a warning to the partner's referral contact (the
//   target location's contact for a directory request, else the partner's primary contact), once each: the
//   referral's mark and the mail's outbox item are one transaction, versioned, so parallel runs cannot both
//   win. The mark moves the referral to its next time in the queue. A late run sends only the nearer one;
// - at its expiration, `closed/expired`, with its activity record and, for a customer's directory request
//   (one with a `target`), the note to the requester to choose another partner, in one transaction; a copy
//   received from another partner closes the sender's copy with it (engagement.ts).
// Safe to run again and in parallel (a cancelled write is decided again on a fresh read, so of two runs at
// once one acts); the work per run is bounded.
import type { Principal } from '../platform/auth.js';
import { DAY_MS, clock, dueWindow, utcDay } from '../platform/clock.js';
import type { LabelledPart } from '../platform/dynamo/transactions.js';
import { logger } from '../platform/logger.js';
import { decideAgainWhenLost, LOST } from '../platform/dynamo/retry.js';
import { activityItem } from '../activity/index.js';
import { getProfile } from '../business-profiles/index.js';
import { CLEANUP_USER_ID } from '../invitations/index.js';
import { findPartnerProfile } from '../partner/index.js';
import type { ReferralRecord } from './entity.js';
import { senderFollows } from './engagement.js';
import { expiryWarningPart, requesterNotePart } from './expiry-email.js';
import { EXPIRY_WARNING_DAYS, type ExpiryWarning } from './reference.js';
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
  warned: number;
  /** The warning was marked but no mail could be written for it (nobody to send it to). */
  warningsFailed: number;
  /** Answered meanwhile, not yet due on a second look (index lag), or changed while this run worked on it. */
  skipped: number;
  /** More due referrals may be left for the next run. */
  more: boolean;
}

const nextDay = (day: string): string => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS));

type Outcome = 'expired' | 'warned' | 'warningsFailed' | 'skipped' | typeof LOST;

const systemActor = (partnerId: string): Principal => ({ partnerId, userId: CLEANUP_USER_ID, roles: [] });

/** The requester of a customer's directory request is told to choose another partner (none for other referrals). */
async function requesterNote(referral: ReferralRecord, at: Date): Promise<LabelledPart[]> {
  const requester = referral.customerProfile.contacts[0];
  if (!referral.target || !requester) return [];
  const partner = await findPartnerProfile(referral.partnerId);
  if (!partner) {
    // A business profile needs the legal profile, so a directory request without one is a broken record.
    logger.error('referral requester note not sent', { partnerId: referral.partnerId, referralId: referral.id, error: 'PartnerProfileMissing' });
    return [];
  }
  const payload = {
    to: requester.email,
    partnerId: referral.partnerId,
    referralId: referral.id,
    locale: 'en',
    name: `${requester.firstName} ${requester.lastName}`,
    partnerName: partner.companyName,
    country: referral.target.country,
  };
  return [requesterNotePart(payload, at)];
}

async function expireOne(current: ReferralRecord, now: Date): Promise<Outcome> {
  const state = next(current, 'expire');
  if (!state) return 'skipped';
  const at = now.toISOString();
  // Written without the expiry-queue entry (entity.ts adds it only while `new`).
  const expired: ReferralRecord = { ...current, ...state, updatedDateTime: at, version: current.version + 1 };
  const changes = [
    { field: 'referral', after: { id: current.id } },
    { field: 'status', before: current.status, after: state.status },
    { field: 'substatus', before: current.substatus, after: state.substatus },
  ];
  const step = { transition: 'expire', operation: 'Expire Referral' } as const;
  const follows = await senderFollows(current, expired, step, systemActor(current.partnerId), at);
  const saved = await store.saveReferral(expired, current.version, activityItem(systemActor(current.partnerId), step.operation, at, changes), [...(await requesterNote(current, now)), ...follows]);
  return saved ? 'expired' : LOST;
}

/** Who is warned: the target location's contact if the referral names a location that still exists, else the partner's primary contact. */
async function referralContact(referral: ReferralRecord) {
  const [partner, profile] = await Promise.all([
    findPartnerProfile(referral.partnerId),
    referral.target ? getProfile(referral.partnerId, referral.target.country) : undefined,
  ]);
  const location = profile?.locations.find((l) => l.id === referral.target?.locationId);
  if (!partner) return undefined;
  return location
    ? { partnerName: partner.companyName, contact: location.contact, locationCity: location.address.city }
    : { partnerName: partner.companyName, contact: partner.primaryContact };
}

async function warnOne(current: ReferralRecord, warning: ExpiryWarning, now: Date): Promise<Outcome> {
  const marked: ReferralRecord = { ...current, expiryWarnings: [...(current.expiryWarnings ?? []), warning], version: current.version + 1 };
  const ids = { partnerId: current.partnerId, referralId: current.id, warning };
  const found = await referralContact(current);
  if (!found) {
    // Marked all the same: the next run would find the same gap; the next window (or the expiry) follows.
    const saved = await store.saveWarning(marked, current.version);
    if (saved) logger.error('referral expiry warning not sent', { ...ids, error: 'PartnerProfileMissing' });
    return saved ? 'warningsFailed' : LOST;
  }
  const mail = expiryWarningPart(
    {
      ...ids,
      to: found.contact.email,
      locale: 'en',
      contactName: found.contact.name,
      partnerName: found.partnerName,
      customerName: current.customerProfile.name,
      expiresAt: current.expirationDateTime!,
      ...(found.locationCity ? { locationCity: found.locationCity } : {}),
      fromDirectory: current.target !== undefined,
    },
    now,
  );
  // A lost race: another run has it, or the referral was answered meanwhile; a fresh read tells.
  if (!(await store.saveWarning(marked, current.version, mail))) return LOST;
  logger.info('referral expiry warning queued', ids);
  return 'warned';
}

async function processOne(partnerId: string, referralId: string, now: Date): Promise<Outcome> {
  const current = await store.getReferral(partnerId, referralId);
  // Re-checked on the item itself: the index lags, and an answer may have come meanwhile.
  if (!current || current.status !== 'new' || !current.expirationDateTime) return 'skipped';
  if (Date.parse(current.expirationDateTime) <= now.getTime()) return expireOne(current, now);
  const days = dueWindow(current.expirationDateTime, now, EXPIRY_WARNING_DAYS);
  const warning = days === undefined ? undefined : (`${days}` as ExpiryWarning);
  if (!warning || current.expiryWarnings?.includes(warning)) return 'skipped';
  return warnOne(current, warning, now);
}

export async function expireDueReferrals(options: ReferralExpiryOptions = {}): Promise<ReferralExpiryResult> {
  const pageSize = options.pageSize ?? 25;
  const maxPerRun = options.maxPerRun ?? 500;
  const now = clock.now();
  const yesterday = utcDay(new Date(now.getTime() - DAY_MS));
  const result: ReferralExpiryResult = { expired: 0, warned: 0, warningsFailed: 0, skipped: 0, more: false };
  // The last day of expiration whose referrals can be due for a warning now.
  const lastDay = utcDay(new Date(now.getTime() + EXPIRY_WARNING_DAYS[0] * DAY_MS));
  const seen = new Set<string>();
  const outOfTime = () => options.deadline !== undefined && Date.now() >= options.deadline;
  const start = (await store.getExpiryWatermark()) ?? utcDay(new Date(now.getTime() - FIRST_RUN_LOOKBACK_DAYS * DAY_MS));
  let watermark = start;
  for (let day = start; day <= lastDay; day = nextDay(day)) {
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
        const outcome = await decideAgainWhenLost(() => processOne(partnerId, referralId, now));
        result[outcome === LOST ? 'skipped' : outcome] += 1;
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
