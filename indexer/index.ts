/**
 * indexer/: Meilisearch for the decision archive. Public face; other rooms import only this.
 * @module
 */
export {
  DECISION_INDEX_SETTINGS,
  DecisionIndex,
  type DecisionIndexOptions,
  searchKeyUid,
  type UpsertReport,
} from './decision-index.js';
export { factsOf, isoDateToTs, type SearchDocument, toSearchDocument } from './document.js';
export { buildFilter, quoteFilterValue } from './filter.js';
export {
  type EnsureMeiliOptions,
  ensureMeili,
  type MeiliConfig,
  type MeiliHandle,
  releaseOnExit,
} from './meili-server.js';
export {
  DEFAULT_FACETS,
  type DecisionFilters,
  DecisionFiltersSchema,
  FACET_NAMES,
  type FacetName,
  FINDINGS,
  type FindingValue,
  MAX_AMOUNT,
  MAX_DAYS,
  SEARCH_SORTS,
  type SearchHit,
  SearchHitSchema,
  type SearchParams,
  SearchParamsSchema,
  type SearchResult,
  SearchResultSchema,
  type SearchSort,
} from './search-types.js';
export { SYNONYM_GROUPS, SYNONYMS } from './synonyms.js';
