/**
 * The wrong-PIN rate limit, as a pure function of the attempt history, so it survives restarts and
 * can be tested with made-up clocks. The history is the `pin_attempts` table.
 */
export const LOCKOUT = {
  /** wrong PINs in a row before the first lock */
  threshold: 5,
  firstLockMs: 60_000,
  maxLockMs: 60 * 60_000,
  /** failures older than this no longer count */
  lookbackMs: 24 * 60 * 60_000,
} as const;

export interface Attempt {
  ok: boolean;
  /** epoch ms */
  at: number;
}

export interface LockState {
  locked: boolean;
  /** epoch ms when the next try is accepted; null = not locked */
  retryAt: number | null;
  /** counted wrong PINs in a row */
  streak: number;
}

/** `attempts` in time order. A try made while locked is not counted (it was never checked). */
export function lockState(attempts: Attempt[], now: number): LockState {
  let streak = 0;
  let lockedUntil: number | null = null;
  for (const a of attempts) {
    if (a.at < now - LOCKOUT.lookbackMs) continue;
    if (a.ok) {
      streak = 0;
      lockedUntil = null;
      continue;
    }
    if (lockedUntil !== null && a.at < lockedUntil) continue;
    streak++;
    if (streak >= LOCKOUT.threshold) {
      const ms = Math.min(LOCKOUT.firstLockMs * 2 ** (streak - LOCKOUT.threshold), LOCKOUT.maxLockMs);
      lockedUntil = a.at + ms;
    }
  }
  const locked = lockedUntil !== null && now < lockedUntil;
  return { locked, retryAt: locked ? lockedUntil : null, streak };
}
