import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StaffTicket, TicketReplyEvent } from '../../../shared/tickets';
import type { LongWaits } from './alerts';
import { JourneyButtons } from './JourneyButtons';
import type { JourneyHandlers } from './JourneyButtons';
import { ACTION_KEY } from './tickets';
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
  /** The server's long-wait alerts heard live; with the list's own `longWait`, their tickets are marked while waiting. */
  longWaits: LongWaits;
  disabled: boolean;
  onAction(ticket: StaffTicket, action: TicketAction): void;
  onPriority(ticket: StaffTicket): void;
  journey: JourneyHandlers;
  /** The called patients' latest answers, live. */
  replies: ReadonlyMap<number, TicketReplyEvent>;
}

function statusText(ticket: StaffTicket): string {
  const t = i18next.t;
  const room = ticket.room ?? '?';
  if (ticket.status === 'serving') return t('list.serving', { room });
  if (ticket.status === 'called') {
    const words = { room, time: formatTime(ticket.calledAt), times: ticket.callCount };
    return t(ticket.callCount > 1 ? 'list.calledAgain' : 'list.called', words);
  }
  return ticket.position ? t('list.waitingAt', { position: ticket.position }) : t('list.waiting');
}

/**
 * Tickets in call order. Waited time is counted from joining and coloured past the thresholds; each
 * patient's reach, and whether a call got through, beside it.
 */
export function WaitingList(props: Props) {
  const { tickets, now, currentId, flags, longWaits, disabled, onAction, onPriority, journey, replies } =
    props;
  const { t } = useTranslation();
  if (tickets.length === 0) return <p className="empty">{t('list.empty')}</p>;
  return (
    <table className="tickets" aria-label={t('list.label')}>
      <thead>
        <tr>
          <th scope="col">{t('list.columns.ticket')}</th>
          <th scope="col">{t('list.columns.patient')}</th>
          <th scope="col">{t('list.columns.waited')}</th>
          <th scope="col">{t('list.columns.priority')}</th>
          <th scope="col">{t('list.columns.reach')}</th>
          <th scope="col">{t('list.columns.status')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('common.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((ticket) => {
          const waited = minutesSince(ticket.joinedAt, now);
          const outcome = callOutcome(ticket, flags.get(ticket.id));
          const longWait = ticket.status === 'waiting' && (ticket.longWait || longWaits.has(ticket.id));
          const classes = [
            longWait && 'long-wait',
            ticket.id === currentId && 'current',
            outcome?.kind === 'unreached' && 'unreached',
          ];
          return (
            <tr
              key={ticket.id}
              data-ticket={ticket.number}
              data-status={ticket.status}
              data-call={outcome?.kind}
              data-long-wait={longWait || undefined}
              className={classes.filter(Boolean).join(' ') || undefined}
            >
              <th scope="row" className="number">
                {ticket.number}
              </th>
              <td>{ticket.patientName}</td>
              <td>
                <span className={`wait wait-${waitLevel(waited)}`}>{formatMinutes(waited)}</span>
                {longWait && <LongWaitMark />}
              </td>
              <td>
                <span className={`priority priority-${ticket.priority}`}>
                  {t(`list.priorities.${ticket.priority}`)}
                </span>
              </td>
              <td>
                <ReachLabel ticket={ticket} />
              </td>
              <td>
                {statusText(ticket)}
                <CallOutcomeNote outcome={outcome} />
                <ReplyNote ticket={ticket} reply={replies.get(ticket.id)} />
              </td>
              <td className="row-actions">
                <div>
                  <TicketButtons
                    ticket={ticket}
                    disabled={disabled}
                    onAction={onAction}
                    onPriority={onPriority}
                  />
                  <JourneyButtons ticket={ticket} disabled={disabled} {...journey} />
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The server's word that this patient has waited past the department's threshold. */
function LongWaitMark() {
  const { t } = useTranslation();
  return (
    <span className="long-wait-mark" title={t('longWait.help')}>
      {t('longWait.mark')}
    </span>
  );
}

/**
 * What the called patient answered, while the ticket is still called: as heard live, or as the server
 * read it with the ticket (a console opened or reloaded after the answer).
 */
function ReplyNote({ ticket, reply }: { ticket: StaffTicket; reply: TicketReplyEvent | undefined }) {
  const { t } = useTranslation();
  const answer = reply ?? ticket.reply;
  if (!answer || ticket.status !== 'called') return null;
  return (
    <p className="reply-note" data-reply={answer.reply}>
      {t(`journey.replies.${answer.reply}`, { number: ticket.number })}
    </p>
  );
}

function TicketButtons({
  ticket,
  disabled,
  onAction,
  onPriority,
}: Pick<Props, 'disabled' | 'onAction' | 'onPriority'> & { ticket: StaffTicket }) {
  const { t } = useTranslation();
  const act = (action: TicketAction) => {
    const label = t(`list.actions.${ACTION_KEY[action]}`);
    return (
      <button
        type="button"
        disabled={disabled}
        onClick={() => onAction(ticket, action)}
        aria-label={t('list.actionFor', { action: label, number: ticket.number })}
      >
        {label}
      </button>
    );
  };
  if (ticket.status === 'waiting') {
    return (
      <button
        type="button"
        disabled={disabled}
        onClick={() => onPriority(ticket)}
        aria-label={t('list.changePriority', { number: ticket.number })}
      >
        {t('list.priority')}
      </button>
    );
  }
  if (ticket.status === 'serving') return act('complete');
  return (
    <>
      {act('recall')}
      {act('serve')}
      {act('complete')}
      {act('no-show')}
    </>
  );
}
