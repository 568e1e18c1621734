import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../errors';

interface Props {
  /** The saved number (E.164), or null. */
  phone: string | null;
  canAct: boolean;
  save(phone: string | null): Promise<void>;
}

type SaveState = 'idle' | 'saving' | 'saved' | 'removed' | { error: unknown };

/**
 * The patient's mobile number, for text messages. The server reads and checks it (it knows the
 * hospital's region), so any spelling is sent as typed and shown back as the server stored it.
 */
export function PhoneField({ phone, canAct, save }: Props) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [draft, setDraft] = useState(phone ?? '');
  const [state, setState] = useState<SaveState>('idle');

  useEffect(() => setDraft(phone ?? ''), [phone]);

  async function run(value: string | null, done: 'saved' | 'removed') {
    setState('saving');
    try {
      await save(value);
      setState(done);
    } catch (error) {
      setState({ error });
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const typed = draft.trim();
    void run(typed === '' ? null : typed, typed === '' ? 'removed' : 'saved');
  }

  const failed = typeof state === 'object';
  return (
    <form onSubmit={submit} className="field phone-field">
      <label htmlFor={inputId}>{t('contact.phone')}</label>
      <input
        id={inputId}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        value={draft}
        aria-describedby={hintId}
        aria-invalid={failed}
        onChange={(event) => setDraft(event.target.value)}
      />
      <p id={hintId} className="detail">
        {t('contact.phoneHint')}
      </p>
      <div className="actions">
        <button type="submit" className="primary" disabled={!canAct || state === 'saving'}>
          {t('contact.savePhone')}
        </button>
        {phone && (
          <button
            type="button"
            className="secondary"
            disabled={!canAct || state === 'saving'}
            onClick={() => void run(null, 'removed')}
          >
            {t('contact.removePhone')}
          </button>
        )}
      </div>
      <p aria-live="polite" className={failed ? 'error' : 'detail'}>
        {state === 'saved' && t('contact.phoneSaved')}
        {state === 'removed' && t('contact.phoneRemoved')}
        {failed && describeError(state.error)}
      </p>
    </form>
  );
}
