import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './errors';
import { bridge } from './bridge';

interface Props {
  current: string | null;
}

/** Desktop only: which Queuebell server this console talks to. */
export function ServerForm({ current }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
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
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={handleSubmit} aria-labelledby="server-heading">
      <h1 id="server-heading">{t('server.heading')}</h1>
      <label htmlFor="server-url">{t('server.address')}</label>
      <input
        id="server-url"
        name="serverUrl"
        type="url"
        required
        placeholder={t('server.placeholder')}
        defaultValue={current ?? ''}
        aria-describedby="server-hint"
      />
      <p id="server-hint" className="hint">
        {t('server.hint')}
      </p>
      {error !== null && (
        <p role="alert" className="error">
          {/* The desktop app refuses only an address it cannot use. */}
          {errorMessage(error, t('server.refused'))}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('server.saving') : t('server.save')}
      </button>
    </form>
  );
}
