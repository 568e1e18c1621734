/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { flattenCatalog } from '../../../pwa/src/common/i18n/keys';
import type { CatalogTree } from '../../../pwa/src/common/i18n/keys';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const INTERPOLATION = /\{\{[^}]+\}\}/g;
const TAG = /<\/?\w+>/g;

/**
 * Patterns for the English strings that a translation words differently, so a screen can be checked
 * for any English left over after switching language: interpolations ({{name}}, {{count, number}})
 * become wildcards and tags (<strong>) go, as on the screen. A string the translation itself uses
 * ("Notifications" in French, "SMS") is no leftover, whatever its key; nor is one with no word of its
 * own ("{{label}} ({{width}}×{{height}})"), which would match anything.
 */
export function englishLeftovers(english: CatalogTree, translation: CatalogTree): RegExp[] {
  const own = new Set(flattenCatalog(translation).values());
  const patterns: RegExp[] = [];
  for (const text of new Set(flattenCatalog(english).values())) {
    if (own.has(text)) continue;
    const shown = text.replace(TAG, '');
    if (!/[a-z]/i.test(shown.replace(INTERPOLATION, ''))) continue;
    const pattern = shown.split(INTERPOLATION).map(escapeRegExp).join('.+');
    patterns.push(new RegExp(`^${pattern}$`));
  }
  return patterns;
}

export interface VisibleTextOptions {
  /** Attributes whose values count as text (accessible names, tooltips, placeholders). */
  attributes?: string[];
  /** Also each part of a text between separators (", ", "; ", " · "), as charts' summaries join them. */
  parts?: boolean;
}

/** Every visible piece of text on the page, plus the given attributes' values (aria-label by default). */
export async function visibleTexts(page: Page, options: VisibleTextOptions = {}): Promise<string[]> {
  const attributes = options.attributes ?? ['aria-label'];
  const texts = await page.evaluate((names) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || !parent.checkVisibility()) continue;
      found.push(text);
    }
    for (const name of names) {
      for (const element of Array.from(document.querySelectorAll(`[${name}]`))) {
        const value = element.getAttribute(name)?.trim();
        if (value) found.push(value);
      }
    }
    // Whole elements too: a sentence split by an inline element (a badge, a bold word) reads as one.
    const blocks = document.querySelectorAll<HTMLElement>('p, li, h1, h2, h3, label, button, a, legend');
    for (const element of Array.from(blocks)) {
      if (element.checkVisibility()) found.push(element.innerText.trim());
    }
    return found;
  }, attributes);
  if (!options.parts) return texts;
  return texts.flatMap((text) => [text, ...text.split(/[;,·]\s+|\.\s+/).map((part) => part.trim())]);
}
