import { describe, expect, it } from 'vitest';
import { readConfig } from './config';
import { announcementText, spellRoom, spellTicket } from './spell';

describe('what the display says', () => {
  it('spells ticket numbers character by character', () => {
    expect(spellTicket('OPD-014')).toBe('O P D 0 1 4');
    expect(spellTicket('PHARM_X-101')).toBe('P H A R M X 1 0 1');
  });

  it('reads rooms as a person would', () => {
    expect(spellRoom('3')).toBe('3');
    expect(spellRoom('12')).toBe('12');
    expect(spellRoom('3B')).toBe('3 B');
    expect(spellRoom('X-ray 2')).toBe('X ray 2');
    expect(spellRoom('Consult B')).toBe('Consult B');
  });

  it('phrases the announcement in each language', () => {
    expect(announcementText('en', 'OPD-014', '3')).toBe('Ticket O P D 0 1 4, room 3');
    expect(announcementText('es', 'OPD-014', '3')).toBe('Turno O P D 0 1 4, sala 3');
  });
});

describe('kiosk URL', () => {
  it('reads departments, languages and sound, dropping what it cannot use', () => {
    expect(readConfig('?departments=opd, LAB,bad code,OPD&lang=es-MX,xx,en&sound=chime')).toEqual({
      departments: ['OPD', 'LAB'],
      languages: ['es', 'en'],
      sound: 'chime',
    });
    expect(readConfig('')).toEqual({ departments: 'all', languages: ['en'], sound: null });
  });
});
