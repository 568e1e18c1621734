import { useState } from 'react';
import type { FormEvent } from 'react';
import type { QueueChangeAnswer } from '../../../shared/queues';
import type { QueueStatus } from '../../../shared/schemas';
import { errorMessage } from './errors';
import { Dialog, ErrorText } from './Dialog';
import { plural } from './format';
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
  const { api } = useConsole();
  const online = useOnline();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const opening = !queue.isOpen;

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
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <Dialog title={`${opening ? 'Open' : 'Close'} the ${queue.name} queue?`} onClose={onCancel}>
      <form onSubmit={handleSubmit} className="stack">
        {opening ? (
          <p>
            All patients following {queue.name} will be notified that the queue is open. Each is notified
            once; the number notified shows once it is open.
          </p>
        ) : (
          <p>
            <strong>{plural(queue.totalWaiting, 'patient')} still waiting.</strong>{' '}
            {queue.totalWaiting > 0
              ? 'They keep their tickets and will be told the queue has closed; no one new can join.'
              : 'No one new will be able to join.'}
          </p>
        )}
        {opening && (
          <label className="checkbox">
            <input type="checkbox" name="override" />
            Manual override: stay open past the scheduled closing time
          </label>
        )}
        <label htmlFor="toggle-note">Note for the audit log (optional)</label>
        <input id="toggle-note" name="note" maxLength={500} autoComplete="off" />
        <ErrorText message={error} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className={opening ? 'primary' : 'danger'} disabled={busy || !online}>
            {opening ? 'Open and notify patients' : 'Close queue'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
