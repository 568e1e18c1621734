import { ApiError, sameOriginApi } from '../../../shared/api-client';
import type { User } from '../../../shared/schemas';

const api = sameOriginApi();

/**
 * A phone is personal, and the app must survive restarts (and start offline) to keep a place in a
 * queue: the token and the user it belongs to live in localStorage.
 */
const SESSION_KEY = 'queuebell.session';

export interface PatientSession {
  token: string;
  user: User;
}

function isSession(value: unknown): value is PatientSession {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<PatientSession>;
  return typeof candidate.token === 'string' && typeof candidate.user?.id === 'number';
}

/** The session saved on this device, without asking the server: the app must open offline too. */
export function savedSession(): PatientSession | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
    return isSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function save(session: PatientSession): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

/** Keeps the user's latest answer (after a change to their profile) with the saved session. */
export function rememberUser(session: PatientSession, user: User): PatientSession {
  const fresh = { token: session.token, user };
  save(fresh);
  return fresh;
}

export function forgetSession(): void {
  localStorage.removeItem(SESSION_KEY);
}

/**
 * Asks the server whether the saved token still works. Resolves with the fresh user, null when the
 * token was revoked or expired (the session is forgotten), and rejects on network errors, which leave it.
 */
export async function verifySession(session: PatientSession): Promise<PatientSession | null> {
  try {
    const { user } = await api('GET /api/me', { token: session.token });
    return rememberUser(session, user);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetSession();
      return null;
    }
    throw error;
  }
}

export interface Credentials {
  email: string;
  password: string;
  name?: string;
  locale?: string;
}

/** Thrown for a staff account: their work is in the nurse console, and patient routes would refuse them. */
export class StaffAccountError extends Error {}

export async function authenticate(
  mode: 'sign-in' | 'register',
  credentials: Credentials,
): Promise<PatientSession> {
  const answer =
    mode === 'sign-in'
      ? await api('POST /api/auth/login', {
          body: { email: credentials.email, password: credentials.password },
        })
      : await api('POST /api/auth/register', { body: { ...credentials, name: credentials.name ?? '' } });
  if (answer.user.role !== 'patient') {
    await api('POST /api/auth/logout', { token: answer.token }).catch(() => undefined);
    throw new StaffAccountError('staff account');
  }
  const session = { token: answer.token, user: answer.user };
  save(session);
  return session;
}

/** Revokes the token on the server when it can; the device forgets it either way. */
export async function signOut(session: PatientSession): Promise<void> {
  await api('POST /api/auth/logout', { token: session.token }).catch(() => undefined);
  forgetSession();
}

/** Joins without registering (the kiosk's QR code): a guest session, saved like any other. */
export async function joinAsGuest(details: {
  name: string;
  phone?: string;
  locale: string;
}): Promise<PatientSession> {
  const answer = await api('POST /api/auth/guest', { body: details });
  const session = { token: answer.token, user: answer.user };
  save(session);
  return session;
}

/** The department a `/join/<DEPT>` address names (the kiosk's QR code), or null anywhere else. */
export function joinTarget(): string | null {
  const match = /^\/join\/([A-Za-z0-9_]{2,16})\/?$/.exec(window.location.pathname);
  return match?.[1]?.toUpperCase() ?? null;
}

/** Back to the app's own address once the join is done, so a reload does not join again. */
export function leaveJoinAddress(): void {
  window.history.replaceState(null, '', '/#/');
}
