import { MAX_STAFF_IDLE_MINUTES } from '../../../shared/constants';

/**
 * The console's idle lock, renderer side: the lock comes after this many minutes without keyboard or
 * mouse input in the console window.
 *
 * Why here and not Electron's powerMonitor.getSystemIdleTime() in main: the system idle time counts
 * input to any program, so a PC where someone works in another application (the patient record, a
 * browser) would never lock a console that nobody looks at; it is also not available in the browser
 * host, and some Linux sessions (Wayland) report no idle time at all. Input in this window is what
 * says a nurse is using the console. Main keeps the minutes and the last activity (for restarts).
 */

/** Input that shows someone is at the console; listened to in the capture phase, so nothing hides it. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
/**
 * How often the idle time is compared with the clock. A check against the wall clock rather than one
 * long timer, because timers stop while the PC sleeps and Chromium slows them in hidden windows.
 */
export const CHECK_INTERVAL_MS = 15_000;
/** Activity is passed on to main at most this often (it remembers it for a restart). */
export const REPORT_INTERVAL_MS = 30_000;

export interface IdleWatch {
  idleMinutes: number;
  /** Where input arrives: the console's window. */
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** Called once, when the idle time has passed; the watch has stopped by then. */
  onIdle(): void;
  /** Input was seen (at most once per REPORT_INTERVAL_MS, the first at once). */
  onActivity?(): void;
  now?: () => number;
}

/** Starts watching for input; returns what stops it. */
export function watchIdle(watch: IdleWatch): () => void {
  const now = watch.now ?? Date.now;
  const idleMs = watch.idleMinutes * 60_000;
  let lastInput = now();
  let reportedAt: number | null = null;

  const onInput = () => {
    lastInput = now();
    if (reportedAt !== null && lastInput - reportedAt < REPORT_INTERVAL_MS) return;
    reportedAt = lastInput;
    watch.onActivity?.();
  };
  const options: AddEventListenerOptions = { capture: true, passive: true };
  for (const name of ACTIVITY_EVENTS) watch.target.addEventListener(name, onInput, options);

  const stop = () => {
    clearInterval(timer);
    for (const name of ACTIVITY_EVENTS) watch.target.removeEventListener(name, onInput, options);
  };
  const timer = setInterval(() => {
    if (now() - lastInput < idleMs) return;
    stop();
    watch.onIdle();
  }, CHECK_INTERVAL_MS);
  return stop;
}

/**
 * The idle time the server names in its `GET /api/me` answer (`staffIdleMinutes`, its
 * STAFF_IDLE_MINUTES), or null when it names none or something unusable.
 */
export function idleMinutesFrom(answer: unknown): number | null {
  if (typeof answer !== 'object' || answer === null || !('staffIdleMinutes' in answer)) return null;
  const minutes = answer.staffIdleMinutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes)) return null;
  return minutes >= 1 && minutes <= MAX_STAFF_IDLE_MINUTES ? minutes : null;
}
