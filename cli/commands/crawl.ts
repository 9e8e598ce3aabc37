import { type Command, InvalidArgumentError } from 'commander';
import { createLogger } from '../../core/log.js';
import { IsoDate } from '../../core/record.js';
import { runCrawl } from '../../crawler/index.js';
import { configFrom } from '../flags.js';
import { onShutdown, runCommand } from '../run.js';
import { openServices } from '../services.js';

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

export function registerCrawl(program: Command): void {
  program
    .command('crawl')
    .description(
      'Walk the decision listing by monthly date windows (oldest first), fetch every decision page\n' +
        'not yet archived, keep it verbatim, parse it and index it. Safe to run again: archived\n' +
        'decision pages are never fetched twice.',
    )
    .option('--base-url <url>', 'site to crawl (env LGSCO_BASE_URL, default https://www.lgo.org.uk)')
    .option('--from <date>', 'first decision date (yyyy-mm-dd, default 2016-01-01)', dateArg('--from'))
    .option('--to <date>', 'last decision date (yyyy-mm-dd, default today)', dateArg('--to'))
    .option('--limit <n>', 'stop after fetching N decision pages', positiveInt('--limit'))
    .option('--organisation <name>', 'only this organisation (exact name as printed)')
    .option('--rate <r>', 'requests per second (env LGSCO_RATE; default 1, or 50 for a loopback replica)')
    .option('--concurrency <n>', 'requests in flight (env LGSCO_CONCURRENCY, default 4)')
    .option('--contact <email-or-url>', 'contact put in the User-Agent; required for a non-local site')
    .option('--no-index', 'archive and parse only; index later with `lgsco reindex`')
    .action(async (opts, cmd: Command) =>
      runCommand(async () => {
        const config = configFrom(cmd, { requireContactForRemote: true });
        const log = createLogger(config.logLevel, 'crawl');
        const services = await openServices(config, log);
        onShutdown(() => services.close());
        try {
          if (opts.index) {
            const caughtUp = await services.catchUpIndex();
            if (caughtUp > 0)
              log.info({ decisions: caughtUp }, 'indexed decisions left over from an earlier run');
          }
          const summary = await runCrawl({
            config,
            archive: services.archive,
            log,
            from: opts.from,
            to: opts.to,
            limit: opts.limit,
            organisation: opts.organisation,
            onRecords: opts.index ? (records) => services.indexRecords(records) : undefined,
          });
          const totals = services.archive.counts();
          process.stdout.write(
            `crawl finished in ${(summary.durationMs / 1000).toFixed(1)} s: ` +
              `${summary.fetched} decision pages fetched, ${summary.skippedAlreadyArchived} already archived, ` +
              `${summary.quarantined} quarantined, ${summary.failed} failed; ` +
              `${summary.listingPages} listing pages over ${summary.windows} windows; ` +
              `${summary.requestsPerSecond.toFixed(1)} req/s.\n` +
              `archive: ${totals.decisions} decisions in ${config.dataDir}\n`,
          );
          if (summary.failed > 0) process.exitCode = 1;
        } finally {
          await services.close();
        }
      }),
    );
}
