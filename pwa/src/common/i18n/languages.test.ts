import { describe, expect, it } from 'vitest';
import { browserLanguage, formattingLocale, isLanguage, languageOfLocale } from './languages';

describe('the languages both apps speak', () => {
  it('maps a locale to its language, if spoken', () => {
    expect(languageOfLocale('es-MX')).toBe('es');
    expect(languageOfLocale('FR')).toBe('fr');
    expect(languageOfLocale('de-DE')).toBeNull();
    expect(languageOfLocale(null)).toBeNull();
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('pt')).toBe(false);
  });

  it('takes the first of the browser’s languages that it speaks', () => {
    expect(browserLanguage(['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(browserLanguage(['de', 'pt'])).toBeNull();
  });

  it('writes dates and numbers in the computer’s region when it speaks the chosen language', () => {
    expect(formattingLocale('en', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(formattingLocale('fr', ['en-GB', 'fr-CA'])).toBe('fr-CA');
    expect(formattingLocale('es', ['en-GB'])).toBe('es');
    expect(formattingLocale('es', [])).toBe('es');
  });
});
