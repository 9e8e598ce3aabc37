/**
 * The per-decision stages, as plain functions over a context so the in-process runner (crawl.ts)
 * and a queue runner (BullMQ) call the same code: fetch a decision page and keep it verbatim, parse
 * a stored page into a record, or both.
 *
 * A decision page already archived is never fetched again; one kept but never parsed (the process
 * died between the two steps) is parsed from the archive instead.
 * @module
 */
import type { Archive } from '../archive/index.js';
import {
  LgscoError,
  PermanentFetchError,
  RetryableFetchError,
  RobotsDisallowedError,
  ThrottledError,
} from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { decodeBody, parseDecisionHtml } from '../parser/index.js';
import { type HttpClient, type HttpResponse, PageTooLargeError } from './http-client.js';

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
  /** Parse stored pages with this instead (off the calling thread); `parse` is then not used. */
  parseOffThread?: OffThreadParser;
}

export type FetchOutcome =
  | { status: 'stored'; pageHash: string; url: string; contentType: string | null; fetchedAt: string }
  | { status: 'already-archived' }
  /**
   * 404/410 (or another 4xx): recorded in failures; 404/410 are not tried again. `tooLarge`: the
   * body was over the size cap (PageTooLargeError): a permanent failure too, never asked again.
   */
  | { status: 'gone'; httpStatus: number; error: string; tooLarge?: true }
  /**
   * After all tries, or robots.txt forbids it (`robots`: never requested, and not a failure of the
   * site): recorded in failures, tried again by a later crawl.
   */
  | { status: 'failed'; error: string; robots?: true };

export type ParseOutcome =
  | { status: 'saved'; record: Decision; inserted: boolean; changed: boolean }
  | { status: 'quarantined'; reason: string };

