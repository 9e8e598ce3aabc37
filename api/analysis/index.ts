/**
 * api/analysis: statistics, organisation listings and exports over the archive (SQLite), shared
 * by the API routes and the CLI (`lgsco stats`, `lgsco export`).
 * @module
 */
import type { DecisionFilters, DecisionIndex } from '../../indexer/index.js';
import { checkOrganisations } from './organisation-names.js';
import { type FilterQuery, filtersOf } from './query.js';
import type { RegistryFilters } from './registry-filters.js';
import type { AnalysisStore } from './store.js';

export {
  type Coverage,
  CoverageSchema,
  computeCoverage,
  MISSING_STATES,
  type MissingDecision,
  MissingDecisionSchema,
  uncovered,
} from './coverage.js';
export {
  countExportRows,
  DECISION_COLUMNS,
  EXPORT_FORMATS,
  EXPORT_ROWS,
  type ExportFormat,
  type ExportOptions,
  type ExportRows,
  exportRows,
  exportStream,
  type LatestDecision,
  latestDecisions,
  PAYMENT_COLUMNS,
} from './export.js';
export {
  computeNational,
  type NationalResult,
  NationalResultSchema,
  type NationalRow,
  RANK_BYS,
  type RankBy,
  searchHref,
} from './national.js';
export { checkOrganisations, closestOrganisations } from './organisation-names.js';
export { checkRanges, FilterQuery, filterShape, filtersOf } from './query.js';
export {
  hasRegistryFilters,
  matchesRegistry,
  organisationNamesFor,
  REGISTRY_FILTER_KEYS,
  type RegistryFilters,
  registerRegistryFunctions,
  registryWhere,
} from './registry-filters.js';
export { type SqliteExport, sqliteExport } from './sqlite-export.js';
export {
  computeStats,
  GROUP_BYS,
  type GroupBy,
  listOrganisations,
  median,
  type Organisation,
  OrganisationSchema,
  type StatsResult,
  StatsResultSchema,
  type StatsRow,
  StatsRowSchema,
} from './stats.js';
export { AnalysisStore, openReadOnly, type Where, where } from './store.js';

export interface Selection {
  /** The decision filters, with the registry's (organisationCode, organisationKind, region) applied in SQL. */
  filters: DecisionFilters & RegistryFilters;
  /** With a full-text query: every refKey it matched in the search index. */
  refKeys?: string[];
}

/**
 * Filters → selection. Without q the archive alone answers. With q, the search index gives
 * every matching id (ids only); the figures are then computed in the archive over those ids with
 * all the filters applied again there, so facts always come from the archive of record. With the
 * store, an organisation value no archived decision has is refused naming the closest names.
 */
export async function resolveSelection(
  query: FilterQuery,
  index: DecisionIndex | undefined,
  store?: AnalysisStore,
): Promise<Selection> {
  const filters = filtersOf(query);
  // An organisation the archive does not hold is refused with the closest names (not an empty set).
  if (store) checkOrganisations(store, query.organisation);
  const q = query.q?.trim();
  if (!q) return { filters };
  if (!index) throw new Error('a full-text query needs the search index');
  // Only header filters go to the index (they narrow the id list); facts are filtered in SQLite.
  const { organisation, category, subcategory, outcome, kind, year, from, to } = filters;
  const refKeys = await index.matchingRefKeys(q, {
    organisation,
    category,
    subcategory,
    outcome,
    kind,
    year,
    from,
    to,
  });
  return { filters, refKeys };
}
