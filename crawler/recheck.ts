/**
 * Re-check: asks the source again about archived decisions last checked before a given age, with
 * a conditional GET (If-None-Match / If-Modified-Since from the stored page).
 * - 304, or the same bytes: only last-checked is touched.
 * - Different bytes: kept as a new version (the old one stays), re-parsed, re-indexed.
 * - 404/410: the decision is flagged removed-from-source with the date (kept, still searchable).
 * - A removed decision that answers again: the flag is cleared.
 * @module
 */
import type { Archive, RecheckTarget } from '../archive/index.js';
import type { Config } from '../core/config.js';
import {
  PermanentFetchError,
  RetryableFetchError,
  RobotsDisallowedError,
  ThrottledError,
} from '../core/errors.js';
import { type Logger, silentLogger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { withCrawlLock } from './crawl-lock.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';
import {
  type ParseOutcome,
  parseStoredDecision,
  type StageContext,
  storeDecisionResponse,
} from './stages.js';
import { RecordBatcher } from './work-queue.js';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** "30d", "12h", "2w", "90m" → milliseconds. Throws RangeError naming the accepted forms. */
export function parseAge(text: string): number {
  const m = /^\s*(\d+)\s*([mhdw])\s*$/i.exec(text);
  if (!m) throw new RangeError(`not an age: ${JSON.stringify(text)} (use e.g. 30d, 12h, 2w or 90m)`);
  return Number(m[1]) * UNIT_MS[m[2]!.toLowerCase() as keyof typeof UNIT_MS];
}

export type RecheckOutcome =
  | { status: 'not-modified'; restored: boolean }
  | { status: 'unchanged'; restored: boolean }
  | { status: 'changed'; restored: boolean; parse: ParseOutcome }
  | { status: 'removed'; httpStatus: number; newly: boolean }
  | { status: 'failed'; error: string };

/** Re-checks one archived decision. Never throws for fetch errors. */
export async function recheckDecision(ctx: StageContext, target: RecheckTarget): Promise<RecheckOutcome> {
  const { archive } = ctx;
  const stored = archive.storedDecisionPage(target.refKey);
  const at = new Date().toISOString();
  try {
    const res = await ctx.http.get(target.url, {
      kind: 'decision',
      etag: stored?.etag,
      lastModified: stored?.lastModified,
      signal: ctx.signal,
    });
    archive.touchChecked(target.refKey, at);
    const restored = archive.clearRemoved(target.refKey);
    if (restored) archive.clearFailure(target.url);
    if (res.status === 304) return { status: 'not-modified', restored };
    const { hash, contentType } = storeDecisionResponse(archive, res, target.refKey, at);
    if (hash === target.pageHash) return { status: 'unchanged', restored };
    const parse = parseStoredDecision(ctx, {
      refKey: target.refKey,
      url: target.url,
      pageHash: hash,
      contentType,
      fetchedAt: at,
    });
    return { status: 'changed', restored, parse };
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    if (e instanceof PermanentFetchError && (e.status === 404 || e.status === 410)) {
      archive.logFetch({
        url: target.url,
        kind: 'decision',
        status: e.status,
        error: e.message,
        refKey: target.refKey,
      });
      archive.touchChecked(target.refKey, at);
      const newly = archive.markRemoved(target.refKey, at);
      if (newly) ctx.log.warn({ url: target.url, status: e.status }, 'decision removed from the source');
      return { status: 'removed', httpStatus: e.status, newly };
    }
    if (
      e instanceof PermanentFetchError ||
      e instanceof RetryableFetchError ||
      e instanceof ThrottledError ||
      e instanceof RobotsDisallowedError
    ) {
      // Other 4xx, 5xx/timeouts after all tries, throttled, robots: left due, asked again next time.
      if (!(e instanceof RobotsDisallowedError))
        archive.logFetch({ url: target.url, kind: 'decision', error: e.message, refKey: target.refKey });
      ctx.log.warn({ url: target.url, err: e.message }, 're-check failed; it stays due');
      return { status: 'failed', error: e.message };
    }
    throw e;
  }
}

/** How one re-check answer counts: the counters it adds (names as in RecheckSummary) and whether the search index must hear of it. */
export interface RecheckTally {
  counts: Partial<
    Record<
      | 'notModified'
      | 'unchanged'
      | 'changed'
      | 'removed'
      | 'stillRemoved'
      | 'failed'
      | 'quarantined'
      | 'restored',
      1
    >
  >;
  /** A new version saved, a new removal or a restoration: the record must be re-indexed. */
  touchesIndex: boolean;
}

/** The one counting rule for re-check answers, in-process (runRecheck) and on the queue workers. */
export function tallyRecheck(out: RecheckOutcome): RecheckTally {
  const counts: RecheckTally['counts'] = {};
  if (out.status === 'not-modified') counts.notModified = 1;
  else if (out.status === 'unchanged') counts.unchanged = 1;
  else if (out.status === 'changed') {
    counts.changed = 1;
    if (out.parse.status === 'quarantined') counts.quarantined = 1;
  } else if (out.status === 'removed') {
    if (out.newly) counts.removed = 1;
    else counts.stillRemoved = 1;
  } else counts.failed = 1;
  const restored = 'restored' in out && out.restored;
  if (restored) counts.restored = 1;
  const touchesIndex =
    (out.status === 'changed' && out.parse.status === 'saved') ||
    (out.status === 'removed' && out.newly) ||
    restored;
  return { counts, touchesIndex };
}

export interface RecheckProgress {
  total: number;
  done: number;
  notModified: number;
  unchanged: number;
  changed: number;
  removed: number;
  failed: number;
  requests: number;
}

export interface RecheckSummary extends Omit<RecheckProgress, 'done' | 'requests'> {
  /** Decisions flagged removed earlier that still answer 404/410. */
  stillRemoved: number;
  /** Decisions flagged removed earlier that answered again. */
  restored: number;
  /** Changed pages that did not parse (the previous record is kept). */
  quarantined: number;
  indexErrors: number;
  /** The last error an onRecords batch threw, when one did. */
  indexError?: string;
  durationMs: number;
  requestsPerSecond: number;
  http: HttpClient['stats'];
}

export interface RecheckOptions {
  config: Pick<Config, 'userAgent' | 'rate' | 'concurrency' | 'timeoutMs' | 'maxTries'>;
  archive: Archive;
  log?: Logger;
  /** Re-check decisions last checked longer ago than this (ms). */
  olderThanMs: number;
  /** At most this many decisions (least recently checked first). */
  limit?: number;
  /** Receives changed, removed and restored records (the indexer). */
  onRecords?: (records: Decision[]) => Promise<void>;
  onProgress?: (p: RecheckProgress) => void;
  http?: HttpClient;
  httpOptions?: Partial<HttpClientOptions>;
  signal?: AbortSignal;
}

/**
 * Re-checks every due decision in this process; the rate, concurrency and retries of the funnel
 * apply. Holds the archive's crawl lock throughout (withCrawlLock).
 */
export async function runRecheck(options: RecheckOptions): Promise<RecheckSummary> {
  return withCrawlLock(options.archive, 'recheck', () => recheckHoldingLock(options));
}

async function recheckHoldingLock(options: RecheckOptions): Promise<RecheckSummary> {
  const started = performance.now();
  const { archive, config } = options;
  const log = options.log ?? silentLogger;
  if (!(options.olderThanMs >= 0)) throw new RangeError('olderThanMs must be ≥ 0');
  const http = options.http ?? HttpClient.fromConfig(config, { log, ...options.httpOptions });
  const requestsBefore = http.stats.requests;
  const due = archive.dueForRecheck(new Date(Date.now() - options.olderThanMs).toISOString(), options.limit);
  log.info({ due: due.length, olderThanMs: options.olderThanMs }, 're-check starting');
  const s: RecheckSummary = {
    total: due.length,
    notModified: 0,
    unchanged: 0,
    changed: 0,
    removed: 0,
    stillRemoved: 0,
    restored: 0,
    quarantined: 0,
    failed: 0,
    indexErrors: 0,
    durationMs: 0,
    requestsPerSecond: 0,
    http: http.stats,
  };
  const batcher = new RecordBatcher(options.onRecords, 200, 2000, log);
  const ctx: StageContext = { http, archive, log, signal: options.signal };
  let next = 0;
  let done = 0;
  const reindex = async (refKey: string) => {
    const record = archive.indexableDecision(refKey);
    if (record) await batcher.add(record);
  };
  const worker = async () => {
    while (next < due.length && !options.signal?.aborted) {
      const target = due[next++]!;
      const out = await recheckDecision(ctx, target);
      const { counts, touchesIndex } = tallyRecheck(out);
      for (const [k, n] of Object.entries(counts) as [keyof RecheckTally['counts'], number][]) s[k] += n;
      if (touchesIndex) await reindex(target.refKey);
      done++;
      options.onProgress?.({
        total: s.total,
        done,
        notModified: s.notModified,
        unchanged: s.unchanged,
        changed: s.changed,
        removed: s.removed,
        failed: s.failed,
        requests: http.stats.requests - requestsBefore,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, config.concurrency) }, () => worker()));
  await batcher.flush();
  options.signal?.throwIfAborted();
  s.indexErrors = batcher.errors;
  if (batcher.lastError !== undefined) s.indexError = batcher.lastError;
  s.durationMs = Math.round(performance.now() - started);
  s.requestsPerSecond = ((http.stats.requests - requestsBefore) / Math.max(1, s.durationMs)) * 1000;
  const { http: _stats, ...shown } = s;
  log.info(shown, 're-check finished');
  return s;
}
