// Each partner gets `perMinute` requests a minute across all its users and all function instances. HTTP APIs
// cannot throttle per client, so the functions do it: an instance leases tokens from the partner's counter
// (shared/platform/dynamo/token-leases.ts) and spends them locally.
//
// Lease sizes adapt: an instance that serves a partner often takes big leases (few counter updates), one
// that serves it rarely takes small ones, so tokens parked unused in idle instances stay few. A lease
// doubles each time the instance runs out within a minute, and the next minute starts from half the last
// size.
import { clock } from '../clock.js';
import { config } from '../config.js';
import { rateLimited } from '../errors.js';
import { leaseTokens } from '../dynamo/token-leases.js';

const WINDOW_MS = 60_000;
const MAX_LEASE = 64;

interface Lease {
  windowStart: number;
  left: number;
  size: number;
}

const leases = new Map<string, Lease>();
let currentWindow = 0;

/** Spends one of the partner's tokens, or throws a 429 when the minute's budget is spent. */
export async function spendPartnerToken(partnerId: string, now = clock.now().getTime()): Promise<void> {
  const windowStart = now - (now % WINDOW_MS);
  const previous = leases.get(partnerId);
  if (windowStart > currentWindow) {
    // Leases of past minutes are worthless; dropping them keeps the map to the partners of this minute.
    for (const [id, lease] of leases) if (lease.windowStart < windowStart) leases.delete(id);
    currentWindow = windowStart;
  }
  let lease = previous?.windowStart === windowStart ? previous : undefined;
  if (!lease) {
    lease = { windowStart, left: 0, size: previous ? Math.max(1, previous.size / 2) : 1 };
    leases.set(partnerId, lease);
  }
  if (lease.left === 0) {
    const { perMinute } = config().partnerBudget;
    const wanted = lease.size;
    const got = await leaseTokens(partnerId, windowStart, windowStart + WINDOW_MS, wanted, perMinute);
    if (got === 0) {
      throw rateLimited(
        `This partner has used its ${perMinute} requests for this minute, across all its users. Retry after the time given.`,
        Math.ceil((windowStart + WINDOW_MS - now) / 1000),
      );
    }
    lease.left = got;
    lease.size = Math.min(MAX_LEASE, wanted * 2);
  }
  lease.left -= 1;
}
