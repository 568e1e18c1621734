import i18next from 'i18next';
import type { InitOptions, Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { browserLanguage, isLanguage, LANGUAGES } from './languages';
import type { Language } from './languages';

export interface AppI18nOptions {
  /** The localStorage key that remembers the choice on this device; one per app, so each keeps its own. */
  storageKey: string;
  /** The catalogues, one `translation` namespace per language. */
  resources: Record<Language, Resource[string]>;
  /** The document's title in the current language, set at start and on every switch. */
  title(): string;
}

export interface AppI18n {
  /** The language picked on this device, if one ever was. */
  chosenLanguage(): Language | null;
  /** A choice made here first, then the browser's languages (es-MX counts as es), then English. */
  initialLanguage(): Language;
  /** Starts i18next; await it before the first render. */
  setupI18n(): Promise<void>;
  /** Switches the app's language and remembers it on this device. */
  changeLanguage(language: Language): Promise<void>;
}

/** The i18next options both apps use; unit tests start i18next with them too (no DOM needed). */
export function i18nextOptions(resources: Resource, language: Language): InitOptions {
  return {
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // React escapes what it renders; escaping here too would show &amp; and friends.
    interpolation: { escapeValue: false },
    returnNull: false,
  };
}

/**
 * One app's i18n on the shared default i18next instance: the same options, the same remembered choice
 * and the same `<html lang>` for the patient app and the nurse console, which differ only in their
 * catalogues and where they keep the choice.
 */
export function createAppI18n({ storageKey, resources, title }: AppI18nOptions): AppI18n {
  const chosenLanguage = (): Language | null => {
    const saved = localStorage.getItem(storageKey);
    return isLanguage(saved) ? saved : null;
  };
  const initialLanguage = (): Language =>
    chosenLanguage() ?? browserLanguage(navigator.languages ?? [navigator.language]) ?? 'en';

  const applyToDocument = () => {
    document.documentElement.lang = i18next.language;
    document.title = title();
  };

  return {
    chosenLanguage,
    initialLanguage,
    async setupI18n() {
      await i18next.use(initReactI18next).init(i18nextOptions(resources, initialLanguage()));
      applyToDocument();
      i18next.on('languageChanged', applyToDocument);
    },
    async changeLanguage(language) {
      localStorage.setItem(storageKey, language);
      await i18next.changeLanguage(language);
    },
  };
}
