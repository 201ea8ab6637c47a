import { useState } from 'preact/hooks';
import { moveItem } from './reorder.js';

/**
 * The fallback chain as an ordered list: drag an entry to reorder it, or (keyboard) focus its
 * handle and press ↑ / ↓, or use Move up / Move down; each move is announced.
 */
export function ChainList({
  chain,
  label,
  onChange,
}: {
  chain: string[];
  label: (ref: string) => string;
  onChange: (chain: string[]) => void;
}) {
  const [dragged, setDragged] = useState<number | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const move = (from: number, to: number) => {
    if (to < 0 || to >= chain.length || from === to) return;
    onChange(moveItem(chain, from, to));
    setAnnouncement(`${label(chain[from] ?? '')} moved to position ${to + 1} of ${chain.length}`);
  };
  return (
    <>
      <ol class="chain" aria-label="Fallback order">
        {chain.map((ref, index) => (
          <li
            key={ref}
            draggable
            class={dragged === index ? 'dragging' : undefined}
            data-ref={ref}
            onDragStart={(event) => {
              setDragged(index);
              event.dataTransfer?.setData('text/plain', String(index));
              if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => {
              event.preventDefault();
              const from = dragged ?? Number(event.dataTransfer?.getData('text/plain'));
              if (Number.isInteger(from)) move(from, index);
              setDragged(undefined);
            }}
            onDragEnd={() => setDragged(undefined)}
          >
            <button
              type="button"
              class="handle"
              aria-label={`${label(ref)}, position ${index + 1}: press up or down arrow to move`}
              onKeyDown={(event) => {
                if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
                  event.preventDefault();
                  const to = index + (event.key === 'ArrowUp' ? -1 : 1);
                  move(index, to);
                  const target = event.currentTarget;
                  requestAnimationFrame(() => {
                    const handles = target
                      .closest('ol')
                      ?.querySelectorAll<HTMLButtonElement>('button.handle');
                    handles?.[Math.max(0, Math.min(to, chain.length - 1))]?.focus();
                  });
                }
              }}
            >
              <span aria-hidden="true">⠿</span>
            </button>
            <span class="chain-position">{index + 1}.</span>
            <span class="chain-label">{label(ref)}</span>
            <span class="chain-actions">
              <button
                type="button"
                class="secondary"
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
              >
                Move up<span class="visually-hidden"> {label(ref)}</span>
              </button>
              <button
                type="button"
                class="secondary"
                disabled={index === chain.length - 1}
                onClick={() => move(index, index + 1)}
              >
                Move down<span class="visually-hidden"> {label(ref)}</span>
              </button>
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  onChange(chain.filter((r) => r !== ref));
                  setAnnouncement(`${label(ref)} removed from the chain`);
                }}
              >
                Remove<span class="visually-hidden"> {label(ref)}</span>
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
