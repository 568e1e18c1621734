// security.ts must stay the first import: it enables the sandbox and installs the webContents locks.
import './security.js';
import path from 'node:path';
import { BrowserWindow, app } from 'electron';
import { handleAppProtocol, registerAppScheme } from './app-protocol.js';
import { createBridgeHandlers } from './handlers.js';
import { registerBridgeHandlers } from './ipc.js';
import { buildContentSecurityPolicy } from './policy.js';
import { loadSettings } from './settings.js';
import { createTokenStore } from './token-store.js';
import { createConsoleWindow, openKioskWindow } from './windows.js';

// tsc keeps main and preload side by side under electron/dist; the renderer bundle sits at the app root.
const PRELOAD_PATH = path.join(import.meta.dirname, '../preload/index.cjs');
const RENDERER_DIST = path.join(app.getAppPath(), 'electron/renderer/dist');

registerAppScheme();

let consoleWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const settingsFile = path.join(userData, 'settings.json');
  const settings = await loadSettings(settingsFile);

  handleAppProtocol(RENDERER_DIST, () => buildContentSecurityPolicy(settings.serverUrl));
  registerBridgeHandlers(
    createBridgeHandlers({
      settingsFile,
      settings,
      tokens: createTokenStore(path.join(userData, 'token.bin')),
      openKiosk: openKioskWindow,
    }),
  );
  consoleWindow = createConsoleWindow(PRELOAD_PATH);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) consoleWindow = createConsoleWindow(PRELOAD_PATH);
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
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Queuebell failed to start', error);
      app.quit();
    });
}
