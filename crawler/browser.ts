/**
 * Chromium (Debian's, through playwright-core; never downloaded) as a transport of the HTTP funnel,
 * for listing pages the site answers with an empty search shell when the client is not a browser.
 *
 * Politeness is the funnel's: a navigation is one `HttpClient.get` (robots, rate slot, timeout,
 * retries, Retry-After), and every other request the page makes is routed through
 * `HttpClient.admit` (robots and the same rate gate) or blocked: only same-origin documents,
 * scripts and XHR/fetch are let through, so no images, fonts, styles or third-party calls.
 * The User-Agent is Chromium's own followed by ours, so the operators can still reach us.
 *
 * playwright-core (~15 MB of bundled source, ~60 MB of RSS once loaded) is imported only when
 * Chromium is launched: a crawl whose listings never need a browser never loads it.
 * @module
 */
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { BrowserError, RobotsDisallowedError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { FetchKind, HttpClient, HttpResponse, Transport } from './http-client.js';
import { Semaphore } from './limits.js';

/** Flags for a headless, quiet Chromium that makes no requests of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const ALLOWED_TYPES = new Set(['document', 'script', 'xhr', 'fetch']);

export interface BrowserSessionOptions {
  /** config.chromiumPath */
  chromiumPath: string;
  /** Our User-Agent; appended to Chromium's. */
  userAgent: string;
  /** The funnel every browser request goes through. */
  http: HttpClient;
  /** The site; requests to other origins are blocked. */
  baseUrl: string;
  log: Logger;
}

/** One browser, one context (locale en-GB), one page; navigations are serialised. */
export class BrowserSession {
  private readonly lock = new Semaphore(1);
  /** The navigation the funnel admitted; its request passes the route without a second slot. */
  private admitted: string | undefined;
  private referer: string | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    private readonly page: Page,
    private readonly o: BrowserSessionOptions,
    readonly userAgent: string,
  ) {}

  /** Launches Chromium. Throws BrowserError naming the executable when it cannot start. */
  static async launch(o: BrowserSessionOptions): Promise<BrowserSession> {
    let browser: Browser;
    try {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: o.chromiumPath, args: CHROMIUM_ARGS });
    } catch (e) {
      throw new BrowserError(
        `cannot launch Chromium at ${o.chromiumPath} (LGSCO_CHROMIUM): ${(e as Error).message.split('\n')[0]}`,
        { cause: e },
      );
    }
    try {
      const probe = await browser.newPage();
      const own = String(await probe.evaluate('navigator.userAgent'));
      await probe.close();
      const userAgent = `${own} ${o.userAgent}`;
      const context = await browser.newContext({ locale: 'en-GB', userAgent });
      const page = await context.newPage();
      const session = new BrowserSession(browser, context, page, o, userAgent);
      await context.route('**/*', (route) => session.route(route));
      o.log.info({ version: browser.version(), userAgent }, 'Chromium started for listing pages');
      return session;
    } catch (e) {
      await browser.close().catch(() => {});
      throw new BrowserError(`Chromium started but could not open a page: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }

  /**
   * GET through the funnel with this browser as transport. Returns the response as served (kept
   * verbatim by the caller) and the DOM after the page's scripts ran.
   */
  async get(
    url: string,
    kind: FetchKind,
    signal?: AbortSignal,
  ): Promise<{ response: HttpResponse; rendered: string }> {
    await this.lock.acquire();
    try {
      const response = await this.o.http.get(url, {
        kind,
        signal,
        transport: this.navigate,
      });
      this.referer = response.url;
      const rendered = await this.page.content();
      return { response, rendered };
    } finally {
      this.lock.release();
    }
  }

  /** Closes the browser (and its process). Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.context.close().catch(() => {});
      await this.browser.close().catch(() => {});
    })();
    return this.closing;
  }

  private readonly navigate: Transport = async ({ url, signal, timeoutMs }) => {
    signal.throwIfAborted();
    // Stopping the navigation makes goto reject, which the funnel reads as a timeout or an abort.
    const stop = () => void this.page.goto('about:blank').catch(() => {});
    signal.addEventListener('abort', stop, { once: true });
    this.admitted = url;
    try {
      const res = await this.page.goto(url, {
        waitUntil: 'load',
        timeout: timeoutMs,
        ...(this.referer ? { referer: this.referer } : {}),
      });
      if (!res) throw new BrowserError(`Chromium returned no response for ${url}`);
      const body = await res.body();
      return { status: res.status(), headers: new Headers(res.headers()), body, url: res.url() };
    } finally {
      this.admitted = undefined;
      signal.removeEventListener('abort', stop);
    }
  };

  private async route(route: Route): Promise<void> {
    const req = route.request();
    const url = req.url();
    if (req.isNavigationRequest() && this.admitted === url && !req.redirectedFrom()) {
      this.admitted = undefined;
      return route.continue();
    }
    let sameSite = false;
    try {
      sameSite = new URL(url).origin === new URL(this.o.baseUrl).origin;
    } catch {}
    if (!sameSite || !ALLOWED_TYPES.has(req.resourceType())) return route.abort('blockedbyclient');
    try {
      await this.o.http.admit(url);
    } catch (e) {
      if (!(e instanceof RobotsDisallowedError)) this.o.log.debug({ url, err: String(e) }, 'blocked');
      return route.abort('blockedbyclient');
    }
    return route.continue();
  }
}
