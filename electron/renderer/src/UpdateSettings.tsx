import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormEvent } from 'react';
import { bridge, isDesktop } from './bridge';
import { errorMessage } from './errors';
import { SaveFooter } from './SaveFooter';

/** Desktop only, next to the server address: the folder IT hosts updates in (the main process validates it). */
export function UpdateSettings() {
  const { t } = useTranslation();
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
      setSaved(url.trim() === '' ? t('updates.off') : t('updates.on'));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(event) => void handleSubmit(event)} aria-labelledby="updates-heading">
      <h2 id="updates-heading">{t('updates.heading')}</h2>
      <label htmlFor="update-url">{t('updates.label')}</label>
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
        {t('updates.hint')}
      </p>
      <SaveFooter saved={saved} error={error} busy={busy} />
    </form>
  );
}
