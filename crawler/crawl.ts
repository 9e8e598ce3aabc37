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
import { RetryableFetchError } from '../core/errors.js';
import { type Logger, silentLogger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { IsoDate } from '../core/record.js';
import { sourceProfile } from '../core/source-profile.js';
import type { ListingPage } from '../parser/index.js';
import { CrawlCounters, type SiteAnswer } from './crawl-counters.js';
import { withCrawlLock } from './crawl-lock.js';
import {
  addDays,
  type DateWindow,
  type DiscoveryContext,
  discoverWindow,
  type ListingLimits,
  monthlyWindows,
  today,
} from './discovery.js';
import type { CrawlFilter } from './filters.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';
import { ListingBrowser } from './listing-browser.js';
import { type CrawlPolicy, crawlPolicy, oldestFirst, recordListingFailure } from './policy.js';
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
  /**
   * Listed decisions not fetched yet at the end, with no failed fetch (limit reached, filters,
   * robots): the archive's `pending` state (archive/totals.ts), as `lgsco status` counts it.
   */
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
  return withCrawlLock(options.archive, 'crawl', () => crawl(options));
}

/** Ends a run: the first error that must stop it, an abort, or too many pages in a row not fetched. */
class RunStop {
  fatal: unknown;
  private streak = 0;

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly maxConsecutive: number,
    private readonly onStop: () => void,
  ) {}

  get stopped(): boolean {
    return this.fatal !== undefined || this.signal?.aborted === true;
  }

  fail(e: unknown): void {
    this.fatal ??= e;
    this.onStop();
  }

  /** Counts a decision's outcome towards stopping when the site keeps failing. */
  heard(answer: SiteAnswer, url: string, error: string | undefined): void {
    if (answer === 'answered') this.streak = 0;
    else if (answer === 'not-fetched' && ++this.streak >= this.maxConsecutive) {
      this.fail(
        new RetryableFetchError(
          url,
          `${this.streak} decision pages in a row could not be fetched (last: ${error}); stopping the crawl`,
        ),
      );
    }
  }
}

/** One crawl's state, shared by its parts (resume, discovery, the decision workers). */
interface Run {
  options: CrawlOptions;
  log: Logger;
  archive: Archive;
  http: HttpClient;
  from: string;
  to: string;
  filter: CrawlFilter;
  policy: CrawlPolicy;
  ctx: StageContext;
  counters: CrawlCounters;
  stop: RunStop;
  /** Decisions waiting for a fetcher, and every refKey handed to the fetchers in this run. */
  queue: WorkQueue<DecisionTarget>;
  queued: Set<string>;
  limit: number;
  batcher: RecordBatcher;
  browser: ListingBrowser | undefined;
  requestsBefore: number;
  phase: CrawlProgress['phase'];
  /** Listing pages went through Chromium (read before the browser is closed). */
  usedBrowser: boolean;
}

async function crawl(options: CrawlOptions): Promise<CrawlSummary> {
  const started = performance.now();
  const run = startRun(options);
  try {
    await parseKeptPages(run);
    queueResumed(run);
    const workers = Array.from({ length: Math.max(1, options.config.concurrency) }, () =>
      decisionWorker(run),
    );
    await Promise.all([discover(run), ...workers]);
    await run.batcher.flush();
  } finally {
    run.usedBrowser = run.browser?.active ?? false;
    await run.browser?.close();
  }
  return finish(run, performance.now() - started);
}

/** Checks the options (before anything is fetched) and sets up the run. */
function startRun(options: CrawlOptions): Run {
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
  const policy = crawlPolicy(archive, filter, { from, to });
  const http = options.http ?? crawlHttpClient(options, log);
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
  const queue = new WorkQueue<DecisionTarget>();
  return {
    options,
    log,
    archive,
    http,
    from,
    to,
    filter,
    policy,
    ctx: {
      http,
      archive,
      log,
      signal: options.signal,
      ...(options.parseOffThread ? { parseOffThread: options.parseOffThread } : {}),
    },
    counters: new CrawlCounters(),
    stop: new RunStop(options.signal, options.maxConsecutiveFailures ?? 25, () => queue.close()),
    queue,
    queued: new Set(),
    limit: options.limit ?? Number.POSITIVE_INFINITY,
    batcher: new RecordBatcher(
      options.onRecords,
      options.batchSize ?? 200,
      options.batchIntervalMs ?? 1000,
      log,
    ),
    browser,
    requestsBefore: http.stats.requests,
    phase: 'discovering',
    usedBrowser: false,
  };
}

