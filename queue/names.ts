/**
 * Queue names, worker roles and job ids: built here and nowhere else, so producers on different
 * machines always derive the same id for the same work (that is what makes adds idempotent).
 * @module
 */

/** The BullMQ queues of a crawl, under the prefix LGSCO_QUEUE_PREFIX. */
export const QueueName = {
  /** `plan` jobs (one per crawl run) and `window` jobs (one per listing date window). */
  discovery: 'discovery',
  /** One job per decision page. */
  fetch: 'fetch',
  /** One job per fetched page: replay into the archive, parse, save, index. */
  store: 'store',
  /** The daily job scheduler's jobs; each starts an incremental `plan`. */
  schedule: 'schedule',
  /** A re-check run: one `plan` job, then one `decision` job per archived decision due (conditional GET). */
  recheck: 'recheck',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** The queues `lgsco status` and the drain check look at, in pipeline order. */
export const CRAWL_QUEUES = [
  QueueName.discovery,
  QueueName.fetch,
  QueueName.store,
  QueueName.recheck,
] as const;

/**
 * What a worker process can do. `discovery`, `store` and `recheck` write the SQLite archive, so
 * they run only in the one process that holds the archive lease; `fetch` needs only Redis and the
 * network. (A re-check reads the stored page's validators and writes its answer in one step, and
 * the shared rate limit, not the number of machines, bounds how fast it goes: so it runs where
 * the archive is.)
 */
export const ROLES = ['discovery', 'fetch', 'store', 'recheck'] as const;
export type Role = (typeof ROLES)[number];
export const ARCHIVE_ROLES: readonly Role[] = ['discovery', 'store', 'recheck'];

/** Job ids may not contain ':' (BullMQ's key separator); window keys can (an organisation name). */
const safe = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');

export const jobIds = {
  /** One fetch job per decision, ever queued at once: e.g. `fetch-24-019-223`. */
  fetch: (refKey: string) => `fetch-${refKey}`,
  /** The store job carrying a fetched page: e.g. `store-24-019-223`. */
  store: (refKey: string) => `store-${refKey}`,
  /** A crawl run's plan job. */
  plan: (runId: string) => `plan-${runId}`,
  /** A window within one run (same window twice in a run → one job). */
  window: (runId: string, windowKey: string) => `window-${runId}-${safe(windowKey)}`,
  /**
   * Deduplication id of a window across runs: no second job while one is waiting or active. The
   * category filter is not part of the listing (so not of the window key) but decides what the walk
   * queues, so it is part of this id (as slugs): an unfiltered run is never swallowed by a filtered one.
   */
  windowDedup: (windowKey: string, category?: string) =>
    `window-${safe(windowKey)}${category ? `-cat-${safe(category)}` : ''}`,
  /** One re-check job per decision while it waits or runs: e.g. `recheck-24-019-223`. */
  recheck: (refKey: string) => `recheck-${refKey}`,
} as const;

/** The id of the daily incremental crawl's job scheduler. */
export const DAILY_SCHEDULER_ID = 'daily-incremental';

/** Redis keys of our own (not BullMQ's) under the queue prefix. */
export const redisKeys = {
  gateNext: (prefix: string) => `${prefix}:gate:next`,
  gatePaused: (prefix: string) => `${prefix}:gate:paused`,
  archiveLease: (prefix: string) => `${prefix}:archive-lease`,
  run: (prefix: string, runId: string) => `${prefix}:run:${runId}`,
  lastRun: (prefix: string) => `${prefix}:last-run`,
} as const;
