/**
 * The console's only door to the main process. Sandboxed preloads run as a single CommonJS script
 * whose `require` knows 'electron' and little else, so this file imports nothing else at run time
 * (types are erased) and spells the channel prefix out instead of importing it.
 * The renderer gets named functions; never ipcRenderer, never an IPC event object.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS
import electron = require('electron');
import type { BridgeMethod, DesktopBridge } from '../../shared/bridge.js';

function invoke<K extends BridgeMethod>(
  method: K,
  ...args: Parameters<DesktopBridge[K]>
): ReturnType<DesktopBridge[K]> {
  return electron.ipcRenderer.invoke(`queuebell:${method}`, ...args) as ReturnType<DesktopBridge[K]>;
}

const bridge = {
  getServerUrl: () => invoke('getServerUrl'),
  setServerUrl: (url: string) => invoke('setServerUrl', url),
  saveToken: (token: string) => invoke('saveToken', token),
  loadToken: () => invoke('loadToken'),
  clearToken: () => invoke('clearToken'),
  openKiosk: (displayId?: number) => invoke('openKiosk', displayId),
  notify: (title: string, body: string) => invoke('notify', title, body),
  setTrayCount: (count: number) => invoke('setTrayCount', count),
  listDisplays: () => invoke('listDisplays'),
} satisfies DesktopBridge;

electron.contextBridge.exposeInMainWorld('queuebell', bridge);
