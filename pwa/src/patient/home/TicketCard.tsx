import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../../shared/tickets';
import type { CallReply } from '../../../../shared/constants';
import { ConfirmDialog } from '../ConfirmDialog';
import { CallReplies } from './CallReplies';
import { formatTime } from '../format';

interface Props {
  ticket: Ticket;
  departmentName: string;
  canAct: boolean;
  onCancel(): Promise<void>;
  onReply(reply: CallReply): Promise<void>;
}

/** One held ticket: waiting (position, estimate) or called (room), updated live by the provider. */
export function TicketCard({ ticket, departmentName, canAct, onCancel, onReply }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const called = ticket.status === 'called';
  const serving = ticket.status === 'serving';

  return (
    <article
      className={called ? 'ticket called' : 'ticket'}
      aria-label={`${t('ticket.number')} ${ticket.number}`}
    >
      <p className="ticket-department">{departmentName}</p>
      {ticket.transferredFrom && (
        <p className="detail" data-testid="ticket-transferred-from">
          {t('ticket.transferredFrom', { number: ticket.transferredFrom.number })}
        </p>
      )}
      <p className="ticket-number" id={`ticket-${ticket.id}`} data-testid="ticket-number">
        {ticket.number}
      </p>
      {/* Called is the moment that matters: an alert, so a screen reader says it at once. */}
      {called && (
        <div role="alert" className="ticket-call" data-testid="ticket-call">
          <p className="ticket-call-title">{t('ticket.calledTitle')}</p>
          <p className="ticket-room">{t('ticket.calledRoom', { room: ticket.room ?? '' })}</p>
        </div>
      )}
      {called && <CallReplies canAct={canAct} onReply={onReply} />}
      {serving && <p className="ticket-call">{t('ticket.serving', { room: ticket.room ?? '' })}</p>}
      {ticket.status === 'waiting' && (
        <dl className="ticket-facts" aria-live="polite">
          <div>
            <dt>{t('ticket.position')}</dt>
            <dd data-testid="ticket-position">
              {ticket.position === 1
                ? t('ticket.next')
                : t('ticket.positionValue', { position: ticket.position })}
            </dd>
          </div>
          {ticket.estimatedWaitMinutes !== null && (
            <div>
              <dt>{t('ticket.estimate')}</dt>
              {/* A range drawn from how long recent patients took, once there are enough of them. */}
              <dd data-testid="ticket-estimate">
                {ticket.estimatedWaitRange
                  ? t('ticket.estimateRange', { ...ticket.estimatedWaitRange })
                  : t('ticket.estimateValue', { count: ticket.estimatedWaitMinutes })}
              </dd>
            </div>
          )}
        </dl>
      )}
      <p className="detail">{t('ticket.joinedAt', { time: formatTime(ticket.joinedAt) })}</p>
      {(ticket.status === 'waiting' || called) && (
        <button
          type="button"
          className="secondary"
          disabled={!canAct}
          aria-describedby={`ticket-${ticket.id}`}
          onClick={() => setConfirming(true)}
        >
          {t('ticket.cancel')}
        </button>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('ticket.confirmTitle')}
        body={t('ticket.confirmBody', { number: ticket.number })}
        confirmLabel={t('ticket.confirmYes')}
        cancelLabel={t('ticket.confirmNo')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void onCancel();
        }}
      />
    </article>
  );
}
