import type { BrowserWindow } from 'electron';

/** The first reload waits this long; each failure after it doubles the wait, up to MAX_RETRY_MS. */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 60_000;
/**
 * A page that stayed up this long after loading has recovered: the next failure starts over at
 * FIRST_RETRY_MS. Not at once on load, or a page that crashes right after loading would reload every second.
 */
export const STABLE_AFTER_MS = 30_000;
/** Chromium's ERR_ABORTED: the load was cancelled (a navigation we blocked, a newer load), not failed. */
const ERR_ABORTED = -3;

/** The wait before reload number `attempt` (0 for the first). */
export function retryDelay(attempt: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
}

export type RecoveryLog = (message: string) => void;

/**
 * Keeps an unattended window showing `url`: after its renderer dies (`render-process-gone`: crash, OOM,
 * killed) or its page fails to load (`did-fail-load`: server restarting, network down), it loads `url`
 * again, waiting longer after each failure in a row so a server that is down is not hammered.
 */
export function keepLoaded(window: BrowserWindow, url: string, log: RecoveryLog): void {
  const contents = window.webContents;
  let attempt = 0;
  let retry: NodeJS.Timeout | null = null;
  let stable: NodeJS.Timeout | null = null;

  const clearStable = () => {
    if (stable) clearTimeout(stable);
    stable = null;
  };

  const reload = () => {
    retry = null;
    // A failure here is reported again through did-fail-load, which schedules the next try.
    if (!window.isDestroyed()) window.loadURL(url).catch(() => undefined);
  };

  const schedule = (reason: string) => {
    clearStable();
    // One reload pending at a time: a crash often comes with a failed load of the same page.
    if (retry || window.isDestroyed()) return;
    const delay = retryDelay(attempt);
    attempt += 1;
    log(`The waiting-room display ${reason}; loading it again in ${delay / 1000} s`);
    retry = setTimeout(reload, delay);
  };

  contents.on('render-process-gone', (_event, details) => schedule(`stopped (${details.reason})`));
  contents.on('did-fail-load', (_event, errorCode, description, _url, isMainFrame) => {
    if (isMainFrame && errorCode !== ERR_ABORTED) schedule(`did not load (${description || errorCode})`);
  });
  contents.on('did-finish-load', () => {
    clearStable();
    stable = setTimeout(() => {
      attempt = 0;
      stable = null;
    }, STABLE_AFTER_MS);
  });

  window.on('closed', () => {
    if (retry) clearTimeout(retry);
    retry = null;
    clearStable();
  });
}
