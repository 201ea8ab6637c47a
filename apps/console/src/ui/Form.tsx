import type { ComponentChildren } from 'preact';

/**
 * A form that runs `onSubmit` instead of navigating (Enter in a field submits it, as a person
 * expects); named by `label` or by the heading `labelledBy` points at, so screen readers list it.
 */
export function Form({
  label,
  labelledBy,
  className = 'panel',
  onSubmit,
  children,
}: {
  label?: string;
  labelledBy?: string;
  className?: string;
  onSubmit: () => void;
  children: ComponentChildren;
}) {
  return (
    <form
      class={className}
      aria-label={label}
      aria-labelledby={labelledBy}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