/** The crawl's own funnel, keeping robots.txt with everything else it fetched. */
function crawlHttpClient(options: CrawlOptions, log: Logger): HttpClient {
  const { archive } = options;
  return HttpClient.fromConfig(options.config, {
    log,
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
}

function report(run: Run): void {
  const c = run.counters;
  run.options.onProgress?.({
    phase: run.phase,
    windows: c.windows,
    listingPages: c.listingPages,
    discovered: c.discovered,
    queued: run.queue.length,
    toFetch: run.queued.size,
    done: c.done,
    fetched: c.fetched,
    skippedAlreadyArchived: c.skippedAlreadyArchived,
    skippedRobots: c.skippedRobots,
    filteredOut: c.filteredOut,
    parsedFromArchive: c.parsedFromArchive,
    quarantined: c.quarantined,
    failed: c.failed,
    requests: run.http.stats.requests - run.requestsBefore,
    browser: run.browser?.active ?? false,
  });
}

/** Hands a decision to the fetchers, once per run and up to the limit. */
function enqueue(run: Run, target: DecisionTarget): boolean {
  if (run.queued.has(target.refKey) || run.queued.size >= run.limit) return false;
  run.queued.add(target.refKey);
  run.queue.push(target);
  return true;
}

/** Resume 1: pages an interrupted crawl kept but did not parse are parsed from the archive. */
async function parseKeptPages(run: Run): Promise<void> {
  for (const page of run.archive.unparsedDecisionPages()) {
    const out = await parseStoredDecisionAsync(run.ctx, page);
    run.counters.parsedKept(out);
    if (out.status === 'saved') await run.batcher.add(out.record);
  }
  if (run.counters.parsedFromArchive > 0)
    run.log.info({ pages: run.counters.parsedFromArchive }, 'parsed pages kept by an interrupted crawl');
}

/** Resume 2: what earlier crawls discovered but did not fetch goes first (oldest first). */
function queueResumed(run: Run): void {
  for (const target of run.policy.resumed()) if (!enqueue(run, target)) break;
  if (run.queue.length > 0)
    run.log.info({ pending: run.queue.length }, 'resuming decisions discovered by an earlier crawl');
}

/** Fetches, keeps, parses and saves decisions from the queue until it is closed and drained. */
async function decisionWorker(run: Run): Promise<void> {
  for (;;) {
    if (run.stop.stopped) return;
    const target = await run.queue.shift();
    if (!target || run.stop.stopped) return;
    try {
      const out = await processDecision(run.ctx, target);
      run.stop.heard(run.counters.decision(out), target.url, out.status === 'failed' ? out.error : undefined);
      if (out.status === 'saved') await run.batcher.add(out.record);
    } catch (e) {
      // Not a fetch or parse problem (the archive failed, or the crawl was aborted): stop.
      run.stop.fail(e);
      return;
    }
    report(run);
  }
}

/** Walks the listing windows oldest first, queueing the decisions the policy fetches. */
async function discover(run: Run): Promise<void> {
  const { options, archive, counters, log } = run;
  // The listing is newest first; a window's items are queued oldest first once it is walked.
  let windowItems: Array<DecisionTarget & { date: string }> = [];
  const seenInListings = new Set<string>();
  const dctx: DiscoveryContext = {
    http: run.http,
    archive,
    baseUrl: options.config.baseUrl,
    log,
    organisation: options.organisation,
    decisionCodes: run.policy.decisionCodes,
    browser: run.browser,
    refresh: options.refresh || options.incremental,
    settleDays: options.settleDays,
    limits: options.limits,
    signal: options.signal,
    ...(options.parseListingOffThread ? { parseListing: options.parseListingOffThread } : {}),
    shouldStop: () => run.stop.stopped || run.queued.size + windowItems.length >= run.limit,
    onListingPage: () => {
      counters.listingPages++;
      report(run);
    },
    onItems: async (items) => {
      for (const it of items) {
        if (seenInListings.has(it.refKey)) continue;
        seenInListings.add(it.refKey);
        const verdict = run.policy.judge(it);
        counters.listed(verdict);
        if (verdict === 'fetch')
          windowItems.push({ refKey: it.refKey, url: it.url, date: it.decisionDate ?? '' });
      }
      // Keep discovery a little ahead of the fetchers, not months ahead.
      await run.queue.waitBelow(Math.max(200, options.config.concurrency * 50));
    },
  };
  const flushWindow = () => {
    for (const { refKey, url } of oldestFirst(windowItems)) enqueue(run, { refKey, url });
    windowItems = [];
  };
  const windows: DateWindow[] = monthlyWindows(run.from, run.to, {
    organisation: options.organisation,
    decisionCodes: run.policy.decisionCodes,
  });
  log.info(
    {
      from: run.from,
      to: run.to,
      windows: windows.length,
      ...run.filter,
      incremental: options.incremental ?? false,
    },
    'discovery starting (oldest first)',
  );
  const discoveredBefore = archive.counts().discovered;
  try {
    for (const w of windows) {
      if (dctx.shouldStop!()) break;
      try {
        const out = await discoverWindow(dctx, w).finally(flushWindow);
        if (out.status === 'skipped') counters.windowsSkipped++;
        else counters.windows++;
        log.debug(
          { window: w.key, status: out.status, total: out.total, pages: out.pages },
          'listing window',
        );
      } catch (e) {
        // A listing page failed after all tries: this window stays incomplete; go on with the next.
        if (!recordListingFailure(archive, log, e, w.key)) throw e;
        counters.failed++;
      }
    }
  } catch (e) {
    run.stop.fail(e);
    log.error({ err: e instanceof Error ? e.message : String(e) }, 'discovery stopped');
  } finally {
    counters.newlyDiscovered = archive.counts().discovered - discoveredBefore;
    run.phase = 'fetching';
    run.queue.close();
    report(run);
  }
}

/** The summary; throws the error that stopped the crawl, if one did. */
function finish(run: Run, durationMs: number): CrawlSummary {
  const { counters: c, http, batcher, log } = run;
  const requests = http.stats.requests - run.requestsBefore;
  const summary: CrawlSummary = {
    from: run.from,
    to: run.to,
    windows: c.windows,
    windowsSkipped: c.windowsSkipped,
    listingPages: c.listingPages,
    discovered: c.discovered,
    newlyDiscovered: c.newlyDiscovered,
    fetched: c.fetched,
    skippedAlreadyArchived: c.skippedAlreadyArchived,
    skippedGone: c.skippedGone,
    skippedRobots: c.skippedRobots,
    filteredOut: c.filteredOut,
    parsedFromArchive: c.parsedFromArchive,
    saved: c.saved,
    quarantined: c.quarantined,
    failed: c.failed,
    gone: c.gone,
    indexErrors: batcher.errors,
    ...(batcher.lastError !== undefined ? { indexError: batcher.lastError } : {}),
    pending: run.archive.counts().pending,
    browser: run.usedBrowser,
    durationMs: Math.round(durationMs),
    requestsPerSecond: (requests / Math.max(1, Math.round(durationMs))) * 1000,
    http: http.stats,
  };
  run.phase = 'done';
  report(run);
  const { http: _stats, ...shown } = summary;
  if (run.stop.fatal !== undefined) {
    const fatal = run.stop.fatal;
    log.error(
      { ...shown, err: fatal instanceof Error ? fatal.message : String(fatal) },
      'crawl stopped by an error',
    );
    throw fatal;
  }
  log.info(shown, 'crawl finished');
  return summary;
}
