interface Props {
  id: string;
  label: string;
  hint: string;
  min: number;
  max: number;
  value: number;
  onChange(value: number): void;
}

/** A whole number within bounds, with its hint read out with it; the server checks the bounds too. */
export function NumberField({ id, label, hint, min, max, value, onChange }: Props) {
  return (
    <div className="stack">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        required
        min={min}
        max={max}
        step={1}
        value={Number.isNaN(value) ? '' : value}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.valueAsNumber)}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
    </div>
  );
}
