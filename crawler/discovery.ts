/**
 * Discovery: walk the decision listing in date windows and put every decision it names into the
 * archive's frontier (`discovered`).
 *
 * Windows are calendar months from `from` to `to`, OLDEST FIRST: the Ombudsman takes decisions down
 * about five years after publication, so the oldest ones are the ones at risk and are saved first.
 * A window whose total is more than the listing will page through (pageSize × maxPages) is split
 * in halves, recursively, down to a single day.
 *
 * Every listing page fetched is kept verbatim in the archive (kind 'listing').
 * @module
 */
import type { Archive } from '../archive/index.js';
import { PermanentFetchError, SearchShellError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { sourceProfile } from '../core/source-profile.js';
import { decodeBody, type ListingItem, type ListingPage, parseListingHtml } from '../parser/index.js';
import type { HttpClient, HttpResponse } from './http-client.js';
import type { ListingBrowser } from './listing-browser.js';

/** Listing parameters that change what a window holds (so they are part of its key). */
export interface ListingFilter {
  /** `aname`: exact organisation name. */
  organisation?: string;
  /** `dc`: decision codes, e.g. "u+nu+" (see filters.ts decisionCodesFor). */
  decisionCodes?: string;
}

const asFilter = (f?: string | ListingFilter): ListingFilter =>
  typeof f === 'string' ? { organisation: f } : (f ?? {});

export interface DateWindow {
  /** Archive key: "2024-03" for a whole month, "2024-03-01..2024-03-15" for part of one (prefixed by the organisation filter). */
  key: string;
  /** yyyy-mm-dd, inclusive. */
  from: string;
  /** yyyy-mm-dd, inclusive. */
  to: string;
}

export interface ListingLimits {
  /** Results per listing page. */
  pageSize: number;
  /** Deepest page the listing serves. */
  maxPages: number;
}

export interface DiscoveryContext {
  http: HttpClient;
  archive: Archive;
  baseUrl: string;
  log: Logger;
  /** Only this organisation (the listing's `aname` filter). */
  organisation?: string;
  /** Only these outcomes (the listing's `dc` value, e.g. "u+"). */
  decisionCodes?: string;
  /**
   * Chromium fallback for search shells; without it a shell is a SearchShellError. A ListingBrowser,
   * or a view of one whose switch is kept elsewhere (the queue's discovery worker keeps one per run).
   */
  browser?: Pick<ListingBrowser, 'active' | 'canFallBack' | 'activate' | 'fetch'>;
  /** Walk windows again even when the archive has them complete. */
  refresh?: boolean;
  /**
   * A completed window is final only if it was completed this many days after its last day;
   * younger windows are walked again, because decisions are published ~3 months after they are
   * made. Default 120.
   */
  settleDays?: number;
  limits?: ListingLimits;
  /** Checked between listing pages: true stops the walk (the window is left incomplete). */
  shouldStop?: () => boolean;
  /** Receives each listing page's items (deduped within the walk) once they are in `discovered`. */
  onItems?: (items: ListingItem[], window: DateWindow) => void | Promise<void>;
  /** Counts every listing page fetched. */
  onListingPage?: (url: string) => void;
  signal?: AbortSignal;
  /** Parse listing pages with this (off the calling thread) instead of parseListingHtml here. */
  parseListing?: (html: string, pageUrl: string) => Promise<ListingPage>;
}

export interface WindowOutcome {
  window: DateWindow;
  /** 'done': walked to its end; 'skipped': already complete in the archive; 'stopped': shouldStop; 'incomplete': fewer items than the total. */
  status: 'done' | 'skipped' | 'stopped' | 'incomplete';
  total: number | null;
  /** Listing pages fetched for this window (sub-windows included). */
  pages: number;
  /** Distinct items seen in this window's walk. */
  items: number;
  /** Sub-windows walked when the window was split. */
  parts: WindowOutcome[];
  /** A single day with more results than the listing pages through: some were not reachable. */
  truncated: boolean;
}

const DAY_MS = 86_400_000;

function toDays(iso: string): number {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}$/.test(iso))
    throw new RangeError(`not a yyyy-mm-dd date: ${JSON.stringify(iso)}`);
  return Math.round(t / DAY_MS);
}

function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  return fromDays(toDays(iso) + n);
}

/** Today's date (UTC) as yyyy-mm-dd. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function lastDayOfMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function windowKey(from: string, to: string, filter: ListingFilter): string {
  const whole = from.endsWith('-01') && to === lastDayOfMonth(from);
  const base = whole ? from.slice(0, 7) : `${from}..${to}`;
  const prefix =
    (filter.organisation ? `aname=${filter.organisation}|` : '') +
    (filter.decisionCodes ? `dc=${filter.decisionCodes}|` : '');
  return prefix + base;
}

/**
 * Calendar-month windows covering [from, to], oldest first; the first and last may be partial
 * months. `filter` (an organisation name, or listing filters) becomes part of each key.
 */
