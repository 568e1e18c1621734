import { authenticateToken } from '../accounts/tokens';
import { accessOf } from '../staff/assignment';
import type { QueuebellServer } from './types';

/**
 * Every socket may connect; one with a token is signed in as its user (staff with the departments they
 * act on). A bad token, or a disabled account's, is refused, and an
 * unreachable database is `unavailable`, not the client's fault, so it does not sign the user out.
 */
export function authenticateSockets(io: QueuebellServer): void {
  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    socket.data.departments = [];
    socket.data.userId = null;
    socket.data.sessionId = null;
    socket.data.role = null;
    socket.data.staffAccess = null;
    if (token === undefined || token === null || token === '') return next();
    if (typeof token !== 'string') return next(new Error('unauthenticated'));
    let auth: Awaited<ReturnType<typeof authenticateToken>>;
    try {
      auth = await authenticateToken(token);
    } catch {
      return next(new Error('unavailable'));
    }
    if (!auth) return next(new Error('unauthenticated'));
    socket.data.userId = auth.user.id;
    socket.data.sessionId = auth.sessionId;
    socket.data.role = auth.user.role;
    if (auth.user.role !== 'patient') socket.data.staffAccess = accessOf(auth.user);
    next();
  });
}
