import { useQueues } from '../useQueues';

/** Placeholder: the departments and whether they take patients. Joining arrives in a later issue. */
export function DepartmentList() {
  const { queues, error, refresh } = useQueues(0);

  return (
    <section aria-labelledby="departments-heading">
      <h2 id="departments-heading">Departments</h2>
      {error && (
        <p role="alert" className="error">
          {error}{' '}
          <button type="button" className="link" onClick={() => void refresh()}>
            Try again
          </button>
        </p>
      )}
      {queues === null && !error && <p aria-live="polite">Loading…</p>}
      {queues?.length === 0 && <p>No departments are listed yet.</p>}
      {queues && queues.length > 0 && (
        <ul className="departments">
          {queues.map((queue) => (
            <li key={queue.department}>
              <span className="name">{queue.name}</span>
              <span className={queue.isOpen ? 'status open' : 'status closed'}>
                {queue.isOpen ? `Open · ${queue.totalWaiting} waiting` : 'Closed'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
