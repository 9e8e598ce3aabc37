import type { Command } from 'commander';
import { createLogger } from '../../core/log.js';
import { configFrom } from '../flags.js';
import { runCommand } from '../run.js';

export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description(
      'Rebuild the search index from the archive (the archive is the record; the index is derived).',
    )
    .option(
      '--all',
      'clear the index and send every decision again (default: only those not yet indexed)',
      false,
    )
    .action(async (opts, cmd: Command) =>
      runCommand(async () => {
        const config = configFrom(cmd);
        const log = createLogger(config.logLevel, 'reindex');
        const { openServices } = await import('../services.js');
        const services = await openServices(config, log);
        try {
          const started = Date.now();
          if (opts.all) {
            await services.index.clear();
            services.archive.clearIndexed();
          }
          const n = await services.catchUpIndex();
          process.stdout.write(
            `indexed ${n} decisions in ${((Date.now() - started) / 1000).toFixed(1)} s; index holds ${await services.index.count()}\n`,
          );
        } finally {
          await services.close();
        }
      }),
    );
}
