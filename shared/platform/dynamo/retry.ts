import { randomInt } from 'node:crypto';
/**
 * The mailer updates an invitation's delivery state while partners and customer admins act on it.
 * A write that lost such a race re-reads and tries again: the second try sees the new state and
 * either succeeds or refuses for a real reason.
 */
export class VersionConflict extends Error {}

/** `onGiveUp` makes the error to throw after the last lost race, which it gets as the cause. */
export async function retryOnVersionConflict<T>(work: () => Promise<T>, onGiveUp: (cause: VersionConflict) => Error, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      if (attempt >= attempts) throw onGiveUp(error);
    }
  }
}

/** A worker's write that was cancelled: its version condition failed, or another transaction held the item. */
export const LOST = 'lost';

/**
 * A cancelled write tells a worker nothing about its work, so it reads the item again and decides again: if
 * another run did it meanwhile, there is nothing left to do; if the two runs' transactions cancelled each other
 * (TransactionConflict), one of them must still act, or the item waits a whole schedule. A random pause apart
 * lets one go first. `lost` after the last attempt: the next run looks again.
 */
export async function decideAgainWhenLost<O extends string>(work: () => Promise<O | typeof LOST>, attempts = 5): Promise<O | typeof LOST> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await work();
    if (outcome !== LOST || attempt >= attempts) return outcome;
    await new Promise((resolve) => setTimeout(resolve, randomInt(5, 50 * attempt)));
  }
}
