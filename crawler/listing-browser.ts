/**
 * The browser fallback for listing pages, per crawl: `auto` switches to Chromium the first time a
 * listing answers with a search shell and stays switched for the rest of the crawl; `always`
 * starts switched; `never` has no fallback (the shell is a SearchShellError). Chromium is launched
 * lazily and primed on sourceProfile.listing.primePath (kept in the archive like any page).
 * @module
 */
import type { Archive } from '../archive/index.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/log.js';
import { sourceProfile } from '../core/source-profile.js';
import { BrowserSession } from './browser.js';
import type { HttpClient, HttpResponse } from './http-client.js';

export type BrowserMode = Config['browser'];

export interface ListingBrowserOptions {
  mode: BrowserMode;
  chromiumPath: string;
  userAgent: string;
  baseUrl: string;
  http: HttpClient;
  archive: Archive;
  log: Logger;
}

export class ListingBrowser {
  private session: Promise<BrowserSession> | undefined;
  private switched: boolean;

  constructor(private readonly o: ListingBrowserOptions) {
    this.switched = o.mode === 'always';
  }

  get mode(): BrowserMode {
    return this.o.mode;
  }

  /** True once listing pages go through Chromium. */
  get active(): boolean {
    return this.switched;
  }

  /** True when a search shell should be retried through Chromium. */
  get canFallBack(): boolean {
    return this.o.mode !== 'never';
  }

  /** Switches listing pages to Chromium for the rest of the crawl. */
  activate(reason: string): void {
    if (this.switched) return;
    this.switched = true;
    this.o.log.warn({ reason }, 'listing pages will go through Chromium for the rest of this crawl');
  }

  /** A listing page through Chromium: the response as served and the DOM after scripts ran. */
  async fetch(url: string, signal?: AbortSignal): Promise<{ response: HttpResponse; rendered: string }> {
    const session = await this.open(signal);
    return session.get(url, 'listing', signal);
  }

  /** Closes Chromium if it was started. Idempotent. */
  async close(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    if (s) await (await s.catch(() => undefined))?.close();
  }

  private open(signal?: AbortSignal): Promise<BrowserSession> {
    this.session ??= (async () => {
      const session = await BrowserSession.launch(this.o);
      try {
        // Prime the session as a visitor would arrive: the decisions landing page first.
        const prime = new URL(sourceProfile.listing.primePath, this.o.baseUrl).href;
        const { response } = await session.get(prime, 'other', signal);
        this.o.archive.storePage({
          url: response.url,
          kind: 'other',
          status: response.status,
          body: response.body,
          etag: response.headers.get('etag'),
          lastModified: response.headers.get('last-modified'),
          contentType: response.headers.get('content-type'),
        });
      } catch (e) {
        await session.close();
        throw e;
      }
      return session;
    })();
    // A failed launch or prime is not cached: the next listing page tries again.
    this.session.catch(() => {
      this.session = undefined;
    });
    return this.session;
  }
}
