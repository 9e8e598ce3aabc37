/**
 * Query and response schemas of the HTTP API: the single source of the validation rules,
 * the TypeScript types and the OpenAPI document.
 * @module
 */
import { z } from 'zod';
import { FACET_NAMES, SEARCH_SORTS } from '../indexer/index.js';
import { EXPORT_ROWS, GROUP_BYS, RANK_BYS } from './analysis/index.js';
import {
  checkRanges,
  decimal,
  enumList,
  filterShape,
  flag,
  onceOr,
  queryObject,
  single,
} from './analysis/query.js';

const page = decimal(
  'page',
  z
    .number()
    .int('page must be a whole number')
    .min(1, 'page must be 1 or more')
    .max(10_000, 'page must be at most 10000'),
  { type: 'integer', minimum: 1, maximum: 10_000, default: 1 },
).default(1);

const limit = (max: number, def: number) =>
  decimal(
    'limit',
    z
      .number()
      .int('limit must be a whole number')
      .min(1, `limit must be between 1 and ${max}`)
      .max(max, `limit must be between 1 and ${max}`),
    { type: 'integer', minimum: 1, maximum: max, default: def },
  ).default(def);

/** One of a few words, given once. */
const oneOf = <T extends readonly [string, ...string[]]>(name: string, values: T, message: string) =>
  z.enum(values, { error: onceOr(name, message) });

export const SearchQuery = queryObject({
  ...filterShape,
  sort: oneOf('sort', SEARCH_SORTS, `sort must be one of ${SEARCH_SORTS.join(', ')}`)
    .optional()
    .describe('Order of hits; default relevance with a query, newest first without'),
  page,
  limit: limit(100, 20),
  facets: enumList(
    'facets',
    [...FACET_NAMES, 'none'] as const,
    'Facets to count over all matches (default organisation, category, subcategory, outcome, finding, decisionYear); "none" for none',
  ),
  highlights: oneOf(
    'highlights',
    ['summary', 'all', 'none'] as const,
    'highlights must be summary, all or none',
  )
    .optional()
    .describe(
      'With q: "summary" (default) gives `snippet`, the summary cropped around the matches; "all" also ' +
        '`textSnippet` from the decision text (slower: the whole text is scanned per hit); "none" neither',
    ),
}).superRefine(checkRanges);
export type SearchQuery = z.output<typeof SearchQuery>;

export const StatsQuery = queryObject({
  ...filterShape,
  groupBy: oneOf('groupBy', GROUP_BYS, `groupBy must be one of ${GROUP_BYS.join(', ')}`)
    .default('none')
    .describe('Group the figures by this field; "none" (default) gives only the total'),
}).superRefine(checkRanges);
export type StatsQuery = z.output<typeof StatsQuery>;

export const FilterOnlyQuery = queryObject(filterShape).superRefine(checkRanges);

export const NationalQuery = queryObject({
  ...filterShape,
  rankBy: oneOf('rankBy', RANK_BYS, `rankBy must be one of ${RANK_BYS.join(', ')}`)
    .default('remedyTotal')
    .describe(
      'What "largest remedies" ranks categories and subcategories by: remedyTotal (default; the sum of ' +
        'their remedies), remedyMedian, remedyMean (both over decisions with a payment) or remedyMax',
    ),
}).superRefine(checkRanges);
export type NationalQuery = z.output<typeof NationalQuery>;

const exportShape = {
  ...filterShape,
  rows: oneOf('rows', EXPORT_ROWS, 'rows must be decisions or payments')
    .default('decisions')
    .describe('One row per decision (default) or one row per extracted payment'),
  sort: oneOf('sort', SEARCH_SORTS, `sort must be one of ${SEARCH_SORTS.join(', ')}`)
    .optional()
    .describe(
      'Row order, as /api/search takes it: date:desc, date:asc, remedy:desc, remedy:asc (ties by reference); ' +
        'relevance or absent: oldest decision first (an export is the whole set, not a ranked page)',
    ),
};
export const ExportQuery = queryObject(exportShape).superRefine(checkRanges);
export type ExportQuery = z.output<typeof ExportQuery>;

/** The CSV export takes one more parameter: a byte order mark for spreadsheets. */
export const CsvExportQuery = queryObject({
  ...exportShape,
  bom: flag(
    'bom',
    'Start the file with a UTF-8 byte order mark (EF BB BF) so Excel reads it as UTF-8 (£, accents); default false',
  ),
}).superRefine(checkRanges);
export type CsvExportQuery = z.output<typeof CsvExportQuery>;

export const FeedQuery = queryObject({ ...filterShape, limit: limit(100, 50) }).superRefine(checkRanges);
export type FeedQuery = z.output<typeof FeedQuery>;

export const CoverageQuery = queryObject({
  organisation: single('organisation')
    .trim()
    .min(1, 'organisation must not be empty')
    .max(200, 'organisation must be at most 200 characters')
    .optional()
    .describe('Only this organisation (as printed, any case); the listing walks are always the whole site’s'),
  limit: limit(1000, 100).describe('How many missing decisions to list (newest listing date first)'),
});
export type CoverageQuery = z.output<typeof CoverageQuery>;

export const RefParams = z.object({
  ref: z.string().describe('Reference as printed ("24 019 223") or as in URLs ("24-019-223")'),
});

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
});
