/**
 * Search request and response shapes (zod; the types come from the schemas).
 * @module
 */
import { z } from 'zod';
import { DelayAbout } from '../core/facts.js';
import { DecisionKind, IsoDate } from '../core/record.js';

// Up to 1,000: a registry filter (organisationKind=district) becomes the names of every matching council.
const OneOrMany = z.union([z.string().max(500), z.array(z.string().max(500)).max(1000)]);

/** The finding values of the extracted facts; "unknown" also covers records parsed before facts existed. */
export const FINDINGS = [
  'fault_injustice',
  'fault_no_injustice',
  'no_fault',
  'not_investigated',
  'unknown',
] as const;
export const FindingValue = z.enum(FINDINGS);
export type FindingValue = z.infer<typeof FindingValue>;

export const SEARCH_SORTS = ['relevance', 'date:desc', 'date:asc', 'remedy:desc', 'remedy:asc'] as const;
export const SearchSort = z.enum(SEARCH_SORTS);
export type SearchSort = z.infer<typeof SearchSort>;

/** Facets a search can count. */
export const FACET_NAMES = [
  'organisation',
  'category',
  'subcategory',
  'outcome',
  'finding',
  'decisionYear',
  'hasPayment',
  'removedFromSource',
] as const;
export const FacetName = z.enum(FACET_NAMES);
export type FacetName = z.infer<typeof FacetName>;
/** Facets counted when the caller names none. */
export const DEFAULT_FACETS: readonly FacetName[] = [
  'organisation',
  'category',
  'subcategory',
  'outcome',
  'finding',
  'decisionYear',
];

/** Largest remedy and delay bounds accepted (keeps numbers far from exponent notation). */
export const MAX_AMOUNT = 100_000_000;
export const MAX_DAYS = 36_500;

const amount = z.number().finite().min(0).max(MAX_AMOUNT);
const days = z.number().finite().min(0).max(MAX_DAYS);

/**
 * The decision filters, shared by search, statistics, exports and feeds (API and CLI).
 * Every string filter matches whole values, case-insensitively; list filters match any value.
 */
export const DecisionFiltersSchema = z.object({
  organisation: OneOrMany.optional(),
  category: OneOrMany.optional(),
  subcategory: OneOrMany.optional(),
  outcome: OneOrMany.optional(),
  kind: z.union([DecisionKind, z.array(DecisionKind)]).optional(),
  finding: z.union([FindingValue, z.array(FindingValue).max(10)]).optional(),
  /** Decision years. */
  year: z
    .union([z.number().int().min(1900).max(2200), z.array(z.number().int().min(1900).max(2200)).max(200)])
    .optional(),
  /** Inclusive, yyyy-mm-dd. */
  from: IsoDate.optional(),
  /** Inclusive, yyyy-mm-dd. */
  to: IsoDate.optional(),
  /** remedyTotal ≥ minRemedy (pounds). */
  minRemedy: amount.optional(),
  /** remedyTotal ≤ maxRemedy (pounds). */
  maxRemedy: amount.optional(),
  /** remedyTotal > 0 (true) or = 0 (false). */
  hasPayment: z.boolean().optional(),
  /** Longest delay found (days; 0 when none) ≥ minDelay. */
  minDelay: days.optional(),
  /** Longest delay found (days; 0 when none) ≤ maxDelay. */
  maxDelay: days.optional(),
  /**
   * Only decisions with a delay about this subject; minDelay and maxDelay then apply to the longest
   * delay about it (not to the longest of any kind).
   */
  delaySubject: DelayAbout.optional(),
  /** Only decisions with (true) or without (false) a period of missed education. */
  hasMissedEducation: z.boolean().optional(),
  /** Longest missed-education period with a length (days) ≥ minMissedEducation. */
  minMissedEducation: days.optional(),
  /** Only decisions removed from the Ombudsman's site (true) or only those still there (false). */
  removed: z.boolean().optional(),
  /** Only decisions whose page had all three header lines (true) or lacked some (false). */
  headerComplete: z.boolean().optional(),
  /** Only decisions whose Decision line and text disagree about the finding (true), or not (false). */
  findingConflict: z.boolean().optional(),
  /** Exact references (refKeys, e.g. "24-019-223"). */
  refKey: z
    .array(z.string().regex(/^[0-9a-z-]{1,40}$/))
    .max(1000)
    .optional(),
});
export type DecisionFilters = z.input<typeof DecisionFiltersSchema>;

export const SearchParamsSchema = DecisionFiltersSchema.extend({
  /** Full-text query; empty or absent = browse. A query that is a reference searches that reference. */
  q: z.string().max(1000).optional(),
  /** 1-based. */
  page: z.number().int().min(1).default(1),
  limit: z.number().int().min(1).max(1000).default(20),
  /** Default: relevance when q is given, date:desc otherwise. */
  sort: SearchSort.optional(),
  /** Facets to count; default DEFAULT_FACETS; [] = none. */
  facets: z.array(FacetName).optional(),
  /**
   * Snippets with <mark> around matches, when q is given: 'summary' (default) crops the summary;
   * 'all' also the decision text (textSnippet; several times the search's CPU cost); 'none'.
   */
  highlight: z.enum(['summary', 'all', 'none']).optional(),
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
  /** null when the page has no Decision line (headerComplete false). */
  outcome: z.string().nullable(),
  /** null when the page has no readable Decision date line (headerComplete false). */
  decisionDate: z.string().nullable(),
  summary: z.string(),
  finding: FindingValue,
  /** All three header lines (Category, Decision, Decision date) were on the page. */
  headerComplete: z.boolean(),
  /** The Decision line and the summary disagree about the finding: see the record's findingConflict. */
  findingConflict: z.boolean(),
  /** Sum of the payments counted in the total (agreed, recommended, already paid, offers found enough; pounds; 0 when none or not extracted). */
  remedyTotal: z.number(),
  hasPayment: z.boolean(),
  /** Longest delay found, in days (0 when none). */
  maxDelayDays: z.number(),
  removedFromSource: z.boolean(),
  /**
   * With q: the summary cropped around the matches, HTML-escaped, matches wrapped in
   * <mark>…</mark>; safe to insert as HTML. Null without q or with highlight=none.
   */
  snippet: z.string().nullable(),
  /** With q and highlight=all: the decision text cropped around its matches (same escaping); else null. */
  textSnippet: z.string().nullable(),
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
  /** Counts over all matches (not just this page), at most 1,000 values per facet; only the facets asked for. */
  facets: z.partialRecord(FacetName, Counts),
  processingTimeMs: z.number(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
