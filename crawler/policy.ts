/**
 * The crawl policy, once for both runners (the in-process runCrawl and the queue's discovery and
 * fetch steps): which decision a run fetches — resumed from the frontier or found in a listing —
 * in what order, and how a listing page that could not be read is recorded. How a decision page
 * that could not be fetched is recorded is the fetch stage's (stages.ts), which both runners call.
 * @module
 */
import type { Archive } from '../archive/index.js';
import { RetryableFetchError, RobotsDisallowedError, ThrottledError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { ListingItem } from '../parser/index.js';
import { type CrawlFilter, decisionCodesFor, selector } from './filters.js';
import type { DecisionTarget } from './stages.js';

/** What a run does with a decision a listing names. */
export type ListedVerdict =
  /** Fetch it. */
  | 'fetch'
  /** Its page is archived: never fetched again (the re-check asks the source again). */
  | 'archived'
  /** Outside the run's category or outcome filter: kept in the frontier, not fetched. */
  | 'filtered'
  /** It answered 404/410 (or was refused as too large) before: not asked again. */
  | 'gone';

export type PolicyArchive = Pick<Archive, 'decisionPageFetched' | 'isPermanentFailure' | 'pendingDiscovered'>;

export interface CrawlPolicy {
  /** The listing's `dc` value for the run's outcomes, if any. */
  decisionCodes: string | undefined;
  /** A decision a listing of this run names. */
  judge(item: ListingItem): ListedVerdict;
  /**
   * Decisions earlier runs discovered and did not fetch that this run's filters and dates select,
   * oldest first: a run fetches these before walking the listing.
   */
  resumed(): Generator<DecisionTarget>;
}

/**
 * The policy of one run. Throws RangeError for an unknown outcome or a malformed category before
 * anything is fetched.
 */
export function crawlPolicy(
  archive: PolicyArchive,
  filter: CrawlFilter,
  range: { from: string; to: string },
): CrawlPolicy {
  const selects = selector(filter, range);
  // The site applied the organisation (aname) and outcomes (dc) to the listing; the category is
  // checked here, and dc too in case the site ignores it.
  const listed = selector({ category: filter.category, outcomes: filter.outcomes }, undefined, {
    unknownOutcomeMatches: true,
  });
  return {
    decisionCodes: filter.outcomes?.length ? decisionCodesFor(filter.outcomes) : undefined,
    judge(item) {
      if (archive.decisionPageFetched(item.refKey)) return 'archived';
      if (!listed(item)) return 'filtered';
      if (archive.isPermanentFailure(item.url)) return 'gone';
      return 'fetch';
    },
    *resumed() {
      for (const row of archive.pendingDiscovered()) {
        const { url, organisation, outcome, listingDate: date } = row;
        if (selects({ url, organisation, outcome, date })) yield { refKey: row.refKey, url };
      }
    },
  };
}

/** A window's decisions in the order they are fetched: oldest first (the listing is newest first). */
export function oldestFirst<T extends DecisionTarget & { date: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.refKey.localeCompare(b.refKey));
}

export type ListingFailure = RetryableFetchError | ThrottledError | RobotsDisallowedError;

/**
 * A listing page that failed after all tries (or that robots.txt forbids): recorded in failures;
 * its window stays incomplete and is walked again by a later run. False (nothing recorded) for any
 * other error, which stops the caller.
 */
export function recordListingFailure(
  archive: Pick<Archive, 'recordFailure'>,
  log: Logger,
  e: unknown,
  windowKey: string,
): e is ListingFailure {
  if (
    !(e instanceof RetryableFetchError || e instanceof ThrottledError || e instanceof RobotsDisallowedError)
  )
    return false;
  archive.recordFailure({ url: e.url, kind: 'listing', tries: 1, error: e.message });
  log.error(
    { window: windowKey, err: e.message },
    'listing window failed; it will be walked again next crawl',
  );
  return true;
}
