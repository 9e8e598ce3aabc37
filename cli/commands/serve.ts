import type { Command } from 'commander';
import { createLogger } from '../../core/log.js';
import { configFrom } from '../flags.js';
import { listenOrExplain } from '../listen.js';
import { onShutdown, runCommand } from '../run.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Serve the web page (/) and the API over the archive: /api/search, /api/decisions/:ref,\n' +
        '/api/organisations, /api/stats, /api/export.csv|ndjson, /api/feeds/search.atom,\n' +
        '/api/archive.sqlite, /health, and the OpenAPI page at /api/docs.',
    )
    .option('--port <port>', 'port (env PORT, default 3000)')
    .option('--host <addr>', 'bind address (env HOST, default 127.0.0.1)')
    .action(async (_opts, cmd: Command) =>
      runCommand(async () => {
        const config = configFrom(cmd);
        const log = createLogger(config.logLevel, 'serve');
        const [{ openServices }, { buildApi }] = await Promise.all([
          import('../services.js'),
          import('../../api/index.js'),
        ]);
        const services = await openServices(config, log, { watch: true });
        const caughtUp = await services.catchUpIndex();
        if (caughtUp > 0)
          log.info({ decisions: caughtUp }, 'indexed archived decisions missing from the index');
        const app = await buildApi({ config, archive: services.archive, index: services.index, log });
        const close = async () => {
          await app.close();
          await services.close();
        };
        // A port in use: one line naming it, exit code 1 (no stack trace).
        const address = await listenOrExplain(app, config.host, config.port, close);
        onShutdown(close);
        process.stdout.write(`API listening on ${address} (docs: ${address}/api/docs)\n`);
      }),
    );
}
