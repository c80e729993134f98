/** The time source of every workflow; tests move it to check expiry without waiting. */
export const clock = {
  now: (): Date => new Date(),
};

export const nowIso = (): string => clock.now().toISOString();
export const nowEpochSeconds = (): number => Math.floor(clock.now().getTime() / 1000);
