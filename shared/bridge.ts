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

/** The ward PC's own security choices, kept by the desktop app and changed on its settings screen. */
export interface WardSettings {
  /** Keeps the console window out of screen captures (Windows and macOS; elsewhere nothing). */
  contentProtection: boolean;
  /** SHA-256 fingerprint (`AB:CD:…`) of the server's certificate, or null for the OS's usual checks alone. */
  certificatePin: string | null;
}

/** What the console asks the main process for: one IPC call (invoke) each. */
export interface DesktopCalls {
  /** The server's origin (`https://queue.example.org`), or null before it is configured. */
  getServerUrl(): Promise<string | null>;
  /**
   * Rejects unless the URL is https, or http on a loopback address. A different server forgets the
   * stored token (it belongs to the old server) and the certificate pin (it names the old one's).
   */
  setServerUrl(url: string): Promise<void>;
  saveToken(token: string): Promise<void>;
  /** Null also when the console was left idle past the idle lock's minutes (the token is then wiped). */
  loadToken(): Promise<string | null>;
  clearToken(): Promise<void>;
  /** Minutes without input before the console locks (the server's STAFF_IDLE_MINUTES when it says). */
  getIdleLockMinutes(): Promise<number>;
  setIdleLockMinutes(minutes: number): Promise<void>;
  /** The nurse used the console: what a restart checks the idle time against. */
  reportActivity(): Promise<void>;
  getWardSettings(): Promise<WardSettings>;
  setContentProtection(on: boolean): Promise<void>;
  /** An empty string removes the pin; otherwise rejects unless it is a SHA-256 fingerprint. */
  setCertificatePin(fingerprint: string): Promise<void>;
  /** Opens the waiting-room display full screen, on the given display or the primary one. */
  openKiosk(displayId?: number): Promise<void>;
  /** Closes the waiting-room displays: the only way, since they refuse Alt+F4 and Ctrl+W. */
  closeKiosk(): Promise<void>;
  /** A native notification; the browser fallback shows one only once the nurse has allowed them. */
  notify(title: string, body: string): Promise<void>;
  /** The number waiting, on the tray icon and the launcher badge. */
  setTrayCount(count: number): Promise<void>;
  listDisplays(): Promise<DisplayInfo[]>;
  /** IT's update server folder, or null when updates are off. */
  getUpdateUrl(): Promise<string | null>;
  /** An empty string turns updates off; otherwise rejects unless https, or http on a loopback address. */
  setUpdateUrl(url: string): Promise<void>;
  /** The version of an update that is downloaded and waits for a restart, or null. */
  getReadyUpdate(): Promise<string | null>;
  /** Quits and installs the downloaded update (the app starts again); rejects when none is ready. */
  installUpdate(): Promise<void>;
}

/**
 * What the main process tells the console unasked. Each is a subscription that returns its
 * unsubscribe; the listener gets the payload only, never an IPC event object.
 */
export interface DesktopEvents {
  /** An update finished downloading: the nurse may restart when convenient. */
  onUpdateReady(listener: (version: string) => void): () => void;
}

export interface DesktopBridge extends DesktopCalls, DesktopEvents {}

export type BridgeMethod = keyof DesktopCalls;
export type BridgeEvent = keyof DesktopEvents;
/** What one event carries to its listener. */
export type BridgeEventPayload<K extends BridgeEvent> = Parameters<Parameters<DesktopEvents[K]>[0]>;

/** Every bridge method by name: main registers one IPC handler per entry, tests compare against it. */
export const BRIDGE_METHODS = [
  'getServerUrl',
  'setServerUrl',
  'saveToken',
  'loadToken',
  'clearToken',
  'getIdleLockMinutes',
  'setIdleLockMinutes',
  'reportActivity',
  'getWardSettings',
  'setContentProtection',
  'setCertificatePin',
  'openKiosk',
  'closeKiosk',
  'notify',
  'setTrayCount',
  'listDisplays',
  'getUpdateUrl',
  'setUpdateUrl',
  'getReadyUpdate',
  'installUpdate',
] as const satisfies readonly BridgeMethod[];

/** Every bridge event by name, for the preload's test. */
export const BRIDGE_EVENTS = ['onUpdateReady'] as const satisfies readonly BridgeEvent[];

// Fail to compile when a method or event is added to the bridge but not to its list above.
type MissingMethod = Exclude<BridgeMethod, (typeof BRIDGE_METHODS)[number]>;
const _everyMethodListed: [MissingMethod] extends [never] ? true : MissingMethod = true;
type MissingEvent = Exclude<BridgeEvent, (typeof BRIDGE_EVENTS)[number]>;
const _everyEventListed: [MissingEvent] extends [never] ? true : MissingEvent = true;

/** The IPC channel that carries one bridge method; the preload spells the same prefix out. */
export const BRIDGE_CHANNEL_PREFIX = 'queuebell:';
/** The IPC channel main sends one event on (`queuebell-event:onUpdateReady`); the preload spells it out too. */
export const BRIDGE_EVENT_CHANNEL_PREFIX = 'queuebell-event:';
