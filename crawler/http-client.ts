/**
 * HttpClient: the ONE funnel every request to the source goes through. It sends our User-Agent,
 * obeys robots.txt, holds one global rate (evenly spaced starts) and a bound on requests in flight,
 * times requests out, retries what is worth retrying with capped exponential backoff and full
 * jitter, and waits as long as the server asks on 429/503 Retry-After.
 *
 * Design of the limits (see limits.ts):
 * - A request first takes a concurrency permit, then a rate slot, and holds the permit only while
 *   the request runs. Backoff and Retry-After waits happen without a permit, so a failing URL
 *   never blocks the others.
 * - The rate gate is global (all origins, all kinds: robots, listing, decision). Retries and
 *   redirect hops take slots like any request, so the configured rate is a hard ceiling on
 *   requests started per second.
 * - Retry-After pauses the whole gate: when the server says "slow down" every request waits.
 * - A robots.txt Crawl-delay for our agent widens the spacing when it is slower than config.rate.
 * @module
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import robotsParserModule from 'robots-parser';
import type { Config } from '../core/config.js';
import {
  LgscoError,
  PermanentFetchError,
  RetryableFetchError,
  RobotsDisallowedError,
  ThrottledError,
} from '../core/errors.js';
import { type Logger, silentLogger } from '../core/log.js';
import { RateGate, type RequestGate, Semaphore } from './limits.js';

export type FetchKind = 'listing' | 'decision' | 'robots' | 'other';

/** One HTTP exchange as the funnel sees it; `fetch` by default, a browser navigation for the shell fallback. */
export interface TransportRequest {
  url: string;
  headers: Record<string, string>;
  /** Aborts on the caller's signal or the funnel's timeout. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Largest body accepted: a transport stops reading past it and throws PageTooLargeError. */
  maxBodyBytes?: number;
}

/** How PageTooLargeError's message starts (a queue's store step tells a refused page by it). */
export const PAGE_TOO_LARGE = 'page too large';

/** Default of HttpClientOptions.maxBodyBytes (config LGSCO_MAX_PAGE_BYTES). */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * A body over the size cap (Content-Length, or counted while reading, which then stops): refused
 * without retrying. Not kept; the crawler quarantines the URL with this reason and never asks again.
 */
export class PageTooLargeError extends PermanentFetchError {
  constructor(
    url: string,
    status: number,
    readonly bytes: number,
    readonly limit: number,
    declared: boolean,
  ) {
    super(
      url,
      status,
      `${PAGE_TOO_LARGE}: ${declared ? 'Content-Length' : 'more than'} ${bytes} bytes, over the ` +
        `${limit}-byte cap (LGSCO_MAX_PAGE_BYTES)`,
    );
  }
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  /** Final URL (a browser follows redirects itself). */
  url: string;
}

/** Replaces only the "get the bytes" step; robots, limits, retries and Retry-After stay in the funnel. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export interface GetOptions {
  kind: FetchKind;
  /** Conditional GET: sends If-None-Match; a 304 is returned as status 304 with an empty body. */
  etag?: string | null;
  /** Conditional GET: sends If-Modified-Since. */
  lastModified?: string | null;
  /** Extra request headers (e.g. Referer). Cannot replace User-Agent. */
  headers?: Record<string, string>;
  /** Abort from the caller (not retried). */
  signal?: AbortSignal;
  /** How to send the request (default: fetch, redirects handled here). */
  transport?: Transport;
}

export interface HttpResponse {
  status: number;
  body: Buffer;
  headers: Headers;
  /** Final URL, after redirects. */
  url: string;
  /** Attempts it took (1 = first try). */
  attempts: number;
}

