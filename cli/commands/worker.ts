import { type Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../../core/errors.js';
import { createLogger } from '../../core/log.js';
import { ROLES, type Role, redactUrl, WorkerRuntime } from '../../queue/index.js';
import { configFrom } from '../flags.js';
import { onShutdown, runCommand } from '../run.js';

const roleList = (v: string): Role[] => {
  const roles = v
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || bad.length > 0)
    throw new InvalidArgumentError(`--roles takes a comma-separated list of ${ROLES.join(', ')}`);
  return [...new Set(roles)] as Role[];
};

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'Process the crawl queues (needs REDIS_URL): discovery (listing windows;\n' +
        'Chromium for search shells, LGSCO_BROWSER), fetch (decision pages), store\n' +
        '(archive, parse, index) and recheck (`lgsco crawl --recheck`: conditional GET\n' +
        'of archived decisions). Every worker shares one rate limit through Redis.\n' +
        'fetch runs anywhere; discovery, store and recheck write the archive, so only\n' +
        'one worker per queue prefix runs them (the others stand by and take over if\n' +
        'it stops). Stops cleanly on SIGTERM/SIGINT: jobs in flight finish or go back\n' +
        'to their queue, and Chromium is closed.',
    )
    .option('--roles <list>', `comma-separated roles (default ${ROLES.join(',')})`, roleList)
    .option(
      '--base-url <url>',
      'site the workers crawl (env LGSCO_BASE_URL); jobs for another site are refused',
    )
    .option('--rate <r>', 'requests per second for ALL workers together (env LGSCO_RATE)')
    .option('--concurrency <n>', 'requests in flight in this worker (env LGSCO_CONCURRENCY, default 4)')
    .option('--contact <email-or-url>', 'contact put in the User-Agent; required for a non-local site')
    .action(async (opts: { roles?: Role[] }, cmd: Command) =>
      runCommand(async () => {
        const config = configFrom(cmd, { requireContactForRemote: true });
        const redisUrl = config.redisUrl;
        if (!redisUrl) throw new ConfigError('REDIS_URL', 'is required for `lgsco worker`');
        const roles = opts.roles ?? [...ROLES];
        const log = createLogger(config.logLevel, 'worker');
        const runtime = await WorkerRuntime.start({
          config: { ...config, redisUrl },
          roles,
          log,
          // The archive and Meilisearch are opened only by the worker that takes the archive roles.
          openServices: async (...args) => (await import('../services.js')).openServices(...args),
          onArchiveRoles: (running) =>
            process.stdout.write(
              running
                ? `worker ${process.pid}: holds the archive ${config.dataDir}: running ${roles.filter((r) => r !== 'fetch').join(', ')}\n`
                : `worker ${process.pid}: archive roles stopped\n`,
            ),
        });
        onShutdown(() => runtime.close());
        process.stdout.write(
          `worker ${process.pid}: ready on ${redactUrl(redisUrl)} (prefix ${config.queuePrefix}), ` +
            `roles ${roles.join(',')}, ${config.rate} requests/s shared by all workers\n`,
        );
        // Runs until a signal: onShutdown closes the runtime and exits.
        await new Promise<never>(() => {});
      }),
    );
}
