/**
 * The options of `lgsco crawl` and what they ask a crawl for, in one place for both runners: the
 * in-process crawl (crawl.ts) and the queued run with REDIS_URL (crawl-queued.ts).
 * @module
 */
import type { CrawlOptions } from '../../crawler/index.js';

/**
 * The options of `lgsco crawl` as commander hands them to the action (declared in crawl.ts).
 * Configuration options (--base-url, --rate, --concurrency, --contact) are read by configFrom.
 */
export interface CrawlFlags {
  from?: string;
  to?: string;
  since?: string | true;
  incremental?: boolean;
  limit?: number;
  organisation?: string;
  category?: string;
  outcome?: string[];
  recheck?: boolean;
  /** With --recheck: milliseconds (parsed --older-than). */
  olderThan?: number;
  /** false with --no-index. */
  index: boolean;
  /** false with --no-wait (REDIS_URL only). */
  wait: boolean;
}

/** The windows a crawl walks and the decisions it keeps. */
export type CrawlSelection = Pick<
  CrawlOptions,
  'from' | 'to' | 'incremental' | 'refresh' | 'limit' | 'organisation' | 'category' | 'outcomes'
>;

/** What the options ask a crawl (not a re-check) for; what is off is left out (undefined). */
export function crawlSelection(opts: CrawlFlags): CrawlSelection {
  const since = typeof opts.since === 'string' ? opts.since : undefined;
  return {
    from: since ?? opts.from,
    to: opts.to,
    incremental: opts.since === true || opts.incremental === true ? true : undefined,
    // An explicit --since walks its windows again even when complete.
    refresh: since !== undefined ? true : undefined,
    limit: opts.limit,
    organisation: opts.organisation,
    category: opts.category,
    outcomes: opts.outcome,
  };
}

/** --older-than when not given (30d). */
const DEFAULT_RECHECK_AGE_MS = 30 * 86_400_000;

/** What the options ask a re-check (--recheck) for. */
export function recheckSelection(opts: CrawlFlags): { olderThanMs: number; limit?: number } {
  return { olderThanMs: opts.olderThan ?? DEFAULT_RECHECK_AGE_MS, limit: opts.limit };
}
