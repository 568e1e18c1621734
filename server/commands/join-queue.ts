import { QueryTypes, UniqueConstraintError } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { Ticket } from '../../shared/tickets';
import { departmentFor } from '../departments/lookup';
import type { DepartmentRow } from '../departments/lookup';
import { conflict, departmentArchived } from '../errors';
import { notifyAlmostYourTurn } from '../tickets/almost';
import { presentTicket } from '../tickets/queries';
import { logTicketEvent, rejectIfActive, ticketById, today } from '../tickets/records';
import { publishTicketChange } from './publish-ticket-change';
import type { TicketDeps } from './ticket-deps';
import { emitTicketEvent } from './webhook-events';

/**
 * Joins an open queue of a department that is not archived. The queue row is share-locked so a close cannot slip between the check and the
 * insert; the number comes from an atomic counter per department and local day.
 */
export async function joinQueue(
  deps: TicketDeps,
  userId: number,
  code: string,
  /** Who made the join, when not the patient themselves (an API key's admin). */
  actorId: number = userId,
): Promise<Ticket> {
  const { sequelize } = deps;
  const serviceDate = today(deps);
  try {
    const row = await sequelize.transaction(async (transaction) => {
      const department = await departmentFor(sequelize, code, transaction, 'share');
      if (department.archived) throw departmentArchived(department.code);
      if (!department.is_open) throw conflict('queue_closed', `The ${department.name} queue is closed.`);
      await rejectIfActive(sequelize, userId, department.id, transaction);
      const ticketId = await insertTicket(sequelize, transaction, {
        department,
        userId,
        serviceDate,
        joinedAt: deps.clock.now(),
      });
      await logTicketEvent(sequelize, transaction, ticketId, 'joined', { actorId });
      await notifyAlmostYourTurn(sequelize, transaction, {
        id: department.id,
        name: department.name,
        alertPosition: department.alert_position,
      });
      const created = await ticketById(sequelize, ticketId, transaction);
      await emitTicketEvent(sequelize, transaction, 'ticket.created', created, deps.clock.now());
      return created;
    });
    await publishTicketChange(deps, row);
    return presentTicket(row);
  } catch (error) {
    // Two joins of the same patient at once: the unique index stops the second.
    if (error instanceof UniqueConstraintError) {
      const department = await sequelize.transaction((transaction) =>
        departmentFor(sequelize, code, transaction, 'none'),
      );
      await rejectIfActive(sequelize, userId, department.id);
    }
    throw error;
  }
}

/** The next number of the department's day (`OPD-007`) and the ticket that carries it. */
export async function insertTicket(
  sequelize: Sequelize,
  transaction: Transaction,
  ticket: { department: DepartmentRow; userId: number; serviceDate: string; joinedAt: Date },
): Promise<number> {
  const { department, serviceDate } = ticket;
  const [counter] = await sequelize.query<{ last_seq: number }>(
    `INSERT INTO ticket_counters (department_id, service_date, last_seq) VALUES (:departmentId, :serviceDate, 1)
     ON CONFLICT (department_id, service_date) DO UPDATE SET last_seq = ticket_counters.last_seq + 1
     RETURNING last_seq`,
    { replacements: { departmentId: department.id, serviceDate }, type: QueryTypes.SELECT, transaction },
  );
  const seq = counter?.last_seq ?? 1;
  const number = `${department.code}-${String(seq).padStart(3, '0')}`;
  const [inserted] = await sequelize.query<{ id: number }>(
    `INSERT INTO tickets (department_id, user_id, service_date, seq, number, joined_at)
     VALUES (:departmentId, :userId, :serviceDate, :seq, :number, :joinedAt) RETURNING id`,
    {
      replacements: {
        departmentId: department.id,
        userId: ticket.userId,
        serviceDate,
        seq,
        number,
        joinedAt: ticket.joinedAt,
      },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return Number(inserted?.id);
}
