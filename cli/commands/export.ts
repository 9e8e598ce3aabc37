import { copyFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Command, Option } from 'commander';
import { EXPORT_ROWS, type ExportRows, exportStream, sqliteExport } from '../../api/analysis/index.js';
import { analysisCommand, withSelection } from './analysis-options.js';

/** The options of `lgsco export` besides the filters. */
interface ExportFlags {
  format: 'csv' | 'ndjson' | 'sqlite';
  rows: ExportRows;
  out?: string;
}

export function registerExport(program: Command): void {
  const cmd = program
    .command('export')
    .description(
      'Export matching decisions from the archive: CSV or NDJSON (one row per decision, or per payment\n' +
        'with its evidence sentence), or the whole structured archive as a SQLite file (Datasette-ready).\n' +
        'Same filters and columns as /api/export.csv, /api/export.ndjson and /api/archive.sqlite.\n' +
        "CSV: a text cell starting with = + - @, a tab or a carriage return gets a leading ' (no formula\n" +
        'runs when the file is opened in a spreadsheet); numbers stay numbers.',
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
  analysisCommand<ExportFlags>(cmd, async ({ config, log, opts, query }) => {
    const { format, out } = opts;
    if (format === 'sqlite') {
      if (!out) {
        process.stderr.write('lgsco: --format sqlite needs --out FILE\n');
        process.exitCode = 2;
        return;
      }
      if (Object.keys(query).length > 0)
        process.stderr.write('lgsco: the SQLite export holds the whole archive; filters are ignored\n');
      await withSelection(config, log, query, async ({ store }) => {
        const exp = await sqliteExport(store, path.join(path.dirname(store.file), 'exports'));
        copyFileSync(exp.file, out);
        process.stderr.write(`wrote ${out} (${exp.bytes} bytes, archive revision ${exp.revision})\n`);
      });
      return;
    }
    await withSelection(config, log, query, async ({ store, selection }) => {
      const started = Date.now();
      const stream = exportStream(store, format, {
        rows: opts.rows,
        filters: selection.filters,
        refKeys: selection.refKeys,
      });
      try {
        await pipeline(stream, out ? createWriteStream(out) : process.stdout);
      } catch (e) {
        // The reader went away (`| head`): stop quietly, as Unix tools do.
        if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
        throw e;
      }
      if (out) process.stderr.write(`wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });
  });
}
