import { useEffect, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StaffTicket, TicketEvent } from '../../../shared/tickets';
import { Dialog, ErrorText } from './Dialog';
import { formatTime } from './format';
import { useConsole } from './hooks';

interface Props {
  ticket: StaffTicket;
  onClose(): void;
}

/** What one event says, in the console's language. */
function describe(event: TicketEvent): string {
  const t = i18next.t;
  const number = event.ticket?.number ?? '';
  switch (event.kind) {
    case 'joined':
      return event.ticket
        ? t('journey.timeline.kinds.joinedFrom', { number })
        : t('journey.timeline.kinds.joined');
    case 'called':
    case 'recalled':
      return t(`journey.timeline.kinds.${event.kind}`, { room: event.room ?? '?' });
    case 'priority':
      return t('journey.timeline.kinds.priority', {
        priority: event.priority ? t(`list.priorities.${event.priority}`) : '',
      });
    case 'transferred':
      return t('journey.timeline.kinds.transferred', { number });
    case 'requeued':
      return t(`journey.timeline.kinds.requeued_${event.placement ?? 'back'}`);
    case 'reply':
      return t(`journey.timeline.kinds.reply_${event.reply ?? 'on_my_way'}`);
    default:
      return t(`journey.timeline.kinds.${event.kind}`);
  }
}

/** A ticket's timeline: joined, calls (room, by whom), replies, transfers, requeues, undos. */
export function TicketHistory({ ticket, onClose }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [events, setEvents] = useState<TicketEvent[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    api('GET /api/tickets/:id/events', { params: { id: ticket.id } })
      .then((answer) => current && setEvents(answer))
      .catch((caught: unknown) => current && setError(caught));
    return () => {
      current = false;
    };
  }, [api, ticket.id]);

  return (
    <Dialog title={t('journey.timeline.title', { number: ticket.number })} onClose={onClose}>
      {events === null && error === null && <p aria-live="polite">{t('journey.timeline.loading')}</p>}
      <ErrorText error={error} />
      {events?.length === 0 && <p>{t('journey.timeline.empty')}</p>}
      <ol className="timeline" aria-label={t('journey.timeline.title', { number: ticket.number })}>
        {events?.map((event) => (
          <li key={event.id} data-kind={event.kind} className={event.undoneAt ? 'undone' : undefined}>
            <time dateTime={event.at}>{formatTime(event.at)}</time> {describe(event)}
            {event.actor && event.kind !== 'reply' && (
              <> · {t('journey.timeline.by', { name: event.actor.name })}</>
            )}
            {event.reason && <> · “{event.reason}”</>}
            {event.undoneAt && <> {t('journey.timeline.undone')}</>}
          </li>
        ))}
      </ol>
      <div className="buttons">
        <button type="button" onClick={onClose}>
          {t('journey.timeline.close')}
        </button>
      </div>
    </Dialog>
  );
}
