import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueStatus } from '../../../shared/schemas';
import type { StaffTicket, TransferAnswer } from '../../../shared/tickets';
import { Dialog, ErrorText } from './Dialog';
import { useConsole, useOnline } from './hooks';

interface Props {
  ticket: StaffTicket;
  onDone(answer: TransferAnswer): void;
  onCancel(): void;
}

/** Sends a called or served patient on to another department; only departments open now are offered. */
export function TransferDialog({ ticket, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const online = useOnline();
  const [open, setOpen] = useState<QueueStatus[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    api('GET /api/queues')
      .then((queues) => {
        if (current)
          setOpen(queues.filter((queue) => queue.isOpen && queue.department !== ticket.department));
      })
      .catch((caught: unknown) => current && setError(caught));
    return () => {
      current = false;
    };
  }, [api, ticket.department]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = String(form.get('note') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const answer = await api('POST /api/tickets/:id/transfer', {
        params: { id: ticket.id },
        body: {
          department: String(form.get('department')),
          keepPriority: form.get('keepPriority') === 'on',
          ...(note ? { note } : {}),
        },
      });
      onDone(answer);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('journey.transferDialog.title', { number: ticket.number, name: ticket.patientName })}
      onClose={onCancel}
    >
      <form onSubmit={handleSubmit} className="stack">
        <fieldset>
          <legend>{t('journey.transferDialog.department')}</legend>
          {open === null && <p aria-live="polite">{t('journey.timeline.loading')}</p>}
          {open?.length === 0 && <p>{t('journey.transferDialog.noneOpen')}</p>}
          {open?.map((queue, index) => (
            <label key={queue.department} className="checkbox">
              <input
                type="radio"
                name="department"
                value={queue.department}
                required
                defaultChecked={index === 0}
              />
              {queue.name} ({queue.department})
            </label>
          ))}
        </fieldset>
        <label htmlFor="transfer-note">{t('journey.transferDialog.note')}</label>
        <textarea id="transfer-note" name="note" maxLength={500} rows={2} />
        <label className="checkbox">
          <input type="checkbox" name="keepPriority" />
          {t('journey.transferDialog.keepPriority')}
        </label>
        <ErrorText error={error} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !online || !open?.length}>
            {t('journey.transferDialog.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
