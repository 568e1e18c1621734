import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueChangeAnswer } from '../../../shared/queues';
import type { QueueStatus } from '../../../shared/schemas';
import { Dialog, ErrorText } from './Dialog';
import { useConsole, useOnline } from './hooks';

interface Props {
  queue: QueueStatus;
  onDone(answer: QueueChangeAnswer): void;
  onCancel(): void;
}

/**
 * Opening notifies every patient following the department and closing tells those still waiting, so
 * both are confirmed. There is no preview of the recipients: the count comes back with the answer.
 */
export function QueueToggleDialog({ queue, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const online = useOnline();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const opening = !queue.isOpen;
  const name = queue.name;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = String(form.get('note') ?? '').trim() || undefined;
    const params = { department: queue.department };
    setBusy(true);
    setError(null);
    try {
      const answer = opening
        ? await api('POST /api/queues/:department/open', {
            params,
            body: { manualOverride: form.get('override') === 'on', note },
          })
        : await api('POST /api/queues/:department/close', { params, body: { note } });
      onDone(answer);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t(opening ? 'toggle.openTitle' : 'toggle.closeTitle', { name })} onClose={onCancel}>
      <form onSubmit={handleSubmit} className="stack">
        {opening ? (
          <p>{t('toggle.openBody', { name })}</p>
        ) : (
          <p>
            <strong>{t('toggle.stillWaiting', { count: queue.totalWaiting })}</strong>{' '}
            {queue.totalWaiting > 0 ? t('toggle.keepTickets') : t('toggle.noneNew')}
          </p>
        )}
        {opening && (
          <label className="checkbox">
            <input type="checkbox" name="override" />
            {t('toggle.override')}
          </label>
        )}
        <label htmlFor="toggle-note">{t('toggle.note')}</label>
        <input id="toggle-note" name="note" maxLength={500} autoComplete="off" />
        <ErrorText error={error} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={opening ? 'primary' : 'danger'} disabled={busy || !online}>
            {opening ? t('toggle.confirmOpen') : t('toggle.confirmClose')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
