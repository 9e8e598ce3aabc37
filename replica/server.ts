/**
 * The replica site over real HTTP on 127.0.0.1 (node:http). Routes: /robots.txt, /decisions,
 * /decisions/<cat>, /decisions/<cat>/<subcat>, /Decisions/SearchResults, decision pages, and the
 * form post /decisionsnew/newsearchpost (302 to the listing). Faults, a request log and mutation
 * hooks for recheck tests.
 * @module
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { sourceProfile } from '../core/source-profile.js';
import { generateCorpus, type ReplicaCorpus } from './corpus.js';
import { type FaultAction, FaultProfile, faultFor, latencyFor } from './faults.js';
import { daysFromIso, httpDate } from './format.js';
import { BadListingQuery, parseListingQuery, runListingQuery } from './listing-query.js';
import { renderDecisionPage } from './render-decision.js';
import {
  renderCategoryIndex,
  renderCategoryPage,
  renderErrorPage,
  renderLandingPage,
  renderListingPage,
  renderSearchShell,
} from './render-listing.js';
import { SUBCATEGORIES, subcategoryBySlugs } from './taxonomy.js';

export const ReplicaOptions = z.strictObject({
  /** Port on 127.0.0.1; 0 picks a free one. @default 0 */
  port: z.number().int().min(0).max(65535).optional(),
  seed: z.number().int(),
  /** Number of decisions in the corpus. */
  decisions: z.number().int().min(0),
  /** Fault mix for listing, category and decision pages (never robots.txt). @default none */
  faults: FaultProfile.optional(),
  /** Deepest listing page with items. @default sourceProfile.listing.maxPages */
  maxPages: z.number().int().min(1).optional(),
  /** Body of /robots.txt. @default allows everything except /admin/ */
  robotsTxt: z.string().optional(),
  /** Give clients whose User-Agent lacks "Mozilla/" an empty search shell on SearchResults. @default false */
  shellForNonBrowsers: z.boolean().optional(),
  /** Extra latency per faultable request, [min, max] ms; faults.latencyMs wins if both are set. */
  latencyMs: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
});
export type ReplicaOptions = z.input<typeof ReplicaOptions>;

/** One served request. `status` 0 = never answered (hang); `bytes` = body bytes actually sent. */
export interface ReplicaRequest {
  /** Arrival, ms since the epoch. */
  at: number;
  /** When the answer went out (= `at` for a hang), ms since the epoch. */
  sentAt: number;
  method: string;
  path: string;
  query: string;
  status: number;
  userAgent: string;
  bytes: number;
}

export interface ReplicaServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly corpus: ReplicaCorpus;
  readonly requestLog: ReplicaRequest[];
  /** Replaces the fault profile (validated). */
  setFaults(faults: FaultProfile): void;
  /** Rewords a decision deterministically (new body, new ETag, new Last-Modified); returns its revision. */
  changeDecision(refKey: string): number;
  /** Makes a decision page answer 404 or 410 (listings still show it, as on the real site). */
  removeDecision(refKey: string, status?: 404 | 410): void;
  /** Serves a removed decision page again. */
  restoreDecision(refKey: string): void;
  /**
   * Serves `html` as the decision's page from now on (a hostile or broken page: tests of what the
   * crawler does with it); undefined goes back to the generated page.
   */
  setDecisionBody(refKey: string, html: string | undefined): void;
  /**
   * Files a decision under a second category path as well: listings show it twice (the total
   * counts both) and its page is served at both paths. Returns the second path.
   */
  listAlsoUnder(refKey: string, catSlug: string, subSlug: string): string;
  /** Stops the server and ends every open or hanging connection. Idempotent. */
  close(): Promise<void>;
}

/** robots.txt served unless `robotsTxt` is given. */
export const DEFAULT_ROBOTS_TXT = 'User-agent: *\nDisallow: /admin/\n';

const HTML = 'text/html; charset=utf-8';

