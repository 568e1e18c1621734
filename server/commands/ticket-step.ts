import type { Transaction } from 'sequelize';
import type { Ticket } from '../../shared/tickets';
import { ticketNoShowText } from '../notifications/content';
import { recordNotification } from '../notifications/direct';
import { presentTicket } from '../tickets/queries';
import type { TicketRow } from '../tickets/queries';
import { invalidTransition, lockTicket, ticketById } from '../tickets/records';
import { changeTicketLogged } from '../tickets/snapshot';
import { markCalled } from './mark-called';
import { publishTicketChange } from './publish-ticket-change';
import type { TicketDeps } from './ticket-deps';
import { emitTicketEvent } from './webhook-events';

/** What staff do to a called ticket; each has its own command file, all share this step. */
export type NurseAction = 'recall' | 'serve' | 'complete' | 'no_show';
export type StepDeps = TicketDeps;

const ALLOWED_FROM: Record<NurseAction, string[]> = {
  recall: ['called'],
  serve: ['called'],
  complete: ['called', 'serving'],
  no_show: ['called'],
};

const PAST_TENSE: Record<NurseAction, string> = {
  recall: 'recalled',
  serve: 'served',
  complete: 'completed',
  no_show: 'marked no-show',
};

const UPDATE: Record<Exclude<NurseAction, 'recall'>, string> = {
  serve: `status = 'serving', serving_at = :now`,
  complete: `status = 'done', completed_at = :now, ended_at = :now, serving_at = coalesce(serving_at, :now)`,
  no_show: `status = 'no_show', ended_at = :now`,
};

/** The webhook event each step sends; serving is not one of the contract's events. */
const WEBHOOK_EVENT: Record<
  Exclude<NurseAction, 'recall'>,
  'ticket.completed' | 'ticket.no_show' | undefined
> = {
  serve: undefined,
  complete: 'ticket.completed',
  no_show: 'ticket.no_show',
};

/** A nurse moves a ticket on. A step that does not follow from the ticket's state is a 409. */
export async function ticketStep(
  deps: StepDeps,
  nurseId: number,
  ticketId: number,
  action: NurseAction,
): Promise<Ticket> {
  const { sequelize } = deps;
  const row = await sequelize.transaction(async (transaction) => {
    const locked = await lockTicket(sequelize, ticketId, transaction);
    if (!ALLOWED_FROM[action].includes(locked.status)) {
      throw invalidTransition(locked.status, PAST_TENSE[action]);
    }
    if (action === 'recall') {
      const room = locked.room ?? '';
      return markCalled(deps, transaction, { ticketId, room, nurseId, kind: 'recalled' });
    }
    return moveOn(deps, transaction, { ticketId, nurseId, action });
  });
  await publishTicketChange(deps, row, { called: action === 'recall' });
  return presentTicket(row);
}

/** Serve, complete or no-show: the row, the ticket event and, for a no-show, the patient's notice. */
async function moveOn(
  deps: StepDeps,
  transaction: Transaction,
  step: { ticketId: number; nurseId: number; action: Exclude<NurseAction, 'recall'> },
): Promise<TicketRow> {
  const { sequelize } = deps;
  const { ticketId, action } = step;
  const now = deps.clock.now();
  await changeTicketLogged(sequelize, transaction, {
    ticketId,
    set: UPDATE[action],
    replacements: { now },
    event: { kind: action, actorId: step.nurseId, room: null, at: now },
  });
  const updated = await ticketById(sequelize, ticketId, transaction);
  const event = WEBHOOK_EVENT[action];
  if (event) await emitTicketEvent(sequelize, transaction, event, updated, deps.clock.now());
  if (action === 'no_show') {
    await recordNotification(sequelize, transaction, {
      userId: Number(updated.user_id),
      departmentId: Number(updated.department_id),
      type: 'ticket_no_show',
      eventKey: `ticket_no_show:${ticketId}`,
      texts: ticketNoShowText(updated.number),
      data: { ticket: updated.number },
    });
  }
  return updated;
}
