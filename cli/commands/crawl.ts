import { type Command, InvalidArgumentError } from 'commander';
import type { Config } from '../../core/config.js';
import { createLogger, type Logger } from '../../core/log.js';
import { IsoDate } from '../../core/record.js';
import { sourceProfile } from '../../core/source-profile.js';
import {
  type CrawlSummary,
  canonicalOutcome,
  categorySlugs,
  parseAge,
  type RecheckSummary,
  runCrawl,
  runRecheck,
} from '../../crawler/index.js';
import { configFrom } from '../flags.js';
import { EXIT, onShutdown, runCommand } from '../run.js';
import { type CrawlFlags, crawlSelection, recheckSelection } from './crawl-flags.js';

const dateArg = (name: string) => (v: string) => {
  if (!IsoDate.safeParse(v).success)
    throw new InvalidArgumentError(`${name} must be a date written yyyy-mm-dd`);
  return v;
};
const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${name} must be a whole number of 1 or more`);
  return n;
};
/** Turns a RangeError from the crawler's own validation into a usage error naming the option. */
const checked =
  <T>(name: string, f: (v: string) => T) =>
  (v: string): T => {
    try {
      return f(v);
    } catch (e) {
      throw new InvalidArgumentError(`${name}: ${(e as Error).message}`);
    }
  };
const outcomeList = checked('--outcome', (v) => v.split(',').map(canonicalOutcome));

export function registerCrawl(program: Command): void {
  program
    .command('crawl')
    .description(
      'Walk the decision listing by monthly date windows (oldest first), fetch every decision page ' +
        'not yet archived, keep it verbatim, parse it and index it. Safe to run again, or after a ' +
        'kill: archived decision pages are never fetched twice. With --recheck, ask the site again ' +
        'about archived decisions (conditional GET): changes become new versions, 404/410 flags ' +
        'the decision as removed from the source (it is kept).',
    )
    .option('--base-url <url>', 'site to crawl (env LGSCO_BASE_URL, default https://www.lgo.org.uk)')
    .option('--from <date>', 'first decision date (yyyy-mm-dd, default 2016-01-01)', dateArg('--from'))
    .option('--to <date>', 'last decision date (yyyy-mm-dd, default today)', dateArg('--to'))
    .option(
      '--since [date]',
      `only windows from DATE on, walked again even if complete; without DATE: the newest archived ` +
        `decision date minus ${sourceProfile.listing.incrementalOverlapDays} days`,
      dateArg('--since'),
    )
    .option('--incremental', 'same as --since without a date')
    .option('--limit <n>', 'stop after fetching N decision pages', positiveInt('--limit'))
    .option('--organisation <name>', 'only this organisation (exact name as printed)')
    .option(
      '--category <name>',
      'only this category, or "category/subcategory" (name or URL slug; matched on the decision URL)',
      checked('--category', (v) => {
        categorySlugs(v); // validates
        return v;
      }),
    )
    .option(
      '--outcome <list>',
      'only these outcomes, comma-separated (e.g. "Upheld,Not upheld")',
      outcomeList,
    )
    .option('--recheck', 're-check archived decisions instead of discovering new ones')
    .option(
      '--older-than <age>',
      'with --recheck: decisions last checked longer ago than AGE (e.g. 12h, 2w; default 30d)',
      checked('--older-than', parseAge),
    )
    .option('--rate <r>', 'requests per second (env LGSCO_RATE; default 1, or 50 for a loopback replica)')
    .option('--concurrency <n>', 'requests in flight (env LGSCO_CONCURRENCY, default 4)')
    .option('--contact <email-or-url>', 'contact put in the User-Agent; required for a non-local site')
    .option('--no-index', 'archive and parse only; index later with `lgsco reindex`')
    // With REDIS_URL: the run goes to BullMQ queues for `lgsco worker` processes (queue/, crawl-queued.ts).
    .option(
      '--no-wait',
      'with REDIS_URL: enqueue the run and return at once instead of waiting for the workers',
    )
    .addHelpText(
      'after',
      '\nWith REDIS_URL set, the crawl is not run in this process: it is queued (discovery → fetch →\n' +
        'store+index) for `lgsco worker` processes, which share one rate limit through Redis.\n' +
        'The command waits for the queues to drain, printing progress; --no-wait returns at once.\n' +
        'Set --rate / --concurrency on the workers. The other options apply as in-process (the\n' +
        'workers always index); --recheck queues one re-check job per decision due, for workers\n' +
        'with the recheck role.\n' +
        '\nOne crawl or re-check at a time per archive: while another runs on the same DATA_DIR\n' +
        '(another process, or an admin crawl in `lgsco serve`), this one fetches nothing and exits 4.\n' +
        '\nExit codes: 0 everything fetched was archived and is searchable; 1 some pages could not be\n' +
        'fetched (they are tried again next run) or the run failed; 2 bad options or configuration;\n' +
        '3 archived but not indexed: every page fetched was archived, but some decisions are not\n' +
        'searchable because the search index failed (the summary says how many; the next crawl,\n' +
        '`lgsco serve` or `lgsco reindex` indexes them; `lgsco status` shows them); 4 another crawl\n' +
        'holds the archive.',
    )
    .action(async (opts: CrawlFlags, cmd: Command) =>
      runCommand(async () => {
        const config = configFrom(cmd, { requireContactForRemote: true });
        const log = createLogger(config.logLevel, 'crawl');
        // BullMQ and Redis are loaded only for a queued run; the archive and Meilisearch only in-process.
        if (config.redisUrl) return (await import('./crawl-queued.js')).runQueuedCrawl(config, log, opts);
        await crawlCommand(config, log, opts);
      }),
    );
}

async function crawlCommand(config: Readonly<Config>, log: Logger, opts: CrawlFlags): Promise<void> {
  const [{ Archive, CrawlLockedError }, { openServices }, { createProgress }] = await Promise.all([
    import('../../archive/index.js'),
    import('../services.js'),
    import('../progress.js'),
  ]);
  // Another crawl holds the archive: refuse before starting Meilisearch or catching up the index.
  // (runCrawl / runRecheck take the lock itself; this only saves the work of starting up.)
  const probe = Archive.open(config.dataDir);
  try {
    const holder = probe.crawlLockHolder();
    if (holder) throw new CrawlLockedError(probe.file, holder);
  } finally {
    probe.close();
  }
  // Without the index there is nothing to start but the archive (no Meilisearch).
  // `watch`: when the embedded Meilisearch dies mid-crawl, a new one is started (or the one another
  // process started is joined) and what failed to index meanwhile is caught up, at the latest at the end.
  const services = opts.index ? await openServices(config, log, { watch: true }) : undefined;
  const archive = services?.archive ?? Archive.open(config.dataDir);
  const controller = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  const close = async () => {
    if (services) await services.close();
    else archive.close();
  };
  onShutdown(async () => {
    controller.abort();
    await running.catch(() => {});
    await close();
  });
  try {
    if (services) {
      const caughtUp = await services.catchUpIndex();
      if (caughtUp > 0) log.info({ decisions: caughtUp }, 'indexed decisions left over from an earlier run');
    }
    // What a crawl and a re-check both take, besides their selection and progress.
    const common = {
      config,
      archive,
      log,
      onRecords: services ? services.indexRecords : undefined,
      signal: controller.signal,
    };
    if (opts.recheck) {
      const progress = createProgress({ label: 'recheck', log });
      const job = runRecheck({
        ...common,
        ...recheckSelection(opts),
        onProgress: (p) =>
          progress.update({
            total: p.total,
            done: p.done,
            fetched: p.changed,
            skipped: p.notModified + p.unchanged,
            failed: p.failed,
            requests: p.requests,
          }),
      }).finally(() => progress.stop());
      running = job;
      const s = await job;
      const notIndexed = await searchable(s.indexError);
      process.stdout.write(recheckLine(s) + notIndexedLine(notIndexed, s.indexError));
      exitWith(s.failed, notIndexed);
    } else {
      const progress = createProgress({ label: 'crawl', log });
      const job = runCrawl({
        ...common,
        ...crawlSelection(opts),
        onProgress: (p) =>
          progress.update({
            stage: p.phase,
            total: p.toFetch,
            done: p.done,
            fetched: p.fetched + p.parsedFromArchive,
            skipped: p.skippedAlreadyArchived + p.skippedRobots + p.filteredOut,
            failed: p.failed,
            requests: p.requests,
          }),
      }).finally(() => progress.stop());
      running = job;
      const s = await job;
      const notIndexed = await searchable(s.indexError);
      process.stdout.write(
        crawlLine(s, archive.counts().decisions, config.dataDir, notIndexed) +
          notIndexedLine(notIndexed, s.indexError),
      );
      exitWith(s.failed, notIndexed);
    }
  } finally {
    await close();
  }

  /**
   * Archived decisions still missing from the search index at the end (0 with --no-index: not
   * asked for). One catch-up is tried first, so a blip during the run heals here.
   */
  async function searchable(indexError: string | undefined): Promise<number> {
    if (!services) return 0;
    if (archive.counts().needingIndex > 0) {
      try {
        await services.catchUpIndex();
      } catch (e) {
        log.warn({ err: (e as Error).message, before: indexError }, 'catch-up at the end of the run failed');
      }
    }
    return archive.counts().needingIndex;
  }
}

/** Exit code 1 when pages failed (they are not even archived), else 3 when some are not searchable. */
function exitWith(failed: number, notIndexed: number): void {
  if (failed > 0) process.exitCode = EXIT.failed;
  else if (notIndexed > 0) process.exitCode = EXIT.notIndexed;
}

function notIndexedLine(notIndexed: number, indexError: string | undefined): string {
  if (notIndexed === 0) return '';
  return (
    `search index: ${notIndexed} archived decisions are NOT searchable — indexing failed` +
    `${indexError ? ` (${indexError})` : ''}; they are kept in the archive and the next ` +
    '`lgsco crawl`, `lgsco serve` or `lgsco reindex` indexes them (exit code 3).\n'
  );
}

function crawlLine(s: CrawlSummary, decisions: number, dataDir: string, notIndexed: number): string {
  return (
    `crawl ${s.from}..${s.to} finished in ${(s.durationMs / 1000).toFixed(1)} s: ` +
    `${s.fetched} decision pages fetched, ${s.skippedAlreadyArchived} already archived, ` +
    (s.parsedFromArchive ? `${s.parsedFromArchive} parsed from the archive, ` : '') +
    (s.skippedRobots ? `${s.skippedRobots} disallowed by robots.txt, ` : '') +
    (s.filteredOut ? `${s.filteredOut} outside the filters, ` : '') +
    `${s.quarantined} quarantined, ${s.failed} failed (${s.gone} gone)` +
    (notIndexed ? `, ${notIndexed} not searchable` : '') +
    `; ${s.listingPages} listing pages over ${s.windows} windows` +
    (s.browser ? ' (through Chromium)' : '') +
    `; ${s.pending} pending (listed, not fetched yet); ${s.requestsPerSecond.toFixed(1)} req/s.\n` +
    `archive: ${decisions} decisions in ${dataDir}\n`
  );
}

function recheckLine(s: RecheckSummary): string {
  return (
    `recheck finished in ${(s.durationMs / 1000).toFixed(1)} s: ${s.total} checked, ` +
    `${s.notModified} not modified, ${s.unchanged} unchanged, ${s.changed} changed (new versions), ` +
    `${s.removed} removed from the source, ${s.stillRemoved} still removed, ${s.restored} restored, ` +
    `${s.quarantined} quarantined, ${s.failed} failed; ${s.requestsPerSecond.toFixed(1)} req/s.\n`
  );
}
