import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../../../pwa/src/common/i18n/LanguageSelect';
import { changeLanguage } from './i18n';

/**
 * The console's language, on the sign-in screen and in the header. The choice is this console's own
 * (remembered on this computer), not the nurse's account: a ward PC keeps its language across nurses.
 */
export function LanguagePicker() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="language-picker">
      <label htmlFor={id}>{t('language.label')}</label>
      <LanguageSelect id={id} onSelect={(language) => void changeLanguage(language)} />
    </div>
  );
}
