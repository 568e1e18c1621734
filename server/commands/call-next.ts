import { QueryTypes } from 'sequelize';
import type { Transaction } from 'sequelize';
import type { Ticket } from '../../shared/tickets';
import { DEPARTMENT_COLUMNS } from '../departments/lookup';
import type { DepartmentRow } from '../departments/lookup';
import { ApiError, notFound, unknownRoom } from '../errors';
import { presentTicket } from '../tickets/queries';
import { markCalled } from './mark-called';
import { publishTicketChange } from './publish-ticket-change';
import type { TicketDeps } from './ticket-deps';

/**
 * Calls the next waiting ticket into a room. SKIP LOCKED lets two nurses calling at the same moment
 * take two different patients instead of queueing behind one row lock. The order (priority, then due
 * time: a checked-in appointment's time, a walk-in's arrival) is the partial index `tickets_waiting_idx` (migration 0016).
 */
export async function callNext(
  deps: TicketDeps,
  nurseId: number,
  code: string,
  requestedRoom: string,
): Promise<Ticket> {
  const { sequelize } = deps;
  const row = await sequelize.transaction(async (transaction) => {
    const { department, nextId } = await departmentAndNext(deps, code, transaction);
    const room = listedRoom(department, requestedRoom);
    if (nextId === null) {
      throw new ApiError(404, 'queue_empty', `Nobody is waiting in the ${department.name} queue.`);
    }
    return markCalled(deps, transaction, { ticketId: nextId, room, nurseId, kind: 'called' });
  });
  await publishTicketChange(deps, row, { called: true });
  return presentTicket(row);
}

/**
 * The department and its next waiting ticket, locked, in one round trip (a call is time-critical). A
 * call that fails after this (an unlisted room) rolls back and lets the ticket go.
 */
async function departmentAndNext(
  deps: TicketDeps,
  code: string,
  transaction: Transaction,
): Promise<{ department: DepartmentRow; nextId: number | null }> {
  const [row] = await deps.sequelize.query<DepartmentRow & { next_id: number | null }>(
    `SELECT ${DEPARTMENT_COLUMNS}, next.id AS next_id
       FROM departments d JOIN queues q ON q.department_id = d.id
       LEFT JOIN LATERAL (
         SELECT id FROM tickets WHERE department_id = d.id AND status = 'waiting'
          ORDER BY priority_weight DESC, due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) next ON true
      WHERE d.code = :code`,
    { replacements: { code }, type: QueryTypes.SELECT, transaction },
  );
  if (!row) throw notFound(`There is no department ${code}.`);
  const { next_id: nextId, ...department } = row;
  return { department, nextId: nextId === null ? null : Number(nextId) };
}

/**
 * The room a call goes to: any room while the department lists none; else one of its rooms, matched
 * without regard to case and written as the department spells it, so the kiosk and the push name a real
 * room. Another is 400 `unknown_room`.
 */
function listedRoom(department: DepartmentRow, requested: string): string {
  if (department.rooms.length === 0) return requested;
  const wanted = requested.toLowerCase();
  const room = department.rooms.find((candidate) => candidate.toLowerCase() === wanted);
  if (!room) throw unknownRoom(department.rooms);
  return room;
}
