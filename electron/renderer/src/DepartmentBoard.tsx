import { useCallback, useEffect, useState } from 'react';
import type { QueueStatus } from '../../../shared/schemas';
import { apiRequest, errorMessage } from './api';
import { bridge, isDesktop } from './bridge';
import type { Session } from './session';

interface Props {
  session: Session;
  onSignOut(): void;
}

/** Placeholder board: the departments and their state. Open/close and calling arrive in later issues. */
export function DepartmentBoard({ session, onSignOut }: Props) {
  const [queues, setQueues] = useState<QueueStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    setError(null);
    try {
      setQueues(await apiRequest<QueueStatus[]>(session.serverUrl, '/api/queues', { token: session.token }));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, [session]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function openKiosk() {
    try {
      await bridge.openKiosk();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  return (
    <main className="board">
      <header className="board-header">
        <h1>Departments</h1>
        <p>
          Signed in as {session.user.name} ({session.user.role})
        </p>
        <div className="actions">
          <button type="button" onClick={() => void refresh()}>
            Refresh
          </button>
          <button type="button" onClick={() => void openKiosk()}>
            {isDesktop ? 'Open waiting-room display' : 'Open waiting-room display in a new tab'}
          </button>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {queues === null && !error && <p aria-live="polite">Loading departments…</p>}
      {queues?.length === 0 && <p>No departments yet. An administrator creates them.</p>}
      {queues && queues.length > 0 && (
        <ul className="departments" aria-label="Departments">
          {queues.map((queue) => (
            <li key={queue.department} className={queue.isOpen ? 'open' : 'closed'}>
              <h2>
                {queue.name} <span className="code">{queue.department}</span>
              </h2>
              <p>
                <strong>{queue.isOpen ? 'Open' : 'Closed'}</strong> · {queue.totalWaiting} waiting
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
