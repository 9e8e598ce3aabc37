import type { Command } from 'commander';
import { AnalysisStore, type Coverage, computeCoverage } from '../../api/analysis/index.js';
import { Archive } from '../../archive/index.js';
import type { QueueStatus } from '../../queue/index.js';
import { configFrom } from '../flags.js';
import { runCommand } from '../run.js';

/** Failed jobs listed (newest first, all queues together). */
const RECENT_FAILURES = 10;
/** Decisions not in the archive listed by name (all are counted). */
const MISSING_LISTED = 10;

function printCoverage(c: Coverage): void {
  const out = (t: string) => process.stdout.write(t);
  const range = (r: { from: string; to: string }) => `${r.from}…${r.to}`;
  const l = c.listings;
  out('coverage:\n');
  out(
    `  ${'listings'.padEnd(14)} ${l.from ? `walked ${range({ from: l.from, to: l.to! })}` : 'not walked yet'}\n`,
  );
  out(`  ${'listing gaps'.padEnd(14)} ${l.gaps.length ? l.gaps.map(range).join(', ') : 'none'}\n`);
  for (const w of l.incomplete)
    out(
      `  ${'unfinished'.padEnd(14)} ${range(w)} (listing said ${w.total ?? '?'}; walked again next crawl)\n`,
    );
  const m = c.missing;
  out(
    `  ${'not archived'.padEnd(14)} ${m.total} (pending ${m.pending}, failed ${m.failed}, gone ${m.gone}, unparsed ${m.unparsed})\n`,
  );
  for (const d of m.items)
    out(`    ${d.refKey}  ${d.state.padEnd(8)} ${d.reason ?? 'not fetched yet'}  ${d.url}\n`);
  if (m.total > m.items.length) out(`    … ${m.total - m.items.length} more (GET /api/coverage)\n`);
  const u = c.unmatchedOrganisations;
  out(
    `  ${'unmatched'.padEnd(14)} ${u.length ? `${u.length} council names the registry does not know` : 'none (every council name has an ONS code)'}\n`,
  );
  for (const o of u.slice(0, MISSING_LISTED))
    out(
      `    ${o.name} (${o.decisions} decision${o.decisions === 1 ? '' : 's'}); closest: ${o.candidates.map((x) => `${x.name} ${x.code}`).join(', ') || 'none'}\n`,
    );
  if (u.length > MISSING_LISTED) out(`    … ${u.length - MISSING_LISTED} more (GET /api/coverage)\n`);
  if (c.staleVersions)
    out(
      `  ${'stale'.padEnd(14)} ${c.staleVersions} decisions kept at an older version (newer page did not parse)\n`,
    );
}

