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
 * Joins an open queue of a department that is not archived; the number comes from an atomic counter per
 * department and local day.
 */
export async function joinQueue(
  deps: TicketDeps,
  userId: number,
  code: string,
  /** Who made the join, when not the patient themselves (an API key's admin). */
  actorId: number = userId,
): Promise<Ticket> {
  return enterQueue(deps, userId, code, async (transaction) =>
    addToQueue(deps, transaction, { userId, code, actorId }),
  );
}

/**
 * Runs `add` (which calls addToQueue) in one transaction, then tells the ticket's subscribers. Two joins
 * of the same patient at once: the unique index stops the second, answered as `already_in_queue`.
 */
export async function enterQueue(
  deps: TicketDeps,
  userId: number,
  code: string,
  add: (transaction: Transaction) => Promise<number>,
): Promise<Ticket> {
  const { sequelize } = deps;
  try {
    const row = await sequelize.transaction(async (transaction) => {
      const created = await ticketById(sequelize, await add(transaction), transaction);
      await emitTicketEvent(sequelize, transaction, 'ticket.created', created, deps.clock.now());
      return created;
    });
    await publishTicketChange(deps, row);
    return presentTicket(row);
  } catch (error) {
    if (error instanceof UniqueConstraintError) {
      const department = await sequelize.transaction((transaction) =>
        departmentFor(sequelize, code, transaction, 'none'),
      );
      await rejectIfActive(sequelize, userId, department.id);
    }
    throw error;
  }
}

/**
 * A new waiting ticket in an open, unarchived department, in the caller's transaction; its id. The queue
 * row is share-locked so a close cannot slip between the check and the insert. A checked-in appointment
 * passes its booked time: the ticket is due then (call order), not at arrival.
 */
export async function addToQueue(
  deps: TicketDeps,
  transaction: Transaction,
  entry: { userId: number; code: string; appointmentAt?: Date; actorId?: number },
): Promise<number> {
  const { sequelize } = deps;
  const { userId } = entry;
  const department = await departmentFor(sequelize, entry.code, transaction, 'share');
  if (department.archived) throw departmentArchived(department.code);
  if (!department.is_open) throw conflict('queue_closed', `The ${department.name} queue is closed.`);
  await rejectIfActive(sequelize, userId, department.id, transaction);
  const joinedAt = deps.clock.now();
  const ticketId = await insertTicket(sequelize, transaction, {
    department,
    userId,
    serviceDate: today(deps),
    joinedAt,
    appointmentAt: entry.appointmentAt ?? null,
  });
  await logTicketEvent(sequelize, transaction, ticketId, entry.appointmentAt ? 'checked_in' : 'joined', {
    actorId: entry.actorId ?? userId,
  });
  await notifyAlmostYourTurn(sequelize, transaction, {
    id: department.id,
    name: department.name,
    alertPosition: department.alert_position,
  });
  return ticketId;
}

/** The next number of the department's day (`OPD-007`) and the ticket that carries it. */
export async function insertTicket(
  sequelize: Sequelize,
  transaction: Transaction,
  ticket: {
    department: DepartmentRow;
    userId: number;
    serviceDate: string;
    joinedAt: Date;
    appointmentAt: Date | null;
  },
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
    `INSERT INTO tickets (department_id, user_id, service_date, seq, number, joined_at, due_at, appointment_at)
     VALUES (:departmentId, :userId, :serviceDate, :seq, :number, :joinedAt,
             coalesce(CAST(:appointmentAt AS timestamptz), CAST(:joinedAt AS timestamptz)),
             CAST(:appointmentAt AS timestamptz)) RETURNING id`,
    {
      replacements: {
        departmentId: department.id,
        userId: ticket.userId,
        serviceDate,
        seq,
        number,
        joinedAt: ticket.joinedAt,
        appointmentAt: ticket.appointmentAt,
      },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return Number(inserted?.id);
}
