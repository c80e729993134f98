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

/**
 * The most urgent warning window before `endsAt` that `now` is in: the smallest of `days` with at most that
 * many days left. None before the widest window opens, nor once `endsAt` is reached. A warning that is
 * late (the cleanup did not run) is the nearer one alone: the wider one would say too much time is left.
 */
export function dueWindow<D extends number>(endsAt: string, now: Date, days: readonly D[]): D | undefined {
  const left = Date.parse(endsAt) - now.getTime();
  if (left <= 0) return undefined;
  return [...days].sort((a, b) => a - b).find((d) => left <= d * DAY_MS);
}
