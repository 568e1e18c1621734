import { CONSOLE_VERSION_HEADER } from '../../../shared/constants';

/** The console's version (package.json's, the same app.getVersion() gives the desktop app). */
export const CONSOLE_VERSION: string =
  // typeof, because outside a Vite build (unit tests) the constant is not defined at all.
  typeof __QUEUEBELL_VERSION__ === 'string' ? __QUEUEBELL_VERSION__ : '0.0.0-dev';

/**
 * What every API request of the console carries. Only the desktop app names its version: it is what
 * a server's CONSOLE_MIN_VERSION is about (an installed console that may be old). In a browser the
 * console is the bundle the server itself serves, so it is always that server's own.
 */
export function consoleHeaders(desktop: boolean): Readonly<Record<string, string>> {
  return desktop ? { [CONSOLE_VERSION_HEADER]: CONSOLE_VERSION } : {};
}
