import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from './languages';
import type { Language } from './languages';

interface Props {
  /** For the app's own <label htmlFor>. */
  id: string;
  /** The app's switch (it knows where the choice is remembered). */
  onSelect(language: Language): void;
  describedBy?: string;
}

/**
 * The language picker's <select>, without its label, which each app lays out in its own way. Each
 * language is named in itself and marked with its `lang`, so a screen reader says "Español" in Spanish.
 */
export function LanguageSelect({ id, onSelect, describedBy }: Props) {
  const { i18n } = useTranslation();
  return (
    <select
      id={id}
      value={i18n.resolvedLanguage ?? i18n.language}
      aria-describedby={describedBy}
      onChange={(event) => {
        const language = event.target.value;
        if (isLanguage(language)) onSelect(language);
      }}
    >
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {LANGUAGE_NAMES[language]}
        </option>
      ))}
    </select>
  );
}
