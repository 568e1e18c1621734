import { getQueueStatus } from '../queues/status';
import { presentTicket } from '../tickets/queries';
import type { TicketRow } from '../tickets/queries';
import { staffTicketOf } from '../tickets/staff';
import type { TicketDeps } from './ticket-deps';

/**
 * After a ticket change commits: the department's new status to its subscribers, the ticket to its owner
 * and to staff (with how its patient can be reached, read now), a public `ticket:called` for the displays when it was a call, and a nudge to the
 * delivery workers for the notifications the change recorded.
 */
export async function publishTicketChange(
  deps: Pick<TicketDeps, 'sequelize' | 'clock' | 'config' | 'realtime' | 'outbox'>,
  row: TicketRow,
  options: { called?: boolean } = {},
): Promise<void> {
  deps.outbox.wake();
  const staffTicket = await staffTicketOf(deps, row);
  deps.realtime.ticketUpdated(Number(row.user_id), presentTicket(row), staffTicket);
  if (options.called && row.room) {
    deps.realtime.ticketCalled({
      department: row.code,
      number: row.number,
      room: row.room,
      calledAt: deps.clock.now().toISOString(),
    });
  }
  deps.realtime.queueStatus(await getQueueStatus(deps.sequelize, row.code));
}
