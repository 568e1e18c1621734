import { bridge } from './bridge';
import { consoleApi } from './console-api';
import { signIn } from './session';
import type { Session } from './session';

/** What a locked console still knows: whose it was, and where. No token, no patient data. */
export interface LockedSession {
  serverUrl: string;
  email: string;
  name: string;
}

export function lockedFrom(session: Session): LockedSession {
  return { serverUrl: session.serverUrl, email: session.user.email ?? '', name: session.user.name };
}

/**
 * The token of a session that was locked: wiped from main's store (so a reload or a restart cannot
 * skip the lock) and signed out on the server (so it is dead even if it was copied). The caller has
 * already dropped the session itself; unlocking signs in again, which gives a new token.
 */
export async function forgetLockedSession(session: Session): Promise<void> {
  await bridge.clearToken().catch(() => undefined);
  await consoleApi({ baseUrl: session.serverUrl })('POST /api/auth/logout', { token: session.token }).catch(
    () => undefined,
  );
}

/** Unlocks with the password of the same account (POST /api/auth/login); a wrong one rejects. */
export function unlock(locked: LockedSession, password: string): Promise<Session> {
  return signIn(locked.serverUrl, locked.email, password);
}
