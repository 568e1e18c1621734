import { DEFAULT_STAFF_IDLE_MINUTES, MAX_STAFF_IDLE_MINUTES } from '../../shared/constants.js';

/**
 * The main process's half of the console's idle lock. The renderer watches for input and locks the
 * window (see electron/renderer/src/idle.ts); main keeps the idle time as a setting and remembers when
 * the console was last used, so that a restart or a reload cannot skip the lock: a token left idle
 * past the idle time is wiped instead of restored.
 */

export { DEFAULT_STAFF_IDLE_MINUTES };
const MIN_IDLE_MINUTES = 1;

/**
 * Activity is saved to disk at most this often: the renderer reports every half minute while the nurse
 * works, and the saved time lagging by up to a minute only makes the check after a restart stricter.
 */
export const ACTIVITY_SAVE_INTERVAL_MS = 60_000;
/** A clock set back by more than this (the last activity lies in the future) counts as idle. */
const CLOCK_SLACK_MS = 60_000;

export function parseIdleMinutes(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return null;
  return value >= MIN_IDLE_MINUTES && value <= MAX_STAFF_IDLE_MINUTES ? value : null;
}

/** Whether a session last used at `lastActiveAt` must sign in again. Never recorded counts as idle. */
export function idledOut(lastActiveAt: number | null, idleMinutes: number, now: number): boolean {
  if (lastActiveAt === null) return true;
  const idle = now - lastActiveAt;
  return idle >= idleMinutes * 60_000 || idle < -CLOCK_SLACK_MS;
}

export interface ActivityState {
  lastActiveAt: number | null;
}

/** Records activity in `state` at once, and saves it when the last save is older than the interval. */
export function createActivityRecorder(
  state: ActivityState,
  save: () => Promise<void>,
  now: () => number = Date.now,
): () => Promise<void> {
  let savedAt: number | null = null;
  return async () => {
    const time = now();
    state.lastActiveAt = time;
    if (savedAt !== null && time - savedAt >= 0 && time - savedAt < ACTIVITY_SAVE_INTERVAL_MS) return;
    savedAt = time;
    await save();
  };
}
