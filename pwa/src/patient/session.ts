import type { AuthAnswer, User } from '../../../shared/schemas';
import { ApiError, apiRequest } from '../api';

/** A phone is personal, and the app must survive restarts to keep a place in a queue: localStorage. */
const TOKEN_KEY = 'queuebell.token';

export interface PatientSession {
  token: string;
  user: User;
}

export async function restoreSession(): Promise<PatientSession | null> {
  const token = localStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  try {
    const { user } = await apiRequest<{ user: User }>('/api/me', { token });
    return { token, user };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) localStorage.removeItem(TOKEN_KEY);
    return null;
  }
}

export interface Credentials {
  email: string;
  password: string;
  name?: string;
}

export async function authenticate(
  mode: 'sign-in' | 'register',
  credentials: Credentials,
): Promise<PatientSession> {
  const answer =
    mode === 'sign-in'
      ? await apiRequest<AuthAnswer>('/api/auth/login', {
          method: 'POST',
          body: { email: credentials.email, password: credentials.password },
        })
      : await apiRequest<AuthAnswer>('/api/auth/register', { method: 'POST', body: credentials });
  localStorage.setItem(TOKEN_KEY, answer.token);
  return answer;
}

export async function signOut(session: PatientSession): Promise<void> {
  await apiRequest('/api/auth/logout', { method: 'POST', token: session.token }).catch(() => undefined);
  localStorage.removeItem(TOKEN_KEY);
}
