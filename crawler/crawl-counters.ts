/**
 * The in-process crawl's counters: what each listed decision and each decision outcome adds, in
 * one place (the queue runner keeps its own in Redis, queue/run-stats.ts).
 * @module
 */
import type { ListedVerdict } from './policy.js';
import type { ParseOutcome, ProcessOutcome } from './stages.js';

/** How a decision's outcome bears on stopping the crawl (too many pages in a row not fetched). */
export type SiteAnswer =
  /** The site answered (a page kept, or 404/410): the run of failures is broken. */
  | 'answered'
  /** Not fetched after all tries: one more in a row. */
  | 'not-fetched'
  /** Says nothing about the site (archived already, robots.txt forbids it). */
  | 'none';

export class CrawlCounters {
  windows = 0;
  windowsSkipped = 0;
  listingPages = 0;
  discovered = 0;
  /** Of those, how many the archive did not know before (set when discovery ends). */
  newlyDiscovered = 0;
  fetched = 0;
  skippedAlreadyArchived = 0;
  skippedGone = 0;
  skippedRobots = 0;
  filteredOut = 0;
  parsedFromArchive = 0;
  saved = 0;
  quarantined = 0;
  failed = 0;
  gone = 0;
  /** Decisions handed to the fetchers that finished in any way. */
  done = 0;

  /** A decision a listing names, the first time this crawl sees it. */
  listed(verdict: ListedVerdict): void {
    this.discovered++;
    if (verdict === 'archived') this.skippedAlreadyArchived++;
    else if (verdict === 'filtered') this.filteredOut++;
    else if (verdict === 'gone') this.skippedGone++;
  }

  /** A page kept by an interrupted crawl, parsed now without fetching. */
  parsedKept(out: ParseOutcome): void {
    this.parsedFromArchive++;
    if (out.status === 'saved') this.saved++;
    else this.quarantined++;
  }

  /** A decision handed to a fetcher, done. */
  decision(out: ProcessOutcome): SiteAnswer {
    this.done++;
    switch (out.status) {
      case 'already-archived':
        return 'none';
      case 'gone':
        // Refused as over the size cap: quarantined with the reason, never fetched again.
        if (out.tooLarge) this.quarantined++;
        else {
          this.failed++;
          this.gone++;
        }
        return 'answered';
      case 'failed':
        // robots.txt is policy, not a failure of the site: never requested, recorded with the reason.
        if (out.robots) {
          this.skippedRobots++;
          return 'none';
        }
        this.failed++;
        return 'not-fetched';
      case 'stored':
        // processDecision parses what it stores; a bare 'stored' never reaches here.
        return 'answered';
      case 'saved':
      case 'quarantined':
        if (out.fromArchive) this.parsedFromArchive++;
        else this.fetched++;
        if (out.status === 'saved') this.saved++;
        else this.quarantined++;
        return 'answered';
    }
  }
}
