import type { Command } from 'commander';
import { Archive } from '../../archive/index.js';
import { configFrom } from '../flags.js';
import { runCommand } from '../run.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('Print archive totals: decisions, pages kept, quarantined pages, failed URLs.')
    .option('--json', 'print JSON', false)
    .action(async (opts, cmd: Command) =>
      runCommand(async () => {
        const config = configFrom(cmd);
        const archive = Archive.open(config.dataDir);
        try {
          const counts = archive.counts();
          if (opts.json) {
            process.stdout.write(`${JSON.stringify({ dataDir: config.dataDir, ...counts })}\n`);
            return;
          }
          process.stdout.write(`archive: ${config.dataDir}\n`);
          for (const [k, v] of Object.entries(counts)) process.stdout.write(`  ${k.padEnd(14)} ${v}\n`);
        } finally {
          archive.close();
        }
      }),
    );
}
