import { ApiError } from '../../../shared/api-client';
import type { User } from '../../../shared/schemas';
import { bridge } from './bridge';
import { StaffOnlyError } from './errors';
import { consoleApi } from './console-api';

export interface Session {
  serverUrl: string;
  token: string;
  user: User;
}

/** A stored token that the server no longer accepts is dropped; any other failure is the caller's to show. */
export async function restoreSession(serverUrl: string): Promise<Session | null> {
  const token = await bridge.loadToken();
  if (!token) return null;
  try {
    const { user } = await consoleApi({ baseUrl: serverUrl })('GET /api/me', { token });
    return { serverUrl, token, user };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      await bridge.clearToken();
      return null;
    }
    throw error;
  }
}

export async function signIn(serverUrl: string, email: string, password: string): Promise<Session> {
  const api = consoleApi({ baseUrl: serverUrl });
  const { token, user } = await api('POST /api/auth/login', { body: { email, password } });
  if (user.role === 'patient') {
    // Patients use the PWA; don't keep a patient token in a staff tool.
    await api('POST /api/auth/logout', { token }).catch(() => undefined);
    throw new StaffOnlyError();
  }
  await bridge.saveToken(token);
  return { serverUrl, token, user };
}

/** The local token goes even if the server cannot be told, so signing out always works. */
export async function signOut(session: Session): Promise<void> {
  await consoleApi({ baseUrl: session.serverUrl })('POST /api/auth/logout', {
    token: session.token,
  }).catch(() => undefined);
  await bridge.clearToken();
}
