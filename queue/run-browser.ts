/**
 * RunBrowsers: the discovery worker's Chromium fallback for search shells, switched per crawl run.
 *
 * Chromium itself is the crawler's ListingBrowser (one per worker process, launched on first use,
 * primed on the decisions landing page, every request through the worker's HttpClient and so
 * through the shared Redis rate gate). What the queue adds is the switch: in `auto` mode a run
 * goes to Chromium the first time one of its listing pages is a search shell, and stays there for
 * the rest of the run, as the in-process crawl does. The switch is kept in memory (so the other
 * window jobs of this process follow at once) and in the run's Redis hash (so a discovery worker
 * that takes the run over after a restart or a lease change starts its windows in Chromium
 * instead of meeting the shell again). Other runs start on plain HTTP.
 *
 * Chromium is closed after `idleMs` without a listing page (a worker waits for days between daily
 * runs) and on shutdown; the next listing page launches and primes it again.
 * @module
 */
import type { Logger } from '../core/log.js';
import type { DiscoveryContext, ListingBrowser } from '../crawler/index.js';
import type { RunStats } from './run-stats.js';

/** What discovery's fetchListingPage needs of a browser fallback. */
export type RunBrowser = NonNullable<DiscoveryContext['browser']>;

/** Chromium stays open this long after its last listing page. */
export const BROWSER_IDLE_MS = 5 * 60_000;
/** Switched runs remembered in memory (Redis remembers them all). */
const REMEMBERED_RUNS = 100;

export interface RunBrowsersOptions {
  /** The process's Chromium, mode `auto` or `always` (config.browser). */
  listing: ListingBrowser;
  stats: RunStats;
  log: Logger;
  /** @default BROWSER_IDLE_MS */
  idleMs?: number;
}

export class RunBrowsers {
  private readonly switched = new Set<string>();
  private inFlight = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: RunBrowsersOptions) {}

  /** The fallback for one window job of `runId`: already switched when the run is (here or in Redis). */
  async forRun(runId: string): Promise<RunBrowser> {
    if (!this.switched.has(runId) && (await this.o.stats.usesBrowser(runId))) this.remember(runId);
    const { listing, stats, log } = this.o;
    const switched = this.switched;
    const view: RunBrowser = {
      get active() {
        return listing.active || switched.has(runId);
      },
      get canFallBack() {
        return listing.canFallBack;
      },
      activate: (reason: string) => {
        if (view.active) return;
        this.remember(runId);
        log.warn({ runId, reason }, 'listing pages of this run will go through Chromium from now on');
        // Tell the other discovery workers now; walkWindow writes it again before its job completes.
        stats
          .markBrowser(runId)
          .catch((e) => log.error({ runId, err: String(e) }, 'could not record the browser switch in Redis'));
      },
      fetch: (url: string, signal?: AbortSignal) => this.fetch(url, signal),
    };
    return view;
  }

  /** Closes Chromium (if it runs). Idempotent; a later listing page would start it again. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    await this.o.listing.close();
  }

  private remember(runId: string): void {
    this.switched.add(runId);
    if (this.switched.size > REMEMBERED_RUNS) {
      const oldest = this.switched.values().next().value;
      if (oldest !== undefined) this.switched.delete(oldest);
    }
  }

  private async fetch(url: string, signal?: AbortSignal): ReturnType<RunBrowser['fetch']> {
    this.inFlight++;
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    try {
      return await this.o.listing.fetch(url, signal);
    } finally {
      if (--this.inFlight === 0) {
        this.idleTimer = setTimeout(() => {
          this.idleTimer = undefined;
          if (this.inFlight === 0) {
            this.o.log.info('no listing page through Chromium for a while; closing it');
            void this.o.listing.close();
          }
        }, this.o.idleMs ?? BROWSER_IDLE_MS);
        this.idleTimer.unref();
      }
    }
  }
}
