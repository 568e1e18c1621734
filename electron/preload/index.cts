/**
 * The console's only door to the main process. Sandboxed preloads run as a single CommonJS script
 * whose `require` knows 'electron' and little else, so this file imports nothing else at run time
 * (types are erased) and spells the channel prefixes out instead of importing them.
 * The renderer gets named functions; never ipcRenderer, never an IPC event object.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS
import electron = require('electron');
import type { BridgeEvent, BridgeEventPayload, BridgeMethod, DesktopBridge } from '../../shared/bridge.js';

function invoke<K extends BridgeMethod>(
  method: K,
  ...args: Parameters<DesktopBridge[K]>
): ReturnType<DesktopBridge[K]> {
  return electron.ipcRenderer.invoke(`queuebell:${method}`, ...args) as ReturnType<DesktopBridge[K]>;
}

/** The listener sees the payload only: the IPC event object (with its sender) stays in the preload. */
function subscribe<K extends BridgeEvent>(
  event: K,
  listener: (...payload: BridgeEventPayload<K>) => void,
): () => void {
  const channel = `queuebell-event:${event}`;
  const forward = (_event: unknown, ...payload: unknown[]) => listener(...(payload as BridgeEventPayload<K>));
  electron.ipcRenderer.on(channel, forward);
  return () => {
    electron.ipcRenderer.removeListener(channel, forward);
  };
}

const bridge = {
  getServerUrl: () => invoke('getServerUrl'),
  setServerUrl: (url: string) => invoke('setServerUrl', url),
  saveToken: (token: string) => invoke('saveToken', token),
  loadToken: () => invoke('loadToken'),
  clearToken: () => invoke('clearToken'),
  getIdleLockMinutes: () => invoke('getIdleLockMinutes'),
  setIdleLockMinutes: (minutes: number) => invoke('setIdleLockMinutes', minutes),
  reportActivity: () => invoke('reportActivity'),
  getWardSettings: () => invoke('getWardSettings'),
  setContentProtection: (on: boolean) => invoke('setContentProtection', on),
  setCertificatePin: (fingerprint: string) => invoke('setCertificatePin', fingerprint),
  openKiosk: (displayId?: number) => invoke('openKiosk', displayId),
  closeKiosk: () => invoke('closeKiosk'),
  notify: (title: string, body: string) => invoke('notify', title, body),
  setTrayCount: (count: number) => invoke('setTrayCount', count),
  listDisplays: () => invoke('listDisplays'),
  getUpdateUrl: () => invoke('getUpdateUrl'),
  setUpdateUrl: (url: string) => invoke('setUpdateUrl', url),
  getReadyUpdate: () => invoke('getReadyUpdate'),
  installUpdate: () => invoke('installUpdate'),
  onUpdateReady: (listener: (version: string) => void) => subscribe('onUpdateReady', listener),
} satisfies DesktopBridge;

electron.contextBridge.exposeInMainWorld('queuebell', bridge);
