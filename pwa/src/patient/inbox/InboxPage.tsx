import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePatient } from '../data/context';
import { ActionError, useActionError } from '../ActionError';
import { PageHeading } from '../PageHeading';
import { NotificationItem } from './NotificationItem';

interface Props {
  /** Opened from a system notification: expand (and so mark read) this one. */
  focusId: number | null;
}

export function InboxPage({ focusId }: Props) {
  const { t } = useTranslation();
  const { data, canAct, open, readAll, loadOlder } = usePatient();
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set(focusId ? [focusId] : []));
  const { failure, run: attempt } = useActionError();
  const [loadingOlder, setLoadingOlder] = useState(false);
  const names = new Map(data.queues.map((queue) => [queue.department, queue.name]));
  const pending = new Set(data.pendingReads);
  const unread = data.notifications.filter((item) => item.readAt === null).length;

  // The focused notification may arrive after the page (the socket's catch-up): mark it read then.
  const focusLoaded = focusId !== null && data.notifications.some((item) => item.id === focusId);
  useEffect(() => {
    if (focusId === null || !focusLoaded) return;
    setExpanded((current) => new Set([...current, focusId]));
    open(focusId);
    document.querySelector<HTMLElement>(`[data-id="${focusId}"] button`)?.focus();
  }, [focusId, focusLoaded, open]);

  function toggle(id: number) {
    const opening = !expanded.has(id);
    setExpanded((current) => {
      const next = new Set(current);
      if (opening) next.add(id);
      else next.delete(id);
      return next;
    });
    if (opening) open(id);
  }

  return (
    <>
      <PageHeading>{t('inbox.heading')}</PageHeading>
      <ActionError failure={failure} />
      {unread > 0 && (
        <button type="button" className="secondary" disabled={!canAct} onClick={() => void attempt(readAll)}>
          {t('inbox.markAllRead')}
        </button>
      )}
      {data.notifications.length === 0 && <p>{t('inbox.empty')}</p>}
      <ul className="notifications">
        {data.notifications.map((notification) => (
          <NotificationItem
            key={notification.id}
            notification={notification}
            departmentNames={names}
            expanded={expanded.has(notification.id)}
            readPending={pending.has(notification.id)}
            onToggle={() => toggle(notification.id)}
          />
        ))}
      </ul>
      {data.olderCursor && (
        <button
          type="button"
          className="secondary"
          disabled={!canAct || loadingOlder}
          onClick={() => {
            setLoadingOlder(true);
            void attempt(loadOlder).finally(() => setLoadingOlder(false));
          }}
        >
          {t('inbox.loadOlder')}
        </button>
      )}
    </>
  );
}
