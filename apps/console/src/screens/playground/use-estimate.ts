import { useEffect, useState } from 'preact/hooks';
import type { PlaygroundInput } from '../../api/chat-stream.js';
import { estimatePlayground } from '../../api/console-api.js';
import type { EstimateView } from '../../api/types.js';

/** The estimate of what is typed now: loading, the answer, or why it failed. */
export type EstimateState =
  | { status: 'empty' }
  | { status: 'loading' }
  | { status: 'ready'; estimate: EstimateView }
  | { status: 'error'; error: Error };

/**
 * Asks the gateway what `input` would take and cost at most (the router's own estimate for the
 * target it would try first), `delayMs` after the typing stops; a newer input cancels the older
 * question.
 */
export function useEstimate(input: PlaygroundInput, delayMs = 300): EstimateState {
  const [state, setState] = useState<EstimateState>({ status: 'empty' });
  const { model, prompt, maxTokens } = input;
  useEffect(() => {
    if (!prompt.trim()) {
      setState({ status: 'empty' });
      return;
    }
    setState({ status: 'loading' });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      estimatePlayground({ model, prompt, maxTokens }, controller.signal).then(
        (estimate) => setState({ status: 'ready', estimate }),
        (error: Error) => !controller.signal.aborted && setState({ status: 'error', error }),
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [model, prompt, maxTokens, delayMs]);
  return state;
}
