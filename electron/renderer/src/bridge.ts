import i18next from 'i18next';
import type { DesktopBridge } from '../../../shared/bridge';
import { DEFAULT_STAFF_IDLE_MINUTES } from '../../../shared/constants';

const TOKEN_KEY = 'queuebell.console.token';

/**
 * The same console runs in a plain browser at /console/. There the server is the page's own origin,
 * the token lives for the tab only (sessionStorage: a shared ward PC forgets it when the tab closes),
 * notifications use the Notification API once allowed, and desktop-only features do nothing.
 */
function createBrowserBridge(): DesktopBridge {
  // The idle lock works in a browser too; the time learnt from the server lasts for the page.
  let idleLockMinutes = DEFAULT_STAFF_IDLE_MINUTES;
  const desktopOnly = async () => {
    throw new Error('This setting is for the desktop app');
  };
  return {
    getServerUrl: async () => location.origin,
    setServerUrl: async () => {
      throw new Error(i18next.t('errors.browserServer'));
    },
    saveToken: async (token) => sessionStorage.setItem(TOKEN_KEY, token),
    loadToken: async () => sessionStorage.getItem(TOKEN_KEY),
    clearToken: async () => sessionStorage.removeItem(TOKEN_KEY),
    getIdleLockMinutes: async () => idleLockMinutes,
    setIdleLockMinutes: async (minutes) => {
      idleLockMinutes = minutes;
    },
    // The token goes with the tab: there is no restart to check the idle time against.
    reportActivity: async () => undefined,
    getWardSettings: async () => ({ contentProtection: false, certificatePin: null }),
    setContentProtection: desktopOnly,
    setCertificatePin: desktopOnly,
    openKiosk: async () => {
      window.open('/kiosk', '_blank', 'noopener');
    },
    // The display opened in a tab of its own, which whoever stands at that screen closes.
    closeKiosk: async () => undefined,
    // Permission is asked for on a click (ConsoleShell's "Allow desktop alerts"): browsers ignore or
    // penalise prompts that no gesture started, and alerts come from socket events.
    notify: async (title, body) => {
      if ('Notification' in window && Notification.permission === 'granted')
        new Notification(title, { body });
    },
    setTrayCount: async () => undefined,
    listDisplays: async () => [],
    // A browser gets a new console with every page load: there is nothing to update.
    getUpdateUrl: async () => null,
    setUpdateUrl: async () => {
      throw new Error('Updates are for the desktop app');
    },
    getReadyUpdate: async () => null,
    installUpdate: async () => {
      throw new Error('Updates are for the desktop app');
    },
    onUpdateReady: () => () => undefined,
  };
}

export const isDesktop = window.queuebell !== undefined;
export const bridge: DesktopBridge = window.queuebell ?? createBrowserBridge();