/** Stage 1: fetch a decision page (unless archived) and keep it verbatim. Never throws for fetch errors. */
export async function fetchDecisionPage(ctx: StageContext, target: DecisionTarget): Promise<FetchOutcome> {
  if (ctx.archive.decisionPageFetched(target.refKey)) return { status: 'already-archived' };
  try {
    const res = await ctx.http.get(target.url, { kind: 'decision', signal: ctx.signal });
    const fetchedAt = new Date().toISOString();
    const { hash, contentType } = storeDecisionResponse(ctx.archive, res, target.refKey, fetchedAt);
    ctx.archive.clearFailure(target.url);
    return { status: 'stored', pageHash: hash, url: target.url, contentType, fetchedAt };
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    if (e instanceof PageTooLargeError) {
      const failure = { url: target.url, kind: 'decision' as const, refKey: target.refKey, error: e.message };
      ctx.archive.logFetch({ ...failure, status: e.status });
      ctx.archive.recordFailure({ ...failure, status: e.status, permanent: true, tries: 1 });
      ctx.log.warn(
        { url: target.url, bytes: e.bytes, limit: e.limit },
        'decision page over the size cap; refused',
      );
      return { status: 'gone', httpStatus: e.status, error: e.message, tooLarge: true };
    }
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
    if (e instanceof RobotsDisallowedError) {
      // robots.txt is re-read by every crawl, so a disallowed URL is tried again if it is allowed later.
      ctx.archive.recordFailure({
        url: target.url,
        kind: 'decision',
        refKey: target.refKey,
        permanent: false,
        tries: 0,
        error: e.message,
      });
      ctx.log.info({ url: target.url }, 'decision page disallowed by robots.txt; skipped');
      return { status: 'failed', error: e.message, robots: true };
    }
    if (e instanceof RetryableFetchError || e instanceof ThrottledError) {
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
        permanent: false,
        tries: 1,
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
/** A stored decision page to parse (stage 2). */
export interface StoredPage {
  refKey: string;
  url: string;
  pageHash: string;
  contentType?: string | null;
  fetchedAt?: string;
}

/**
 * Parses a stored page somewhere else than this thread (a worker pool): gets the page as stored
 * (blob encoding and bytes, a copy the parser may keep) and answers the record or the parse error's
 * message — the same as parseDecisionHtml here would.
 */
export type OffThreadParser = (page: {
  url: string;
  contentType: string | null;
  encoding: string;
  stored: Uint8Array;
}) => Promise<{ ok: true; record: Decision } | { ok: false; error: string }>;

type ParseCtx = Pick<StageContext, 'archive' | 'log' | 'parse' | 'parseOffThread'>;

/**
 * Stage 2: parse a stored decision page and save the record. A page that does not parse (or whose
 * record fails validation, or names another reference) is quarantined with the reason.
 */
export function parseStoredDecision(ctx: ParseCtx, page: StoredPage): ParseOutcome {
  const parse = ctx.parse ?? parseDecisionHtml;
  let record: Decision;
  try {
    record = parse(decodeBody(ctx.archive.getPageBody(page.pageHash), page.contentType), { url: page.url });
  } catch (e) {
    // ParseError is the expected case; anything else from the parser is a parser bug, kept the same way.
    const reason =
      e instanceof LgscoError ? e.message : `parser failed: ${(e as Error)?.message ?? String(e)}`;
    return quarantineStored(ctx, page, reason);
  }
  return saveParsed(ctx, page, record);
}

/**
 * Stage 2 with `ctx.parseOffThread` when there is one (the thread that serves HTTP never parses),
 * else parseStoredDecision. Same outcomes either way.
 */
export async function parseStoredDecisionAsync(ctx: ParseCtx, page: StoredPage): Promise<ParseOutcome> {
  if (!ctx.parseOffThread) return parseStoredDecision(ctx, page);
  const { encoding, body } = ctx.archive.getStoredPage(page.pageHash);
  const out = await ctx.parseOffThread({
    url: page.url,
    contentType: page.contentType ?? null,
    encoding,
    stored: new Uint8Array(body), // a copy of its own: it may be transferred to the worker
  });
  if (!out.ok) return quarantineStored(ctx, page, out.error);
  return saveParsed(ctx, page, out.record);
}

function quarantineStored(ctx: ParseCtx, page: StoredPage, reason: string): ParseOutcome {
  ctx.archive.quarantine({ url: page.url, refKey: page.refKey, pageHash: page.pageHash, reason });
  ctx.log.warn({ url: page.url, reason }, 'decision page quarantined');
  return { status: 'quarantined', reason };
}

function saveParsed(ctx: ParseCtx, page: StoredPage, record: Decision): ParseOutcome {
  if (record.refKey !== page.refKey) {
    return quarantineStored(
      ctx,
      page,
      `page is decision ${record.refKey}, but the listing linked it as ${page.refKey}`,
    );
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
      return quarantineStored(ctx, page, e.message);
    }
    throw e;
  }
}

/** processDecision's result when a page was parsed: `fromArchive` when it was not fetched now. */
export type ProcessOutcome =
  | FetchOutcome
  | (ParseOutcome & { fetch: FetchOutcome & { status: 'stored' }; fromArchive?: boolean });

/**
 * Both stages for one decision. A page archived earlier but never parsed nor quarantined (a crash
 * between the stages) is parsed from the archive, not fetched again.
 */
export async function processDecision(ctx: StageContext, target: DecisionTarget): Promise<ProcessOutcome> {
  const fetched = await fetchDecisionPage(ctx, target);
  if (fetched.status === 'gone' && fetched.tooLarge) {
    // Quarantined with the reason (no page kept), so `status` and the quarantine list show it.
    ctx.archive.quarantine({ url: target.url, refKey: target.refKey, reason: fetched.error });
    return fetched;
  }
  if (fetched.status === 'already-archived') {
    const stored = ctx.archive.hasDecision(target.refKey)
      ? undefined
      : ctx.archive.storedDecisionPage(target.refKey);
    if (!stored || ctx.archive.isQuarantined(target.refKey, stored.pageHash)) return fetched;
    const fetch = { status: 'stored' as const, ...stored };
    return { ...(await parseStoredDecisionAsync(ctx, stored)), fetch, fromArchive: true };
  }
  if (fetched.status !== 'stored') return fetched;
  return { ...(await parseStoredDecisionAsync(ctx, { refKey: target.refKey, ...fetched })), fetch: fetched };
}

/** Keeps a decision page verbatim with its validators; shared by the fetch stage and the re-check. */
export function storeDecisionResponse(
  archive: Pick<Archive, 'storePage'>,
  res: HttpResponse,
  refKey: string,
  fetchedAt: string,
): { hash: string; contentType: string | null } {
  const contentType = res.headers.get('content-type');
  const { hash } = archive.storePage({
    url: res.url,
    kind: 'decision',
    status: res.status,
    body: res.body,
    etag: res.headers.get('etag'),
    lastModified: res.headers.get('last-modified'),
    contentType,
    refKey,
    fetchedAt,
  });
  return { hash, contentType };
}