export function monthlyWindows(from: string, to: string, filter?: string | ListingFilter): DateWindow[] {
  const f = asFilter(filter);
  if (toDays(from) > toDays(to)) throw new RangeError(`from (${from}) is after to (${to})`);
  const out: DateWindow[] = [];
  let start = from;
  while (toDays(start) <= toDays(to)) {
    const monthEnd = lastDayOfMonth(start);
    const end = toDays(monthEnd) < toDays(to) ? monthEnd : to;
    out.push({ key: windowKey(start, end, f), from: start, to: end });
    start = addDays(end, 1);
  }
  return out;
}

/** The two halves of a window (older half first), or null for a single day. */
export function splitWindow(w: DateWindow, filter?: string | ListingFilter): [DateWindow, DateWindow] | null {
  const f = asFilter(filter);
  const a = toDays(w.from);
  const b = toDays(w.to);
  if (b <= a) return null;
  const mid = a + Math.floor((b - a + 1) / 2) - 1;
  const left = { from: w.from, to: fromDays(mid) };
  const right = { from: fromDays(mid + 1), to: w.to };
  return [
    { key: windowKey(left.from, left.to, f), ...left },
    { key: windowKey(right.from, right.to, f), ...right },
  ];
}

/** The listing URL for one page of a window, with the parameter names from the source profile. */
export function listingUrl(
  baseUrl: string,
  w: { from: string; to: string },
  page: number,
  filter?: string | ListingFilter,
): string {
  const f = asFilter(filter);
  const lp = sourceProfile.listing;
  const u = new URL(lp.path, baseUrl);
  u.searchParams.set(lp.params.from, w.from);
  u.searchParams.set(lp.params.to, w.to);
  if (f.organisation) u.searchParams.set(lp.params.organisation, f.organisation);
  // URLSearchParams sends "+" as %2B, as the site's own form does (c%2Bnu%2Bu%2B).
  if (f.decisionCodes) u.searchParams.set(lp.params.decisionCodes, f.decisionCodes);
  u.searchParams.set(lp.params.sortOrder, lp.sortOrder);
  u.searchParams.set(lp.params.page, String(page));
  return u.href;
}

/**
 * Fetches, archives (verbatim) and parses one listing page. A search shell is retried through
 * `ctx.browser` when there is one (which then serves every later listing page of the crawl);
 * otherwise, or when Chromium gets the shell too, it throws SearchShellError.
 */
export async function fetchListingPage(
  ctx: Pick<DiscoveryContext, 'http' | 'archive' | 'signal' | 'onListingPage' | 'browser' | 'log'>,
  url: string,
  parse: (html: string, pageUrl: string) => ListingPage | Promise<ListingPage> = parseListingHtml,
): Promise<ListingPage & { url: string; hash: string }> {
  const store = (res: Pick<HttpResponse, 'url' | 'status' | 'body' | 'headers'>) =>
    ctx.archive.storePage({
      url: res.url,
      kind: 'listing',
      status: res.status,
      body: res.body,
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
      contentType: res.headers.get('content-type'),
    }).hash;
  const read = async (res: Pick<HttpResponse, 'url' | 'body' | 'headers'>) =>
    parse(decodeBody(res.body, res.headers.get('content-type')), res.url);
  const browser = ctx.browser;

  if (!browser?.active) {
    const res = await ctx.http.get(url, { kind: 'listing', signal: ctx.signal });
    ctx.onListingPage?.(url);
    const hash = store(res);
    const page = await read(res);
    if (!page.isShell) return { ...page, url: res.url, hash };
    if (!browser?.canFallBack) throw new SearchShellError(res.url);
    browser.activate(`search shell at ${res.url}`);
  }

  const { response, rendered } = await browser!.fetch(url, ctx.signal);
  ctx.onListingPage?.(url);
  const hash = store(response);
  const page = await read(response);
  if (!page.isShell) return { ...page, url: response.url, hash };
  // The results may be filled in by the page's scripts: read (and keep) the rendered DOM.
  const dom = {
    url: response.url,
    status: response.status,
    body: Buffer.from(rendered, 'utf8'),
    headers: new Headers({ 'content-type': 'text/html; charset=utf-8' }),
  };
  const domHash = store(dom);
  const fromDom = await read(dom);
  if (fromDom.isShell) throw new SearchShellError(response.url);
  return { ...fromDom, url: response.url, hash: domHash };
}

/** True when the archive has the window complete and it was completed long enough after its end. */
export function isWindowSettled(archive: Archive, w: DateWindow, settleDays: number): boolean {
  const row = archive.getWindow(w.key);
  if (!row?.completedAt) return false;
  return toDays(row.completedAt.slice(0, 10)) >= toDays(w.to) + settleDays;
}

