import type { Broadcaster } from '../context';
import { ALL, departmentRoom, STAFF_ROOM, staffRoom, userRoom } from './types';
import type { QueuebellServer } from './types';

type RoomBroadcasts = Pick<
  Broadcaster,
  'queueStatus' | 'ticketCalled' | 'ticketUpdated' | 'ticketUnreached' | 'ticketReached'
>;

/**
 * The room-wide events: a department's status and calls to its followers, tickets to owner and staff,
 * and whether a call reached its patient to the staff of that department.
 */
export function createRoomBroadcasts(io: QueuebellServer): RoomBroadcasts {
  const departmentStaff = (code: string) => io.to([staffRoom(code), staffRoom(ALL)]);
  return {
    queueStatus(status) {
      io.to([departmentRoom(status.department), departmentRoom(ALL)]).emit('queue:status', status);
    },
    ticketCalled(event) {
      io.to([departmentRoom(event.department), departmentRoom(ALL)]).emit('ticket:called', event);
    },
    ticketUpdated(ownerId, ticket, staffTicket) {
      io.to(userRoom(ownerId)).except(STAFF_ROOM).emit('ticket:updated', ticket);
      io.to(STAFF_ROOM).emit('ticket:updated', staffTicket);
    },
    ticketUnreached(event) {
      departmentStaff(event.department).emit('ticket:unreached', event);
    },
    ticketReached(event) {
      departmentStaff(event.department).emit('ticket:reached', event);
    },
  };
}
