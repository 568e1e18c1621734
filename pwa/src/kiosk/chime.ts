/** Two falling tones, like a doorbell: recognisable as "a call" in any language. */
const TONES = [
  { frequency: 880, start: 0, length: 0.6 },
  { frequency: 659.25, start: 0.45, length: 0.9 },
];
const CHIME_MS = 1_500;

export interface Chime {
  /** Whether the browser lets this page make sound now (autoplay allowed, or unlocked by a tap). */
  readonly unlocked: boolean;
  /** Called from a tap: browsers only start audio inside a user gesture. */
  unlock(): Promise<boolean>;
  /** Resolves when the chime has finished, so the voice never starts on top of it. */
  play(): Promise<void>;
  dispose(): void;
}

/** WebAudio oscillators, so no sound file to fetch or cache; silent (but still resolving) without WebAudio. */
export function createChime(): Chime {
  let context: AudioContext | null = null;
  try {
    context = new AudioContext();
  } catch {
    context = null;
  }
  // Pending plays, so dispose() can settle them: nothing waits forever on a chime that will not ring.
  const pending = new Map<ReturnType<typeof setTimeout>, () => void>();

  return {
    get unlocked() {
      return context?.state === 'running';
    },
    async unlock() {
      if (!context) return false;
      await context.resume().catch(() => undefined);
      return context.state === 'running';
    },
    play() {
      if (context?.state === 'running') ring(context);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(timer);
          resolve();
        }, CHIME_MS);
        pending.set(timer, resolve);
      });
    },
    dispose() {
      for (const [timer, resolve] of pending) {
        clearTimeout(timer);
        resolve();
      }
      pending.clear();
      void context?.close().catch(() => undefined);
      context = null;
    },
  };
}

function ring(context: AudioContext): void {
  const at = context.currentTime + 0.05;
  for (const tone of TONES) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = tone.frequency;
    // A soft attack and an exponential decay: a bell, not a beep, and no click at either end.
    gain.gain.setValueAtTime(0.0001, at + tone.start);
    gain.gain.exponentialRampToValueAtTime(0.4, at + tone.start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + tone.start + tone.length);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at + tone.start);
    oscillator.stop(at + tone.start + tone.length + 0.05);
    // Disconnected once done, so weeks of calls leave no nodes behind.
    oscillator.onended = () => {
      oscillator.disconnect();
      gain.disconnect();
    };
  }
}
