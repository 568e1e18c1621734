import type { Sequelize, Transaction } from 'sequelize';
import type { TransferAnswer } from '../../shared/tickets';
import { departmentFor } from '../departments/lookup';
import type { DepartmentRow } from '../departments/lookup';
import { ApiError, conflict, departmentArchived } from '../errors';
import { ticketTransferredText } from '../notifications/content';
import { recordNotification } from '../notifications/direct';
import { notifyAlmostYourTurn } from '../tickets/almost';
import { presentTicket } from '../tickets/queries';
import type { TicketRow } from '../tickets/queries';
import {
  asDepartment,
  invalidTransition,
  lockTicket,
  logTicketEvent,
  rejectIfActive,
  ticketById,
  today,
} from '../tickets/records';
import { snapshotTicket } from '../tickets/snapshot';
import { insertTicket } from './join-queue';
import { publishTicketChange } from './publish-ticket-change';
import type { TicketDeps } from './ticket-deps';
import { emitTransferWebhook, transferWebhookData } from './transfer-webhook';

/** A ticket the patient is still in: the nurse sends them on from the queue, the call or the room. */
const TRANSFERABLE = ['waiting', 'called', 'serving'];

export interface TransferRequest {
  nurseId: number;
  ticketId: number;
  department: string;
  note?: string | undefined;
  keepPriority?: boolean | undefined;
}

/**
 * Sends a patient on to another department, in one transaction: the ticket they hold ends `transferred`
 * and a new waiting ticket of the target department (its own number, from the same counter as a join)
 * points back at it; the patient is told where to go. The old ticket is locked first (a second transfer
 * or a call of it waits, then sees it moved), and the target queue row is share-locked like a join's,
 * so a close cannot slip in; calls in the target take waiting rows with SKIP LOCKED and never wait on
 * the new one.
 */
export async function transferTicket(deps: TicketDeps, request: TransferRequest): Promise<TransferAnswer> {
  const { sequelize } = deps;
  const { from, to } = await sequelize.transaction(async (transaction) => {
    const locked = await lockTicket(sequelize, request.ticketId, transaction);
    if (!TRANSFERABLE.includes(locked.status)) throw invalidTransition(locked.status, 'transferred');
    const source = await ticketById(sequelize, request.ticketId, transaction);
    const target = await openTarget(sequelize, transaction, request.department, source);
    await rejectIfActive(sequelize, Number(source.user_id), target.id, transaction);
    const now = deps.clock.now();
    const toId = await insertTicket(sequelize, transaction, {
      department: target,
      userId: Number(source.user_id),
      serviceDate: today(deps),
      joinedAt: now,
      appointmentAt: null,
    });
    await linkNewTicket(sequelize, transaction, {
      source,
      toId,
      keepPriority: request.keepPriority === true,
    });
    const previous = await snapshotTicket(sequelize, transaction, source.id);
    await sequelize.query(`UPDATE tickets SET status = 'transferred', ended_at = :now WHERE id = :id`, {
      replacements: { now, id: source.id },
      transaction,
    });
    const to = await ticketById(sequelize, toId, transaction);
    await logTransfer(sequelize, transaction, { request, source, to, previous, now });
    await tellPatient(sequelize, transaction, source, to);
    await notifyAlmostYourTurn(sequelize, transaction, asDepartment(to));
    await emitTransferWebhook(sequelize, transaction, transferWebhookData(source, to, now), now);
    return { from: await ticketById(sequelize, source.id, transaction), to };
  });
  await publishTicketChange(deps, from);
  await publishTicketChange(deps, to);
  return { from: presentTicket(from), to: presentTicket(to) };
}

/** The department to go to: another one, not archived, with its queue open (share-locked). */
async function openTarget(
  sequelize: Sequelize,
  transaction: Transaction,
  code: string,
  source: TicketRow,
): Promise<DepartmentRow> {
  if (code === source.code) {
    throw new ApiError(400, 'same_department', `The ticket is already in ${source.code}.`);
  }
  const target = await departmentFor(sequelize, code, transaction, 'share');
  if (target.archived) throw departmentArchived(target.code);
  if (!target.is_open) throw conflict('queue_closed', `The ${target.name} queue is closed.`);
  return target;
}

/** The new ticket points back at the old one and, when asked, keeps its priority. */
async function linkNewTicket(
  sequelize: Sequelize,
  transaction: Transaction,
  link: { source: TicketRow; toId: number; keepPriority: boolean },
): Promise<void> {
  const priority = link.keepPriority ? `, priority = f.priority, priority_weight = f.priority_weight` : '';
  await sequelize.query(
    `UPDATE tickets t SET transferred_from_id = f.id${priority} FROM tickets f
      WHERE t.id = :toId AND f.id = :fromId`,
    { replacements: { toId: link.toId, fromId: link.source.id }, transaction },
  );
}

/** Both tickets' histories: the old one was transferred (undoable by its nurse), the new one joined. */
async function logTransfer(
  sequelize: Sequelize,
  transaction: Transaction,
  entry: {
    request: TransferRequest;
    source: TicketRow;
    to: TicketRow;
    previous: Awaited<ReturnType<typeof snapshotTicket>>;
    now: Date;
  },
): Promise<void> {
  const { request, source, to, previous, now } = entry;
  const link = (row: TicketRow) => ({ ticketId: Number(row.id), department: row.code, number: row.number });
  await logTicketEvent(sequelize, transaction, source.id, 'transferred', {
    actorId: request.nurseId,
    reason: request.note ?? null,
    previous,
    details: { ticket: link(to) },
    at: now,
  });
  await logTicketEvent(sequelize, transaction, to.id, 'joined', {
    actorId: request.nurseId,
    reason: request.note ?? null,
    details: { ticket: link(source) },
    at: now,
  });
}

/** "Go to LAB, number LAB-004", once per transfer; time-critical, so unconfirmed it escalates like a call. */
async function tellPatient(
  sequelize: Sequelize,
  transaction: Transaction,
  source: TicketRow,
  to: TicketRow,
): Promise<void> {
  await recordNotification(sequelize, transaction, {
    userId: Number(to.user_id),
    departmentId: Number(to.department_id),
    type: 'ticket_transferred',
    eventKey: `ticket_transferred:${source.id}`,
    texts: ticketTransferredText(to.code, to.number),
    data: { ticket: to.number, ticketId: Number(to.id), department: to.code, from: source.number },
  });
}