/**
 * Walks one window: page 1 gives the total; a window too big for the listing's page limit is split
 * in halves (recursively); otherwise pages are walked until every item is seen or a page is empty.
 * Items go to `archive.addDiscovered` (deduped by refKey) and then to `ctx.onItems`. The window is
 * marked complete in the archive when it was walked to its end.
 */
export async function discoverWindow(ctx: DiscoveryContext, w: DateWindow): Promise<WindowOutcome> {
  const limits = ctx.limits ?? {
    pageSize: sourceProfile.listing.pageSize,
    maxPages: sourceProfile.listing.maxPages,
  };
  const settleDays = ctx.settleDays ?? 120;
  const outcome: WindowOutcome = {
    window: w,
    status: 'done',
    total: null,
    pages: 0,
    items: 0,
    parts: [],
    truncated: false,
  };
  if (!ctx.refresh && isWindowSettled(ctx.archive, w, settleDays)) {
    outcome.status = 'skipped';
    return outcome;
  }
  const filter: ListingFilter = { organisation: ctx.organisation, decisionCodes: ctx.decisionCodes };
  // One decision can be listed twice (under two category paths): the total counts listings (URLs),
  // the frontier counts decisions (refKeys).
  const seen = new Set<string>();
  const listed = new Set<string>();
  const take = async (items: ListingItem[]): Promise<number> => {
    const newListings = items.filter((it) => !listed.has(it.url));
    for (const it of newListings) listed.add(it.url);
    const fresh = items.filter((it) => !seen.has(it.refKey));
    for (const it of fresh) seen.add(it.refKey);
    if (fresh.length > 0) {
      ctx.archive.addDiscovered(
        fresh.map((it) => ({
          refKey: it.refKey,
          url: it.url,
          organisation: it.organisation,
          decisionDate: it.decisionDate,
          outcome: it.outcome,
        })),
      );
      await ctx.onItems?.(fresh, w);
    }
    return newListings.length;
  };

  if (ctx.shouldStop?.()) {
    outcome.status = 'stopped';
    return outcome;
  }
  const first = await fetchListingPage(ctx, listingUrl(ctx.baseUrl, w, 1, filter), ctx.parseListing);
  outcome.pages = 1;
  outcome.total = first.total;
  const reachable = limits.pageSize * limits.maxPages;

  if (first.total !== null && first.total > reachable) {
    const halves = splitWindow(w, filter);
    if (halves) {
      ctx.log.info(
        { window: w.key, total: first.total, reachable },
        'listing window too large for its pages; splitting',
      );
      // Page 1's items are real decisions: keep them (the halves will see them again, deduped).
      await take(first.items);
      for (const half of halves) {
        const part = await discoverWindow(ctx, half);
        outcome.parts.push(part);
        outcome.pages += part.pages;
        outcome.truncated ||= part.truncated;
        if (part.status === 'stopped' || part.status === 'incomplete') outcome.status = part.status;
      }
      outcome.items = outcome.parts.reduce((n, p) => n + p.items, 0);
      if (outcome.status === 'done') {
        ctx.archive.markWindow({
          key: w.key,
          from: w.from,
          to: w.to,
          organisation: ctx.organisation,
          total: first.total,
          pages: outcome.pages,
        });
      }
      return outcome;
    }
    outcome.truncated = true;
    ctx.log.warn(
      { window: w.key, total: first.total, reachable },
      'one day has more results than the listing pages through; the rest of that day is not reachable this way',
    );
  }

  await take(first.items);
  let page = 1;
  let last = first;
  for (;;) {
    if (last.items.length === 0) break;
    if (first.total !== null && listed.size >= first.total) break;
    if (page >= limits.maxPages) break;
    if (ctx.shouldStop?.()) {
      outcome.status = 'stopped';
      break;
    }
    page++;
    try {
      last = await fetchListingPage(ctx, listingUrl(ctx.baseUrl, w, page, filter), ctx.parseListing);
    } catch (e) {
      // A page past the end that answers 404 just means the end.
      if (e instanceof PermanentFetchError && e.status === 404 && page > 1) break;
      throw e;
    }
    outcome.pages++;
    const fresh = await take(last.items);
    if (fresh === 0 && last.items.length > 0) {
      ctx.log.warn({ window: w.key, page }, 'listing page repeated earlier items; stopping this window');
      break;
    }
  }
  outcome.items = seen.size;
  if (outcome.status === 'stopped') return outcome;
  const expected = first.total === null ? 0 : Math.min(first.total, reachable);
  if (listed.size < expected) {
    outcome.status = 'incomplete';
    ctx.log.warn(
      { window: w.key, total: first.total, seen: listed.size, pages: outcome.pages },
      'listing window ended before its total; it will be walked again next crawl',
    );
  }
  ctx.archive.markWindow({
    key: w.key,
    from: w.from,
    to: w.to,
    organisation: ctx.organisation,
    total: first.total,
    pages: outcome.pages,
    complete: outcome.status === 'done',
  });
  return outcome;
}
