import { useState } from 'react';
import type { FormEvent } from 'react';
import { errorMessage } from './errors';
import { bridge } from './bridge';

interface Props {
  current: string | null;
}

/** Desktop only: which Queuebell server this console talks to. */
export function ServerForm({ current }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const url = String(new FormData(event.currentTarget).get('serverUrl') ?? '');
    setBusy(true);
    setError(null);
    try {
      await bridge.setServerUrl(url);
      // The page's CSP names the allowed server, so a reload is what lets the new one be reached.
      location.reload();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={handleSubmit} aria-labelledby="server-heading">
      <h1 id="server-heading">Connect to your Queuebell server</h1>
      <label htmlFor="server-url">Server address</label>
      <input
        id="server-url"
        name="serverUrl"
        type="url"
        required
        placeholder="https://queue.hospital.example"
        defaultValue={current ?? ''}
        aria-describedby="server-hint"
      />
      <p id="server-hint" className="hint">
        Ask IT for the address. It must start with https://.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
