/**
 * The desktop bridge: what the Electron preload exposes to the nurse console as `window.queuebell`.
 * The renderer also runs in a plain browser, where a fallback implements the same type.
 * This file imports nothing: the sandboxed preload can only use it for types.
 */

export interface DisplayInfo {
  id: number;
  label: string;
  primary: boolean;
  width: number;
  height: number;
  /** The screen the waiting-room display last opened on (remembered by the desktop app). */
  lastUsedForKiosk: boolean;
}

export interface DesktopBridge {
  /** The server's origin (`https://queue.example.org`), or null before it is configured. */
  getServerUrl(): Promise<string | null>;
  /** Rejects unless the URL is https, or http on a loopback address. */
  setServerUrl(url: string): Promise<void>;
  saveToken(token: string): Promise<void>;
  loadToken(): Promise<string | null>;
  clearToken(): Promise<void>;
  /** Opens the waiting-room display full screen, on the given display or the primary one. */
  openKiosk(displayId?: number): Promise<void>;
  /** A native notification; the browser fallback shows one only once the nurse has allowed them. */
  notify(title: string, body: string): Promise<void>;
  /** The number waiting, on the tray icon and the launcher badge. */
  setTrayCount(count: number): Promise<void>;
  listDisplays(): Promise<DisplayInfo[]>;
}

export type BridgeMethod = keyof DesktopBridge;

/** Every bridge method by name: main registers one IPC handler per entry, tests compare against it. */
export const BRIDGE_METHODS = [
  'getServerUrl',
  'setServerUrl',
  'saveToken',
  'loadToken',
  'clearToken',
  'openKiosk',
  'notify',
  'setTrayCount',
  'listDisplays',
] as const satisfies readonly BridgeMethod[];

// Fails to compile when a method is added to DesktopBridge but not to BRIDGE_METHODS.
type MissingMethod = Exclude<BridgeMethod, (typeof BRIDGE_METHODS)[number]>;
const _everyMethodListed: [MissingMethod] extends [never] ? true : MissingMethod = true;

/** The IPC channel that carries one bridge method; the preload spells the same prefix out. */
export const BRIDGE_CHANNEL_PREFIX = 'queuebell:';
