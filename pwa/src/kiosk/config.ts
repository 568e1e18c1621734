import { DEPARTMENT_CODE_PATTERN } from '../../../shared/constants';
import { isSupportedLanguage } from './i18n';
import type { Language } from './i18n';

export type SoundMode = 'voice' | 'chime' | 'mute';
export const SOUND_MODES: readonly SoundMode[] = ['voice', 'chime', 'mute'];

export interface KioskConfig {
  /** Department codes in the order to show them, or 'all'. */
  departments: string[] | 'all';
  /** The first is the display's main language; the others are paired with it and announced after it. */
  languages: Language[];
  /** From `?sound=`; null lets the last choice made on this screen stand. */
  sound: SoundMode | null;
}

function list(value: string | null): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * `/kiosk?departments=OPD,LAB&lang=en,es&sound=chime`. A bad code is dropped rather than sent: the server
 * refuses a whole subscription that holds one invalid code, and a TV should not go blank over a typo.
 */
export function readConfig(search: string): KioskConfig {
  const params = new URLSearchParams(search);
  const codes = [...new Set(list(params.get('departments')).map((code) => code.toUpperCase()))].filter(
    (code) => DEPARTMENT_CODE_PATTERN.test(code),
  );
  const languages = [
    ...new Set(
      list(params.get('lang'))
        .map((tag) => tag.toLowerCase().split('-')[0] ?? '')
        .filter(isSupportedLanguage),
    ),
  ];
  const sound = params.get('sound');
  return {
    departments: codes.length > 0 ? codes : 'all',
    languages: languages.length > 0 ? languages : ['en'],
    sound: SOUND_MODES.find((mode) => mode === sound) ?? null,
  };
}
