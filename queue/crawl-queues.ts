/**
 * CrawlQueues: the five BullMQ queues of a crawl with their job retention and retry policy,
 * opened once per process. What each keeps, and why:
 *
 * - fetch: completed job ids are kept for an hour. A decision's fetch job id (`fetch-<refKey>`)
 *   guards it while it waits and runs; the store job (`store-<refKey>`) while its page travels;
 *   the archive (`decisionPageFetched`) forever after. The hour closes the one gap left: a
 *   discovery job that checked the archive just before the store job finished.
 * - store: removed on completion, since its payload carries the page body.
 * - recheck: removed on completion. Its job id (`recheck-<refKey>`) keeps a decision from being
 *   queued twice while it waits or runs; once answered, `last_checked_at` in the archive keeps it
 *   out of the next run unless it is due again (or `--older-than 0m` asks for everything).
 * - failed jobs of every queue stay (30 days, up to 50,000) with their reason, for `lgsco status`;
 *   the next crawl run retries failed fetch jobs, as the in-process crawl retries failed pages.
 * @module
 */
import { type DefaultJobOptions, Queue } from 'bullmq';
import { bullConnection } from './connection.js';
import { QueueName as Q, type QueueName } from './names.js';
import type {
  DiscoveryPayload,
  FetchPayload,
  RecheckPayload,
  SchedulePayload,
  StorePayload,
} from './payloads.js';

const DAY_S = 86_400;
const KEEP_FAILED = { age: 30 * DAY_S, count: 50_000 };

/** Retention and retries per queue. */
export const JOB_OPTIONS: Record<QueueName, DefaultJobOptions> = {
  // A listing page failing after the client's own retries: try the window twice more, a minute apart.
  [Q.discovery]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { age: 7 * DAY_S, count: 10_000 },
    removeOnFail: KEEP_FAILED,
  },
  // The HTTP client already retried each page LGSCO_MAX_TRIES times; these attempts ride out an outage.
  [Q.fetch]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { age: 3_600, count: 200_000 },
    removeOnFail: KEEP_FAILED,
  },
  // Archive or Meilisearch trouble on the archive machine: short, several retries.
  [Q.store]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: true,
    removeOnFail: KEEP_FAILED,
  },
  [Q.schedule]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { count: 60 },
    removeOnFail: { count: 200 },
  },
  // A fetch problem is an answer ("failed", left due for the next run), not a job failure; what
  // fails a job is the archive or the index on the archive machine: short, several retries.
  [Q.recheck]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: true,
    removeOnFail: KEEP_FAILED,
  },
};

export interface QueueSettings {
  redisUrl: string;
  prefix: string;
}

export class CrawlQueues {
  readonly discovery: Queue<DiscoveryPayload>;
  readonly fetch: Queue<FetchPayload>;
  readonly store: Queue<StorePayload>;
  readonly schedule: Queue<SchedulePayload>;
  readonly recheck: Queue<RecheckPayload>;
  private closing: Promise<void> | undefined;

  constructor(readonly settings: QueueSettings) {
    const make = <T>(name: QueueName) =>
      new Queue<T>(name, {
        connection: bullConnection(settings.redisUrl),
        prefix: settings.prefix,
        defaultJobOptions: JOB_OPTIONS[name],
      });
    this.discovery = make<DiscoveryPayload>(Q.discovery);
    this.fetch = make<FetchPayload>(Q.fetch);
    this.store = make<StorePayload>(Q.store);
    this.schedule = make<SchedulePayload>(Q.schedule);
    this.recheck = make<RecheckPayload>(Q.recheck);
  }

  /** Every queue, keyed by name. */
  all(): Array<[QueueName, Queue]> {
    return [
      [Q.discovery, this.discovery],
      [Q.fetch, this.fetch],
      [Q.store, this.store],
      [Q.schedule, this.schedule],
      [Q.recheck, this.recheck],
    ];
  }

  async waitUntilReady(): Promise<void> {
    await Promise.all(this.all().map(([, q]) => q.waitUntilReady()));
  }

  /** Closes every queue's connection. Idempotent. */
  close(): Promise<void> {
    this.closing ??= Promise.all(this.all().map(([, q]) => q.close())).then(() => undefined);
    return this.closing;
  }
}
