import i18next from 'i18next';
import { i18nextOptions } from '../../../../pwa/src/common/i18n/setup';
import type { Language } from '../../../../pwa/src/common/i18n/languages';
import { registerNumberFormat, resources } from './index';

/** For unit tests, which run without a DOM: the console's i18next, speaking `language`. */
export async function speak(language: Language): Promise<void> {
  if (i18next.isInitialized) {
    await i18next.changeLanguage(language);
    return;
  }
  await i18next.init(i18nextOptions(resources, language));
  registerNumberFormat();
}
