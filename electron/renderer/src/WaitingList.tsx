import type { StaffTicket } from '../../../shared/tickets';
import type { TicketAction } from './tickets';
import { formatMinutes, formatTime, minutesSince, waitLevel } from './format';
import { callOutcome } from './reach';
import type { CallFlag } from './reach';
import { CallOutcomeNote, ReachLabel } from './ReachNotes';

interface Props {
  tickets: StaffTicket[];
  now: number;
  currentId: number | null;
  /** What live events said about calls, ahead of the list. */
  flags: ReadonlyMap<number, CallFlag>;
  disabled: boolean;
  onAction(ticket: StaffTicket, action: TicketAction): void;
  onPriority(ticket: StaffTicket): void;
}

const PRIORITY_LABEL = { normal: 'Normal', urgent: 'Urgent', emergency: 'Emergency' } as const;

function statusText(ticket: StaffTicket): string {
  if (ticket.status === 'serving') return `Being seen in ${ticket.room ?? '?'}`;
  if (ticket.status === 'called') {
    const times = ticket.callCount > 1 ? ` (${ticket.callCount}×)` : '';
    return `Called to ${ticket.room ?? '?'} at ${formatTime(ticket.calledAt)}${times}`;
  }
  return `Waiting${ticket.position ? ` · #${ticket.position}` : ''}`;
}

/**
 * Tickets in call order. Waited time is counted from joining and coloured past the thresholds; each
 * patient's reach, and whether a call got through, beside it.
 */
export function WaitingList({ tickets, now, currentId, flags, disabled, onAction, onPriority }: Props) {
  if (tickets.length === 0) return <p className="empty">Nobody is waiting.</p>;
  return (
    <table className="tickets" aria-label="Waiting list">
      <thead>
        <tr>
          <th scope="col">Ticket</th>
          <th scope="col">Patient</th>
          <th scope="col">Waited</th>
          <th scope="col">Priority</th>
          <th scope="col">Reach</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((ticket) => {
          const waited = minutesSince(ticket.joinedAt, now);
          const outcome = callOutcome(ticket, flags.get(ticket.id));
          const classes = [
            ticket.id === currentId && 'current',
            outcome?.kind === 'unreached' && 'unreached',
          ];
          return (
            <tr
              key={ticket.id}
              data-ticket={ticket.number}
              data-status={ticket.status}
              data-call={outcome?.kind}
              className={classes.filter(Boolean).join(' ') || undefined}
            >
              <th scope="row" className="number">
                {ticket.number}
              </th>
              <td>{ticket.patientName}</td>
              <td>
                <span className={`wait wait-${waitLevel(waited)}`}>{formatMinutes(waited)}</span>
              </td>
              <td>
                <span className={`priority priority-${ticket.priority}`}>
                  {PRIORITY_LABEL[ticket.priority]}
                </span>
              </td>
              <td>
                <ReachLabel ticket={ticket} />
              </td>
              <td>
                {statusText(ticket)}
                <CallOutcomeNote outcome={outcome} />
              </td>
              <td className="row-actions">
                <div>
                  <TicketButtons
                    ticket={ticket}
                    disabled={disabled}
                    onAction={onAction}
                    onPriority={onPriority}
                  />
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function TicketButtons({
  ticket,
  disabled,
  onAction,
  onPriority,
}: Pick<Props, 'disabled' | 'onAction' | 'onPriority'> & { ticket: StaffTicket }) {
  const act = (action: TicketAction, label: string) => (
    <button
      type="button"
      disabled={disabled}
      onClick={() => onAction(ticket, action)}
      aria-label={`${label} ${ticket.number}`}
    >
      {label}
    </button>
  );
  if (ticket.status === 'waiting') {
    return (
      <button
        type="button"
        disabled={disabled}
        onClick={() => onPriority(ticket)}
        aria-label={`Change priority of ${ticket.number}`}
      >
        Priority…
      </button>
    );
  }
  if (ticket.status === 'serving') return act('complete', 'Complete');
  return (
    <>
      {act('recall', 'Recall')}
      {act('serve', 'Serve')}
      {act('complete', 'Complete')}
      {act('no-show', 'No-show')}
    </>
  );
}
