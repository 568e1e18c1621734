import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Sequelize } from 'sequelize';
import type { Role } from '../../shared/constants';
import type { RouteSpec, Who } from '../../shared/routes';
import type { User } from '../db/models/index';
import { authenticateApiKey, isApiKeySecret } from '../accounts/api-keys';
import type { ApiKeyCaller } from '../accounts/api-keys';
import { authenticateToken } from '../accounts/tokens';
import { forbidden, insufficientScope, unauthenticated } from '../errors';

/**
 * Who made a request. A staff member or patient signed in with a session; or a hospital system with an
 * API key (`apiKey` set), acting in the name of the admin who made the key. A key has no session
 * (`sessionId` 0): no scope opens the routes that use one (sign-out).
 */
export interface RequestAuth {
  user: User;
  sessionId: number;
  apiKey?: ApiKeyCaller;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
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

const ROLE_GUARDS: Record<Who, preHandlerAsyncHookHandler | undefined> = {
  anyone: undefined,
  'signed in': signedIn,
  patient: patientOnly,
  owner: patientOnly,
  nurse: staffOnly,
  admin: adminOnly,
};

/**
 * The one guard of a route of the table: a session is checked against `who`; an API key (`qb_…`) against
 * the route's `scope` instead (403 `insufficient_scope` outside its scopes, or on a route no scope opens).
 * Undefined for routes anyone may call, where a token changes nothing. A route that checks its caller
 * itself (`receipt`) only turns keys away.
 */
export function routeGuard(spec: RouteSpec, sequelize: Sequelize): preHandlerAsyncHookHandler | undefined {
  if (spec.receipt) return refuseApiKeys;
  const roleGuard = ROLE_GUARDS[spec.who];
  if (!roleGuard) return undefined;
  return async function guard(request, reply) {
    const token = bearerToken(request.headers.authorization);
    if (!token || !isApiKeySecret(token)) return roleGuard.call(this, request, reply);
    const auth = await authenticateApiKey(sequelize, token);
    if (!auth) throw unauthenticated('This API key is not valid, or it has been revoked.');
    request.auth = { user: auth.user, sessionId: 0, apiKey: auth.apiKey };
    if (!spec.scope || !auth.apiKey.scopes.includes(spec.scope)) throw insufficientScope(spec.scope);
  };
}

/** A route that checks its own caller (a token or a push receipt, `receipt`): never a key's. */
async function refuseApiKeys(request: FastifyRequest): Promise<void> {
  const token = bearerToken(request.headers.authorization);
  if (token && isApiKeySecret(token)) throw insufficientScope();
}
