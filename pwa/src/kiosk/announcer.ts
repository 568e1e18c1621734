import type { SoundMode } from './config';
import type { CallRecord } from './history';
import type { Language } from './i18n';
import { announcementText } from './spell';
import type { Speaker } from './speaker';

/** A burst of calls while the voice lags: beyond this many waiting, the oldest are no longer news. */
export const MAX_PENDING = 10;

export interface AnnouncerOptions {
  languages: readonly Language[];
  speaker: Speaker | null;
  chime: { play(): Promise<void> };
  mode: SoundMode;
}

/**
 * Calls are announced one at a time, in the order they came: chime, then the sentence in each of the
 * display's languages, each waiting for the previous one to end. Nothing is cut to make room for the
 * next call; only mute (or shutdown) silences the voice.
 */
export class Announcer {
  private readonly pending: CallRecord[] = [];
  private running = false;
  private disposed = false;
  private mode: SoundMode;
  private enabled = false;

  constructor(private readonly options: AnnouncerOptions) {
    this.mode = options.mode;
  }

  /** Sound is off until the browser allows it (a tap, or an autoplay policy that permits it). */
  enable(): void {
    this.enabled = true;
  }

  setMode(mode: SoundMode): void {
    this.mode = mode;
    if (mode !== 'mute') return;
    this.pending.length = 0;
    this.options.speaker?.stop();
  }

  announce(call: CallRecord): void {
    if (this.disposed || !this.enabled || this.mode === 'mute') return;
    // A recall of a number still waiting to be announced adds nothing: it will be said once, soon.
    if (
      this.pending.some((queued) => queued.department === call.department && queued.number === call.number)
    ) {
      return;
    }
    this.pending.push(call);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
    if (!this.running) void this.run();
  }

  dispose(): void {
    this.disposed = true;
    this.pending.length = 0;
    this.options.speaker?.stop();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (let call = this.pending.shift(); call; call = this.pending.shift()) {
        await this.say(call);
        if (this.disposed) return;
      }
    } finally {
      this.running = false;
    }
  }

  private async say(call: CallRecord): Promise<void> {
    if (this.mode === 'mute') return;
    await this.options.chime.play();
    const { speaker, languages } = this.options;
    for (const language of languages) {
      if (this.disposed || this.mode !== 'voice' || !speaker) return;
      await speaker.say(announcementText(language, call.number, call.room), language);
    }
  }
}
