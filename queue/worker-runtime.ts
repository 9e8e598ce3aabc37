/**
 * WorkerRuntime: one `lgsco worker` process. It always shares the rate gate through Redis; with the
 * `fetch` role it fetches decision pages (no archive needed, so it can run on any machine); with
 * `discovery` / `store` / `recheck` it competes for the archive lease and, once holding it, opens
 * the archive and Meilisearch and runs the roles that write them. Discovery falls back to Chromium
 * on a search shell (config.browser; see run-browser.ts).
 *
 * Shutdown (close()): workers stop taking jobs and get `shutdownGraceMs` to finish the ones in
 * flight; whatever is still running then is aborted and handed back to its queue (not failed), so
 * no job stays active. Then Chromium (if it was started), BullMQ's connections, the archive and Meilisearch lease, the archive
 * lease (last, so no standby opens the archive while this process still writes it), and Redis.
 * @module
 */
import os from 'node:os';
import { type Processor, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Archive } from '../archive/index.js';
import { type Config, configFields } from '../core/config.js';
import type { Logger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { HttpClient, ListingBrowser, type ListingLimits } from '../crawler/index.js';
import { ArchiveLease } from './archive-lease.js';
import { bullConnection, openRedis } from './connection.js';
import { CrawlQueues } from './crawl-queues.js';
import { IndexBatcher } from './index-batcher.js';
import { ARCHIVE_ROLES, QueueName, type Role } from './names.js';
import { discoveryProcessor } from './processors/discovery.js';
import { fetchProcessor } from './processors/fetch.js';
import type { SiteJobDeps } from './processors/guard.js';
import { recheckProcessor } from './processors/recheck.js';
import { scheduleProcessor } from './processors/schedule.js';
import { storeProcessor } from './processors/store.js';
import { RedisGate } from './redis-gate.js';
import { RunBrowsers } from './run-browser.js';
import { RunStats } from './run-stats.js';

/** Store jobs in flight per process; also the index batch size, so a full set of them fills one batch. */
export const STORE_CONCURRENCY = 50;
/**
 * Listing windows walked at once. A window's listing pages are fetched one after another and
 * compete for the shared rate with every fetch job in flight; with one window at a time a sparse
 * listing (few decisions a month) cannot keep the fetchers busy. Two keep the order oldest-first
 * within a window or so.
 */
export const DISCOVERY_CONCURRENCY = 2;
/** How long in-flight jobs get to finish on shutdown before they are handed back. */
export const SHUTDOWN_GRACE_MS = 3_000;

/** What the archive roles need from the archive machine (cli/services.ts's Services fits). */
export interface ArchiveServices {
  archive: Archive;
  /** Sends records to the index and marks them indexed in the archive. */
  indexRecords(records: Decision[]): Promise<void>;
  /** Indexes archived decisions not yet in the index; returns how many. */
  catchUpIndex(): Promise<number>;
  close(): Promise<void>;
}

export interface WorkerRuntimeOptions {
  config: Readonly<Config> & { redisUrl: string };
  roles: readonly Role[];
  log: Logger;
  /** Opens the archive, Meilisearch and the index (cli/services.ts's openServices). */
  openServices: (config: Readonly<Config>, log: Logger) => Promise<ArchiveServices>;
  /** @default SHUTDOWN_GRACE_MS */
  shutdownGraceMs?: number;
  /** @default 15000 */
  archiveLeaseTtlMs?: number;
  /** Discovery settings the in-process crawl also takes (tests use small listings). */
  settleDays?: number;
  limits?: ListingLimits;
  /** Called when the archive roles start (true) or stop (false). */
  onArchiveRoles?: (running: boolean) => void;
}

export class WorkerRuntime {
  private readonly fetchWorkers: Worker[] = [];
  private archiveWorkers: Worker[] = [];
  private services: ArchiveServices | undefined;
  private browsers: RunBrowsers | undefined;
  private lease: ArchiveLease | undefined;
  private closing: Promise<void> | undefined;
  readonly http: HttpClient;
  readonly queues: CrawlQueues;
  private readonly stats: RunStats;

  private constructor(
    private readonly o: WorkerRuntimeOptions,
    private readonly redis: Redis,
  ) {
    const { config, log } = o;
    this.queues = new CrawlQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix });
    this.stats = new RunStats(redis, config.queuePrefix);
    const gate = new RedisGate({ redis, prefix: config.queuePrefix, rate: config.rate, log });
    this.http = HttpClient.fromConfig(config, {
      log,
      gate,
      // Keep robots.txt with everything else fetched, when this process has the archive.
      onResponse: (r) => {
        if (r.kind === 'robots' && r.status === 200 && this.services) {
          this.services.archive.storePage({
            url: r.url,
            kind: 'robots',
            status: r.status,
            body: r.body,
            contentType: r.headers.get('content-type'),
          });
        }
      },
    });
  }

  /** Connects to Redis (RedisUnavailableError if it does not answer) and starts the roles. */
  static async start(o: WorkerRuntimeOptions): Promise<WorkerRuntime> {
    const redis = await openRedis(o.config.redisUrl);
    const rt = new WorkerRuntime(o, redis);
    try {
      await rt.queues.waitUntilReady();
      if (o.roles.includes('fetch')) {
        rt.fetchWorkers.push(
          rt.worker(
            QueueName.fetch,
            fetchProcessor({
              baseUrl: o.config.baseUrl,
              http: rt.http,
              queues: rt.queues,
              stats: rt.stats,
              log: o.log,
            }),
            o.config.concurrency,
          ),
        );
      }
      if (o.roles.some((r) => ARCHIVE_ROLES.includes(r))) {
        const lease = new ArchiveLease({
          redis,
          prefix: o.config.queuePrefix,
          dataDir: o.config.dataDir,
          ttlMs: o.archiveLeaseTtlMs,
          log: o.log,
        });
        rt.lease = lease;
        lease.hold({ onAcquired: () => rt.startArchiveRoles(), onLost: () => rt.stopArchiveRoles() });
      }
      await Promise.all(rt.fetchWorkers.map((w) => w.waitUntilReady()));
      return rt;
    } catch (e) {
      await rt.close();
      throw e;
    }
  }

  /** True while this process holds the archive lease and runs discovery/store. */
  get archiveRolesRunning(): boolean {
    return this.archiveWorkers.length > 0;
  }

  private worker(name: string, processor: Processor, concurrency: number): Worker {
    const w = new Worker(name, processor, {
      connection: bullConnection(this.o.config.redisUrl),
      prefix: this.o.config.queuePrefix,
      concurrency,
      name: `${os.hostname()}:${process.pid}`,
    });
    w.on('failed', (job, err) =>
      this.o.log.warn(
        { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
    w.on('error', (err) => this.o.log.error({ queue: name, err: err.message }, 'worker error'));
    return w;
  }

  private async startArchiveRoles(): Promise<void> {
    if (this.closing) return;
    const { config, log, roles } = this.o;
    const services = await this.o.openServices(config, log);
    this.services = services;
    const caughtUp = await services.catchUpIndex();
    if (caughtUp > 0) log.info({ decisions: caughtUp }, 'indexed decisions left over from an earlier run');
    // One index batcher for the store and recheck workers: their records share batches.
    const index = new IndexBatcher((records) => services.indexRecords(records), STORE_CONCURRENCY, 200);
    // What the discovery and recheck processors share.
    const site: SiteJobDeps = {
      baseUrl: config.baseUrl,
      archive: services.archive,
      http: this.http,
      queues: this.queues,
      stats: this.stats,
      log,
    };
    if (roles.includes('discovery')) {
      const browserMode = config.browser ?? 'never';
      this.browsers =
        browserMode === 'never'
          ? undefined
          : new RunBrowsers({
              listing: new ListingBrowser({
                mode: browserMode,
                chromiumPath: config.chromiumPath ?? configFields.chromiumPath.schema.parse(undefined),
                userAgent: config.userAgent,
                baseUrl: config.baseUrl,
                http: this.http,
                archive: services.archive,
                log,
              }),
              stats: this.stats,
              log,
            });
      const deps = {
        ...site,
        settleDays: this.o.settleDays,
        limits: this.o.limits,
        browsers: this.browsers,
      };
      this.archiveWorkers.push(
        this.worker(QueueName.discovery, discoveryProcessor(deps), DISCOVERY_CONCURRENCY),
      );
      this.archiveWorkers.push(
        this.worker(QueueName.schedule, scheduleProcessor({ queues: this.queues, log }), 1),
      );
    }
    if (roles.includes('store')) {
      this.archiveWorkers.push(
        this.worker(
          QueueName.store,
          storeProcessor({ archive: services.archive, index, stats: this.stats, log }),
          STORE_CONCURRENCY,
        ),
      );
    }
    if (roles.includes('recheck')) {
      this.archiveWorkers.push(
        this.worker(
          QueueName.recheck,
          recheckProcessor({ ...site, index }),
          // Requests in flight, as a fetch worker; the shared rate gate sets the pace.
          config.concurrency,
        ),
      );
    }
    await Promise.all(this.archiveWorkers.map((w) => w.waitUntilReady()));
    this.o.onArchiveRoles?.(true);
  }

  private async stopArchiveRoles(): Promise<void> {
    const workers = this.archiveWorkers;
    this.archiveWorkers = [];
    await this.closeWorkers(workers);
    await this.closeBrowsers();
    await this.services?.close();
    this.services = undefined;
    if (workers.length > 0) this.o.onArchiveRoles?.(false);
  }

  /** Closes Chromium, if discovery started it (after the workers: no listing page is in flight). */
  private async closeBrowsers(): Promise<void> {
    const browsers = this.browsers;
    this.browsers = undefined;
    await browsers?.close();
  }

  /** Closes workers; jobs still running after the grace period are aborted and handed back. */
  private async closeWorkers(workers: Worker[]): Promise<void> {
    if (workers.length === 0) return;
    const grace = setTimeout(() => {
      for (const w of workers) w.cancelAllJobs('worker shutting down');
    }, this.o.shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
    try {
      await Promise.all(workers.map((w) => w.close()));
    } finally {
      clearTimeout(grace);
    }
  }

  /** Graceful shutdown, in the order above. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.lease?.stop();
      const all = [...this.fetchWorkers, ...this.archiveWorkers];
      this.archiveWorkers = [];
      await this.closeWorkers(all);
      await this.closeBrowsers();
      await this.queues.close();
      await this.services?.close();
      this.services = undefined;
      await this.lease?.release();
      await this.redis.quit().catch(() => this.redis.disconnect());
    })();
    return this.closing;
  }
}
