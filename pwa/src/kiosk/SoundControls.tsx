import { SOUND_MODES } from './config';
import type { SoundMode } from './config';
import { STRINGS } from './i18n';
import type { Language } from './i18n';

interface SoundControlsProps {
  language: Language;
  mode: SoundMode;
  onChange(mode: SoundMode): void;
}

/** Voice (chime and words), chime only, or mute: for staff at a touch screen; URL `?sound=` sets it too. */
export function SoundControls({ language, mode, onChange }: SoundControlsProps) {
  const strings = STRINGS[language];
  return (
    <div className="sound-controls" role="group" aria-label="Sound">
      {SOUND_MODES.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={option === mode}
          data-sound={option}
          onClick={() => onChange(option)}
        >
          {strings.sound[option]}
        </button>
      ))}
    </div>
  );
}
