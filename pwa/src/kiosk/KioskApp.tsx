import { useQueues } from '../useQueues';

const REFRESH_MS = 15_000;

/** Waiting-room display placeholder: every department, OPEN or CLOSED, and who is being served. */
export function KioskApp() {
  const { queues, error } = useQueues(REFRESH_MS);

  return (
    <main className="kiosk">
      <h1>Queuebell</h1>
      {queues === null && !error && <p className="kiosk-message">Loading…</p>}
      {queues?.length === 0 && <p className="kiosk-message">No departments yet.</p>}
      {queues && queues.length > 0 && (
        <ul className="kiosk-grid">
          {queues.map((queue) => (
            <li key={queue.department} className={queue.isOpen ? 'open' : 'closed'}>
              <h2>{queue.name}</h2>
              <p className="state">{queue.isOpen ? 'OPEN' : 'CLOSED'}</p>
              {queue.nowServing.length > 0 && (
                <p className="serving">
                  Now serving: {queue.nowServing.map((entry) => `${entry.ticket} → ${entry.room}`).join(', ')}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {/* Stale data stays on screen; this line tells staff the display has lost the server. */}
      {error && <p className="kiosk-offline">Reconnecting…</p>}
    </main>
  );
}
