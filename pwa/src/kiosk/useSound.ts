import { useCallback, useEffect, useState } from 'react';
import { Announcer } from './announcer';
import { createChime } from './chime';
import type { Chime } from './chime';
import { SOUND_MODES } from './config';
import type { KioskConfig, SoundMode } from './config';
import type { KioskFeed } from './feed';
import { createSpeaker } from './speaker';

const STORAGE_KEY = 'queuebell.kiosk.sound';

function rememberedMode(): SoundMode {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return SOUND_MODES.find((mode) => mode === stored) ?? 'voice';
  } catch {
    return 'voice';
  }
}

export interface SoundControls {
  mode: SoundMode;
  setMode(mode: SoundMode): void;
  /** False until a tap (or an autoplay policy) lets the page make sound. */
  enabled: boolean;
  enable(): void;
}

/**
 * The chime and the voice, fed by the live calls. A call heard before sound is enabled is shown, not
 * queued: enabling sound later must not play a backlog of old calls.
 */
export function useSound(config: KioskConfig, feed: KioskFeed): SoundControls {
  const [mode, setModeState] = useState<SoundMode>(() => config.sound ?? rememberedMode());
  const [enabled, setEnabled] = useState(false);
  const [audio, setAudio] = useState<{ chime: Chime; announcer: Announcer } | null>(null);

  useEffect(() => {
    const chime = createChime();
    const announcer = new Announcer({
      languages: config.languages,
      speaker: createSpeaker(),
      chime,
      mode: config.sound ?? rememberedMode(),
    });
    const unsubscribe = feed.onCall((call) => announcer.announce(call));
    setAudio({ chime, announcer });
    // Kiosk browsers and the Electron window may allow audio without a gesture: then no tap is needed.
    if (chime.unlocked) {
      announcer.enable();
      setEnabled(true);
    }
    return () => {
      unsubscribe();
      announcer.dispose();
      chime.dispose();
    };
  }, [config, feed]);

  const enable = useCallback(() => {
    if (!audio) return;
    // The tap itself is what unlocks the voice (sticky user activation); the chime also needs resume().
    void audio.chime.unlock();
    audio.announcer.enable();
    setEnabled(true);
  }, [audio]);

  const setMode = useCallback(
    (next: SoundMode) => {
      setModeState(next);
      audio?.announcer.setMode(next);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Storage may be off (an in-memory kiosk profile): the choice then lasts until the next load.
      }
    },
    [audio],
  );

  return { mode, setMode, enabled, enable };
}
