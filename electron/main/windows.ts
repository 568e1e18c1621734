import { BrowserWindow, screen } from 'electron';
import type { WebPreferences } from 'electron';
import { CONSOLE_ENTRY_URL } from './policy.js';
import type { Settings } from './settings.js';
import { MIN_SIZE, initialBounds } from './window-state.js';

/** Spelled out even where they are Electron's defaults, so a reviewer sees them and a default change cannot slip in. */
const LOCKED_PREFERENCES: WebPreferences = {
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  sandbox: true,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
};

/** The console opens where it was left (if that is still on a screen), maximised if it was, on top if asked. */
export function createConsoleWindow(
  preloadPath: string,
  settings: Pick<Settings, 'window' | 'alwaysOnTop'>,
): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const window = new BrowserWindow({
    ...initialBounds(settings.window, workAreas),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    alwaysOnTop: settings.alwaysOnTop,
    title: 'Queuebell',
    show: false,
    webPreferences: { ...LOCKED_PREFERENCES, preload: preloadPath },
  });
  window.once('ready-to-show', () => {
    if (settings.window?.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(CONSOLE_ENTRY_URL);
  return window;
}

const kioskWindows = new Map<number, BrowserWindow>();

/**
 * The kiosk is the server's public /kiosk page: remote content, so no preload, and an in-memory
 * partition of its own so it shares no storage with the signed-in console.
 */
export async function openKioskWindow(serverOrigin: string, displayId: number | undefined): Promise<void> {
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

  const window = new BrowserWindow({
    ...display.bounds,
    kiosk: true,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    title: 'Queuebell waiting room',
    webPreferences: { ...LOCKED_PREFERENCES, partition: 'kiosk' },
  });
  kioskWindows.set(display.id, window);
  window.on('closed', () => kioskWindows.delete(display.id));
  await window.loadURL(new URL('/kiosk', serverOrigin).toString());
}
