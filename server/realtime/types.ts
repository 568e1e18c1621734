import type { Server, Socket } from 'socket.io';
import type { Role } from '../../shared/constants';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import type { Notification } from '../../shared/notifications';

export interface SocketData {
  userId: number | null;
  role: Role | null;
  departments: string[];
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
 * The staff of one department, for what only they should act on (a call nobody received). Until staff
 * are assigned departments, every staff socket is in `staffRoom(ALL)`, which hears every department.
 */
export const staffRoom = (code: string) => `staff:${code}`;
export const userRoom = (userId: number) => `user:${userId}`;
export const departmentRoom = (code: string) => `dept:${code}`;
