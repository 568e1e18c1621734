import { useEffect, useState } from 'react';
import { bridge } from './bridge';
import { errorMessage } from './errors';

/** The banner's English, kept together so the console's translation can move it into its catalogue. */
const STRINGS = {
  ready: 'An update is ready — restart to install.',
  version: (version: string) => `Queuebell Console ${version}`,
  restart: 'Restart now',
  restarting: 'Restarting…',
} as const;

/**
 * Desktop only (the browser bridge never has an update): shown once an update is downloaded, on every
 * screen. Restarting is the nurse's choice, made when the ward allows; until then the console runs on.
 */
export function UpdateBanner() {
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
        <strong>{STRINGS.ready}</strong> <span className="hint">{STRINGS.version(version)}</span>
      </p>
      <button type="button" className="primary" onClick={() => void restart()} disabled={restarting}>
        {restarting ? STRINGS.restarting : STRINGS.restart}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