function printQueues(s: QueueStatus): void {
  const out = (t: string) => process.stdout.write(t);
  out(`queues (prefix ${s.prefix}):\n`);
  out(
    `  ${'queue'.padEnd(10)} ${['waiting', 'active', 'delayed', 'failed', 'completed'].map((h) => h.padStart(10)).join('')}\n`,
  );
  for (const [name, c] of Object.entries(s.queues)) {
    const cells = [c.waiting, c.active, c.delayed, c.failed, c.completed].map((n) => String(n).padStart(10));
    out(`  ${name.padEnd(10)} ${cells.join('')}\n`);
  }
  if (s.lastRun) {
    const r = s.lastRun;
    out(
      r.kind === 'recheck'
        ? `last run ${r.runId} (recheck): checked ${r.rechecked}/${r.queued}, not modified ${r.notModified}, ` +
            `unchanged ${r.unchanged}, changed ${r.changed}, removed ${r.removed}, still removed ${r.stillRemoved}, ` +
            `restored ${r.restored}, quarantined ${r.quarantined}, failed ${r.failed}\n`
        : `last run ${r.runId}: windows ${r.windows + r.windowsSkipped}/${r.windowsPlanned}, queued ${r.queued}, ` +
            `fetched ${r.fetched}, saved ${r.saved}, quarantined ${r.quarantined}, failed ${r.failed}, gone ${r.gone}` +
            `${r.browser ? ', listing pages through Chromium' : ''}\n`,
    );
  }
  out(
    s.schedule
      ? `daily crawl: ${s.schedule.time} ${s.schedule.tz} (cron "${s.schedule.pattern}")` +
          `${s.schedule.next ? `, next ${new Date(s.schedule.next).toISOString()}` : ''}\n`
      : 'daily crawl: not scheduled\n',
  );
  if (s.recentFailures.length > 0) {
    out('recent failures:\n');
    for (const f of s.recentFailures)
      out(`  ${f.at ?? ''} ${f.queue} ${f.subject} (job ${f.jobId}, ${f.attempts} attempts): ${f.reason}\n`);
  }
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'Print archive totals: decisions, pages kept, listed decisions not archived by state\n' +
        '(pending: not fetched yet; failed: fetching failed after every try, tried again next crawl;\n' +
        'gone: the page answered 404/410; unparsed: kept but quarantined), failed listing pages,\n' +
        'quarantined pages and failed URLs, counted as GET /health, GET /api/coverage and the status\n' +
        'page count them; and what the archive is missing: listing date ranges no crawl walked to the\n' +
        'end, and listed decisions not archived with the reason; archived decisions that are\n' +
        'not searchable (the index failed); council names the organisation registry does not know\n' +
        '(no ONS code), with the closest councils; a crawl running on the archive. With REDIS_URL also the\n' +
        'queues: jobs waiting/active/delayed/failed/completed per queue, the last run, the daily\n' +
        'schedule and the most recent failed jobs with their reasons.',
    )
    .option('--json', 'print JSON', false)
    .action(async (opts, cmd: Command) =>
      runCommand(async () => {
        const config = configFrom(cmd);
        let queues: QueueStatus | undefined;
        if (config.redisUrl) {
          // BullMQ and Redis only when there are queues to report on.
          const { CrawlQueues, openRedis, queueStatus, RunStats } = await import('../../queue/index.js');
          const redis = await openRedis(config.redisUrl);
          const q = new CrawlQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix });
          try {
            queues = await queueStatus(q, new RunStats(redis, config.queuePrefix), {
              failures: RECENT_FAILURES,
            });
          } finally {
            await q.close();
            await redis.quit().catch(() => redis.disconnect());
          }
        }
        const archive = Archive.open(config.dataDir);
        const store = new AnalysisStore(archive.file);
        try {
          const counts = archive.counts();
          const coverage = computeCoverage(store, { limit: opts.json ? 1000 : MISSING_LISTED });
          const crawling = archive.crawlLockHolder();
          if (opts.json) {
            // `needingIndex`: archived decisions that are not searchable (not in the index as they are now).
            process.stdout.write(
              `${JSON.stringify({ dataDir: config.dataDir, ...counts, crawling: crawling ?? null, coverage, ...(queues ? { queues } : {}) })}\n`,
            );
            return;
          }
          process.stdout.write(`archive: ${config.dataDir}\n`);
          for (const [k, v] of Object.entries(counts)) process.stdout.write(`  ${k.padEnd(18)} ${v}\n`);
          // The states are the archive's one definition (archive/totals.ts), as in GET /health,
          // GET /api/coverage and the status page; a crawl's "failed" adds gone and listing pages.
          process.stdout.write(
            '  (pending: listed, not fetched yet; failed: fetch failed after every try, tried again next crawl; ' +
              'gone: 404/410; unparsed: kept but quarantined. A crawl reports failed = failed + gone + failed listing pages.)\n',
          );
          process.stdout.write(
            counts.needingIndex > 0
              ? `search index: ${counts.needingIndex} archived decisions are NOT searchable (indexing failed ` +
                  'or has not run yet); `lgsco serve`, the next `lgsco crawl` or `lgsco reindex` indexes them\n'
              : 'search index: every archived decision is searchable\n',
          );
          if (crawling)
            process.stdout.write(
              `crawling: a ${crawling.kind} is running (pid ${crawling.pid} on ${crawling.host}, since ${crawling.startedAt})\n`,
            );
          printCoverage(coverage);
          if (queues) printQueues(queues);
        } finally {
          store.close();
          archive.close();
        }
      }),
    );
}
