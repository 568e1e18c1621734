import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage, LANGUAGES } from './i18n';
import type { Language } from './i18n';

interface Props {
  /** Also save the choice elsewhere (the account), after the app has switched. */
  onChange?(language: Language): void;
  hint?: string;
}

/** Each language is named in itself, so a patient who cannot read the current one still finds theirs. */
export function LanguageSelect({ onChange, hint }: Props) {
  const { t, i18n } = useTranslation();
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
      <select
        id={id}
        value={i18n.resolvedLanguage ?? i18n.language}
        aria-describedby={hint ? hintId : undefined}
        onChange={(event) => {
          const language = event.target.value;
          if (!isLanguage(language)) return;
          void changeLanguage(language).then(() => onChange?.(language));
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`languages.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
