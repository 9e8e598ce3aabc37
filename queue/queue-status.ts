/**
 * What `lgsco status` shows about the queues: counts per queue, the most recent failed jobs with
 * their reasons, the latest run's counters and the daily schedule.
 * @module
 */
import type { CrawlQueues } from './crawl-queues.js';
import { allQueueCounts, type QueueCounts } from './crawl-run.js';
import { type DailySchedule, getDailySchedule } from './daily-schedule.js';
import type { QueueName } from './names.js';
import type { RunCounts, RunStats } from './run-stats.js';

export interface FailedJob {
  queue: QueueName;
  jobId: string;
  /** The decision, window or run the job was about. */
  subject: string;
  reason: string;
  attempts: number;
  /** ISO time of the last failure. */
  at: string | null;
}

export interface QueueStatus {
  prefix: string;
  queues: Record<QueueName, QueueCounts>;
  recentFailures: FailedJob[];
  lastRun: ({ runId: string } & RunCounts) | null;
  schedule: DailySchedule | null;
}

function subjectOf(data: unknown): string {
  const d = (data ?? {}) as { refKey?: string; window?: { key?: string }; runId?: string; kind?: string };
  return d.refKey ?? d.window?.key ?? (d.runId ? `run ${d.runId}` : (d.kind ?? ''));
}

export async function queueStatus(
  queues: CrawlQueues,
  stats: RunStats,
  opts: { failures?: number } = {},
): Promise<QueueStatus> {
  const n = opts.failures ?? 10;
  const [counts, failedLists, lastRunId, schedule] = await Promise.all([
    allQueueCounts(queues),
    Promise.all(
      queues.all().map(async ([name, q]) => (await q.getFailed(0, n - 1)).map((job) => ({ name, job }))),
    ),
    stats.lastRunId(),
    getDailySchedule(queues),
  ]);
  const recentFailures = failedLists
    .flat()
    .filter(({ job }) => job)
    .sort((a, b) => (b.job.finishedOn ?? 0) - (a.job.finishedOn ?? 0))
    .slice(0, n)
    .map(({ name, job }) => ({
      queue: name,
      jobId: job.id ?? '',
      subject: subjectOf(job.data),
      reason: job.failedReason ?? '',
      attempts: job.attemptsMade,
      at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    }));
  return {
    prefix: queues.settings.prefix,
    queues: counts,
    recentFailures,
    lastRun: lastRunId ? { runId: lastRunId, ...(await stats.get(lastRunId)) } : null,
    schedule: schedule ?? null,
  };
}
