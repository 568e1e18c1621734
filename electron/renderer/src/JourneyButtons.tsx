import { useTranslation } from 'react-i18next';
import type { RequeuePlacement, StaffTicket } from '../../../shared/tickets';

export interface JourneyHandlers {
  onTransfer(ticket: StaffTicket): void;
  onRequeue(ticket: StaffTicket, placement: RequeuePlacement): void;
  onHistory(ticket: StaffTicket): void;
  onUndo(ticket: StaffTicket): void;
  /** Whether this console's nurse can still undo their last step on the ticket (under 5 minutes). */
  canUndo(ticket: StaffTicket): boolean;
}

interface Props extends JourneyHandlers {
  ticket: StaffTicket;
  disabled: boolean;
}

/** A ticket's way on: transfer (called or served), back into the queue (called), undo, its history. */
export function JourneyButtons({
  ticket,
  disabled,
  onTransfer,
  onRequeue,
  onHistory,
  onUndo,
  canUndo,
}: Props) {
  const { t } = useTranslation();
  const number = ticket.number;
  const inRoom = ticket.status === 'called' || ticket.status === 'serving';
  return (
    <>
      {inRoom && (
        <button
          type="button"
          disabled={disabled}
          onClick={() => onTransfer(ticket)}
          aria-label={t('journey.transferFor', { number })}
        >
          {t('journey.transfer')}
        </button>
      )}
      {ticket.status === 'called' && (
        <>
          <button
            type="button"
            disabled={disabled}
            onClick={() => onRequeue(ticket, 'front')}
            aria-label={t('journey.frontFor', { number })}
          >
            {t('journey.front')}
          </button>
          <button
            type="button"
            disabled={disabled}
            onClick={() => onRequeue(ticket, 'back')}
            aria-label={t('journey.backFor', { number })}
          >
            {t('journey.back')}
          </button>
        </>
      )}
      {canUndo(ticket) && (
        <button
          type="button"
          disabled={disabled}
          onClick={() => onUndo(ticket)}
          aria-label={t('journey.undoFor', { number })}
        >
          {t('journey.undo')}
        </button>
      )}
      <button
        type="button"
        onClick={() => onHistory(ticket)}
        aria-label={t('journey.historyFor', { number })}
      >
        {t('journey.history')}
      </button>
    </>
  );
}
