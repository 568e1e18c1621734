import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect as Select } from '../common/i18n/LanguageSelect';
import { changeLanguage } from './i18n';
import type { Language } from './i18n';

interface Props {
  /** Also save the choice elsewhere (the account), after the app has switched. */
  onChange?(language: Language): void;
  hint?: string;
}

/** The shared picker, in the patient app's field layout. */
export function LanguageSelect({ onChange, hint }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('settings.language')}</label>
      {hint && (
        <p id={hintId} className="detail">
          {hint}
        </p>
      )}
      <Select
        id={id}
        describedBy={hint ? hintId : undefined}
        onSelect={(language) => void changeLanguage(language).then(() => onChange?.(language))}
      />
    </div>
  );
}
