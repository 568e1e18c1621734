// security.ts must stay the first import: it enables the sandbox and installs the webContents locks.
import './security.js';
import path from 'node:path';
import { BrowserWindow, app, screen, session } from 'electron';
import { handleAppProtocol, registerAppScheme } from './app-protocol.js';
import { installCertificatePinning, pinFor } from './certificate-pin.js';
import { createBridgeHandlers, listDisplays } from './handlers.js';
import { registerBridgeHandlers, sendToConsole } from './ipc.js';
import { KIOSK_PARTITION, closeKioskWindows, openKioskWindow, releaseKioskWindows } from './kiosk.js';
import { installMenu } from './menu.js';
import { buildContentSecurityPolicy } from './policy.js';
import { createSettingsSaver, loadSettings } from './settings.js';
import type { Settings } from './settings.js';
import { createTokenStore } from './token-store.js';
import { createTray } from './tray.js';
import type { TrayController } from './tray.js';
import { createUpdates } from './updates.js';
import { trackWindowState } from './window-state.js';
import { applyContentProtection, createConsoleWindow } from './windows.js';

// tsc keeps main and preload side by side under electron/dist; the renderer bundle sits at the app root.
const PRELOAD_PATH = path.join(import.meta.dirname, '../preload/index.cjs');
const RENDERER_DIST = path.join(app.getAppPath(), 'electron/renderer/dist');

registerAppScheme();

let consoleWindow: BrowserWindow | null = null;
let tray: TrayController | null = null;

function logFailure(what: string) {
  return (error: unknown) => console.error(`Queuebell could not ${what}`, error);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const settingsFile = path.join(userData, 'settings.json');
  const settings: Settings = await loadSettings(settingsFile);
  const saveSettings = createSettingsSaver(settingsFile, settings);

  const openConsole = () => {
    if (!consoleWindow || consoleWindow.isDestroyed()) {
      consoleWindow = createConsoleWindow(PRELOAD_PATH, settings);
      trackWindowState(consoleWindow, (state) => {
        settings.window = state;
        saveSettings().catch(logFailure('remember the window'));
      });
      return;
    }
    if (consoleWindow.isMinimized()) consoleWindow.restore();
    consoleWindow.show();
    consoleWindow.focus();
  };

  const openKiosk = (serverOrigin: string, displayId: number | undefined) =>
    openKioskWindow(serverOrigin, displayId, (message) => console.warn(message));

  // Both sessions that talk to the server: the console's (API, live connection) and the kiosk's.
  const refreshCertificatePinning = () =>
    installCertificatePinning([session.defaultSession, session.fromPartition(KIOSK_PARTITION)], () =>
      pinFor(settings.serverUrl, settings.certificatePin),
    );
  await refreshCertificatePinning();

  const refreshMenu = () =>
    installMenu(
      {
        displays: listDisplays(settings.kioskDisplayId),
        alwaysOnTop: settings.alwaysOnTop,
        kioskDisplayId: settings.kioskDisplayId,
        isMac: process.platform === 'darwin',
        devTools: !app.isPackaged,
      },
      {
        // The menu goes through the same handler as the console's button, so the choice is remembered too.
        openKiosk: (displayId) => void handlers.openKiosk(displayId).catch(logFailure('open the display')),
        closeKiosk: closeKioskWindows,
        setAlwaysOnTop: (on) => {
          settings.alwaysOnTop = on;
          consoleWindow?.setAlwaysOnTop(on);
          saveSettings().catch(logFailure('remember the menu'));
        },
      },
    );

  // A console that opens after the announcement asks for the ready version itself (getReadyUpdate).
  const updates = createUpdates({
    isPackaged: app.isPackaged,
    announce: (version) => {
      if (consoleWindow && !consoleWindow.isDestroyed())
        sendToConsole(consoleWindow.webContents, 'onUpdateReady', version);
    },
    log: {
      info: (message) => console.info(message),
      error: (message, error) => console.error(message, error),
    },
  });

  tray = createTray({ showConsole: openConsole, quit: () => app.quit() });
  const handlers = createBridgeHandlers({
    settings,
    saveSettings,
    tokens: createTokenStore(path.join(userData, 'token.bin')),
    openKiosk,
    closeKiosk: closeKioskWindows,
    setTrayCount: (count) => tray?.setCount(count),
    onSettingsChanged: refreshMenu,
    updates: {
      ...updates,
      // Installing quits the app by closing every window first (before-quit comes only after that on
      // macOS), and the kiosk refuses any close it was not asked for: ask for it first.
      install: () => {
        if (updates.readyVersion() !== null) releaseKioskWindows();
        updates.install();
      },
    },
    applyContentProtection: (on) => {
      if (consoleWindow && !consoleWindow.isDestroyed()) applyContentProtection(consoleWindow, on);
    },
    refreshCertificatePinning,
  });

  handleAppProtocol(RENDERER_DIST, () => buildContentSecurityPolicy(settings.serverUrl));
  registerBridgeHandlers(handlers);
  refreshMenu();
  screen.on('display-added', refreshMenu);
  screen.on('display-removed', refreshMenu);
  openConsole();
  void updates.configure(settings.updateUrl).catch(logFailure('check for updates'));

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openConsole();
  });
}

// A second launch focuses the running console instead of opening another token holder.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!consoleWindow || consoleWindow.isDestroyed()) return;
    if (consoleWindow.isMinimized()) consoleWindow.restore();
    consoleWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    // The kiosk refuses every close it was not asked for; quitting is asking.
    releaseKioskWindows();
    tray?.destroy();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Queuebell failed to start', error);
      app.quit();
    });
}
