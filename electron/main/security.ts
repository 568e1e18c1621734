import { app, shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { isAllowedExternalUrl, isAppUrl } from './policy.js';

/**
 * Imported first by the entry point, so these rules exist before any window or session does.
 * Every webContents (console, kiosk, anything a bug might create) gets the same locks.
 */

// Must run before `ready`: renderers started afterwards are all sandboxed, whatever their options say.
app.enableSandbox();

const lockedSessions = new WeakSet<Session>();

/** The console needs no browser permission (notifications go through main); deny them all. */
function denyPermissions(session: Session): void {
  if (lockedSessions.has(session)) return;
  lockedSessions.add(session);
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  // Renderer-initiated navigation may only stay inside the app; main's own loadURL is not affected.
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());

  denyPermissions(contents.session);
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));
