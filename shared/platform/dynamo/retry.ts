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
