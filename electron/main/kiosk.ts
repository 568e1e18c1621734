import { BrowserWindow, powerSaveBlocker, screen, session } from 'electron';
import { keepLoaded } from './kiosk-recovery.js';
import type { RecoveryLog } from './kiosk-recovery.js';
import { LOCKED_PREFERENCES, buildKioskContentSecurityPolicy, isOnOrigin } from './policy.js';
import { confineToOrigin } from './security.js';

/**
 * The waiting-room display: the server's public /kiosk page, full screen on a public TV. Remote
 * content, so no preload and an in-memory partition of its own (no storage shared with the signed-in
 * console); and unattended, so it has no menu, cannot be closed from its keyboard, comes back by
 * itself after a crash or a failed load, and keeps the screen awake.
 */
export const KIOSK_PARTITION = 'kiosk';

const kioskWindows = new Map<number, BrowserWindow>();
/** Windows the console (or quitting the app) asked to close; any other close (Alt+F4, Ctrl+W) is refused. */
const releasing = new WeakSet<BrowserWindow>();

/**
 * The kiosk's CSP replaces whatever its server sends, on every answer from that server. One listener per
 * session (Electron keeps only the last), so opening a display for a new server address replaces it.
 */
function installKioskPolicy(serverOrigin: string): void {
  const policy = buildKioskContentSecurityPolicy(serverOrigin);
  session
    .fromPartition(KIOSK_PARTITION)
    .webRequest.onHeadersReceived({ urls: ['*://*/*'] }, (details, callback) => {
      if (!isOnOrigin(details.url, serverOrigin)) return callback({});
      const headers = Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      );
      callback({
        responseHeaders: { ...Object.fromEntries(headers), 'Content-Security-Policy': [policy] },
      });
    });
}

/** Only an allowed close goes through; a window closing for any other reason stays open. */
function refuseUnaskedClose(window: BrowserWindow): void {
  window.on('close', (event) => {
    if (!releasing.has(window)) event.preventDefault();
  });
}

/** Screens go dark after the OS's idle time; the waiting room must keep seeing who is called. */
function keepDisplayAwake(window: BrowserWindow): void {
  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  window.on('closed', () => {
    if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
  });
}

export async function openKioskWindow(
  serverOrigin: string,
  displayId: number | undefined,
  log: RecoveryLog,
): Promise<void> {
  const display =
    displayId === undefined
      ? screen.getPrimaryDisplay()
      : screen.getAllDisplays().find((candidate) => candidate.id === displayId);
  if (!display) throw new Error(`No display with id ${displayId}`);

  const existing = kioskWindows.get(display.id);
  if (existing && !existing.isDestroyed()) {
    existing.focus();
    return;
  }

  installKioskPolicy(serverOrigin);
  const window = new BrowserWindow({
    ...display.bounds,
    kiosk: true,
    backgroundColor: '#000000',
    title: 'Queuebell waiting room',
    webPreferences: { ...LOCKED_PREFERENCES, partition: KIOSK_PARTITION },
  });
  // Not hidden but gone: a hidden menu bar still answers Alt and its accelerators (reload, quit, devtools).
  window.removeMenu();
  confineToOrigin(window.webContents, serverOrigin);
  refuseUnaskedClose(window);
  keepDisplayAwake(window);
  kioskWindows.set(display.id, window);
  window.on('closed', () => kioskWindows.delete(display.id));

  const url = new URL('/kiosk', serverOrigin).toString();
  keepLoaded(window, url, log);
  try {
    await window.loadURL(url);
  } catch {
    throw new Error("The waiting-room display could not load the server's page yet; it keeps trying.");
  }
}

/** Lets every kiosk window close from now on: for quitting the app, which would stop at a refused close. */
export function releaseKioskWindows(): void {
  for (const window of kioskWindows.values()) releasing.add(window);
}

/** The console's way to close the waiting-room displays. */
export function closeKioskWindows(): void {
  for (const window of [...kioskWindows.values()]) {
    if (window.isDestroyed()) continue;
    releasing.add(window);
    window.close();
  }
}
