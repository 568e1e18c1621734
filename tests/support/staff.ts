import type { CreatedStaff } from '../../shared/staff';
import type { ClientSocket } from './engine';
import { api } from './server';

/** One event a socket heard, without its ack callback. */
export interface Heard {
  event: string;
  args: unknown[];
}

/** Records every event the socket hears; attach before connecting (connectSocket's `listen`). */
export function recordInto(heard: Heard[]) {
  return (socket: ClientSocket) => {
    socket.onAny((event: string, ...args: unknown[]) => {
      heard.push({ event, args: args.filter((arg) => typeof arg !== 'function') });
    });
  };
}

/**
 * Resolves once everything the server emitted to this socket so far has arrived: the answer to a
 * round trip comes after them on the same connection. The round trip (re)sets the departments the
 * socket follows for public events: none unless given.
 */
export async function drained(socket: ClientSocket, follow: string[] | 'all' = []): Promise<void> {
  await socket.emitWithAck('queue:subscribe', follow);
}

/** A staff member made through `POST /api/staff` (the password generated) and signed in with it. */
export async function staffMember(
  server: { url: string },
  adminToken: string,
  body: { email: string; name: string; role: 'nurse' | 'admin'; departments?: 'all' | string[] },
): Promise<{ id: number; token: string; password: string; email: string }> {
  const created = await api<CreatedStaff>(server, 'POST', '/api/staff', { token: adminToken, body });
  if (created.status !== 201 || !created.body.password) {
    throw new Error(`staff not created: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const { password } = created.body;
  const login = await api<{ token: string }>(server, 'POST', '/api/auth/login', {
    body: { email: body.email, password },
  });
  if (login.status !== 200) throw new Error(`staff login failed: ${login.status}`);
  return { id: created.body.staff.id, token: login.body.token, password, email: body.email };
}
