import { Notification, screen } from 'electron';
import type { DisplayInfo } from '../../shared/bridge.js';
import { idledOut } from './idle.js';
import type { BridgeHandlers } from './ipc.js';
import { parseServerUrl, parseUpdateUrl } from './policy.js';
import type { Settings } from './settings.js';
import type { TokenStore } from './token-store.js';
import type { Updates } from './updates.js';
import { createWardHandlers } from './ward-handlers.js';
import type { WardContext } from './ward-handlers.js';

export interface HandlerContext extends WardContext {
  /** Shared with the protocol handler's CSP and the menu, so it is updated in place. */
  settings: Settings;
  /** Persists `settings` as they are now. */
  saveSettings(): Promise<void>;
  tokens: TokenStore;
  openKiosk(serverOrigin: string, displayId: number | undefined): Promise<void>;
  closeKiosk(): void;
  setTrayCount(count: number): void;
  /** Something the menu shows changed (the remembered kiosk screen). */
  onSettingsChanged(): void;
  updates: Updates;
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

export function listDisplays(kioskDisplayId: number | null): DisplayInfo[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((display, index) => ({
    id: display.id,
    label: display.label || `Display ${index + 1}`,
    primary: display.id === primaryId,
    width: display.size.width,
    height: display.size.height,
    lastUsedForKiosk: display.id === kioskDisplayId,
  }));
}

/** No screen named: the one used last time if it is still attached, else openKiosk's default (the primary). */
function kioskDisplayFor(requested: number | undefined, remembered: number | null): number | undefined {
  if (requested !== undefined) return requested;
  if (remembered === null) return undefined;
  return screen.getAllDisplays().some((display) => display.id === remembered) ? remembered : undefined;
}

export function createBridgeHandlers(context: HandlerContext): BridgeHandlers {
  const { settings } = context;
  const now = context.now ?? Date.now;
  const ward = createWardHandlers(context);
  return {
    getServerUrl: async () => settings.serverUrl,

    setServerUrl: async (url) => {
      const origin = parseServerUrl(url);
      if (!origin) throw new TypeError('The server address must be https (or http on this computer)');
      if (origin === settings.serverUrl) return;
      // The token was issued by the old server; the next start would send it to the new one's /api/me.
      // Wiped before the new address is saved, so a crash in between cannot leave the pair behind.
      await context.tokens.clear();
      settings.serverUrl = origin;
      // The pin names the old server's certificate: kept, it would refuse the new one, or let the old through.
      settings.certificatePin = null;
      await context.saveSettings();
      await context.refreshCertificatePinning();
    },

    saveToken: async (token) => {
      if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) throw new TypeError('Malformed token');
      await context.tokens.save(token);
      // Signing in (or unlocking) is activity: the idle clock starts now.
      await ward.reportActivity();
    },

    // A token left idle past the idle lock's time (the console was quit or crashed unlocked) is not
    // handed back: whoever starts the console next signs in.
    loadToken: async () => {
      if (idledOut(settings.lastActiveAt, settings.idleLockMinutes, now())) {
        await context.tokens.clear();
        return null;
      }
      return context.tokens.load();
    },

    clearToken: () => context.tokens.clear(),

    ...ward,

    openKiosk: async (displayId) => {
      const requested = parseDisplayId(displayId);
      const serverOrigin = settings.serverUrl;
      if (!serverOrigin) throw new Error('Set the server address first');
      const target = kioskDisplayFor(requested, settings.kioskDisplayId);
      await context.openKiosk(serverOrigin, target);
      if (target !== undefined && target !== settings.kioskDisplayId) {
        settings.kioskDisplayId = target;
        await context.saveSettings();
        context.onSettingsChanged();
      }
    },

    closeKiosk: async () => context.closeKiosk(),

    notify: async (title, body) => {
      const notification = { title: requireText(title, 'title', 200), body: requireText(body, 'body', 1000) };
      if (Notification.isSupported()) new Notification(notification).show();
    },

    setTrayCount: async (count) => {
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 9999) {
        throw new TypeError('count must be an integer from 0 to 9999');
      }
      context.setTrayCount(count);
    },

    listDisplays: async () => listDisplays(settings.kioskDisplayId),

    getUpdateUrl: async () => settings.updateUrl,

    // Whatever is downloaded from this address gets installed: main decides what is acceptable.
    setUpdateUrl: async (url) => {
      const off = typeof url === 'string' && url.trim() === '';
      const folder = off ? null : parseUpdateUrl(url);
      if (!off && folder === null) {
        throw new TypeError('The update address must be https (or http on this computer), or empty for none');
      }
      settings.updateUrl = folder;
      await context.saveSettings();
      await context.updates.configure(folder);
    },

    getReadyUpdate: async () => context.updates.readyVersion(),

    installUpdate: async () => context.updates.install(),
  };
}
