import type { Page } from 'playwright-core';
import { en } from '../../../pwa/src/patient/i18n/en';
import { es } from '../../../pwa/src/patient/i18n/es';
import { fr } from '../../../pwa/src/patient/i18n/fr';
import { englishLeftovers, visibleTexts } from './i18n';

/** The English strings of the patient app still visible on the page, after a switch to `language`. */
export async function untranslated(page: Page, language: 'es' | 'fr'): Promise<string[]> {
  const patterns = englishLeftovers(en, language === 'es' ? es : fr);
  return (await visibleTexts(page)).filter((text) => patterns.some((pattern) => pattern.test(text)));
}
