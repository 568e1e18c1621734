/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { en } from '../../../pwa/src/patient/i18n/en';
import { es } from '../../../pwa/src/patient/i18n/es';
import { fr } from '../../../pwa/src/patient/i18n/fr';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') flat.set(prefix + key, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) flat.set(inner, text);
  }
  return flat;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Patterns for the English strings that the given language translates differently (interpolations
 * become wildcards), so a screen can be checked for any English left over after switching language.
 */
export function englishLeftovers(language: 'es' | 'fr'): RegExp[] {
  // A string the language itself uses ("Notifications" in French) is not a leftover, whatever its key.
  const own = new Set(flatten((language === 'es' ? es : fr) as unknown as Tree).values());
  const patterns: RegExp[] = [];
  for (const english of new Set(flatten(en as unknown as Tree).values())) {
    if (own.has(english)) continue;
    const pattern = escapeRegExp(english).replace(/\\\{\\\{\w+\\\}\\\}/g, '.+');
    patterns.push(new RegExp(`^${pattern}$`));
  }
  return patterns;
}

/** Every visible piece of text on the page, plus accessible names given by aria-label. */
export function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || !parent.checkVisibility()) continue;
      texts.push(text);
    }
    for (const element of Array.from(document.querySelectorAll('[aria-label]'))) {
      const label = element.getAttribute('aria-label')?.trim();
      if (label) texts.push(label);
    }
    // Whole elements too: a sentence split by an inline element (a badge, a bold word) reads as one.
    const blocks = document.querySelectorAll<HTMLElement>('p, li, h1, h2, h3, label, button, a, legend');
    for (const element of Array.from(blocks)) {
      if (element.checkVisibility()) texts.push(element.innerText.trim());
    }
    return texts;
  });
}

/** The English strings still visible on the page, after a switch to `language`. */
export async function untranslated(page: Page, language: 'es' | 'fr'): Promise<string[]> {
  const patterns = englishLeftovers(language);
  return (await visibleTexts(page)).filter((text) => patterns.some((pattern) => pattern.test(text)));
}
