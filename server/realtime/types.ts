import type { Server, Socket } from 'socket.io';
import type { Role } from '../../shared/constants';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import type { Notification } from '../../shared/notifications';

export interface SocketData {
  userId: number | null;
  /** The session whose token signed the socket in, so that ending other sessions can end their sockets. */
  sessionId: number | null;
  role: Role | null;
  /** The departments followed with `queue:subscribe` (public status and calls). */
  departments: string[];
  /** Staff: the departments whose staff events this socket hears; null for patients and displays. */
  staffAccess: 'all' | string[] | null;
}

export interface AddressedNotification {
  userId: number;
  notification: Notification;
}

/** Between server processes (cluster mode), through the PostgreSQL adapter. */
export interface InterServerEvents {
  /** Notifications for users whose sockets may be on the receiving process: it emits to its own. */
  'notifications:deliver': (items: AddressedNotification[]) => void;
  /** Which of these users have a socket on the receiving process. */
  'users:connected': (userIds: number[], answer: (connected: number[]) => void) => void;
  /** A staff member's departments changed: the receiving process moves that user's sockets to these. */
  'staff:access': (userId: number, access: 'all' | string[]) => void;
}

export type QueuebellServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type QueuebellSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** Every department's subscribers, for staff consoles and displays that follow them all. */
export const ALL = '*';
/** Every signed-in staff socket: they see staff tickets (with the patient's name). */
export const STAFF_ROOM = 'staff';
/**
 * The staff of one department, for what only they should act on (its staff tickets, a call nobody
 * received, a long wait). Admins and nurses of every department are in `staffRoom(ALL)` instead, which
 * hears every department; every event for one department goes to both.
 */
export const staffRoom = (code: string) => `staff:${code}`;

/** The staff rooms a socket with this access is in (besides STAFF_ROOM, which every staff socket joins). */
export const staffRoomsOf = (access: 'all' | string[]): string[] =>
  access === 'all' ? [staffRoom(ALL)] : access.map(staffRoom);
export const userRoom = (userId: number) => `user:${userId}`;
export const sessionRoom = (sessionId: number) => `session:${sessionId}`;
export const departmentRoom = (code: string) => `dept:${code}`;
