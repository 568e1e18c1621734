import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { bridge, isDesktop } from './bridge';
import { errorMessage } from './errors';

/** The form's English, kept together so the console's translation can move it into its catalogue. */
const STRINGS = {
  heading: 'Security on this computer',
  protection: 'Hide the console from screenshots and screen sharing',
  protectionHint: 'Windows and macOS. The waiting list shows patients’ names.',
  pin: 'Server certificate fingerprint (SHA-256)',
  pinHint:
    'Optional, for IT: only a server certificate with this fingerprint is accepted. Update it when the ' +
    'certificate is renewed. Empty: the certificate authorities this computer trusts decide.',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved.',
} as const;

/** Desktop only, next to the server address: screen-capture protection and certificate pinning (off by default). */
export function WardSettings() {
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
      <h2 id="ward-heading">{STRINGS.heading}</h2>
      <label>
        <input
          type="checkbox"
          name="contentProtection"
          checked={protection}
          onChange={(event) => setProtection(event.target.checked)}
          aria-describedby="protection-hint"
        />{' '}
        {STRINGS.protection}
      </label>
      <p id="protection-hint" className="hint">
        {STRINGS.protectionHint}
      </p>
      <label htmlFor="certificate-pin">{STRINGS.pin}</label>
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
        {STRINGS.pinHint}
      </p>
      {saved && (
        <p role="status" className="hint">
          {STRINGS.saved}
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
