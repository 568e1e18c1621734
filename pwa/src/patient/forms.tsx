import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Where a form's one request is: not sent, in flight, done, or failed with the error to describe. */
export type SubmitState = 'idle' | 'busy' | 'done' | { error: unknown };

/**
 * A form that sends one request: `submit(action)` is the form's submit handler, `run(action)` sends
 * without a form event (after a confirmation). `failed` says the state holds an error.
 */
export function useSubmit() {
  const [state, setState] = useState<SubmitState>('idle');
  async function run(action: () => Promise<void>): Promise<void> {
    setState('busy');
    try {
      await action();
      setState('done');
    } catch (error) {
      setState({ error });
    }
  }
  return {
    state,
    failed: typeof state === 'object',
    error: typeof state === 'object' ? state.error : null,
    run,
    submit: (action: () => Promise<void>) => (event: FormEvent) => {
      event.preventDefault();
      void run(action);
    },
  };
}

interface PasswordFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** `new`: the password being chosen (its rules shown under it); `current`: the one the account has. */
  kind: 'new' | 'current';
}

/** A password input with its label; a new one is held to the server's 8–200 characters. */
export function PasswordField({ label, value, onChange, kind }: PasswordFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const chosen = kind === 'new';
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete={chosen ? 'new-password' : 'current-password'}
        required
        {...(chosen ? { minLength: 8, maxLength: 200 } : {})}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {chosen && <p className="detail">{t('auth.passwordHint')}</p>}
    </div>
  );
}
