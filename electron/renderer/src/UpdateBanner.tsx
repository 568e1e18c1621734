import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from './bridge';
import { errorMessage } from './errors';

/**
 * Desktop only (the browser bridge never has an update): shown once an update is downloaded, on every
 * screen. Restarting is the nurse's choice, made when the ward allows; until then the console runs on.
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const [version, setVersion] = useState<string | null>(null);
  const [restarting, setRestarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    // Downloaded before this page loaded (a reload, the window reopened from the tray): ask for it.
    bridge
      .getReadyUpdate()
      .then((ready) => {
        if (active && ready !== null) setVersion(ready);
      })
      .catch(() => undefined);
    const unsubscribe = bridge.onUpdateReady((ready) => setVersion(ready));
    return () => {
      active = false;
      unsubscribe();
    };
  }, []);

  if (version === null) return null;

  async function restart() {
    setRestarting(true);
    setError(null);
    try {
      await bridge.installUpdate();
    } catch (caught) {
      setError(errorMessage(caught));
      setRestarting(false);
    }
  }

  return (
    <div className="update-banner" role="status">
      <p>
        <strong>{t('updates.ready')}</strong>{' '}
        <span className="hint">{t('updates.version', { version })}</span>
      </p>
      <button type="button" className="primary" onClick={() => void restart()} disabled={restarting}>
        {restarting ? t('updates.restarting') : t('updates.restart')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
