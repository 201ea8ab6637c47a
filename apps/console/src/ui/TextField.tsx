import { useId } from 'preact/hooks';

/** What a {@link TextField} takes besides its label and value. */
export interface TextFieldProps {
  label: string;
  value: string | number;
  onInput: (value: string) => void;
  /** Read after the label by screen readers. */
  hint?: string;
  type?: 'text' | 'url' | 'number' | 'email';
  placeholder?: string;
  required?: boolean;
  min?: number;
  step?: string | number;
  pattern?: string;
  autocomplete?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'url';
}

/** A labelled input; `hint` is read after the label by screen readers. */
export function TextField({ label, value, onInput, hint, type = 'text', ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        // preact 11 types each input type apart; one field serves several
        type={type as 'text'}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        aria-describedby={hint ? hintId : undefined}
        {...input}
      />
      {hint && (
        <small id={hintId} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}
