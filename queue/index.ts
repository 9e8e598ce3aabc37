/**
 * queue/: the crawl on BullMQ queues, for several worker processes (and machines) sharing one
 * crawl: discovery → fetch → store+index, one job per window / decision page / fetched page, a
 * re-check run (one job per archived decision due), a rate limit shared through Redis, and the
 * daily incremental crawl as a job scheduler. The stages
 * are the crawler's own functions; this room only moves their inputs and outputs between queues.
 * @module
 */
export { ArchiveJournal, JournalOp, replayJournal } from './archive-journal.js';
export { ArchiveLease } from './archive-lease.js';
export { bullConnection, deleteKeys, openRedis } from './connection.js';
export { CrawlQueues, JOB_OPTIONS } from './crawl-queues.js';
export {
  allQueueCounts,
  type EnqueueCrawlOptions,
  type EnqueueRecheckOptions,
  enqueueCrawl,
  enqueueRecheck,
  type QueueCounts,
  type RunProgress,
  waitForRun,
} from './crawl-run.js';
export {
  type DailySchedule,
  dailyPattern,
  getDailySchedule,
  removeDailySchedule,
  SCHEDULE_TIME_ZONE,
  setDailySchedule,
} from './daily-schedule.js';
export { QueuePayloadError } from './errors/queue-payload-error.js';
export { QueueStageError } from './errors/queue-stage-error.js';
export { RedisUnavailableError, redactUrl } from './errors/redis-unavailable-error.js';
export {
  ARCHIVE_ROLES,
  CRAWL_QUEUES,
  DAILY_SCHEDULER_ID,
  jobIds,
  QueueName,
  ROLES,
  type Role,
} from './names.js';
export {
  DiscoveryPayload,
  FetchPayload,
  PlanPayload,
  RecheckDecisionPayload,
  RecheckPayload,
  RecheckPlanPayload,
  SchedulePayload,
  StorePayload,
  WindowPayload,
} from './payloads.js';
export { type FailedJob, type QueueStatus, queueStatus } from './queue-status.js';
export { RedisGate } from './redis-gate.js';
export { BROWSER_IDLE_MS, type RunBrowser, RunBrowsers } from './run-browser.js';
export { type RunCounts, type RunKind, RunStats } from './run-stats.js';
export { type ArchiveServices, SHUTDOWN_GRACE_MS, WorkerRuntime } from './worker-runtime.js';
