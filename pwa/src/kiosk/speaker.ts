import type { Language } from './i18n';

export interface Speaker {
  /** Resolves when the utterance has ended (or failed): the next one may start. */
  say(text: string, language: Language): Promise<void>;
  /** Silences at once; only for mute and shutdown, never to make room for the next call. */
  stop(): void;
}

/** Some engines never fire `end` (a lost audio device, a voice that fails silently); this frees the queue. */
const WATCHDOG_BASE_MS = 10_000;
const WATCHDOG_PER_CHAR_MS = 400;

/** The browser's speech synthesis, one utterance at a time; null where the browser has none. */
export function createSpeaker(
  synth: SpeechSynthesis | undefined = globalThis.speechSynthesis,
): Speaker | null {
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return null;
  // Held until it ends: Chrome drops the events of an utterance that was garbage-collected mid-sentence.
  let current: { utterance: SpeechSynthesisUtterance; finish(): void } | null = null;

  return {
    say(text, language) {
      return new Promise((resolve) => {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = language;
        utterance.rate = 0.9;
        const voice = synth
          .getVoices()
          .find((candidate) => candidate.lang.toLowerCase().startsWith(language));
        if (voice) utterance.voice = voice;
        const watchdog = setTimeout(
          () => {
            synth.cancel();
            finish();
          },
          WATCHDOG_BASE_MS + text.length * WATCHDOG_PER_CHAR_MS,
        );
        const finish = () => {
          clearTimeout(watchdog);
          utterance.onend = null;
          utterance.onerror = null;
          if (current?.utterance === utterance) current = null;
          resolve();
        };
        utterance.onend = finish;
        utterance.onerror = finish;
        current = { utterance, finish };
        // Chrome can leave the engine paused after a long idle; resuming an unpaused one does nothing.
        if (synth.paused) synth.resume();
        synth.speak(utterance);
      });
    },
    stop() {
      // Only our own sentence: an idle engine is left alone (shutdown and remounts call this too).
      const speaking = current;
      if (!speaking) return;
      synth.cancel();
      speaking.finish();
    },
  };
}
