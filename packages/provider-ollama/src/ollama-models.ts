import type { ModelInfo } from '@pal/core';
import { modelInfoSchema } from '@pal/core/provider';
import { findCatalogModel } from './catalog.js';

/** One entry of `GET /api/tags`. */
export interface OllamaTag {
  name: string;
  details?: { family?: string; families?: string[] | null; parameter_size?: string };
}

/** Context window assumed for a pulled model the catalog does not know. */
const UNKNOWN_CONTEXT_WINDOW = 8192;

/**
 * A `ModelInfo` for a pulled model: the catalog entry when there is one, else a guess from its
 * name and family (embedding models by name or BERT family). Always free: it runs locally.
 */
export function toModelInfo(tag: OllamaTag, catalog: readonly ModelInfo[]): ModelInfo {
  const id = tag.name.replace(/:latest$/, '');
  const known = findCatalogModel(catalog, tag.name);
  if (known) return { ...known, id };
  const families = [tag.details?.family, ...(tag.details?.families ?? [])].join(' ');
  const embedding = /embed/i.test(id) || /bert/i.test(families);
  return modelInfoSchema.parse({
    id,
    displayName: [id, tag.details?.parameter_size].filter(Boolean).join(' '),
    kind: embedding ? 'embedding' : 'chat',
    contextWindow: UNKNOWN_CONTEXT_WINDOW,
    maxOutputTokens: embedding ? 0 : 4096,
    capabilities: {
      streaming: !embedding,
      tools: false,
      vision: false,
      json: !embedding,
      embeddings: embedding,
    },
    pricing: { inputPerMTok: 0, outputPerMTok: 0 },
  });
}
