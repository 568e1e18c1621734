import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './errors';
import { joinAsGuest } from './session';
import type { PatientSession } from './session';

interface Props {
  department: string;
  onAuthenticated(session: PatientSession): void;
}

/** "Continue as guest" beside sign-in, for a patient who scanned the kiosk's code: a name, maybe a phone. */
export function GuestForm({ department, onAuthenticated }: Props) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('guest-name') ?? '').trim();
    const phone = String(form.get('guest-phone') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      onAuthenticated(await joinAsGuest({ name, locale: i18n.language, ...(phone ? { phone } : {}) }));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form className="card guest" onSubmit={handleSubmit} aria-labelledby="guest-heading">
      <h2 id="guest-heading">{t('guest.title', { department })}</h2>
      <p>{t('guest.intro')}</p>
      <div className="field">
        <label htmlFor="guest-name">{t('guest.name')}</label>
        <input id="guest-name" name="guest-name" autoComplete="name" required maxLength={120} />
      </div>
      <div className="field">
        <label htmlFor="guest-phone">{t('guest.phone')}</label>
        <p id="guest-phone-hint" className="detail">
          {t('guest.phoneHint')}
        </p>
        <input
          id="guest-phone"
          name="guest-phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={40}
          aria-describedby="guest-phone-hint"
        />
      </div>
      {error !== null && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('auth.working') : t('guest.continue')}
      </button>
      <p className="detail">{t('guest.orSignIn')}</p>
    </form>
  );
}
