import type { Broadcaster } from '../context';
import { ALL, departmentRoom, STAFF_ROOM, userRoom } from './types';
import type { QueuebellServer } from './types';

/** The room-wide events: a department's status and calls to its followers, tickets to owner and staff. */
export function createRoomBroadcasts(
  io: QueuebellServer,
): Pick<Broadcaster, 'queueStatus' | 'ticketCalled' | 'ticketUpdated' | 'ticketUnreached' | 'ticketReached'> {
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
      io.to(STAFF_ROOM).emit('ticket:unreached', event);
    },
    ticketReached(event) {
      io.to(STAFF_ROOM).emit('ticket:reached', event);
    },
  };
}
