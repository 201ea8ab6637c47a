import { useId, useState } from 'preact/hooks';

/**
 * A masked input for a key (`type=password`, no autofill, no spell check) with a Show / Hide
 * toggle; what was saved is never put back into it (the form shows the masked form instead).
 */
export function SecretInput({
  label,
  value,
  onInput,
  placeholder,
  required,
  describedBy,
}: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  required?: boolean;
  describedBy?: string;
}) {
  const id = useId();
  const [shown, setShown] = useState(false);
  const common = {
    id,
    value,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
    placeholder,
    required,
    autocomplete: 'off',
    spellcheck: false,
    'aria-describedby': describedBy,
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="secret">
        {shown ? <input type="text" {...common} /> : <input type="password" {...common} />}
        <button
          type="button"
          class="secondary"
          aria-pressed={shown}
          aria-label={shown ? `Hide ${label}` : `Show ${label}`}
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
      </div>
    </div>
  );
}
