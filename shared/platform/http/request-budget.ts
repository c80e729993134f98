// A budget of requests per minute for each subject (a partner, a client network), across all function instances.
// HTTP APIs cannot throttle per client, so the functions do it: an instance leases tokens from the subject's
// counter (shared/platform/dynamo/token-leases.ts) and spends them locally.
//
// Lease sizes adapt: an instance that serves a subject often takes big leases (few counter updates), one that
// serves it rarely takes small ones, so tokens parked unused in idle instances stay few. A lease doubles each time
// the instance runs out within a minute, and the next minute starts from half the last size.
//
// A budget may let each instance serve a subject its first `uncounted` requests of a minute without the counter:
// most visitors of a public page make a few requests and then cost no write at all. Once an instance goes past
// them, its next lease counts them too, so only instances that stayed within them are not counted: a subject gets
// at most `perMinute` plus `uncounted` for each instance that served it.
//
// Once the counter says the minute is spent, the instance refuses the subject until the minute ends without
// asking the counter again: a client hammering past its limit costs nothing more.
import { clock } from '../clock.js';
import { rateLimited } from '../errors.js';
import type { ItemKey } from '../dynamo/keys.js';
import { leaseTokens } from '../dynamo/token-leases.js';

const WINDOW_MS = 60_000;
const MAX_LEASE = 64;

export interface BudgetOptions {
  /** The counter of one subject's minute. */
  counterKey: (subject: string, windowStart: number) => ItemKey;
  /** Read on every lease, so that tests may change the configuration. */
  limits: () => { perMinute: number; uncounted: number };
  /** The 429's detail. */
  refusal: (perMinute: number) => string;
}

interface Lease {
  windowStart: number;
  /** Tokens leased and not spent yet. */
  left: number;
  size: number;
  /** Requests served within `uncounted`, not yet on the counter. */
  owed: number;
  /** On the counter this minute: every further request needs a token. */
  counted: boolean;
  spent: boolean;
}

/** Spends one of the subject's tokens (`now` in epoch ms), or throws a 429 when its minute's budget is spent. */
export type SpendToken = (subject: string, now?: number) => Promise<void>;

export function requestBudget(options: BudgetOptions): SpendToken {
  const leases = new Map<string, Lease>();
  let currentWindow = 0;

  return async (subject, now = clock.now().getTime()) => {
    const windowStart = now - (now % WINDOW_MS);
    const windowEnd = windowStart + WINDOW_MS;
    const previous = leases.get(subject);
    if (windowStart > currentWindow) {
      // Leases of past minutes are worthless; dropping them keeps the map to the subjects of this minute.
      for (const [id, lease] of leases) if (lease.windowStart < windowStart) leases.delete(id);
      currentWindow = windowStart;
    }
    let lease = previous?.windowStart === windowStart ? previous : undefined;
    if (!lease) {
      lease = { windowStart, left: 0, size: previous ? Math.max(1, previous.size / 2) : 1, owed: 0, counted: false, spent: false };
      leases.set(subject, lease);
    }
    const { perMinute, uncounted } = options.limits();
    const refuse = () => rateLimited(options.refusal(perMinute), Math.ceil((windowEnd - now) / 1000));
    if (lease.spent) throw refuse();
    if (!lease.counted && lease.owed < uncounted) {
      lease.owed += 1;
      return;
    }
    if (lease.left === 0) {
      const wanted = lease.size;
      const got = await leaseTokens(options.counterKey(subject, windowStart), windowEnd, lease.owed + wanted, perMinute);
      const spendable = got - lease.owed;
      lease.counted = true;
      lease.owed = 0;
      if (spendable <= 0) {
        lease.spent = true;
        throw refuse();
      }
      lease.left = spendable;
      lease.size = Math.min(MAX_LEASE, wanted * 2);
    }
    lease.left -= 1;
  };
}
