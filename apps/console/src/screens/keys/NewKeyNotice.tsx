import { useState } from 'preact/hooks';
import type { KeyView } from '../../api/types.js';

/** A key just created, shown this once with a Copy button, and a Done that forgets it. */
export function NewKeyNotice({ created, onDone }: { created: KeyView; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="notice notice-ok" role="status">
      <p>
        <span aria-hidden="true">✓ </span>Key for <strong>{created.name}</strong>:
      </p>
      <p>
        <code class="secret-once" data-testid="new-key">
          {created.key}
        </code>{' '}
        <button
          type="button"
          class="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(created.key ?? '').then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </p>
      <p class="hint">Shown once: store it now. The gateway keeps only its hash.</p>
      <button type="button" onClick={onDone}>
        Done, hide it
      </button>
    </div>
  );
}
