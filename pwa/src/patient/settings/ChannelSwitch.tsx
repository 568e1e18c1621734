import { useId } from 'react';

interface Props {
  label: string;
  /** What turning it on means for the patient, always shown. */
  meaning: string;
  checked: boolean;
  disabled: boolean;
  /** Why it cannot be turned on now, when that is the case. */
  hint?: string | null;
  onToggle(): void;
}

/** One channel's on/off switch with the sentence that says what it does. */
export function ChannelSwitch({ label, meaning, checked, disabled, hint, onToggle }: Props) {
  const labelId = useId();
  const meaningId = useId();
  return (
    <div className="field">
      <div className="switch-row">
        <span id={labelId}>{label}</span>
        <button
          type="button"
          role="switch"
          className="switch"
          aria-checked={checked}
          aria-labelledby={labelId}
          aria-describedby={meaningId}
          disabled={disabled}
          onClick={onToggle}
        >
          <span className="switch-thumb" aria-hidden="true" />
        </button>
      </div>
      <p id={meaningId} className="detail">
        {meaning}
      </p>
      {hint && <p className="detail">{hint}</p>}
    </div>
  );
}
