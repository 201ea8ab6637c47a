import { TextField } from './TextField.js';

/** A limit typed as a number ≥ 0 (a price, a rate); empty reads "no limit". */
export function LimitField({
  label,
  value,
  onInput,
  whole,
}: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** Whole numbers only (a request rate). */
  whole?: boolean;
}) {
  return (
    <TextField
      label={label}
      type="number"
      min={0}
      step={whole ? 1 : 'any'}
      value={value}
      onInput={onInput}
      placeholder="no limit"
    />
  );
}
