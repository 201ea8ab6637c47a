import { useId } from 'preact/hooks';

/**
 * A limit set with a slider or typed exactly (both stay in step); empty means no limit. The slider
 * covers 0 – `max`; a typed value above it is kept and pins the slider at its end.
 */
export function LimitInput({
  label,
  value,
  onChange,
  max,
  step,
  unit,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  max: number;
  step: number;
  /** Shown before the number (`$`) in the accessible name of the slider. */
  unit: string;
}) {
  const id = useId();
  const number = Number(value);
  const sliderValue = value.trim() === '' || !Number.isFinite(number) ? 0 : Math.min(number, max);
  return (
    <div class="field limit">
      <label for={id}>{label}</label>
      <div class="limit-inputs">
        <input
          type="range"
          min={0}
          max={max}
          step={step}
          value={sliderValue}
          aria-label={`${label} (slider)`}
          aria-valuetext={value.trim() === '' ? 'no limit' : `${unit}${value}`}
          onInput={(event) => onChange(event.currentTarget.value)}
        />
        <input
          id={id}
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={value}
          placeholder="no limit"
          onInput={(event) => onChange(event.currentTarget.value)}
        />
      </div>
    </div>
  );
}
