import { useState } from 'react';
import type { FormEvent } from 'react';
import { PRIORITIES } from '../../../shared/tickets';
import type { Priority, StaffTicket } from '../../../shared/tickets';
import { errorDetails, errorMessage } from './errors';
import { Dialog, ErrorText } from './Dialog';
import { useConsole, useOnline } from './hooks';

interface Props {
  ticket: StaffTicket;
  onDone(message: string): void;
  onCancel(): void;
}

/** Moving someone up the queue is recorded with who and why, so the reason is required. */
export function PriorityDialog({ ticket, onDone, onCancel }: Props) {
  const { api } = useConsole();
  const online = useOnline();
  const [error, setError] = useState<{ message: string; details: string[] } | null>(null);
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
      onDone(`${ticket.number} is now ${priority}.`);
    } catch (caught) {
      setError({ message: errorMessage(caught), details: errorDetails(caught) });
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Priority of ${ticket.number} (${ticket.patientName})`} onClose={onCancel}>
      <form onSubmit={handleSubmit} className="stack">
        <fieldset>
          <legend>Priority</legend>
          {PRIORITIES.map((priority) => (
            <label key={priority} className="checkbox">
              <input
                type="radio"
                name="priority"
                value={priority}
                defaultChecked={priority === ticket.priority}
              />
              {priority[0]?.toUpperCase()}
              {priority.slice(1)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="priority-reason">Reason (recorded with your name)</label>
        <textarea id="priority-reason" name="reason" required maxLength={500} rows={3} />
        <ErrorText message={error?.message ?? null} details={error?.details} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !online}>
            Change priority
          </button>
        </div>
      </form>
    </Dialog>
  );
}
