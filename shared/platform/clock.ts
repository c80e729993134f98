/** The time source of every workflow; tests move it to check expiry without waiting. */
export const clock = {
  now: (): Date => new Date(),
};

export const DAY_MS = 24 * 60 * 60 * 1000;

export const nowIso = (): string => clock.now().toISOString();
export const nowEpochSeconds = (): number => Math.floor(clock.now().getTime() / 1000);

/** The UTC calendar day of `date`, `YYYY-MM-DD`: the period of every daily allowance. */
export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Whole seconds until the next UTC day begins (at least 1): when a daily allowance is renewed. */
export const secondsToNextUtcDay = (now: Date): number =>
  Math.max(1, Math.ceil((Date.parse(`${utcDay(now)}T00:00:00Z`) + 86_400_000 - now.getTime()) / 1000));
