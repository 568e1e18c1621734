import { useState } from 'react';
import type { FormEvent } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../shared/tickets';
import type { Priority, StaffTicket } from '../../../shared/tickets';
import { Dialog, ErrorText } from './Dialog';
import { useConsole, useOnline } from './hooks';
import type { Wording } from './i18n';

interface Props {
  ticket: StaffTicket;
  onDone(message: Wording): void;
  onCancel(): void;
}

/** Moving someone up the queue is recorded with who and why, so the reason is required. */
export function PriorityDialog({ ticket, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const online = useOnline();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const priority = String(form.get('priority')) as Priority;
    setBusy(true);
    setError(null);
    try {
      await api('POST /api/tickets/:id/priority', {
        params: { id: ticket.id },
        body: { priority, reason: String(form.get('reason') ?? '') },
      });
      onDone(() => i18next.t(`priority.done.${priority}`, { number: ticket.number }));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('priority.title', { number: ticket.number, name: ticket.patientName })}
      onClose={onCancel}
    >
      <form onSubmit={handleSubmit} className="stack">
        <fieldset>
          <legend>{t('priority.legend')}</legend>
          {PRIORITIES.map((priority) => (
            <label key={priority} className="checkbox">
              <input
                type="radio"
                name="priority"
                value={priority}
                defaultChecked={priority === ticket.priority}
              />
              {t(`list.priorities.${priority}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="priority-reason">{t('priority.reason')}</label>
        <textarea id="priority-reason" name="reason" required maxLength={500} rows={3} />
        <ErrorText error={error} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !online}>
            {t('priority.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
