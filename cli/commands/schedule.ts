import { type Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../../core/errors.js';
import {
  CrawlQueues,
  type DailySchedule,
  dailyPattern,
  getDailySchedule,
  openRedis,
  removeDailySchedule,
  setDailySchedule,
} from '../../queue/index.js';
import { configFrom } from '../flags.js';
import { runCommand } from '../run.js';

const timeArg = (v: string) => {
  try {
    dailyPattern(v);
    return v;
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
};

function describe(s: DailySchedule): string {
  const next = s.next ? `; next run ${new Date(s.next).toISOString()}` : '';
  const scope = s.organisation ? ` for ${s.organisation}` : '';
  return `daily incremental crawl${scope} at ${s.time} ${s.tz} (cron "${s.pattern}") of ${s.baseUrl ?? '?'}${next}`;
}

export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description(
      'The daily incremental crawl, as a BullMQ job scheduler (needs REDIS_URL). Each day it queues\n' +
        'a crawl run from the newest archived decision date minus the overlap; `lgsco worker`\n' +
        'processes carry it out. Without options: print the current schedule.',
    )
    .option('--daily <HH:MM>', 'run every day at this time, Europe/London (e.g. 06:00)', timeArg)
    .option('--off', 'remove the daily crawl')
    .option('--base-url <url>', 'site to crawl (env LGSCO_BASE_URL)')
    .option('--organisation <name>', 'only this organisation (exact name as printed)')
    .option('--json', 'print JSON', false)
    .action(
      async (opts: { daily?: string; off?: boolean; organisation?: string; json: boolean }, cmd: Command) =>
        runCommand(async () => {
          if (opts.daily && opts.off) throw new ConfigError('--daily / --off', 'give one of them, not both');
          const config = configFrom(cmd, { requireContactForRemote: opts.daily !== undefined });
          if (!config.redisUrl) throw new ConfigError('REDIS_URL', 'is required for `lgsco schedule`');
          const redis = await openRedis(config.redisUrl);
          const queues = new CrawlQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix });
          try {
            let schedule: DailySchedule | undefined;
            let removed: boolean | undefined;
            if (opts.daily) {
              schedule = await setDailySchedule(queues, opts.daily, {
                kind: 'daily-incremental',
                baseUrl: config.baseUrl,
                organisation: opts.organisation,
              });
            } else if (opts.off) {
              removed = await removeDailySchedule(queues);
            } else {
              schedule = await getDailySchedule(queues);
            }
            if (opts.json) {
              process.stdout.write(
                `${JSON.stringify({ schedule: schedule ?? null, ...(opts.off ? { removed } : {}) })}\n`,
              );
            } else if (opts.off) {
              process.stdout.write(removed ? 'daily crawl removed\n' : 'no daily crawl was scheduled\n');
            } else {
              process.stdout.write(schedule ? `${describe(schedule)}\n` : 'no daily crawl scheduled\n');
            }
          } finally {
            await queues.close();
            await redis.quit().catch(() => redis.disconnect());
          }
        }),
    );
}
