import type { Page } from 'playwright-core';
import { en } from '../../../electron/renderer/src/i18n/en';
import { es } from '../../../electron/renderer/src/i18n/es';
import { fr } from '../../../electron/renderer/src/i18n/fr';
import { englishLeftovers, visibleTexts } from './i18n';

/**
 * The English strings of the console's catalogue still on the page after a switch to `language`: in
 * its text, accessible names, tooltips and placeholders, and in the parts of a chart's summary. Data
 * (ticket numbers, patient and department names, rooms) is in no catalogue, so it never counts.
 */
export async function untranslatedInConsole(page: Page, language: 'es' | 'fr'): Promise<string[]> {
  const patterns = englishLeftovers(en, language === 'es' ? es : fr);
  const texts = await visibleTexts(page, { attributes: ['aria-label', 'title', 'placeholder'], parts: true });
  const title = await page.title();
  return [...new Set([title, ...texts])].filter((text) => patterns.some((pattern) => pattern.test(text)));
}

/** The tabs of the workspace, by position (their names change with the language). */
export const WORKSPACE_TABS = ['queue', 'delivery', 'schedules', 'audit', 'metrics', 'appointments'] as const;

/** What each tab shows once its data is read: checking before then would find nothing to check. */
const LOADED: Record<(typeof WORKSPACE_TABS)[number], string> = {
  queue: 'table.tickets',
  delivery: '[data-stage="total"]',
  schedules: 'section.schedules table',
  audit: 'table.audit',
  metrics: 'section.metrics figure',
  appointments: 'section.appointments .appointment-import',
};

/** Opens each tab in turn and answers the English left on each, by tab. */
export async function untranslatedOnEveryTab(
  page: Page,
  language: 'es' | 'fr',
): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const [index, tab] of WORKSPACE_TABS.entries()) {
    await page.getByRole('tab').nth(index).click();
    await page.locator(LOADED[tab]).first().waitFor();
    found[tab] = await untranslatedInConsole(page, language);
  }
  return found;
}
