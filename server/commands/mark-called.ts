import type { Transaction } from 'sequelize';
import { ticketCalledText } from '../notifications/content';
import { recordNotification } from '../notifications/direct';
import { notifyAlmostYourTurn } from '../tickets/almost';
import type { TicketRow } from '../tickets/queries';
import { asDepartment, ticketById } from '../tickets/records';
import { changeTicketLogged } from '../tickets/snapshot';
import type { TicketDeps } from './ticket-deps';
import { emitTicketEvent } from './webhook-events';

/**
 * A call or a recall of one ticket into a room, in the caller's transaction: the row, the ticket event,
 * the patient's notification (one per call, keyed by the call count) and "almost your turn" for those
 * who moved up.
 */
export async function markCalled(
  deps: Pick<TicketDeps, 'sequelize' | 'clock'>,
  transaction: Transaction,
  call: { ticketId: number; room: string; nurseId: number; kind: 'called' | 'recalled' },
): Promise<TicketRow> {
  const { sequelize } = deps;
  const { ticketId, room } = call;
  const now = deps.clock.now();
  const eventId = await changeTicketLogged(sequelize, transaction, {
    ticketId,
    set: `status = 'called', room = :room, call_count = call_count + 1,
          called_at = coalesce(called_at, :now), last_called_at = :now`,
    replacements: { room, now },
    event: { kind: call.kind, actorId: call.nurseId, room, at: now },
  });
  const row = await ticketById(sequelize, ticketId, transaction);
  await recordNotification(sequelize, transaction, {
    userId: Number(row.user_id),
    departmentId: Number(row.department_id),
    type: 'ticket_called',
    // One per call event: a call undone and made again is a new call, and its patient hears of it.
    eventKey: `ticket_called:${ticketId}:${eventId}`,
    texts: ticketCalledText(row.number, room),
    data: { ticket: row.number, room, ticketId },
  });
  await emitTicketEvent(sequelize, transaction, 'ticket.called', row, now, {
    recall: call.kind === 'recalled',
  });
  await notifyAlmostYourTurn(sequelize, transaction, asDepartment(row));
  return row;
}
