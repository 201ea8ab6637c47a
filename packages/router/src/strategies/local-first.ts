import type { Strategy } from '../strategy.js';
import { rankBy } from '../strategy.js';

/** `local_first`: providers on this machine (Ollama) first, cloud after, each group in order. */
export const localFirst: Strategy = (_request, candidates) => rankBy(candidates, (c) => (c.local ? 0 : 1));

/** `cloud_preferred` hint: cloud providers first, local after. */
export const cloudFirst: Strategy = (_request, candidates) => rankBy(candidates, (c) => (c.local ? 1 : 0));
