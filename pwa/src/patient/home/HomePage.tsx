import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePatient } from '../data/context';
import { ActionError, useActionError } from '../ActionError';
import { PageHeading } from '../PageHeading';
import { DepartmentCard } from './DepartmentCard';
import { InstallPrompt } from './InstallPrompt';
import { TicketCard } from './TicketCard';
import { AppointmentList } from './AppointmentList';

/** My tickets first (what a patient opens the app for), then every department, live. */
export function HomePage({ token, pushOffer }: { token: string; pushOffer?: ReactNode }) {
  const { t } = useTranslation();
  const { data, connection, online, canAct, join, cancel, reply } = usePatient();
  const [joining, setJoining] = useState<string | null>(null);
  const { failure, run } = useActionError();
  const names = new Map(data.queues.map((queue) => [queue.department, queue.name]));
  const held = new Set(data.tickets.map((ticket) => ticket.department));

  return (
    <>
      <PageHeading>{t('nav.home')}</PageHeading>
      <ActionError failure={failure} />
      {pushOffer}
      <AppointmentList token={token} />
      {data.tickets.length > 0 && (
        <section aria-labelledby="tickets-heading" className="tickets">
          <h3 id="tickets-heading">{t('ticket.headingCount', { count: data.tickets.length })}</h3>
          {data.tickets.map((ticket) => (
            <TicketCard
              key={ticket.id}
              ticket={ticket}
              departmentName={names.get(ticket.department) ?? ticket.department}
              canAct={canAct}
              onCancel={() => run(() => cancel(ticket.id))}
              onReply={(answer) => run(() => reply(ticket.id, answer))}
            />
          ))}
        </section>
      )}
      <section aria-labelledby="departments-heading">
        <h3 id="departments-heading">{t('queue.heading')}</h3>
        {(!online || connection === 'down') && <p className="detail">{t('offline.actionsDisabled')}</p>}
        {data.queues.length === 0 && connection === 'connecting' && (
          <p aria-live="polite">{t('app.loading')}</p>
        )}
        {data.queues.length === 0 && connection === 'live' && <p>{t('queue.none')}</p>}
        <ul className="departments">
          {data.queues.map((queue) => (
            <DepartmentCard
              key={queue.department}
              queue={queue}
              holding={held.has(queue.department)}
              canAct={canAct}
              joining={joining === queue.department}
              onJoin={() => {
                setJoining(queue.department);
                void run(() => join(queue.department)).finally(() => setJoining(null));
              }}
            />
          ))}
        </ul>
      </section>
      <InstallPrompt />
    </>
  );
}
