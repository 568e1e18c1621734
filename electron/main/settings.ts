import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseFingerprint } from './certificate-pin.js';
import { DEFAULT_STAFF_IDLE_MINUTES, parseIdleMinutes } from './idle.js';
import { parseServerUrl, parseUpdateUrl } from './policy.js';

/** Where and how the console window was last left, so the next start puts it back. */
export interface WindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** Desktop settings, kept as JSON in userData: the server, the window, the menu choices, updates, ward security. */
export interface Settings {
  serverUrl: string | null;
  window: WindowState | null;
  alwaysOnTop: boolean;
  /** The screen the waiting-room display last opened on; the menu and the console offer it first. */
  kioskDisplayId: number | null;
  /** IT's update server folder (the `UPDATE_URL` of docs/deployment.md); null means updates are off. */
  updateUrl: string | null;
  /** Minutes without input before the console locks: the server's STAFF_IDLE_MINUTES, once it has said. */
  idleLockMinutes: number;
  /** When the console was last used (ms since the epoch): a token idle past idleLockMinutes is not restored. */
  lastActiveAt: number | null;
  /** Keep the console window out of screen captures (Windows, macOS); off unless an admin turns it on. */
  contentProtection: boolean;
  /** SHA-256 fingerprint the server's certificate must have (certificate-pin.ts), or null for none. */
  certificatePin: string | null;
}

export function defaultSettings(): Settings {
  return {
    serverUrl: null,
    window: null,
    alwaysOnTop: false,
    kioskDisplayId: null,
    updateUrl: null,
    idleLockMinutes: DEFAULT_STAFF_IDLE_MINUTES,
    lastActiveAt: null,
    contentProtection: false,
    certificatePin: null,
  };
}

const MAX_COORDINATE = 100_000;

function isCoordinate(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_COORDINATE;
}

function field(source: object, key: string): unknown {
  return (source as Record<string, unknown>)[key];
}

/** A hand-edited file must not place the window at NaN or make it 0 pixels wide: anything odd is dropped. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((key) => field(value, key));
  if (!isCoordinate(x) || !isCoordinate(y) || !isCoordinate(width) || !isCoordinate(height)) return null;
  if (width <= 0 || height <= 0) return null;
  return { x, y, width, height, maximized: field(value, 'maximized') === true };
}

function parseDisplayId(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

function parseTime(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** A missing, unreadable or hand-edited file falls back to defaults, field by field, rather than stopping the app. */
export async function loadSettings(file: string): Promise<Settings> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return defaultSettings();
  }
  if (typeof parsed !== 'object' || parsed === null) return defaultSettings();
  return {
    serverUrl: parseServerUrl(field(parsed, 'serverUrl')),
    window: parseWindowState(field(parsed, 'window')),
    alwaysOnTop: field(parsed, 'alwaysOnTop') === true,
    kioskDisplayId: parseDisplayId(field(parsed, 'kioskDisplayId')),
    // A hand-edited address that is not https is dropped: updates stay off rather than come in clear.
    updateUrl: parseUpdateUrl(field(parsed, 'updateUrl')),
    idleLockMinutes: parseIdleMinutes(field(parsed, 'idleLockMinutes')) ?? DEFAULT_STAFF_IDLE_MINUTES,
    lastActiveAt: parseTime(field(parsed, 'lastActiveAt')),
    contentProtection: field(parsed, 'contentProtection') === true,
    certificatePin: parseFingerprint(field(parsed, 'certificatePin')),
  };
}

/** Write-then-rename, so a crash mid-write never leaves a truncated settings file. */
export async function saveSettings(file: string, settings: Settings): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

/**
 * Saves one after another: window moves arrive in bursts, and two overlapping write-then-renames of
 * the same temporary file could rename a half-written one. Each save writes the settings as they are then.
 */
export function createSettingsSaver(file: string, settings: Settings): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  return () => {
    const next = last.catch(() => undefined).then(() => saveSettings(file, settings));
    last = next;
    return next;
  };
}
