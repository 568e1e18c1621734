import { useEffect, useState } from 'react';
import type { Language } from './i18n';

const CYCLE_MS = 8_000;

export interface LanguagePair {
  primary: Language;
  /** Shown beside the primary; with three or more languages it takes each of the others in turn. */
  secondary: Language | null;
}

export function useLanguages(languages: readonly Language[]): LanguagePair {
  const [turn, setTurn] = useState(0);
  const others = languages.slice(1);
  const cycles = others.length > 1;
  useEffect(() => {
    if (!cycles) return;
    const timer = setInterval(() => setTurn((current) => current + 1), CYCLE_MS);
    return () => clearInterval(timer);
  }, [cycles]);
  return {
    primary: languages[0] ?? 'en',
    secondary: others.length > 0 ? (others[turn % others.length] ?? null) : null,
  };
}
