import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { bridge, isDesktop } from './bridge';
import { errorMessage } from './errors';

/** The form's English, kept together so the console's translation can move it into its catalogue. */
const STRINGS = {
  heading: 'Updates',
  label: 'Update address',
  hint: 'Where IT publishes new versions of this app (https://…). Leave empty for no updates.',
  save: 'Save',
  saving: 'Saving…',
  on: 'Saved. New versions are checked for now and every few hours.',
  off: 'Saved. Updates are off.',
} as const;

/** Desktop only, next to the server address: the folder IT hosts updates in (the main process validates it). */
export function UpdateSettings() {
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    bridge
      .getUpdateUrl()
      .then((current) => {
        if (active && current !== null) setUrl(current);
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, []);

  if (!isDesktop) return null;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setSaved(null);
    setError(null);
    try {
      await bridge.setUpdateUrl(url);
      setSaved(url.trim() === '' ? STRINGS.off : STRINGS.on);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(event) => void handleSubmit(event)} aria-labelledby="updates-heading">
      <h2 id="updates-heading">{STRINGS.heading}</h2>
      <label htmlFor="update-url">{STRINGS.label}</label>
      <input
        id="update-url"
        name="updateUrl"
        type="url"
        placeholder="https://it.hospital.example/queuebell/"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        aria-describedby="update-hint"
      />
      <p id="update-hint" className="hint">
        {STRINGS.hint}
      </p>
      {saved && (
        <p role="status" className="hint">
          {saved}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? STRINGS.saving : STRINGS.save}
      </button>
    </form>
  );
}
