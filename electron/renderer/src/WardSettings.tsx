import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormEvent } from 'react';
import { bridge, isDesktop } from './bridge';
import { errorMessage } from './errors';
import { SaveFooter } from './SaveFooter';

/** Desktop only, next to the server address: screen-capture protection and certificate pinning (off by default). */
export function WardSettings() {
  const { t } = useTranslation();
  const [protection, setProtection] = useState(false);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    bridge
      .getWardSettings()
      .then((current) => {
        if (!active) return;
        setProtection(current.contentProtection);
        setPin(current.certificatePin ?? '');
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
    setSaved(false);
    setError(null);
    try {
      await bridge.setContentProtection(protection);
      await bridge.setCertificatePin(pin);
      setSaved(true);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(event) => void handleSubmit(event)} aria-labelledby="ward-heading">
      <h2 id="ward-heading">{t('ward.heading')}</h2>
      <label>
        <input
          type="checkbox"
          name="contentProtection"
          checked={protection}
          onChange={(event) => setProtection(event.target.checked)}
          aria-describedby="protection-hint"
        />{' '}
        {t('ward.protection')}
      </label>
      <p id="protection-hint" className="hint">
        {t('ward.protectionHint')}
      </p>
      <label htmlFor="certificate-pin">{t('ward.pin')}</label>
      <input
        id="certificate-pin"
        name="certificatePin"
        spellCheck={false}
        placeholder="AB:CD:…"
        value={pin}
        onChange={(event) => setPin(event.target.value)}
        aria-describedby="pin-hint"
      />
      <p id="pin-hint" className="hint">
        {t('ward.pinHint')}
      </p>
      <SaveFooter saved={saved ? t('ward.saved') : null} error={error} busy={busy} />
    </form>
  );
}
