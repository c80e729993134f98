// The scheduled cleanup's directory part: moves the listings of partners that answered referrals since
// their listings were placed. An answer adds to the partner's response time inside its own transaction
// and queues the partner (store.ts, responseTimeAdded); a partner's listings (up to 42 per published
// country) move here, so the directory follows an answer within the cleanup's hour. Safe to run again and
// in parallel: a listing moves only to a newer response time; the work per run is bounded.
import { logger } from '../platform/logger.js';
import { queuedForRerank, rerankListings } from './store.js';

export interface RerankOptions {
  /** At most this many partners are moved per run; the next run continues. */
  maxPerRun?: number;
  /** Epoch ms after which no new partner is started (the Lambda's remaining time). */
  deadline?: number;
}

export interface RerankResult {
  moved: number;
  /** More partners may be queued: the next run continues. */
  more: boolean;
}

export async function rerankAnsweredPartners(options: RerankOptions = {}): Promise<RerankResult> {
  const maxPerRun = options.maxPerRun ?? 200;
  const result: RerankResult = { moved: 0, more: false };
  const seen = new Set<string>();
  const outOfTime = () => options.deadline !== undefined && Date.now() >= options.deadline;
  walk: for (;;) {
    // A partner another answer re-queued meanwhile, or the index still lists, waits for the next run.
    const fresh = (await queuedForRerank(Math.min(25, maxPerRun) + seen.size)).filter((partnerId) => !seen.has(partnerId));
    if (fresh.length === 0) break;
    for (const partnerId of fresh) {
      if (seen.size >= maxPerRun || outOfTime()) {
        result.more = true;
        break walk;
      }
      seen.add(partnerId);
      if (await rerankListings(partnerId)) result.moved += 1;
    }
  }
  logger.info('directory rerank', { ...result });
  return result;
}
