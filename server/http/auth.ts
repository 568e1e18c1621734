import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role } from '../../shared/constants';
import type { User } from '../db/models/index';
import { authenticateToken } from '../accounts/tokens';
import { forbidden, unauthenticated } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    auth: { user: User; sessionId: number } | null;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

/** A preHandler that lets through only signed-in users with one of the roles (any role when none given). */
export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization);
    const auth = token ? await authenticateToken(token) : undefined;
    if (!auth)
      throw unauthenticated(token ? 'Your session has ended. Sign in again.' : 'Sign in to continue.');
    request.auth = auth;
    const allowed =
      roles.length === 0 || roles.includes(auth.user.role) || isAdminActingAsNurse(auth.user.role, roles);
    if (!allowed) throw forbidden();
  };
}

/** An admin can do everything a nurse can. */
function isAdminActingAsNurse(role: Role, roles: Role[]): boolean {
  return role === 'admin' && roles.includes('nurse');
}

export const signedIn = requireRole();
export const staffOnly = requireRole('nurse');
export const adminOnly = requireRole('admin');
export const patientOnly = requireRole('patient');

/** The signed-in user of a request that passed one of the guards above. */
export function currentUser(request: FastifyRequest): User {
  if (!request.auth) throw unauthenticated();
  return request.auth.user;
}