export interface HttpStats {
  /** HTTP requests sent (every attempt, every redirect hop, robots.txt included). */
  requests: number;
  /** Responses returned to callers (2xx and 304). */
  fetched: number;
  /** Attempts repeated after a network error, timeout, 5xx or truncated body. */
  retried: number;
  /** 429 / 503-with-Retry-After answers. */
  throttled: number;
  /** Calls that ended in an error (after all tries, or permanent). */
  failed: number;
  /** URLs refused because robots.txt disallows them (never requested). */
  robotsDisallowed: number;
  /** Body bytes received. */
  bytes: number;
}

export interface HttpClientOptions {
  userAgent: string;
  /** Requests per second, all origins together. */
  rate: number;
  /** Requests in flight at once. */
  concurrency: number;
  timeoutMs: number;
  /** Attempts per URL (network errors, timeouts, 5xx, truncated bodies). */
  maxTries: number;
  /** Backoff: attempt n waits random(0, min(cap, base·2^(n-1))) ms. Default 500. */
  backoffBaseMs?: number;
  /** Default 30 000. */
  backoffCapMs?: number;
  /** Longest Retry-After honoured; longer requests are clamped to it. Default 120 000. */
  retryAfterCapMs?: number;
  /** Wait after a 429 that carries no Retry-After. Default 5 000 (backoff grows from there). */
  throttleDefaultMs?: number;
  /** Throttle answers that do not count as failed tries; later ones each use up a try. Default 3. */
  freeThrottleRetries?: number;
  /** Obey robots.txt (default true). */
  robots?: boolean;
  /** Redirect hops followed (each checked against robots.txt). Default 5. */
  maxRedirects?: number;
  log?: Logger;
  /** Called with every response handed back (including robots.txt), e.g. to archive it. */
  onResponse?: (response: HttpResponse & { kind: FetchKind }) => void;
  /** Random source for jitter, [0, 1). */
  random?: () => number;
  /** Rate limiter to use instead of an in-process RateGate of `rate` (e.g. one shared through Redis). */
  gate?: RequestGate;
  /** Largest body accepted (default DEFAULT_MAX_BODY_BYTES); a larger one throws PageTooLargeError. */
  maxBodyBytes?: number;
}

interface RobotsRules {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

type RobotsState = { kind: 'rules'; rules: RobotsRules } | { kind: 'allow-all'; reason: string };

/**
 * robots-parser is CommonJS (`module.exports = function`), but its typings declare an ES default
 * export, which NodeNext resolution reads as `module.exports.default`. Take whichever is callable.
 */
const robotsParser = (
  typeof robotsParserModule === 'function'
    ? robotsParserModule
    : (robotsParserModule as unknown as { default: unknown }).default
) as (url: string, contents: string) => RobotsRules;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - nowMs);
}

export class HttpClient {
  readonly stats: HttpStats = {
    requests: 0,
    fetched: 0,
    retried: 0,
    throttled: 0,
    failed: 0,
    robotsDisallowed: 0,
    bytes: 0,
  };
  private readonly gate: RequestGate;
  private readonly permits: Semaphore;
  private readonly robots = new Map<string, Promise<RobotsState>>();
  private readonly o: Required<Omit<HttpClientOptions, 'onResponse' | 'log' | 'gate'>> &
    Pick<HttpClientOptions, 'onResponse'> & { log: Logger };

  constructor(options: HttpClientOptions) {
    this.o = {
      backoffBaseMs: 500,
      backoffCapMs: 30_000,
      retryAfterCapMs: 120_000,
      throttleDefaultMs: 5_000,
      freeThrottleRetries: 3,
      robots: true,
      maxRedirects: 5,
      random: Math.random,
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      ...options,
      log: options.log ?? silentLogger,
    };
    if (!(this.o.maxTries >= 1)) throw new RangeError(`maxTries must be ≥ 1 (got ${this.o.maxTries})`);
    this.gate = options.gate ?? RateGate.perSecond(options.rate);
    this.permits = new Semaphore(options.concurrency);
  }

