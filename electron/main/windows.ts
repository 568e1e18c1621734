import { BrowserWindow, screen } from 'electron';
import { CONSOLE_ENTRY_URL, LOCKED_PREFERENCES } from './policy.js';
import type { Settings } from './settings.js';
import { MIN_SIZE, initialBounds } from './window-state.js';

/** Where `setContentProtection` does anything: elsewhere (Linux) the call is a no-op, so it is not made. */
const CONTENT_PROTECTION_PLATFORMS: ReadonlySet<NodeJS.Platform> = new Set(['win32', 'darwin']);

/**
 * Keeps the console out of screen captures and screen sharing where the ward PC's admin asked for it:
 * the waiting list shows patients' names. Windows excludes the window from capture; macOS hides it
 * from most capture tools (not from ScreenCaptureKit ones, Electron's documentation warns).
 */
export function applyContentProtection(
  window: Pick<BrowserWindow, 'setContentProtection'>,
  on: boolean,
  platform: NodeJS.Platform = process.platform,
): void {
  if (CONTENT_PROTECTION_PLATFORMS.has(platform)) window.setContentProtection(on);
}

/** The console opens where it was left (if that is still on a screen), maximised if it was, on top if asked. */
export function createConsoleWindow(
  preloadPath: string,
  settings: Pick<Settings, 'window' | 'alwaysOnTop' | 'contentProtection'>,
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
  // Before the first paint, so not even the first frame can be captured.
  if (settings.contentProtection) applyContentProtection(window, true);
  window.once('ready-to-show', () => {
    if (settings.window?.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(CONSOLE_ENTRY_URL);
  return window;
}
