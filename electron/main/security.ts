import { app, shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { isAllowedExternalUrl, isAppUrl, isOnOrigin } from './policy.js';

/**
 * Imported first by the entry point, so these rules exist before any window or session does.
 * Every webContents (console, kiosk, anything a bug might create) gets the same locks.
 */

// Must run before `ready`: renderers started afterwards are all sandboxed, whatever their options say.
app.enableSandbox();

const lockedSessions = new WeakSet<Session>();

/**
 * Contents that show a remote server's page (the kiosk) instead of the app: the origin they must stay
 * on. Anything not listed is held to the app's own origin, so a window a bug creates is confined too.
 */
const remoteOrigins = new WeakMap<WebContents, string>();

/** Holds `contents` to `origin` from now on, and denies it the OS browser. Call before its first load. */
export function confineToOrigin(contents: WebContents, origin: string): void {
  remoteOrigins.set(contents, origin);
}

function mayNavigate(contents: WebContents, url: string): boolean {
  const origin = remoteOrigins.get(contents);
  return origin === undefined ? isAppUrl(url) : isOnOrigin(url, origin);
}

/**
 * Only the console's own page may hand a link to the OS browser. Remote content never may: an XSS on
 * the server would otherwise open the OS browser (or a mail client) on the waiting-room screen.
 */
function mayOpenExternally(contents: WebContents, url: string): boolean {
  if (remoteOrigins.has(contents) || !isAppUrl(contents.getURL())) return false;
  return isAllowedExternalUrl(url);
}

/** The console needs no browser permission (notifications go through main); deny them all. */
function denyPermissions(session: Session): void {
  if (lockedSessions.has(session)) return;
  lockedSessions.add(session);
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (mayOpenExternally(contents, url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  // A page (will-navigate), a server's redirect (will-redirect, which also follows main's own loadURL)
  // and any frame inside the page (will-frame-navigate) may only stay where the contents belongs.
  const guard = (event: { url: string; preventDefault(): void }) => {
    if (!mayNavigate(contents, event.url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', guard);

  contents.on('will-attach-webview', (event) => event.preventDefault());

  denyPermissions(contents.session);
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));