  /**
   * A caller's signal (one per crawl) carries an abort listener per request in flight and per
   * caller waiting for a rate slot or a retry: up to about twice the concurrency, all removed when
   * done. Node warns of a leak past 10 listeners; raise that bound once per signal to what this
   * client can legitimately add, so a real leak would still be reported.
   */
  private allowListeners(signal: AbortSignal): void {
    const bound = 2 * this.o.concurrency + 10;
    if (getMaxListeners(signal) < bound) setMaxListeners(bound, signal);
  }

  /** A client with the configured UA, rate, concurrency, timeout and tries. */
  static fromConfig(
    config: Pick<Config, 'userAgent' | 'rate' | 'concurrency' | 'timeoutMs' | 'maxTries'> &
      Partial<Pick<Config, 'maxPageBytes'>>,
    extra: Partial<HttpClientOptions> = {},
  ): HttpClient {
    return new HttpClient({
      userAgent: config.userAgent,
      rate: config.rate,
      concurrency: config.concurrency,
      timeoutMs: config.timeoutMs,
      maxTries: config.maxTries,
      ...(config.maxPageBytes !== undefined ? { maxBodyBytes: config.maxPageBytes } : {}),
      ...extra,
    });
  }

  /** Requests in flight right now. */
  get inFlight(): number {
    return this.permits.inUse;
  }

  /** Current spacing between request starts, ms. */
  get intervalMs(): number {
    return this.gate.interval;
  }

  /**
   * GET through the funnel. Resolves with 2xx or 304 responses. Throws RobotsDisallowedError (never
   * requested), PermanentFetchError (404/410/other 4xx, not retried), RetryableFetchError (after
   * maxTries) or ThrottledError (throttled past the free retries and then maxTries).
   */
  async get(url: string, options: GetOptions): Promise<HttpResponse> {
    try {
      const res = await this.getInner(url, options);
      this.stats.fetched++;
      this.o.onResponse?.({ ...res, kind: options.kind });
      return res;
    } catch (e) {
      if (!options.signal?.aborted) this.stats.failed++;
      throw e;
    }
  }

  private async getInner(startUrl: string, options: GetOptions): Promise<HttpResponse> {
    let url = startUrl;
    let tries = 0; // failed attempts that count against maxTries
    let throttles = 0;
    let attempts = 0;
    let hops = 0;
    for (;;) {
      if (options.kind !== 'robots') await this.checkRobots(url, options.signal);
      attempts++;
      let res: TransportResponse;
      let body: Buffer;
      try {
        res = await this.attempt(url, options);
        body = res.body;
        url = res.url;
      } catch (e) {
        if (options.signal?.aborted) throw e;
        // Asking again would get the same oversized page.
        if (e instanceof PageTooLargeError) throw e;
        const err =
          e instanceof LgscoError
            ? e
            : new RetryableFetchError(url, describeNetworkError(e), undefined, { cause: e });
        tries++;
        if (tries >= this.o.maxTries) throw err;
        await this.backoff(url, tries, err.message, options.signal);
        continue;
      }
      const status = res.status;

      if ((status >= 200 && status < 300) || status === 304) {
        return { status, body, headers: res.headers, url, attempts };
      }

      if (REDIRECTS.has(status)) {
        const location = res.headers.get('location');
        if (!location) throw new PermanentFetchError(url, status, `HTTP ${status} without a Location header`);
        hops++;
        if (hops > this.o.maxRedirects)
          throw new PermanentFetchError(url, status, `more than ${this.o.maxRedirects} redirects`);
        url = new URL(location, url).href;
        continue;
      }

      const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
      if (status === 429 || (status === 503 && retryAfter !== undefined)) {
        this.stats.throttled++;
        throttles++;
        if (throttles > this.o.freeThrottleRetries) tries++;
        if (tries >= this.o.maxTries) throw new ThrottledError(url, status, retryAfter);
        const wait = Math.min(
          this.o.retryAfterCapMs,
          retryAfter ?? this.o.throttleDefaultMs * 2 ** Math.min(10, throttles - 1),
        );
        this.o.log.warn(
          { url, status, waitMs: wait, throttles },
          'server asked us to slow down; pausing all requests',
        );
        // Everyone waits (the gate is paused); we also wait here so this request retries after the pause.
        this.gate.pauseFor(wait);
        await sleep(wait, undefined, options.signal ? { signal: options.signal } : undefined);
        continue;
      }

      if (status >= 500) {
        tries++;
        const err = new RetryableFetchError(url, `HTTP ${status}`, status);
        if (tries >= this.o.maxTries) throw err;
        await this.backoff(url, tries, err.message, options.signal);
        continue;
      }

      // 404, 410 and every other 4xx (and odd 1xx/3xx): retrying will not help.
      throw new PermanentFetchError(url, status);
    }
  }

