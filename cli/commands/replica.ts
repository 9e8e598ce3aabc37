import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { createLogger } from '../../core/log.js';
import { type FaultProfile, startReplica, writeTruth } from '../../replica/index.js';
import { configFrom } from '../flags.js';
import { onShutdown, runCommand } from '../run.js';

/** The fault mix used by the crawler robustness tests (issue: crawler). */
const STANDARD_FAULTS: FaultProfile = {
  errorRate: 0.1,
  throttleRate: 0.05,
  hangRate: 0.02,
  truncateRate: 0.01,
  latencyMs: [5, 120],
};

const intArg = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return n;
};
const rateArg = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError(`${name} must be a fraction from 0 to 1`);
  return n;
};
const rangeArg = (v: string): [number, number] => {
  const m = /^(\d+)(?:-(\d+))?$/.exec(v);
  if (!m) throw new InvalidArgumentError('latency must be MS or MIN-MAX in milliseconds, e.g. 50 or 10-200');
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (hi < lo) throw new InvalidArgumentError('latency MIN must not exceed MAX');
  return [lo, hi];
};

export function registerReplica(program: Command): void {
  program
    .command('replica')
    .description(
      'Serve a local replica of the Ombudsman decisions site (listing + decision pages),\n' +
        'generated deterministically from a seed, with ground truth for every field.',
    )
    .option('--port <port>', 'port on 127.0.0.1 (0 = any free port)', intArg('port', 0, 65535), 3100)
    .option('--decisions <n>', 'number of decisions', intArg('decisions', 1, 500_000), 2000)
    .option('--seed <seed>', 'generator seed', intArg('seed', 0, 2 ** 31 - 1), 1)
    .option('--truth <file>', 'write every decision’s ground-truth record to FILE as JSON')
    .addOption(
      new Option('--faults <profile>', 'preset fault mix').choices(['none', 'standard']).default('none'),
    )
    .option('--error-rate <p>', 'fraction of page requests answered 500/502/503', rateArg('error-rate'))
    .option('--throttle-rate <p>', 'fraction answered 429 with Retry-After', rateArg('throttle-rate'))
    .option('--hang-rate <p>', 'fraction that never answer', rateArg('hang-rate'))
    .option('--truncate-rate <p>', 'fraction whose body is cut short', rateArg('truncate-rate'))
    .option('--latency <ms>', 'added latency per page, MS or MIN-MAX', rangeArg)
    .option('--shell-for-non-browsers', 'answer non-browser User-Agents with an empty search shell', false)
    .option('--robots <file>', 'serve this file as /robots.txt')
    .action(async (opts, cmd: Command) =>
      runCommand(async () => {
        const config = configFrom(cmd);
        const log = createLogger(config.logLevel, 'replica');
        const faults: FaultProfile = {
          ...(opts.faults === 'standard' ? STANDARD_FAULTS : {}),
          ...(opts.errorRate !== undefined && { errorRate: opts.errorRate }),
          ...(opts.throttleRate !== undefined && { throttleRate: opts.throttleRate }),
          ...(opts.hangRate !== undefined && { hangRate: opts.hangRate }),
          ...(opts.truncateRate !== undefined && { truncateRate: opts.truncateRate }),
          ...(opts.latency !== undefined && { latencyMs: opts.latency }),
        };
        const replica = await startReplica({
          port: opts.port,
          seed: opts.seed,
          decisions: opts.decisions,
          faults,
          shellForNonBrowsers: opts.shellForNonBrowsers,
          ...(opts.robots && { robotsTxt: readFileSync(opts.robots, 'utf8') }),
        });
        if (opts.truth) {
          await writeTruth(replica.corpus, opts.truth);
          log.info({ file: opts.truth, decisions: opts.decisions }, 'ground truth written');
        }
        process.stdout.write(
          `replica: ${opts.decisions} decisions (seed ${opts.seed}) at ${replica.url}\n` +
            `  listing:  ${replica.url}/Decisions/SearchResults?fd=0001-01-01&sortOrder=descending\n` +
            '  crawl it: lgsco crawl --base-url ' +
            `${replica.url}\n`,
        );
        onShutdown(() => replica.close());
      }),
    );
}
