import { copyFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Command, Option } from 'commander';
import { EXPORT_ROWS, exportStream, sqliteExport } from '../../api/analysis/index.js';
import { createLogger } from '../../core/log.js';
import { configFrom } from '../flags.js';
import { runCommand } from '../run.js';
import { addFilterOptions, filterQueryFrom, openSelection, usageError } from './analysis-options.js';

export function registerExport(program: Command): void {
  const cmd = program
    .command('export')
    .description(
      'Export matching decisions from the archive: CSV or NDJSON (one row per decision, or per payment\n' +
        'with its evidence sentence), or the whole structured archive as a SQLite file (Datasette-ready).\n' +
        'Same filters and columns as /api/export.csv, /api/export.ndjson and /api/archive.sqlite.',
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['csv', 'ndjson', 'sqlite']).default('csv'),
    )
    .addOption(
      new Option('--rows <rows>', 'one row per decision or per payment')
        .choices([...EXPORT_ROWS])
        .default('decisions'),
    )
    .option('--out <file>', 'write here (default: standard output; required for sqlite)');
  addFilterOptions(cmd).action(async (opts, c: Command) =>
    runCommand(async () => {
      const config = configFrom(c);
      const log = createLogger(config.logLevel, 'export');
      let query: ReturnType<typeof filterQueryFrom>;
      try {
        query = filterQueryFrom(opts);
      } catch (e) {
        if (usageError(e)) return;
        throw e;
      }
      if (opts.format === 'sqlite') {
        if (!opts.out) {
          process.stderr.write('lgsco: --format sqlite needs --out FILE\n');
          process.exitCode = 2;
          return;
        }
        if (Object.keys(query).length > 0)
          process.stderr.write('lgsco: the SQLite export holds the whole archive; filters are ignored\n');
      }
      const sel = await openSelection(config, log, query);
      try {
        const started = Date.now();
        if (opts.format === 'sqlite') {
          const exp = await sqliteExport(sel.store, path.join(path.dirname(sel.store.file), 'exports'));
          copyFileSync(exp.file, opts.out);
          process.stderr.write(`wrote ${opts.out} (${exp.bytes} bytes, archive revision ${exp.revision})\n`);
          return;
        }
        const stream = exportStream(sel.store, opts.format, {
          rows: opts.rows,
          filters: sel.selection.filters,
          refKeys: sel.selection.refKeys,
        });
        try {
          await pipeline(stream, opts.out ? createWriteStream(opts.out) : process.stdout);
        } catch (e) {
          // The reader went away (`| head`): stop quietly, as Unix tools do.
          if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
          throw e;
        }
        if (opts.out)
          process.stderr.write(`wrote ${opts.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      } finally {
        await sel.close();
      }
    }),
  );
}
