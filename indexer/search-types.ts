/**
 * Search request and response shapes (zod; the types come from the schemas).
 * @module
 */
import { z } from 'zod';
import { DecisionKind, IsoDate } from '../core/record.js';

const OneOrMany = z.union([z.string().max(500), z.array(z.string().max(500)).max(100)]);

export const SearchSort = z.enum(['date:desc', 'date:asc', 'relevance']);
export type SearchSort = z.infer<typeof SearchSort>;

export const SearchParamsSchema = z.object({
  /** Full-text query; empty or absent = browse. */
  q: z.string().max(1000).optional(),
  organisation: OneOrMany.optional(),
  category: OneOrMany.optional(),
  subcategory: OneOrMany.optional(),
  outcome: OneOrMany.optional(),
  kind: z.union([DecisionKind, z.array(DecisionKind)]).optional(),
  /** Inclusive, yyyy-mm-dd. */
  from: IsoDate.optional(),
  /** Inclusive, yyyy-mm-dd. */
  to: IsoDate.optional(),
  /** 1-based. */
  page: z.number().int().min(1).default(1),
  limit: z.number().int().min(1).max(1000).default(20),
  /** Default: relevance when q is given, date:desc otherwise. */
  sort: SearchSort.optional(),
});
/** What callers pass (page and limit may be omitted: 1 and 20). */
export type SearchParams = z.input<typeof SearchParamsSchema>;

export const SearchHitSchema = z.object({
  ref: z.string(),
  refKey: z.string(),
  url: z.string(),
  organisation: z.string(),
  category: z.string(),
  subcategory: z.string().nullable(),
  outcome: z.string(),
  decisionDate: z.string(),
  summary: z.string(),
  /**
   * With q: the summary cropped around the matches, HTML-escaped, matches wrapped in
   * <mark>…</mark>; safe to insert as HTML. Null without q.
   */
  snippet: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

const Counts = z.record(z.string(), z.number().int());

export const SearchResultSchema = z.object({
  /** Exact number of matches (maxTotalHits is 1,000,000). */
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  totalPages: z.number().int(),
  hits: z.array(SearchHitSchema),
  /** Counts over all matches (not just this page), at most 1,000 values per facet. */
  facets: z.object({
    organisation: Counts,
    category: Counts,
    subcategory: Counts,
    outcome: Counts,
    decisionYear: Counts,
  }),
  processingTimeMs: z.number(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
