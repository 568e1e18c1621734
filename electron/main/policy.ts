import path from 'node:path';
import type { WebPreferences } from 'electron';

/**
 * Pure decisions about URLs and paths, kept free of Electron so they can be unit-tested in Node.
 * Everything that reaches these functions comes from a renderer or the network: treat it as hostile.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'queuebell';
/** The console bundle is built with `base: '/console/'`, so its asset URLs all start with this. */
export const CONSOLE_BASE_PATH = '/console/';
export const CONSOLE_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}${CONSOLE_BASE_PATH}index.html`;

/**
 * Every window's preferences, spelled out even where they are Electron's defaults, so a reviewer sees
 * them and a default change cannot slip in. Workers get no Node either, and no experimental Blink
 * features (they are experimental, and their security is too).
 */
export const LOCKED_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  sandbox: true,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
});

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseUrl(input: string): URL | null {
  try {
    return new URL(input);
  } catch {
    return null;
  }
}

/** True only for URLs on our own app:// origin (Node gives non-special schemes an opaque origin, so compare parts). */
export function isAppUrl(input: string): boolean {
  const url = parseUrl(input);
  if (!url) return false;
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname.toLowerCase() === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** True only for URLs on exactly this origin (scheme, host and port), with no credentials in them. */
export function isOnOrigin(input: string, origin: string): boolean {
  const url = parseUrl(input);
  if (!url || url.username !== '' || url.password !== '') return false;
  return url.origin !== 'null' && url.origin === origin;
}

/** Links leaving the app may go to the OS only for these schemes: never file:, smb:, custom handlers. */
export function isAllowedExternalUrl(input: string): boolean {
  const url = parseUrl(input);
  return url !== null && EXTERNAL_PROTOCOLS.has(url.protocol);
}

/**
 * Normalises a server address to its origin, or null when it is not acceptable.
 * Plain http is allowed only on loopback: the console sends bearer tokens, and the app:// page is a
 * secure context, so Chromium would block http requests to other hosts as mixed content anyway.
 */
export function parseServerUrl(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 2048) return null;
  const url = parseUrl(input.trim());
  if (!url) return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url.origin;
  return null;
}

/**
 * Normalises the update server's folder (where IT hosts `latest.yml` and the installers), or null when
 * it is not acceptable. Same rule as the server address: what is downloaded from here is installed,
 * so plain http only on loopback (for testing), and no credentials (settings.json is not a secret
 * store, and the updater logs its URLs). The path is kept, with a trailing slash, because the generic
 * provider resolves `latest.yml` against it; a query is kept too (it is sent with every request).
 */
export function parseUpdateUrl(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 2048) return null;
  const url = parseUrl(input.trim());
  if (!url) return null;
  if (url.username !== '' || url.password !== '') return null;
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure) return null;
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/**
 * Maps an app:// request URL to a file inside `root`, or null when it must not be served.
 * The URL parser already folds `..` segments; decoding can reintroduce them (`..%2f`), so the
 * decoded path is resolved and must still lie inside `root`.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const { pathname } = new URL(requestUrl);
  if (!pathname.startsWith(CONSOLE_BASE_PATH)) return null;

  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(CONSOLE_BASE_PATH.length));
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '') relative = 'index.html';

  const base = path.resolve(root);
  const resolved = path.resolve(base, relative);
  const fromBase = path.relative(base, resolved);
  if (fromBase === '' || fromBase === '..' || fromBase.startsWith(`..${path.sep}`)) return null;
  if (path.isAbsolute(fromBase)) return null;
  return resolved;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The console's CSP. Only the configured server may be reached (HTTP and its WebSocket twin);
 * the policy is computed per response, so a new server address applies after a reload.
 */
export function buildContentSecurityPolicy(serverOrigin: string | null): string {
  const connect = ["'self'"];
  if (serverOrigin) connect.push(serverOrigin, serverOrigin.replace(/^http/, 'ws'));
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The waiting-room display's own CSP, set on every answer from its server in place of the server's: the
 * kiosk runs unattended on a public screen, so what it may run must not depend on the server's headers
 * being right (a proxy or a misconfigured server could drop them). Scripts, styles, images and fonts
 * from the server only; its API and live connection (wss on the same host); no frames, forms or plugins.
 */
export function buildKioskContentSecurityPolicy(serverOrigin: string): string {
  const live = serverOrigin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self'",
    "manifest-src 'self'",
    `connect-src 'self' ${live}`,
    "worker-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
