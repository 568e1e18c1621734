import { QueryTypes } from 'sequelize';
import type { Ticket } from '../../shared/tickets';
import { departmentFor } from '../departments/lookup';
import { ApiError } from '../errors';
import { presentTicket } from '../tickets/queries';
import { markCalled } from './mark-called';
import { publishTicketChange } from './publish-ticket-change';
import type { TicketDeps } from './ticket-deps';

/**
 * Calls the next waiting ticket into a room. SKIP LOCKED lets two nurses calling at the same moment
 * take two different patients instead of queueing behind one row lock.
 */
export async function callNext(
  deps: TicketDeps,
  nurseId: number,
  code: string,
  room: string,
): Promise<Ticket> {
  const { sequelize } = deps;
  const row = await sequelize.transaction(async (transaction) => {
    const department = await departmentFor(sequelize, code, transaction, 'none');
    const [next] = await sequelize.query<{ id: number }>(
      `SELECT id FROM tickets WHERE department_id = :departmentId AND status = 'waiting'
        ORDER BY priority_weight DESC, joined_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      { replacements: { departmentId: department.id }, type: QueryTypes.SELECT, transaction },
    );
    if (!next) throw new ApiError(404, 'queue_empty', `Nobody is waiting in the ${department.name} queue.`);
    return markCalled(deps, transaction, { ticketId: Number(next.id), room, nurseId, kind: 'called' });
  });
  await publishTicketChange(deps, row, { called: true });
  return presentTicket(row);
}
