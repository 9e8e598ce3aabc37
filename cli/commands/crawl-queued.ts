/**
 * `lgsco crawl` with REDIS_URL set: enqueue the run (a crawl, or with --recheck a re-check) for
 * `lgsco worker` processes (queue/) and, by default, wait for the queues to drain while printing
 * the run's progress. Ctrl-C stops waiting; the run goes on in the workers.
 * @module
 */
import type { Config } from '../../core/config.js';
import type { Logger } from '../../core/log.js';
import {
  CrawlQueues,
  enqueueCrawl,
  enqueueRecheck,
  openRedis,
  type RunCounts,
  type RunKind,
  type RunProgress,
  RunStats,
  redactUrl,
  waitForRun,
} from '../../queue/index.js';
import { onShutdown } from '../run.js';
import { type CrawlFlags, crawlSelection, recheckSelection } from './crawl-flags.js';

/** How often a progress line is printed while waiting. */
const PROGRESS_EVERY_MS = 2_000;
/** Warn when no worker has consumed the fetch queue for this long. */
const NO_WORKER_WARNING_MS = 5_000;

function line(p: RunProgress): string {
  const r = p.run;
  const q = p.queues;
  const tail = `| workers ${p.workers} | ${(p.elapsedMs / 1000).toFixed(0)} s`;
  if (r.kind === 'recheck') {
    return (
      `recheck ${p.runId}: checked ${r.rechecked}/${r.queued}, not modified ${r.notModified}, ` +
      `unchanged ${r.unchanged}, changed ${r.changed}, removed ${r.removed}, failed ${r.failed} | ` +
      `waiting: recheck ${q.recheck.pending} ${tail}`
    );
  }
  return (
    `run ${p.runId}: windows ${r.windows + r.windowsSkipped}/${r.windowsPlanned}, listing pages ${r.listingPages}` +
    `${r.browser ? ' (Chromium)' : ''}, queued ${r.queued}, fetched ${r.fetched}, saved ${r.saved}, ` +
    `quarantined ${r.quarantined}, failed ${r.failed}, gone ${r.gone} | waiting: discovery ${q.discovery.pending}, ` +
    `fetch ${q.fetch.pending}, store ${q.store.pending} ${tail}`
  );
}

/** The summary line of a finished crawl run (stdout). */
function crawlLine(runId: string, r: RunCounts, elapsedMs: number): string {
  return (
    `crawl run ${runId} finished in ${(elapsedMs / 1000).toFixed(1)} s: ` +
    `${r.fetched} decision pages fetched, ${r.saved} saved, ${r.quarantined} quarantined, ` +
    `${r.failed} failed, ${r.gone} gone; ${r.listingPages} listing pages over ${r.windows} windows` +
    `${r.windowsSkipped > 0 ? ` (${r.windowsSkipped} skipped)` : ''}` +
    `${r.browser ? ' (through Chromium)' : ''}; ${r.indexed} indexed.\n`
  );
}

/** The summary line of a finished re-check run (stdout), in the in-process re-check's words. */
function recheckLine(runId: string, r: RunCounts, elapsedMs: number): string {
  return (
    `recheck run ${runId} finished in ${(elapsedMs / 1000).toFixed(1)} s: ${r.rechecked} checked, ` +
    `${r.notModified} not modified, ${r.unchanged} unchanged, ${r.changed} changed (new versions), ` +
    `${r.removed} removed from the source, ${r.stillRemoved} still removed, ${r.restored} restored, ` +
    `${r.quarantined} quarantined, ${r.failed} failed; ${r.indexed} indexed.\n`
  );
}

export async function runQueuedCrawl(config: Readonly<Config>, log: Logger, opts: CrawlFlags): Promise<void> {
  const redisUrl = config.redisUrl!;
  const kind: RunKind = opts.recheck ? 'recheck' : 'crawl';
  if (opts.index === false)
    log.warn('--no-index does not apply with REDIS_URL: the store workers index what they archive');
  const redis = await openRedis(redisUrl);
  const queues = new CrawlQueues({ redisUrl, prefix: config.queuePrefix });
  const stats = new RunStats(redis, config.queuePrefix);
  const waiting = new AbortController();
  const close = async () => {
    await queues.close();
    await redis.quit().catch(() => redis.disconnect());
  };
  try {
    const runId =
      kind === 'recheck'
        ? await enqueueRecheck(queues, { baseUrl: config.baseUrl, ...recheckSelection(opts) })
        : await enqueueCrawl(queues, { baseUrl: config.baseUrl, ...crawlSelection(opts) });
    const where = `${redactUrl(redisUrl)} (prefix ${config.queuePrefix})`;
    if (opts.wait === false) {
      process.stdout.write(
        `queued ${kind} run ${runId} on ${where}; \`lgsco worker\` processes carry it out. ` +
          'Follow it with `lgsco status`.\n',
      );
      return;
    }
    process.stderr.write(
      `queued ${kind} run ${runId} on ${where}; waiting for the workers (Ctrl-C stops waiting)\n`,
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
      kind,
      signal: waiting.signal,
      onProgress: (p) => {
        if (p.workers > 0) idleSince = Date.now();
        else if (!warned && Date.now() - idleSince > NO_WORKER_WARNING_MS) {
          warned = true;
          process.stderr.write(
            kind === 'recheck'
              ? 'no worker runs the recheck role: start `lgsco worker` (same REDIS_URL; --roles must include recheck)\n'
              : 'no worker is connected to the queues: start `lgsco worker` (same REDIS_URL)\n',
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
      kind === 'recheck' ? recheckLine(runId, r, final.elapsedMs) : crawlLine(runId, r, final.elapsedMs),
    );
    if (final.planState === 'failed')
      process.stderr.write(`the run's plan job failed; see \`lgsco status\` for the reason\n`);
    if (r.failed > 0 || r.windowsFailed > 0 || final.planState === 'failed') process.exitCode = 1;
  } finally {
    if (!waiting.signal.aborted) await close();
  }
}
