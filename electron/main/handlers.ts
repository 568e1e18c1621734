import { Notification, app, screen } from 'electron';
import type { DisplayInfo } from '../../shared/bridge.js';
import type { BridgeHandlers } from './ipc.js';
import { parseServerUrl } from './policy.js';
import { saveSettings } from './settings.js';
import type { Settings } from './settings.js';
import type { TokenStore } from './token-store.js';

export interface HandlerContext {
  settingsFile: string;
  /** Shared with the protocol handler's CSP, so it is updated in place. */
  settings: Settings;
  tokens: TokenStore;
  openKiosk(serverOrigin: string, displayId: number | undefined): Promise<void>;
}

const TOKEN_PATTERN = /^[\x21-\x7e]{1,4096}$/;

function requireText(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw new TypeError(`${name} must be a non-empty string of at most ${maxLength} characters`);
  }
  return value;
}

function parseDisplayId(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError('Bad display id');
  return value;
}

function listDisplays(): DisplayInfo[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((display, index) => ({
    id: display.id,
    label: display.label || `Display ${index + 1}`,
    primary: display.id === primaryId,
    width: display.size.width,
    height: display.size.height,
  }));
}

export function createBridgeHandlers(context: HandlerContext): BridgeHandlers {
  return {
    getServerUrl: async () => context.settings.serverUrl,

    setServerUrl: async (url) => {
      const origin = parseServerUrl(url);
      if (!origin) throw new TypeError('The server address must be https (or http on this computer)');
      context.settings.serverUrl = origin;
      await saveSettings(context.settingsFile, context.settings);
    },

    saveToken: async (token) => {
      if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) throw new TypeError('Malformed token');
      await context.tokens.save(token);
    },

    loadToken: () => context.tokens.load(),

    clearToken: () => context.tokens.clear(),

    openKiosk: async (displayId) => {
      const id = parseDisplayId(displayId);
      const serverOrigin = context.settings.serverUrl;
      if (!serverOrigin) throw new Error('Set the server address first');
      await context.openKiosk(serverOrigin, id);
    },

    notify: async (title, body) => {
      const notification = { title: requireText(title, 'title', 200), body: requireText(body, 'body', 1000) };
      if (Notification.isSupported()) new Notification(notification).show();
    },

    // The tray icon arrives with its own issue; the launcher badge already shows the count.
    setTrayCount: async (count) => {
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 9999) {
        throw new TypeError('count must be an integer from 0 to 9999');
      }
      app.setBadgeCount(count);
    },

    listDisplays: async () => listDisplays(),
  };
}
