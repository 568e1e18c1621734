import { describe, expect, it } from 'vitest';
import { Announcer, MAX_PENDING } from './announcer';
import type { CallRecord } from './history';
import type { Language } from './i18n';
import type { Speaker } from './speaker';
import { spellTicket } from './spell';

/** A speaker whose sentences end when the test says so, and which notices being talked over. */
function fakeSpeaker() {
  const said: string[] = [];
  const ends: Array<() => void> = [];
  let speaking = false;
  let overlaps = 0;
  let stops = 0;
  const speaker: Speaker = {
    say(text: string, language: Language) {
      if (speaking) overlaps += 1;
      speaking = true;
      said.push(`${language}: ${text}`);
      return new Promise<void>((resolve) =>
        ends.push(() => {
          speaking = false;
          resolve();
        }),
      );
    },
    stop() {
      stops += 1;
    },
  };
  return {
    speaker,
    said,
    overlaps: () => overlaps,
    stops: () => stops,
    /** Ends the current sentence and lets the announcer move on. */
    async end() {
      ends.shift()?.();
      await flush();
    },
  };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const chime = () => {
  let rings = 0;
  return { play: async () => void (rings += 1), rings: () => rings };
};

let seq = 0;
function call(number: string, room = '1'): CallRecord {
  seq += 1;
  return { department: number.split('-')[0] ?? 'OPD', number, room, calledAt: '', seq, receivedAt: seq };
}

describe('Announcer', () => {
  it('says each call in every language, one sentence at a time, in the order of the calls', async () => {
    const voice = fakeSpeaker();
    const bell = chime();
    const announcer = new Announcer({
      languages: ['en', 'es'],
      speaker: voice.speaker,
      chime: bell,
      mode: 'voice',
    });
    announcer.enable();
    announcer.announce(call('OPD-014', '3'));
    announcer.announce(call('LAB-002', '3B'));
    await flush();
    expect(voice.said).toEqual(['en: Ticket O P D 0 1 4, room 3']);
    await voice.end();
    await voice.end();
    await voice.end();
    await voice.end();
    expect(voice.said).toEqual([
      'en: Ticket O P D 0 1 4, room 3',
      'es: Turno O P D 0 1 4, sala 3',
      'en: Ticket L A B 0 0 2, room 3 B',
      'es: Turno L A B 0 0 2, sala 3 B',
    ]);
    expect(voice.overlaps()).toBe(0);
    expect(voice.stops()).toBe(0);
    expect(bell.rings()).toBe(2);
  });

  it('stays silent until sound is enabled, and plays no backlog afterwards', async () => {
    const voice = fakeSpeaker();
    const announcer = new Announcer({
      languages: ['en'],
      speaker: voice.speaker,
      chime: chime(),
      mode: 'voice',
    });
    announcer.announce(call('OPD-001'));
    announcer.enable();
    await flush();
    expect(voice.said).toEqual([]);
  });

  it('rings only the chime in chime mode; mute drops what waits and silences the voice', async () => {
    const voice = fakeSpeaker();
    const bell = chime();
    const announcer = new Announcer({
      languages: ['en'],
      speaker: voice.speaker,
      chime: bell,
      mode: 'chime',
    });
    announcer.enable();
    announcer.announce(call('OPD-001'));
    await flush();
    expect(bell.rings()).toBe(1);
    expect(voice.said).toEqual([]);

    announcer.setMode('voice');
    announcer.announce(call('OPD-002'));
    announcer.announce(call('OPD-003'));
    await flush();
    expect(voice.said).toHaveLength(1);
    announcer.setMode('mute');
    expect(voice.stops()).toBe(1);
    await voice.end();
    announcer.announce(call('OPD-004'));
    await flush();
    expect(voice.said).toHaveLength(1);
  });

  it('says a recall again, but only once while the first call still waits; keeps a bounded queue', async () => {
    const voice = fakeSpeaker();
    const announcer = new Announcer({
      languages: ['en'],
      speaker: voice.speaker,
      chime: chime(),
      mode: 'voice',
    });
    announcer.enable();
    announcer.announce(call('OPD-001'));
    announcer.announce(call('OPD-002'));
    announcer.announce(call('OPD-002'));
    for (let index = 0; index < MAX_PENDING + 5; index++) announcer.announce(call(`LAB-${100 + index}`));
    await flush();
    for (let index = 0; index < MAX_PENDING + 2; index++) await voice.end();
    expect(voice.said).toHaveLength(MAX_PENDING + 1);
    expect(voice.said.filter((text) => text.includes('O P D 0 0 2'))).toHaveLength(0);
    // The oldest waiting calls made way; the newest is said last.
    expect(voice.said.at(-1)).toContain(spellTicket(`LAB-${100 + MAX_PENDING + 4}`));

    announcer.announce(call('OPD-001'));
    await flush();
    expect(voice.said.at(-1)).toContain('O P D 0 0 1');
  });
});
