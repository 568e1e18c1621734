import type { Broadcaster } from '../context';
import { accessOf } from '../staff/assignment';
import type { DepartmentAccess } from '../staff/assignment';
import { sessionRoom, STAFF_ROOM, staffRoomsOf, userRoom } from './types';
import type { QueuebellServer } from './types';

type StaffSockets = Pick<Broadcaster, 'disconnectUser' | 'disconnectOtherSessions' | 'staffAccessChanged'>;

/**
 * What an admin's change does to a staff member's open sockets, on every server process: disabling (or
 * a password reset) ends them at once; new departments or a new role move them to the staff rooms they
 * now belong in, without a reconnect. In cluster mode the other processes are told through the adapter.
 */
export function createStaffSockets(io: QueuebellServer, options: { clustered: boolean }): StaffSockets {
  /** This process's sockets of the user leave every department's staff room and join the new ones. */
  const moveLocal = (userId: number, access: DepartmentAccess) => {
    const rooms = staffRoomsOf(access);
    for (const socketId of io.sockets.adapter.rooms.get(userRoom(userId)) ?? []) {
      const socket = io.sockets.sockets.get(socketId);
      if (!socket) continue;
      for (const room of socket.rooms) {
        if (room.startsWith(`${STAFF_ROOM}:`) && !rooms.includes(room)) void socket.leave(room);
      }
      void socket.join(rooms);
      socket.data.staffAccess = access;
    }
  };
  io.on('staff:access', moveLocal);

  return {
    disconnectUser(userId) {
      // Through the adapter, so a socket on any process goes.
      io.in(userRoom(userId)).disconnectSockets(true);
    },
    disconnectOtherSessions(userId, keepSessionId) {
      io.in(userRoom(userId)).except(sessionRoom(keepSessionId)).disconnectSockets(true);
    },
    staffAccessChanged(userId, change) {
      const access = accessOf({ role: change.role, staffDepartments: change.departments });
      moveLocal(userId, access);
      if (options.clustered) io.serverSideEmit('staff:access', userId, access);
    },
  };
}
