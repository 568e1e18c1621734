import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sameOriginApi } from '../../../../shared/api-client';
import type { User } from '../../../../shared/schemas';
import { describeError } from '../errors';

const api = sameOriginApi();

interface Props {
  token: string;
  canAct: boolean;
  /** The upgraded user, kept with the session. */
  onUpgraded(user: User): void;
}

/** A guest adds an email and a password: the same account, its tickets kept, a sign-in for later. */
export function UpgradeForm({ token, canAct, onUpgraded }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'saving' | { done: string } | { error: unknown }>('idle');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      email: String(form.get('upgrade-email') ?? ''),
      password: String(form.get('upgrade-password') ?? ''),
    };
    setState('saving');
    try {
      const { user } = await api('POST /api/me/upgrade', { token, body });
      onUpgraded(user);
      setState({ done: user.email ?? body.email });
    } catch (error) {
      setState({ error });
    }
  }

  if (typeof state === 'object' && 'done' in state) {
    return <p role="status">{t('upgrade.done', { email: state.done })}</p>;
  }
  return (
    <form
      className="field upgrade"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="upgrade-heading"
    >
      <h4 id="upgrade-heading">{t('upgrade.heading')}</h4>
      <p className="detail">{t('upgrade.intro')}</p>
      <label htmlFor="upgrade-email">{t('auth.email')}</label>
      <input
        id="upgrade-email"
        name="upgrade-email"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
      />
      <label htmlFor="upgrade-password">{t('auth.password')}</label>
      <input
        id="upgrade-password"
        name="upgrade-password"
        type="password"
        autoComplete="new-password"
        minLength={8}
        maxLength={200}
        required
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={!canAct || state === 'saving'}>
          {t('upgrade.submit')}
        </button>
      </div>
      <p aria-live="polite" className={typeof state === 'object' && 'error' in state ? 'error' : 'detail'}>
        {typeof state === 'object' && 'error' in state && describeError(state.error)}
      </p>
    </form>
  );
}
