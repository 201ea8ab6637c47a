export { closestMatch } from './closest-match.js';
export { mergeCatalog } from './merge-catalog.js';
export { createRegistry } from './registry.js';
export type {
  ModelListing,
  ModelOverride,
  ModelQuery,
  ModelRecommendation,
  ProviderRegistration,
  ProviderRegistry,
  RecommendationTask,
  RecommendOptions,
  RegistryChange,
  RegistryOptions,
  ResolvedModel,
  ValidationResult,
} from './types.js';
