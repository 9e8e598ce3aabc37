/**
 * The in-process crawl: discovery (listing windows, oldest first) feeding a pool of decision
 * workers through an in-memory queue; each worker fetches a decision page, keeps it verbatim,
 * parses it and saves the record; records go to `onRecords` (the indexer) in batches.
 *
 * The stages are plain functions over a context (`discoverWindow` in discovery.ts,
 * `fetchDecisionPage`, `parseStoredDecision`, `processDecision` here) so a queue runner (BullMQ)
 * can call the same code, one job per window or decision.
 *
 * A decision page already archived is never fetched again (`archive.decisionPageFetched`).
 * @module
 */
import type { Archive } from '../archive/index.js';
import type { Config } from '../core/config.js';
import {
  LgscoError,
  PermanentFetchError,
  RetryableFetchError,
  RobotsDisallowedError,
  ThrottledError,
} from '../core/errors.js';
import { type Logger, silentLogger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { IsoDate } from '../core/record.js';
import { parseDecisionHtml } from '../parser/index.js';
import { decodeBody } from './decode.js';
import {
  type DateWindow,
  type DiscoveryContext,
  discoverWindow,
  type ListingLimits,
  monthlyWindows,
  today,
} from './discovery.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';

/** First decision date crawled by default: the bulk of the published decisions start in 2016. */
export const DEFAULT_FROM = '2016-01-01';

/** What a decision worker needs to know about one decision. */
export interface DecisionTarget {
  refKey: string;
  url: string;
}

export interface StageContext {
  http: HttpClient;
  archive: Archive;
  log: Logger;
  signal?: AbortSignal;
  parse?: (html: string, options: { url: string }) => Decision;
}

export type FetchOutcome =
  | { status: 'stored'; pageHash: string; url: string; contentType: string | null; fetchedAt: string }
  | { status: 'already-archived' }
  /** 404/410 (or another 4xx): recorded in failures; 404/410 are not tried again. */
  | { status: 'gone'; httpStatus: number; error: string }
  /** After all tries, or robots.txt forbids it: recorded in failures, tried again by a later crawl (unless robots). */
  | { status: 'failed'; error: string };

export type ParseOutcome =
  | { status: 'saved'; record: Decision; inserted: boolean; changed: boolean }
  | { status: 'quarantined'; reason: string };

/** Stage 1: fetch a decision page (unless archived) and keep it verbatim. Never throws for fetch errors. */
export async function fetchDecisionPage(ctx: StageContext, target: DecisionTarget): Promise<FetchOutcome> {
  if (ctx.archive.decisionPageFetched(target.refKey)) return { status: 'already-archived' };
  try {
    const res = await ctx.http.get(target.url, { kind: 'decision', signal: ctx.signal });
    const fetchedAt = new Date().toISOString();
    const contentType = res.headers.get('content-type');
    const { hash } = ctx.archive.storePage({
      url: res.url,
      kind: 'decision',
      status: res.status,
      body: res.body,
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
      contentType,
      refKey: target.refKey,
      fetchedAt,
    });
    ctx.archive.clearFailure(target.url);
    return { status: 'stored', pageHash: hash, url: target.url, contentType, fetchedAt };
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    if (e instanceof PermanentFetchError) {
      const permanent = e.status === 404 || e.status === 410;
      ctx.archive.logFetch({
        url: target.url,
        kind: 'decision',
        status: e.status,
        error: e.message,
        refKey: target.refKey,
      });
      ctx.archive.recordFailure({
        url: target.url,
        kind: 'decision',
        refKey: target.refKey,
        status: e.status,
        permanent,
        tries: 1,
        error: e.message,
      });
      if (permanent) ctx.archive.markRemoved(target.refKey);
      ctx.log.warn({ url: target.url, status: e.status }, 'decision page is gone; recorded, not retried');
      return { status: 'gone', httpStatus: e.status, error: e.message };
    }
    if (
      e instanceof RetryableFetchError ||
      e instanceof ThrottledError ||
      e instanceof RobotsDisallowedError
    ) {
      ctx.archive.logFetch({
        url: target.url,
        kind: 'decision',
        status:
          e instanceof ThrottledError ? e.status : e instanceof RetryableFetchError ? e.status : undefined,
        error: e.message,
        refKey: target.refKey,
      });
      ctx.archive.recordFailure({
        url: target.url,
        kind: 'decision',
        refKey: target.refKey,
        // robots.txt is re-read by every crawl, so a disallowed URL is tried again if it is allowed later.
        permanent: false,
        tries: e instanceof RobotsDisallowedError ? 0 : 1,
        error: e.message,
      });
      ctx.log.warn({ url: target.url, err: e.message }, 'decision page not fetched; recorded in failures');
      return { status: 'failed', error: e.message };
    }
    throw e;
  }
}

/**
 * Stage 2: parse a stored decision page and save the record. A page that does not parse (or whose
 * record fails validation, or names another reference) is quarantined with the reason.
 */
export function parseStoredDecision(
  ctx: Pick<StageContext, 'archive' | 'log' | 'parse'>,
  page: { refKey: string; url: string; pageHash: string; contentType?: string | null; fetchedAt?: string },
): ParseOutcome {
  const parse = ctx.parse ?? parseDecisionHtml;
  const quarantine = (reason: string): ParseOutcome => {
    ctx.archive.quarantine({ url: page.url, refKey: page.refKey, pageHash: page.pageHash, reason });
    ctx.log.warn({ url: page.url, reason }, 'decision page quarantined');
    return { status: 'quarantined', reason };
  };
  let record: Decision;
  try {
    record = parse(decodeBody(ctx.archive.getPageBody(page.pageHash), page.contentType), { url: page.url });
  } catch (e) {
    // ParseError is the expected case; anything else from the parser is a parser bug, kept the same way.
    const reason =
      e instanceof LgscoError ? e.message : `parser failed: ${(e as Error)?.message ?? String(e)}`;
    return quarantine(reason);
  }
  if (record.refKey !== page.refKey) {
    return quarantine(`page is decision ${record.refKey}, but the listing linked it as ${page.refKey}`);
  }
  try {
    const r = ctx.archive.saveDecision(
      record,
      page.pageHash,
      page.fetchedAt ? { fetchedAt: page.fetchedAt } : {},
    );
    return { status: 'saved', record, ...r };
  } catch (e) {
    if (e instanceof LgscoError && e.code === 'LGSCO_ERR_ARCHIVE' && /not a valid Decision/.test(e.message)) {
      return quarantine(e.message);
    }
    throw e;
  }
}

/** Both stages for one decision. */
export async function processDecision(
  ctx: StageContext,
  target: DecisionTarget,
): Promise<FetchOutcome | (ParseOutcome & { fetch: FetchOutcome & { status: 'stored' } })> {
  const fetched = await fetchDecisionPage(ctx, target);
  if (fetched.status !== 'stored') return fetched;
  return { ...parseStoredDecision(ctx, { refKey: target.refKey, ...fetched }), fetch: fetched };
}

// ---- the in-process runner -----------------------------------------------------------------------

export interface CrawlProgress {
  phase: 'discovering' | 'fetching' | 'done';
  windows: number;
  listingPages: number;
  discovered: number;
  queued: number;
  fetched: number;
  skippedAlreadyArchived: number;
  quarantined: number;
  failed: number;
}

export interface CrawlSummary {
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
  saved: number;
  quarantined: number;
  /** Decision pages that could not be fetched, plus listing pages that failed after all tries. */
  failed: number;
  /** Of `failed`: pages that answered 404/410. */
  gone: number;
  /** onRecords batches that threw (their records stay in archive.decisionsNeedingIndex()). */
  indexErrors: number;
  /** Decisions left in the frontier at the end (limit reached, failures). */
  pending: number;
  durationMs: number;
  /** HTTP requests (all kinds, retries included) per second of crawl. */
  requestsPerSecond: number;
  http: HttpClient['stats'];
}

export interface CrawlOptions {
  config: Pick<Config, 'baseUrl' | 'userAgent' | 'rate' | 'concurrency' | 'timeoutMs' | 'maxTries'>;
  archive: Archive;
  log?: Logger;
  /** First decision date (yyyy-mm-dd), default 2016-01-01. */
  from?: string;
  /** Last decision date, default today. */
  to?: string;
  /** At most this many decision pages fetched; discovery stops once enough are queued. */
  limit?: number;
  /** Only this organisation (exact name). */
  organisation?: string;
  /** Walk listing windows even when already complete. */
  refresh?: boolean;
  /** See DiscoveryContext.settleDays. */
  settleDays?: number;
  /** Receives parsed records in batches (the indexer). Awaited; a throw is logged and counted. */
  onRecords?: (records: Decision[]) => Promise<void>;
  onProgress?: (p: CrawlProgress) => void;
  /** Records per onRecords batch (default 200) and longest wait before a partial batch (default 2000 ms). */
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
}

/** FIFO of decisions to fetch, with close() and waiting for space (backpressure on discovery). */
class WorkQueue<T> {
  private items: T[] = [];
  private head = 0;
  private closed = false;
  private waiters: Array<() => void> = [];

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  /** Next item, or undefined once closed and drained. */
  async shift(): Promise<T | undefined> {
    for (;;) {
      if (this.length > 0) {
        const item = this.items[this.head++]!;
        if (this.head > 1024 && this.head * 2 > this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
        this.wake();
        return item;
      }
      if (this.closed) return undefined;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  /** Resolves once the queue is shorter than `max` (or closed). */
  async waitBelow(max: number): Promise<void> {
    while (this.length >= max && !this.closed) await new Promise<void>((r) => this.waiters.push(r));
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
}

/** Collects records and hands them to the sink in batches, one batch at a time. */
class RecordBatcher {
  private buffer: Decision[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  errors = 0;

  constructor(
    private readonly sink: ((records: Decision[]) => Promise<void>) | undefined,
    private readonly size: number,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  /** Adds a record; resolves when a batch it completed has been handed over (backpressure). */
  add(record: Decision): Promise<void> {
    if (!this.sink) return Promise.resolve();
    this.buffer.push(record);
    if (this.buffer.length >= this.size) return this.flush();
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
    return Promise.resolve();
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const sink = this.sink;
    if (!sink || this.buffer.length === 0) return this.chain;
    const batch = this.buffer;
    this.buffer = [];
    this.chain = this.chain.then(async () => {
      try {
        await sink(batch);
      } catch (e) {
        this.errors++;
        this.log.error(
          { err: e instanceof Error ? e.message : String(e), records: batch.length },
          'onRecords failed; the records stay archived and will be indexed on catch-up',
        );
      }
    });
    return this.chain;
  }
}

/** Runs a whole crawl in this process. Throws SearchShellError (after finishing work in flight) when the listing is a search shell. */
export async function runCrawl(options: CrawlOptions): Promise<CrawlSummary> {
  const started = performance.now();
  const { config, archive } = options;
  const log = options.log ?? silentLogger;
  const from = options.from ?? DEFAULT_FROM;
  const to = options.to ?? today();
  for (const [name, v] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!IsoDate.safeParse(v).success)
      throw new RangeError(`${name} must be a date written yyyy-mm-dd (got ${JSON.stringify(v)})`);
  }
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

  const summary: CrawlSummary = {
    windows: 0,
    windowsSkipped: 0,
    listingPages: 0,
    discovered: 0,
    newlyDiscovered: 0,
    fetched: 0,
    skippedAlreadyArchived: 0,
    skippedGone: 0,
    saved: 0,
    quarantined: 0,
    failed: 0,
    gone: 0,
    indexErrors: 0,
    pending: 0,
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
    options.batchIntervalMs ?? 2000,
    log,
  );
  let phase: CrawlProgress['phase'] = 'discovering';
  let fatal: unknown;
  let consecutiveFailures = 0;
  const maxConsecutive = options.maxConsecutiveFailures ?? 25;
  const stopped = () => fatal !== undefined || options.signal?.aborted === true;

  const progress = () =>
    options.onProgress?.({
      phase,
      windows: summary.windows,
      listingPages: summary.listingPages,
      discovered: summary.discovered,
      queued: queue.length,
      fetched: summary.fetched,
      skippedAlreadyArchived: summary.skippedAlreadyArchived,
      quarantined: summary.quarantined,
      failed: summary.failed,
    });

  const enqueue = (t: DecisionTarget): boolean => {
    if (queued.has(t.refKey) || queued.size >= limit) return false;
    queued.add(t.refKey);
    queue.push(t);
    return true;
  };

  // Resume: what earlier crawls discovered but did not fetch goes first (oldest first).
  for (const p of archive.pendingDiscovered()) {
    if (!enqueue({ refKey: p.refKey, url: p.url })) break;
  }
  if (queue.length > 0)
    log.info({ pending: queue.length }, 'resuming decisions discovered by an earlier crawl');

  const ctx: StageContext = { http, archive, log, signal: options.signal };

  const worker = async () => {
    for (;;) {
      if (stopped()) return;
      const target = await queue.shift();
      if (!target || stopped()) return;
      try {
        const out = await processDecision(ctx, target);
        switch (out.status) {
          case 'already-archived':
            break;
          case 'gone':
            summary.failed++;
            summary.gone++;
            consecutiveFailures = 0; // the site answered
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
            summary.fetched++;
            summary.saved++;
            consecutiveFailures = 0;
            await batcher.add(out.record);
            break;
          case 'quarantined':
            summary.fetched++;
            summary.quarantined++;
            consecutiveFailures = 0;
            break;
        }
      } catch (e) {
        // Not a fetch or parse problem (the archive failed, or the crawl was aborted): stop.
        fatal ??= e;
        queue.close();
        return;
      }
      progress();
    }
  };

  const discovery = async () => {
    const dctx: DiscoveryContext = {
      http,
      archive,
      baseUrl: config.baseUrl,
      log,
      organisation: options.organisation,
      refresh: options.refresh,
      settleDays: options.settleDays,
      limits: options.limits,
      signal: options.signal,
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
          else if (archive.isPermanentFailure(it.url)) summary.skippedGone++;
          else windowItems.push({ refKey: it.refKey, url: it.url, date: it.decisionDate ?? '' });
        }
        // Keep discovery a little ahead of the fetchers, not months ahead.
        await queue.waitBelow(Math.max(200, config.concurrency * 50));
      },
    };
    // The listing is newest first; a window's items are queued oldest first once it is walked.
    let windowItems: Array<DecisionTarget & { date: string }> = [];
    const flushWindow = () => {
      windowItems.sort((a, b) => a.date.localeCompare(b.date) || a.refKey.localeCompare(b.refKey));
      for (const { refKey, url } of windowItems) enqueue({ refKey, url });
      windowItems = [];
    };
    const windows: DateWindow[] = monthlyWindows(from, to, options.organisation);
    log.info(
      { from, to, windows: windows.length, organisation: options.organisation },
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

  const workers = Array.from({ length: Math.max(1, config.concurrency) }, () => worker());
  await Promise.all([discovery(), ...workers]);
  await batcher.flush();
  summary.indexErrors = batcher.errors;
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
