/**
 * Runs in the kiosk page before its scripts (addInitScript): a speech synthesis that records what would
 * be said and speaks "forever" until the test ends the utterance, and a counter of chime tones. Playwright
 * sends the function's source, so it must not reference anything outside itself.
 */
export function installKioskStubs(): void {
  interface FakeUtterance extends EventTarget {
    text: string;
    lang: string;
    onend: ((event: Event) => void) | null;
    onerror: ((event: Event) => void) | null;
  }
  const page = globalThis as unknown as Record<string, unknown>;
  const log = {
    spoken: [] as Array<{ text: string; lang: string }>,
    /** speak() called while an utterance was still going: the display talking over itself. */
    overlaps: 0,
    cancels: 0,
    speaking: false,
    tones: 0,
    finish(): void {
      const utterance = current;
      if (!utterance) throw new Error('nothing is being spoken');
      current = null;
      log.speaking = false;
      utterance.onend?.(new Event('end'));
      utterance.dispatchEvent(new Event('end'));
      next();
    },
  };
  let queue: FakeUtterance[] = [];
  let current: FakeUtterance | null = null;
  const next = () => {
    const utterance = queue.shift();
    if (!utterance) return;
    current = utterance;
    log.speaking = true;
    log.spoken.push({ text: utterance.text, lang: utterance.lang });
  };

  class Utterance extends EventTarget {
    lang = '';
    rate = 1;
    pitch = 1;
    volume = 1;
    voice: unknown = null;
    onend: ((event: Event) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    onstart: ((event: Event) => void) | null = null;
    constructor(public text = '') {
      super();
    }
  }
  const synth = Object.assign(new EventTarget(), {
    paused: false,
    pending: false,
    get speaking() {
      return log.speaking;
    },
    getVoices: () => [],
    speak(utterance: FakeUtterance) {
      if (log.speaking) log.overlaps += 1;
      queue.push(utterance);
      if (!current) next();
    },
    cancel() {
      log.cancels += 1;
      queue = [];
      current = null;
      log.speaking = false;
    },
    pause() {},
    resume() {},
  });
  Object.defineProperty(globalThis, 'speechSynthesis', { value: synth, configurable: true });
  page.SpeechSynthesisUtterance = Utterance;
  page.__kioskSpeech = log;

  // Count the chime's tones without replacing WebAudio: the real oscillators still run.
  const audio = page.AudioContext as { prototype: { createOscillator(): unknown } } | undefined;
  if (audio) {
    const create = audio.prototype.createOscillator;
    audio.prototype.createOscillator = function (this: unknown) {
      log.tones += 1;
      return create.call(this);
    };
  }
}

/** What the test reads back from the page (through page.evaluate). */
export interface KioskSpeechLog {
  spoken: Array<{ text: string; lang: string }>;
  overlaps: number;
  cancels: number;
  speaking: boolean;
  tones: number;
  finish(): void;
}
export type KioskTestGlobals = { __kioskSpeech: KioskSpeechLog };
