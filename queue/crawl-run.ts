/**
 * The producer side of a queued crawl or re-check: enqueue a run (one `plan` job on the discovery
 * or the recheck queue), read queue counts, and wait for the queues to drain while reporting the
 * run's counters.
 *
 * Drained means: the run's plan job is finished and no crawl queue has a job waiting, active or
 * delayed. That state is final because every job adds its follow-up jobs before it completes
 * (plan → windows → fetches → stores; plan → re-checks), so there is no moment when work exists
 * only in a worker.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bullmq';
import type { CrawlQueues } from './crawl-queues.js';
import { CRAWL_QUEUES, jobIds, type QueueName } from './names.js';
import type { PlanPayload, RecheckPlanPayload } from './payloads.js';
import type { RunCounts, RunKind, RunStats } from './run-stats.js';

export type EnqueueCrawlOptions = Omit<PlanPayload, 'kind' | 'runId'> & { runId?: string };
export type EnqueueRecheckOptions = Omit<RecheckPlanPayload, 'kind' | 'runId'> & { runId?: string };

const newRunId = (kind: RunKind) =>
  `${kind === 'crawl' ? 'run' : 'recheck'}-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;

/** Queues a crawl run; the same runId twice is one run. Returns the run id. */
export async function enqueueCrawl(queues: CrawlQueues, o: EnqueueCrawlOptions): Promise<string> {
  const { runId: given, ...rest } = o;
  const runId = given ?? newRunId('crawl');
  await queues.discovery.add('plan', { kind: 'plan', runId, ...rest }, { jobId: jobIds.plan(runId) });
  return runId;
}

/** Queues a re-check run; the same runId twice is one run. Returns the run id. */
export async function enqueueRecheck(queues: CrawlQueues, o: EnqueueRecheckOptions): Promise<string> {
  const { runId: given, ...rest } = o;
  const runId = given ?? newRunId('recheck');
  await queues.recheck.add(
    'plan',
    { kind: 'plan', runId, ...rest },
    // Kept a week (the queue drops finished re-checks at once), like the crawl's plan jobs.
    { jobId: jobIds.plan(runId), removeOnComplete: { age: 7 * 86_400 } },
  );
  return runId;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  /** waiting + active + delayed (prioritized and waiting-children included): work not done yet. */
  pending: number;
}

/** Job counts of one queue. */
export async function countsOf(queue: Pick<Queue, 'getJobCounts'>): Promise<QueueCounts> {
  const c = await queue.getJobCounts(
    'waiting',
    'active',
    'delayed',
    'failed',
    'completed',
    'prioritized',
    'waiting-children',
  );
  const n = (k: string) => c[k] ?? 0;
  return {
    waiting: n('waiting') + n('prioritized') + n('waiting-children'),
    active: n('active'),
    delayed: n('delayed'),
    failed: n('failed'),
    completed: n('completed'),
    pending: n('waiting') + n('prioritized') + n('waiting-children') + n('active') + n('delayed'),
  };
}

/** Counts of every queue (the schedule queue too), in pipeline order. */
export async function allQueueCounts(queues: CrawlQueues): Promise<Record<QueueName, QueueCounts>> {
  const entries = await Promise.all(
    queues.all().map(async ([name, q]) => [name, await countsOf(q)] as const),
  );
  return Object.fromEntries(entries) as Record<QueueName, QueueCounts>;
}

export interface RunProgress {
  runId: string;
  /** BullMQ state of the run's plan job ('failed': see `lgsco status` for the reason). */
  planState: string;
  run: RunCounts;
  queues: Record<QueueName, QueueCounts>;
  /** Workers connected to the run's queue: fetch for a crawl, recheck for a re-check (0 = nothing will happen until `lgsco worker` starts). */
  workers: number;
  elapsedMs: number;
}

export interface WaitOptions {
  onProgress?: (p: RunProgress) => void;
  /** @default 1000 */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Which queue holds the run's plan job. @default 'crawl' (the discovery queue) */
  kind?: RunKind;
}

/** Resolves with the run's counters once the queues have drained (see the module doc). */
export async function waitForRun(
  queues: CrawlQueues,
  stats: RunStats,
  runId: string,
  o: WaitOptions = {},
): Promise<RunProgress> {
  const started = Date.now();
  const [planQueue, workQueue] =
    o.kind === 'recheck' ? [queues.recheck, queues.recheck] : [queues.discovery, queues.fetch];
  for (;;) {
    const [planState, counts, run, workers] = await Promise.all([
      planQueue.getJobState(jobIds.plan(runId)),
      allQueueCounts(queues),
      stats.get(runId),
      workQueue.getWorkersCount(),
    ]);
    const progress: RunProgress = {
      runId,
      planState,
      run,
      queues: counts,
      workers,
      elapsedMs: Date.now() - started,
    };
    o.onProgress?.(progress);
    const planFinished = planState === 'completed' || planState === 'failed' || planState === 'unknown';
    if (planFinished && CRAWL_QUEUES.every((q) => counts[q].pending === 0)) return progress;
    await sleep(o.intervalMs ?? 1000, undefined, o.signal ? { signal: o.signal } : undefined);
  }
}
