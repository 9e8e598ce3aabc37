/**
 * `lgsco crawl` with REDIS_URL set: enqueue the run for `lgsco worker` processes (queue/) and, by
 * default, wait for the queues to drain while printing the run's progress. Ctrl-C stops waiting;
 * the run goes on in the workers.
 * @module
 */
import type { Config } from '../../core/config.js';
import { ConfigError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import {
  CrawlQueues,
  enqueueCrawl,
  openRedis,
  type RunProgress,
  RunStats,
  redactUrl,
  waitForRun,
} from '../../queue/index.js';
import { onShutdown } from '../run.js';

/** The crawl flags the queued runner understands (the rest are in-process only). */
export interface QueuedCrawlFlags {
  from?: string;
  to?: string;
  since?: string | true;
  incremental?: boolean;
  limit?: number;
  organisation?: string;
  category?: string;
  outcome?: string[];
  recheck?: boolean;
  index?: boolean;
  /** false with --no-wait. */
  wait?: boolean;
}

/** How often a progress line is printed while waiting. */
const PROGRESS_EVERY_MS = 2_000;
/** Warn when no worker has consumed the fetch queue for this long. */
const NO_WORKER_WARNING_MS = 5_000;

function line(p: RunProgress): string {
  const r = p.run;
  const q = p.queues;
  return (
    `run ${p.runId}: windows ${r.windows + r.windowsSkipped}/${r.windowsPlanned}, listing pages ${r.listingPages}, ` +
    `queued ${r.queued}, fetched ${r.fetched}, saved ${r.saved}, quarantined ${r.quarantined}, ` +
    `failed ${r.failed}, gone ${r.gone} | waiting: discovery ${q.discovery.pending}, fetch ${q.fetch.pending}, ` +
    `store ${q.store.pending} | workers ${p.workers} | ${(p.elapsedMs / 1000).toFixed(0)} s`
  );
}

export async function runQueuedCrawl(
  config: Readonly<Config>,
  log: Logger,
  opts: QueuedCrawlFlags,
): Promise<void> {
  const redisUrl = config.redisUrl!;
  for (const [flag, set] of [
    ['--category', opts.category !== undefined],
    ['--outcome', opts.outcome !== undefined],
    ['--recheck', opts.recheck === true],
  ] as const) {
    if (set)
      throw new ConfigError(
        'REDIS_URL',
        `is set, and ${flag} is not available on the queue workers yet; unset REDIS_URL to run it in-process`,
      );
  }
  if (opts.index === false)
    log.warn('--no-index does not apply with REDIS_URL: the store workers index what they archive');
  const since = opts.since === true || opts.incremental ? undefined : opts.since;
  const redis = await openRedis(redisUrl);
  const queues = new CrawlQueues({ redisUrl, prefix: config.queuePrefix });
  const stats = new RunStats(redis, config.queuePrefix);
  const waiting = new AbortController();
  const close = async () => {
    await queues.close();
    await redis.quit().catch(() => redis.disconnect());
  };
  try {
    const runId = await enqueueCrawl(queues, {
      baseUrl: config.baseUrl,
      from: since ?? opts.from,
      to: opts.to,
      incremental: opts.since === true || opts.incremental === true ? true : undefined,
      // An explicit --since walks its windows again even when complete, as in-process.
      refresh: since !== undefined ? true : undefined,
      limit: opts.limit,
      organisation: opts.organisation,
    });
    const where = `${redactUrl(redisUrl)} (prefix ${config.queuePrefix})`;
    if (opts.wait === false) {
      process.stdout.write(
        `queued crawl run ${runId} on ${where}; \`lgsco worker\` processes carry it out. ` +
          'Follow it with `lgsco status`.\n',
      );
      return;
    }
    process.stderr.write(
      `queued crawl run ${runId} on ${where}; waiting for the workers (Ctrl-C stops waiting)\n`,
    );
    onShutdown(async () => {
      waiting.abort();
      process.stderr.write(`stopped waiting; run ${runId} goes on in the workers\n`);
      await close();
    });
    let lastPrint = 0;
    let idleSince = Date.now();
    let warned = false;
    const final = await waitForRun(queues, stats, runId, {
      signal: waiting.signal,
      onProgress: (p) => {
        if (p.workers > 0) idleSince = Date.now();
        else if (!warned && Date.now() - idleSince > NO_WORKER_WARNING_MS) {
          warned = true;
          process.stderr.write(
            'no worker is connected to the queues: start `lgsco worker` (same REDIS_URL)\n',
          );
        }
        if (Date.now() - lastPrint >= PROGRESS_EVERY_MS) {
          lastPrint = Date.now();
          process.stderr.write(`${line(p)}\n`);
        }
      },
    });
    const r = final.run;
    process.stdout.write(
      `crawl run ${runId} finished in ${(final.elapsedMs / 1000).toFixed(1)} s: ` +
        `${r.fetched} decision pages fetched, ${r.saved} saved, ${r.quarantined} quarantined, ` +
        `${r.failed} failed, ${r.gone} gone; ${r.listingPages} listing pages over ${r.windows} windows` +
        `${r.windowsSkipped > 0 ? ` (${r.windowsSkipped} skipped)` : ''}; ${r.indexed} indexed.\n`,
    );
    if (final.planState === 'failed')
      process.stderr.write(`the run's plan job failed; see \`lgsco status\` for the reason\n`);
    if (r.failed > 0 || r.windowsFailed > 0 || final.planState === 'failed') process.exitCode = 1;
  } finally {
    if (!waiting.signal.aborted) await close();
  }
}