function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Starts the replica on 127.0.0.1. */
export async function startReplica(options: ReplicaOptions): Promise<ReplicaServer> {
  const opts = ReplicaOptions.parse(options);
  const corpus = generateCorpus({ seed: opts.seed, count: opts.decisions });
  const maxPages = opts.maxPages ?? sourceProfile.listing.maxPages;
  const pageSize = sourceProfile.listing.pageSize;
  let faults: FaultProfile = opts.faults ?? {};
  let faultCounter = 0;
  const requestLog: ReplicaRequest[] = [];
  const removed = new Map<string, 404 | 410>();
  const bodies = new Map<string, string>();
  const changedAt = new Map<number, number>();
  /** index → extra listing paths, and path → index, for decisions filed under two categories. */
  const aliases = new Map<number, string[]>();
  const aliasIndex = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;

  const log = (req: IncomingMessage, url: URL, status: number, bytes: number, at: number) => {
    requestLog.push({
      at,
      sentAt: status === 0 ? at : Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.slice(1),
      status,
      userAgent: req.headers['user-agent'] ?? '',
      bytes,
    });
  };

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    at: number,
    status: number,
    body: string,
    headers: Record<string, string | number> = {},
    truncate = false,
  ) => {
    if (res.destroyed || closing) return;
    const buf = Buffer.from(body, 'utf8');
    const head = req.method === 'HEAD' || status === 304;
    res.writeHead(status, {
      'Content-Type': headers['Content-Type'] ?? HTML,
      'Content-Length': head && status === 304 ? 0 : buf.length,
      ...headers,
    });
    if (head) {
      res.end();
      log(req, url, status, 0, at);
      return;
    }
    if (truncate) {
      // Promise the whole body, deliver half, then drop the connection.
      const part = buf.subarray(0, Math.floor(buf.length / 2));
      res.write(part, () => res.destroy());
      log(req, url, status, part.length, at);
      return;
    }
    res.end(buf);
    log(req, url, status, buf.length, at);
  };

  const listing = (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    at: number,
    ua: string,
    fault: boolean,
  ) => {
    if (opts.shellForNonBrowsers && !ua.includes('Mozilla/')) {
      send(req, res, url, at, 200, renderSearchShell(), {}, fault);
      return;
    }
    let q: ReturnType<typeof parseListingQuery>;
    try {
      q = parseListingQuery(url.searchParams);
    } catch (err) {
      if (err instanceof BadListingQuery) {
        send(req, res, url, at, 400, renderErrorPage(400, `Your search could not be run: ${err.message}`));
        return;
      }
      throw err;
    }
    const hits = runListingQuery(corpus, q).flatMap((i) =>
      [undefined, ...(aliases.get(i) ?? [])].map((path) => ({ i, path })),
    );
    const pageHits = q.page <= maxPages ? hits.slice((q.page - 1) * pageSize, q.page * pageSize) : [];
    const items = pageHits.map(({ i, path }) => {
      const full = corpus.full(i);
      return path ? { ...full, path } : full;
    });
    send(
      req,
      res,
      url,
      at,
      200,
      renderListingPage({ total: hits.length, items, page: q.page, query: q.linkQuery, maxPages }),
      {},
      fault,
    );
  };

  const decisionPage = (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    at: number,
    fault: boolean,
  ): boolean => {
    const path =
      url.pathname.length > 1 && url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
    const alias = aliasIndex.get(path);
    const meta = alias === undefined ? corpus.byPath(path) : corpus.decisions[alias];
    if (!meta) return false;
    const gone = removed.get(meta.refKey);
    if (gone) {
      send(
        req,
        res,
        url,
        at,
        gone,
        renderErrorPage(gone, gone === 410 ? 'This decision has been removed.' : 'Page not found.'),
      );
      return true;
    }
    const body = bodies.get(meta.refKey) ?? renderDecisionPage(corpus.full(meta.index));
    const etag = etagOf(body);
    // Published the day after the decision; a change is "modified" at the moment it was made.
    const modified = changedAt.get(meta.index) ?? ((daysFromIso(meta.decisionDate) ?? 0) + 1) * 86_400_000;
    const headers = { ETag: etag, 'Last-Modified': httpDate(modified) };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const notModified =
      inm !== undefined
        ? inm.split(',').some((t) => t.trim() === etag || t.trim() === '*' || t.trim() === `W/${etag}`)
        : ims !== undefined && Date.parse(ims) >= Math.floor(modified / 1000) * 1000;
    if (notModified) send(req, res, url, at, 304, '', headers);
    else send(req, res, url, at, 200, body, headers, fault);
    return true;
  };

  const route = (req: IncomingMessage, res: ServerResponse, url: URL, at: number, fault: boolean) => {
    const ua = req.headers['user-agent'] ?? '';
    const path = url.pathname;
    if (path.toLowerCase() === sourceProfile.listing.path.toLowerCase())
      return listing(req, res, url, at, ua, fault);
    if (path === '/') return send(req, res, url, at, 200, renderLandingPage(), {}, fault);
    if (path === sourceProfile.listing.primePath || path === `${sourceProfile.listing.primePath}/`) {
      return send(req, res, url, at, 200, renderLandingPage(), {}, fault);
    }
    if (decisionPage(req, res, url, at, fault)) return;
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'decisions' && parts.length === 2) {
      const sub = SUBCATEGORIES.find((s) => s.catSlug === parts[1]);
      if (sub) return send(req, res, url, at, 200, renderCategoryIndex(sub.category), {}, fault);
    }
    if (parts[0] === 'decisions' && parts.length === 3) {
      const sub = subcategoryBySlugs(parts[1] as string, parts[2] as string);
      if (sub) {
        const items = [];
        for (let i = corpus.decisions.length - 1; i >= 0 && items.length < 10; i--) {
          const d = corpus.decisions[i];
          if (d && d.catSlug === sub.catSlug && d.subSlug === sub.slug) items.push(corpus.full(i));
        }
        return send(req, res, url, at, 200, renderCategoryPage(sub.category, sub.name, items), {}, fault);
      }
    }
    send(req, res, url, at, 404, renderErrorPage(404, 'Page not found.'));
  };

  const respondFault = (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    at: number,
    action: FaultAction,
  ): boolean => {
    switch (action.kind) {
      case 'hang':
        log(req, url, 0, 0, at);
        return true; // never answered; close() destroys the socket
      case 'error':
        send(
          req,
          res,
          url,
          at,
          action.status,
          renderErrorPage(action.status, 'Sorry, something went wrong.'),
        );
        return true;
      case 'throttle':
        send(req, res, url, at, 429, renderErrorPage(429, 'Please slow down.'), {
          'Retry-After': String(action.retryAfterSeconds),
        });
        return true;
      default:
        return false;
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const p of sourceProfile.stripParams) url.searchParams.delete(p);
    try {
      if (url.pathname === '/robots.txt') {
        send(req, res, url, at, 200, opts.robotsTxt ?? DEFAULT_ROBOTS_TXT, {
          'Content-Type': 'text/plain; charset=utf-8',
        });
        return;
      }
      if (req.method === 'POST' && url.pathname.toLowerCase() === '/decisionsnew/newsearchpost') {
        searchPost(req, res, url, at);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(req, res, url, at, 405, renderErrorPage(405, 'Method not allowed.'), { Allow: 'GET, HEAD' });
        return;
      }
      const n = faultCounter++;
      const action = faultFor(opts.seed, n, faults);
      const delay = latencyFor(opts.seed, n, faults.latencyMs ?? opts.latencyMs);
      const go = () => {
        try {
          if (!respondFault(req, res, url, at, action)) route(req, res, url, at, action.kind === 'truncate');
        } catch (err) {
          send(req, res, url, at, 500, renderErrorPage(500, `Replica error: ${(err as Error).message}`));
        }
      };
      if (delay > 0 && action.kind !== 'hang') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          go();
        }, delay);
        timers.add(timer);
      } else go();
    } catch (err) {
      send(req, res, url, at, 500, renderErrorPage(500, `Replica error: ${(err as Error).message}`));
    }
  };

  const searchPost = (req: IncomingMessage, res: ServerResponse, url: URL, at: number) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      const P = sourceProfile.listing.params;
      const q = new URLSearchParams();
      for (const name of [P.from, P.to, P.organisation, P.decisionCodes]) {
        const v = form.get(name);
        if (v) q.set(name, v);
      }
      q.set(P.sortOrder, sourceProfile.listing.sortOrder);
      send(req, res, url, at, 302, '', { Location: `${sourceProfile.listing.path}?${q.toString()}` });
    });
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;

  const indexOrThrow = (refKey: string): number => {
    const i = corpus.indexOf(refKey);
    if (i === undefined) throw new RangeError(`replica: no decision with refKey ${JSON.stringify(refKey)}`);
    return i;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    corpus,
    requestLog,
    setFaults(next) {
      faults = FaultProfile.parse(next);
    },
    changeDecision(refKey) {
      const i = indexOrThrow(refKey);
      const rev = corpus.bumpRevision(i);
      // Strictly later than the previous Last-Modified, at one-second HTTP-date precision.
      const prev = changedAt.get(i) ?? 0;
      changedAt.set(i, Math.max(Math.floor(Date.now() / 1000) * 1000, prev + 1000));
      return rev;
    },
    restoreDecision(refKey) {
      indexOrThrow(refKey);
      removed.delete(refKey);
    },
    setDecisionBody(refKey, html) {
      indexOrThrow(refKey);
      if (html === undefined) bodies.delete(refKey);
      else bodies.set(refKey, html);
    },
    listAlsoUnder(refKey, catSlug, subSlug) {
      const i = indexOrThrow(refKey);
      const path = `/decisions/${catSlug}/${subSlug}/${refKey}`;
      if (path === corpus.decisions[i]!.path || aliasIndex.has(path)) return path;
      aliases.set(i, [...(aliases.get(i) ?? []), path]);
      aliasIndex.set(path, i);
      return path;
    },
    removeDecision(refKey, status = 410) {
      indexOrThrow(refKey);
      removed.set(refKey, status);
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
