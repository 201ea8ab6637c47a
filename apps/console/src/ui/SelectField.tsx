import { useId } from 'preact/hooks';

/** One choice of a {@link SelectField}. */
export interface Choice {
  value: string;
  label: string;
}

/** A labelled drop-down list. */
export function SelectField({
  label,
  value,
  first,
  choices,
  onChange,
}: {
  label: string;
  value: string;
  /** A choice before the others ("All", "Choose…"). */
  first?: Choice;
  choices: readonly Choice[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {(first ? [first, ...choices] : choices).map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
