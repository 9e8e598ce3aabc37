/**
 * indexer/: Meilisearch for the decision archive. Public face; other rooms import only this.
 * @module
 */
export {
  DECISION_INDEX_SETTINGS,
  DecisionIndex,
  type DecisionIndexOptions,
  type UpsertReport,
} from './decision-index.js';
export { type SearchDocument, toSearchDocument } from './document.js';
export { buildFilter } from './filter.js';
export {
  type EnsureMeiliOptions,
  ensureMeili,
  type MeiliConfig,
  type MeiliHandle,
  releaseOnExit,
} from './meili-server.js';
export {
  type SearchHit,
  SearchHitSchema,
  type SearchParams,
  SearchParamsSchema,
  type SearchResult,
  SearchResultSchema,
  type SearchSort,
} from './search-types.js';
