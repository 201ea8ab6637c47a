import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { ErrorNotice } from './ErrorNotice.js';
import type { ActionHandle } from './use-action.js';

/**
 * A modal question (`<dialog>`, so focus stays inside and Escape cancels), opened while `open`;
 * focus goes to the confirm button. `action` is what confirming runs: its busy state and error
 * show in the dialog, and cancelling forgets the error before `onClose`.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  action,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  action: Pick<ActionHandle<never[], unknown>, 'busy' | 'error' | 'clearError'>;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const busy = action.busy;
  const onCancel = () => {
    action.clearError();
    onClose();
  };
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      confirmRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
      {action.error && <ErrorNotice error={action.error} />}
      <div class="actions">
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" ref={confirmRef} onClick={onConfirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
