import { authenticateToken } from '../accounts/tokens';
import type { QueuebellServer } from './types';

/**
 * Every socket may connect; one with a token is signed in as its user. A bad token is refused, and an
 * unreachable database is `unavailable`, not the client's fault, so it does not sign the user out.
 */
export function authenticateSockets(io: QueuebellServer): void {
  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    socket.data.departments = [];
    socket.data.userId = null;
    socket.data.role = null;
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
    socket.data.role = auth.user.role;
    next();
  });
}