  /** False when robots.txt disallows the URL for our agent (an unreachable robots.txt answers true: get() decides). */
  async allowedByRobots(url: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.checkRobots(url, signal);
      return true;
    } catch (e) {
      return !(e instanceof RobotsDisallowedError);
    }
  }

  /**
   * Lets a request the funnel does not send itself (a browser's sub-resource) start: obeys robots.txt
   * (throws RobotsDisallowedError) and takes a slot of the same rate gate. Holds no permit.
   */
  async admit(url: string, signal?: AbortSignal): Promise<void> {
    await this.checkRobots(url, signal);
    await this.gate.take(signal);
    this.stats.requests++;
  }

  /** One HTTP request: permit, rate slot, fetch with timeout, whole body read and checked. */
  private async attempt(url: string, options: GetOptions): Promise<TransportResponse> {
    await this.permits.acquire();
    try {
      await this.gate.take(options.signal);
      const headers: Record<string, string> = {
        Accept: ACCEPT,
        'Accept-Language': 'en-GB,en;q=0.8',
        ...options.headers,
        'User-Agent': this.o.userAgent,
      };
      if (options.etag) headers['If-None-Match'] = options.etag;
      if (options.lastModified) headers['If-Modified-Since'] = options.lastModified;
      // One signal per attempt, aborted by the caller's signal or by the timeout. Not
      // AbortSignal.any([options.signal, AbortSignal.timeout(…)]): on Node 20 the caller's signal
      // keeps an entry for every signal ever derived from it, so a crawl's one long-lived signal
      // grew by one entry per request (found in a heap snapshot of a 5,000-decision crawl).
      const attempt = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        attempt.abort(new DOMException(`timed out after ${this.o.timeoutMs} ms`, 'TimeoutError'));
      }, this.o.timeoutMs);
      const onAbort = () => attempt.abort(options.signal?.reason);
      if (options.signal) this.allowListeners(options.signal);
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
      const signal = attempt.signal;
      this.stats.requests++;
      try {
        const transport = options.transport ?? fetchTransport;
        const maxBodyBytes = this.o.maxBodyBytes;
        const res = await transport({ url, headers, signal, timeoutMs: this.o.timeoutMs, maxBodyBytes });
        const body = res.body;
        this.stats.bytes += body.length;
        if (body.length > maxBodyBytes)
          throw new PageTooLargeError(url, res.status, body.length, maxBodyBytes, false);
        const declared = res.headers.get('content-length');
        const encoding = (res.headers.get('content-encoding') ?? 'identity').toLowerCase();
        // Content-Length counts encoded bytes; only compare when the body arrived unencoded.
        if (
          declared !== null &&
          encoding === 'identity' &&
          /^\d+$/.test(declared) &&
          body.length < Number(declared)
        ) {
          throw new RetryableFetchError(
            url,
            `truncated body: ${body.length} of ${declared} bytes`,
            res.status,
          );
        }
        return res;
      } catch (e) {
        if (timedOut && !options.signal?.aborted) {
          throw new RetryableFetchError(url, `timed out after ${this.o.timeoutMs} ms`, undefined, {
            cause: e,
          });
        }
        throw e;
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      }
    } finally {
      this.permits.release();
    }
  }

  private async backoff(url: string, tries: number, reason: string, signal?: AbortSignal): Promise<void> {
    this.stats.retried++;
    const ceiling = Math.min(this.o.backoffCapMs, this.o.backoffBaseMs * 2 ** (tries - 1));
    const wait = Math.floor(this.o.random() * ceiling);
    this.o.log.debug({ url, tries, waitMs: wait, reason }, 'retrying after backoff');
    await sleep(wait, undefined, signal ? { signal } : undefined);
  }

  // ---- robots.txt ----------------------------------------------------------------------------

  private async checkRobots(url: string, signal?: AbortSignal): Promise<void> {
    if (!this.o.robots) return;
    const origin = new URL(url).origin;
    let pending = this.robots.get(origin);
    if (!pending) {
      pending = this.loadRobots(origin, signal);
      this.robots.set(origin, pending);
    }
    let state: RobotsState;
    try {
      state = await pending;
    } catch (e) {
      // robots.txt unreachable (5xx / network after all tries): RFC 9309 says assume full disallow
      // for now. We do not crawl this URL, and the next request tries robots.txt again.
      if (this.robots.get(origin) === pending) this.robots.delete(origin);
      throw new RetryableFetchError(
        url,
        `robots.txt of ${origin} is unreachable: ${(e as Error).message}`,
        undefined,
        {
          cause: e,
        },
      );
    }
    if (state.kind === 'rules' && state.rules.isAllowed(url, this.o.userAgent) === false) {
      this.stats.robotsDisallowed++;
      throw new RobotsDisallowedError(url);
    }
  }

  private async loadRobots(origin: string, signal?: AbortSignal): Promise<RobotsState> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const res = await this.get(robotsUrl, { kind: 'robots', signal });
      const text = res.body.toString('utf8');
      const rules = robotsParser(robotsUrl, text);
      const delay = rules.getCrawlDelay(this.o.userAgent);
      if (delay !== undefined && delay > 0 && delay * 1000 > this.gate.interval) {
        this.o.log.warn(
          { origin, crawlDelaySeconds: delay },
          'robots.txt Crawl-delay is slower than the configured rate; obeying it',
        );
        this.gate.setInterval(delay * 1000);
      }
      return { kind: 'rules', rules };
    } catch (e) {
      // RFC 9309 §2.3.1.3: a 4xx robots.txt means no restrictions.
      if (e instanceof PermanentFetchError)
        return { kind: 'allow-all', reason: `robots.txt answered HTTP ${e.status}` };
      throw e;
    }
  }
}

/**
 * The default transport: one fetch, redirects returned (the funnel follows them, checking robots).
 * The body is read chunk by chunk and given up past `maxBodyBytes` (a declared Content-Length over
 * it is refused before reading), so a huge page never sits whole in memory.
 */
const fetchTransport: Transport = async ({ url, headers, signal, maxBodyBytes }) => {
  const res = await fetch(url, { method: 'GET', headers, redirect: 'manual', signal });
  const limit = maxBodyBytes ?? Number.POSITIVE_INFINITY;
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > limit && (res.headers.get('content-encoding') ?? 'identity') === 'identity') {
    await res.body?.cancel().catch(() => {});
    throw new PageTooLargeError(url, res.status, declared, limit, true);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw new PageTooLargeError(url, res.status, size, limit, false);
      }
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
  }
  return { status: res.status, headers: res.headers, body: Buffer.concat(chunks, size), url };
};

function describeNetworkError(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${(cause as { code?: string }).code ?? cause.message}` : '';
    return `${e.name === 'TypeError' ? 'network error' : e.name} ${e.message}${detail}`.trim();
  }
  return `network error: ${String(e)}`;
}
