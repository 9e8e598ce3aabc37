/**
 * The in-process crawl: discovery (listing windows, oldest first) feeding a pool of decision
 * workers through an in-memory queue; each worker fetches a decision page, keeps it verbatim,
 * parses it and saves the record; records go to `onRecords` (the indexer) in batches.
 *
 * Resume: the frontier (`discovered`) outlives the process. A new crawl first parses pages that
 * were kept but not parsed, then queues what earlier crawls discovered and did not fetch (only
 * what this crawl's filters select), then walks the listing. Nothing archived is fetched again.
 * @module
 */
import type { Archive } from '../archive/index.js';
import { type Config, configFields } from '../core/config.js';
import { RetryableFetchError, RobotsDisallowedError, ThrottledError } from '../core/errors.js';
import { type Logger, silentLogger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { IsoDate } from '../core/record.js';
import { sourceProfile } from '../core/source-profile.js';
import type { ListingPage } from '../parser/index.js';
import {
  addDays,
  type DateWindow,
  type DiscoveryContext,
  discoverWindow,
  type ListingLimits,
  monthlyWindows,
  today,
} from './discovery.js';
import { type CrawlFilter, decisionCodesFor, selector } from './filters.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';
import { ListingBrowser } from './listing-browser.js';
import {
  type DecisionTarget,
  type OffThreadParser,
  parseStoredDecisionAsync,
  processDecision,
  type StageContext,
} from './stages.js';
import { RecordBatcher, WorkQueue } from './work-queue.js';

/** First decision date crawled by default: the bulk of the published decisions start in 2016. */
export const DEFAULT_FROM = '2016-01-01';

export interface CrawlProgress {
  phase: 'discovering' | 'fetching' | 'done';
  windows: number;
  listingPages: number;
  discovered: number;
  /** Decisions waiting for a fetcher. */
  queued: number;
  /** Decisions handed to the fetchers so far (grows while discovery runs). */
  toFetch: number;
  /** Of those, finished in any way. */
  done: number;
  fetched: number;
  skippedAlreadyArchived: number;
  skippedRobots: number;
  filteredOut: number;
  parsedFromArchive: number;
  quarantined: number;
  failed: number;
  /** HTTP requests sent (retries, robots.txt and browser sub-requests included). */
  requests: number;
  /** Listing pages go through Chromium. */
  browser: boolean;
}

export interface CrawlSummary {
  /** Date range walked. */
  from: string;
  to: string;
  /** Listing windows walked (skipped, already complete ones not counted; split parts not counted separately). */
  windows: number;
  windowsSkipped: number;
  listingPages: number;
  /** Distinct decisions named by the listings walked in this crawl. */
  discovered: number;
  /** Of those, how many the archive did not know before. */
  newlyDiscovered: number;
  /** Decision pages fetched and kept. */
  fetched: number;
  /** Listed decisions whose page was already archived (not fetched again). */
  skippedAlreadyArchived: number;
  /** Listed decisions whose page answered 404/410 before (not fetched again). */
  skippedGone: number;
  /** Decisions whose URL robots.txt disallows: never requested, recorded in failures with the reason. */
  skippedRobots: number;
  /** Listed decisions outside the category/outcome filter (kept in the frontier, not fetched). */
  filteredOut: number;
  /** Pages kept by an earlier, interrupted crawl and parsed now without fetching. */
  parsedFromArchive: number;
  saved: number;
  quarantined: number;
  /** Decision pages that could not be fetched, plus listing pages that failed after all tries. */
  failed: number;
  /** Of `failed`: pages that answered 404/410. */
  gone: number;
  /** onRecords batches that threw (their records stay in archive.decisionsNeedingIndex()). */
  indexErrors: number;
  /** The last error an onRecords batch threw, when one did. */
  indexError?: string;
  /** Decisions left in the frontier at the end (limit reached, failures, filters, robots). */
  pending: number;
  /** Listing pages went through Chromium (search-shell fallback). */
  browser: boolean;
  durationMs: number;
  /** HTTP requests (all kinds, retries included) per second of crawl. */
  requestsPerSecond: number;
  http: HttpClient['stats'];
}

export interface CrawlOptions {
  config: Pick<Config, 'baseUrl' | 'userAgent' | 'rate' | 'concurrency' | 'timeoutMs' | 'maxTries'> &
    Partial<Pick<Config, 'browser' | 'chromiumPath'>>;
  archive: Archive;
  log?: Logger;
  /** First decision date (yyyy-mm-dd), default 2016-01-01. */
  from?: string;
  /** Last decision date, default today. */
  to?: string;
  /**
   * Start at the newest archived decision date minus sourceProfile.listing.incrementalOverlapDays
   * (from 2016-01-01 when the archive is empty), ignoring `from`; windows are walked even when settled.
   */
  incremental?: boolean;
  /** At most this many decision pages fetched; discovery stops once enough are queued. */
  limit?: number;
  /** Only this organisation (exact name; listing `aname`). */
  organisation?: string;
  /** Only this category or "category/subcategory" (matched on the decision URL; see filters.ts). */
  category?: string;
  /** Only these outcomes (listing `dc`). */
  outcomes?: string[];
  /** Walk listing windows even when already complete. */
  refresh?: boolean;
  /** See DiscoveryContext.settleDays. */
  settleDays?: number;
  /** Receives parsed records in batches (the indexer). Awaited; a throw is logged and counted. */
  onRecords?: (records: Decision[]) => Promise<void>;
  onProgress?: (p: CrawlProgress) => void;
  /**
   * Records per onRecords batch (default 200) and longest wait before a partial batch (default
   * 1000 ms: with an upsert's few hundred ms, a fetched decision is searchable within 2 s).
   */
  batchSize?: number;
  batchIntervalMs?: number;
  /** Use this client instead of one built from config (tests, or sharing one funnel). */
  http?: HttpClient;
  /** Extra HttpClient options when the crawl builds its client (backoff, robots …). */
  httpOptions?: Partial<HttpClientOptions>;
  limits?: ListingLimits;
  /** Stop after this many decision pages in a row could not be fetched (site down or blocking). Default 25. */
  maxConsecutiveFailures?: number;
  signal?: AbortSignal;
  /**
   * Parse decision pages off this thread (a worker pool): what a process that also serves HTTP
   * passes, so a slow page never holds up its requests. Default: parse inline.
   */
  parseOffThread?: OffThreadParser;
  /** Listing pages likewise (see DiscoveryContext.parseListing). */
  parseListingOffThread?: (html: string, pageUrl: string) => Promise<ListingPage>;
}

/** Where an incremental crawl starts: the newest archived decision date minus the overlap. */
export function incrementalFrom(archive: Archive, to: string): string {
  const newest = archive.newestDecisionDate();
  if (!newest) return DEFAULT_FROM;
  const from = addDays(newest, -sourceProfile.listing.incrementalOverlapDays);
  return from < to ? from : to;
}

function checkDate(name: string, v: string): void {
  if (!IsoDate.safeParse(v).success)
    throw new RangeError(`${name} must be a date written yyyy-mm-dd (got ${JSON.stringify(v)})`);
}

/**
 * Runs a whole crawl in this process. Throws SearchShellError (after finishing work in flight) when
 * the listing is a search shell and there is no browser fallback (or Chromium gets the shell too).
 * Holds the archive's crawl lock throughout: while another crawl or re-check (in any process) runs
 * on the same archive, throws CrawlLockedError (LGSCO_ERR_BUSY) before fetching anything.
 */
export async function runCrawl(options: CrawlOptions): Promise<CrawlSummary> {
  const lock = options.archive.acquireCrawlLock('crawl');
  try {
    return await crawlHoldingLock(options);
  } finally {
    lock.release();
  }
}

async function crawlHoldingLock(options: CrawlOptions): Promise<CrawlSummary> {
  const started = performance.now();
  const { config, archive } = options;
  const log = options.log ?? silentLogger;
  const to = options.to ?? today();
  checkDate('to', to);
  const from = options.incremental ? incrementalFrom(archive, to) : (options.from ?? DEFAULT_FROM);
  checkDate('from', from);
  const filter: CrawlFilter = {
    organisation: options.organisation,
    category: options.category,
    outcomes: options.outcomes,
  };
  // Throws RangeError for an unknown outcome or a malformed category before anything is fetched.
  const selects = selector(filter, { from, to });
  // Listing items: the site applied aname and dc; check category, and dc too in case the site ignores it.
  const listed = selector({ category: filter.category, outcomes: filter.outcomes }, undefined, {
    unknownOutcomeMatches: true,
  });
  const decisionCodes = filter.outcomes?.length ? decisionCodesFor(filter.outcomes) : undefined;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const http =
    options.http ??
    HttpClient.fromConfig(config, {
      log,
      // Keep robots.txt with everything else we fetched.
      onResponse: (r) => {
        if (r.kind === 'robots' && r.status === 200) {
          archive.storePage({
            url: r.url,
            kind: 'robots',
            status: r.status,
            body: r.body,
            contentType: r.headers.get('content-type'),
          });
        }
      },
      ...options.httpOptions,
    });
  const requestsBefore = http.stats.requests;
  const browserMode = config.browser ?? 'never';
  const browser =
    browserMode === 'never'
      ? undefined
      : new ListingBrowser({
          mode: browserMode,
          chromiumPath: config.chromiumPath ?? configFields.chromiumPath.schema.parse(undefined),
          userAgent: config.userAgent,
          baseUrl: config.baseUrl,
          http,
          archive,
          log,
        });

  const summary: CrawlSummary = {
    from,
    to,
    windows: 0,
    windowsSkipped: 0,
    listingPages: 0,
    discovered: 0,
    newlyDiscovered: 0,
    fetched: 0,
    skippedAlreadyArchived: 0,
    skippedGone: 0,
    skippedRobots: 0,
    filteredOut: 0,
    parsedFromArchive: 0,
    saved: 0,
    quarantined: 0,
    failed: 0,
    gone: 0,
    indexErrors: 0,
    pending: 0,
    browser: false,
    durationMs: 0,
    requestsPerSecond: 0,
    http: http.stats,
  };
  const queue = new WorkQueue<DecisionTarget>();
  const queued = new Set<string>();
  const seenInListings = new Set<string>();
  const batcher = new RecordBatcher(
    options.onRecords,
    options.batchSize ?? 200,
    options.batchIntervalMs ?? 1000,
    log,
  );
  let phase: CrawlProgress['phase'] = 'discovering';
  let fatal: unknown;
  let consecutiveFailures = 0;
  let done = 0;
  const maxConsecutive = options.maxConsecutiveFailures ?? 25;
  const stopped = () => fatal !== undefined || options.signal?.aborted === true;

  const progress = () =>
    options.onProgress?.({
      phase,
      windows: summary.windows,
      listingPages: summary.listingPages,
      discovered: summary.discovered,
      queued: queue.length,
      toFetch: queued.size,
      done,
      fetched: summary.fetched,
      skippedAlreadyArchived: summary.skippedAlreadyArchived,
      skippedRobots: summary.skippedRobots,
      filteredOut: summary.filteredOut,
      parsedFromArchive: summary.parsedFromArchive,
      quarantined: summary.quarantined,
      failed: summary.failed,
      requests: http.stats.requests - requestsBefore,
      browser: browser?.active ?? false,
    });

  const enqueue = (t: DecisionTarget): boolean => {
    if (queued.has(t.refKey) || queued.size >= limit) return false;
    queued.add(t.refKey);
    queue.push(t);
    return true;
  };

  const ctx: StageContext = {
    http,
    archive,
    log,
    signal: options.signal,
    ...(options.parseOffThread ? { parseOffThread: options.parseOffThread } : {}),
  };

  // Resume 1: pages an interrupted crawl kept but did not parse are parsed from the archive.
  for (const page of archive.unparsedDecisionPages()) {
    const out = await parseStoredDecisionAsync(ctx, page);
    summary.parsedFromArchive++;
    if (out.status === 'saved') {
      summary.saved++;
      await batcher.add(out.record);
    } else summary.quarantined++;
  }
  if (summary.parsedFromArchive > 0)
    log.info({ pages: summary.parsedFromArchive }, 'parsed pages kept by an interrupted crawl');
  // Resume 2: what earlier crawls discovered but did not fetch goes first (oldest first).
  for (const p of archive.pendingDiscovered()) {
    if (!selects({ url: p.url, organisation: p.organisation, outcome: p.outcome, date: p.listingDate }))
      continue;
    if (!enqueue({ refKey: p.refKey, url: p.url })) break;
  }
  if (queue.length > 0)
    log.info({ pending: queue.length }, 'resuming decisions discovered by an earlier crawl');

  const worker = async () => {
    for (;;) {
      if (stopped()) return;
      const target = await queue.shift();
      if (!target || stopped()) return;
      try {
        if (!(await http.allowedByRobots(target.url, options.signal))) {
          // Not a failure of the site: never requested, recorded with the reason, not counted towards a stop.
          summary.skippedRobots++;
          archive.recordFailure({
            url: target.url,
            kind: 'decision',
            refKey: target.refKey,
            tries: 0,
            error: new RobotsDisallowedError(target.url).message,
          });
        } else {
          const out = await processDecision(ctx, target);
          switch (out.status) {
            case 'already-archived':
              break;
            case 'gone':
              consecutiveFailures = 0; // the site answered
              if (out.tooLarge) {
                summary.quarantined++; // refused (over the size cap), quarantined, never fetched again
                break;
              }
              summary.failed++;
              summary.gone++;
              break;
            case 'failed':
              summary.failed++;
              if (++consecutiveFailures >= maxConsecutive) {
                fatal ??= new RetryableFetchError(
                  target.url,
                  `${consecutiveFailures} decision pages in a row could not be fetched (last: ${out.error}); stopping the crawl`,
                );
                queue.close();
              }
              break;
            case 'saved':
              if (out.fromArchive) summary.parsedFromArchive++;
              else summary.fetched++;
              summary.saved++;
              consecutiveFailures = 0;
              await batcher.add(out.record);
              break;
            case 'quarantined':
              if (out.fromArchive) summary.parsedFromArchive++;
              else summary.fetched++;
              summary.quarantined++;
              consecutiveFailures = 0;
              break;
          }
        }
      } catch (e) {
        // Not a fetch or parse problem (the archive failed, or the crawl was aborted): stop.
        fatal ??= e;
        queue.close();
        return;
      }
      done++;
      progress();
    }
  };

  const discovery = async () => {
    // The listing is newest first; a window's items are queued oldest first once it is walked.
    let windowItems: Array<DecisionTarget & { date: string }> = [];
    const dctx: DiscoveryContext = {
      http,
      archive,
      baseUrl: config.baseUrl,
      log,
      organisation: options.organisation,
      decisionCodes,
      browser,
      refresh: options.refresh || options.incremental,
      settleDays: options.settleDays,
      limits: options.limits,
      signal: options.signal,
      ...(options.parseListingOffThread ? { parseListing: options.parseListingOffThread } : {}),
      shouldStop: () => stopped() || queued.size + windowItems.length >= limit,
      onListingPage: () => {
        summary.listingPages++;
        progress();
      },
      onItems: async (items) => {
        for (const it of items) {
          if (seenInListings.has(it.refKey)) continue;
          seenInListings.add(it.refKey);
          summary.discovered++;
          if (archive.decisionPageFetched(it.refKey)) summary.skippedAlreadyArchived++;
          else if (!listed(it)) summary.filteredOut++;
          else if (archive.isPermanentFailure(it.url)) summary.skippedGone++;
          else windowItems.push({ refKey: it.refKey, url: it.url, date: it.decisionDate ?? '' });
        }
        // Keep discovery a little ahead of the fetchers, not months ahead.
        await queue.waitBelow(Math.max(200, config.concurrency * 50));
      },
    };
    const flushWindow = () => {
      windowItems.sort((a, b) => a.date.localeCompare(b.date) || a.refKey.localeCompare(b.refKey));
      for (const { refKey, url } of windowItems) enqueue({ refKey, url });
      windowItems = [];
    };
    const windows: DateWindow[] = monthlyWindows(from, to, {
      organisation: options.organisation,
      decisionCodes,
    });
    log.info(
      { from, to, windows: windows.length, ...filter, incremental: options.incremental ?? false },
      'discovery starting (oldest first)',
    );
    const discoveredBefore = archive.counts().discovered;
    try {
      for (const w of windows) {
        if (dctx.shouldStop!()) break;
        try {
          const out = await discoverWindow(dctx, w).finally(flushWindow);
          if (out.status === 'skipped') summary.windowsSkipped++;
          else summary.windows++;
          log.debug(
            { window: w.key, status: out.status, total: out.total, pages: out.pages },
            'listing window',
          );
        } catch (e) {
          if (
            e instanceof RetryableFetchError ||
            e instanceof ThrottledError ||
            e instanceof RobotsDisallowedError
          ) {
            // A listing page failed after all tries: this window stays incomplete; go on with the next.
            summary.failed++;
            archive.recordFailure({ url: e.url, kind: 'listing', tries: 1, error: e.message });
            log.error(
              { window: w.key, err: e.message },
              'listing window failed; it will be walked again next crawl',
            );
            continue;
          }
          throw e;
        }
      }
    } catch (e) {
      fatal ??= e;
      log.error({ err: e instanceof Error ? e.message : String(e) }, 'discovery stopped');
    } finally {
      summary.newlyDiscovered = archive.counts().discovered - discoveredBefore;
      phase = 'fetching';
      queue.close();
      progress();
    }
  };

  try {
    const workers = Array.from({ length: Math.max(1, config.concurrency) }, () => worker());
    await Promise.all([discovery(), ...workers]);
    await batcher.flush();
  } finally {
    summary.browser = browser?.active ?? false;
    await browser?.close();
  }
  summary.indexErrors = batcher.errors;
  if (batcher.lastError !== undefined) summary.indexError = batcher.lastError;
  summary.pending = archive.counts().pending;
  summary.durationMs = Math.round(performance.now() - started);
  summary.requestsPerSecond =
    ((http.stats.requests - requestsBefore) / Math.max(1, summary.durationMs)) * 1000;
  phase = 'done';
  progress();
  const { http: _stats, ...shown } = summary;
  if (fatal !== undefined) {
    log.error(
      { ...shown, err: fatal instanceof Error ? fatal.message : String(fatal) },
      'crawl stopped by an error',
    );
    throw fatal;
  }
  log.info(shown, 'crawl finished');
  return summary;
}
