import { STRINGS } from './i18n';
import type { Language } from './i18n';

/**
 * "OPD-014" → "O P D 0 1 4": speech engines read "OPD" as a word and "014" as "fourteen", and a patient
 * holding a slip that says O-P-D-0-1-4 listens for exactly those characters.
 */
export function spellTicket(number: string): string {
  return [...number.replace(/[^A-Za-z0-9]/g, '')].join(' ');
}

/**
 * Rooms are whatever the nurse typed: "3", "12", "3B", "X-ray 2". Whole numbers and words are read as
 * such ("room twelve", "X-ray"); codes that mix letters and digits, or short capitals, are spelt ("3 B").
 */
export function spellRoom(room: string): string {
  return room
    .split(/[\s-]+/)
    .filter((token) => token.length > 0)
    .map((token) => {
      const mixed = /\d/.test(token) && /[A-Za-z]/.test(token);
      const initials = /^[A-Z]{1,3}$/.test(token);
      return mixed || initials ? [...token].join(' ') : token;
    })
    .join(' ');
}

export function announcementText(language: Language, number: string, room: string): string {
  return STRINGS[language].announce(spellTicket(number), spellRoom(room));
}
