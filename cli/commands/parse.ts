import type { Command } from 'commander';
import { runCommand } from '../run.js';
import type { ParseOutcome } from './parse-file.js';
import { parseWorkers } from './parse-pool.js';

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description(
      'Parse saved decision pages and print one JSON record per file (NDJSON).\n' +
        'FILE may be .html (a saved page) or .txt (the page text as a browser shows or copies it);\n' +
        'UTF-8, or UTF-16 (LE or BE) with a byte order mark, as Windows Notepad saves "Unicode".',
    )
    .argument('<file...>', 'decision pages (.html, .htm or .txt)')
    .option('--url <url>', 'source URL to record when the file does not carry one')
    .option('--workers <n>', 'parser threads (default: one per core from 200 files on; 0 = this thread)')
    .action(async (files: string[], opts: { url?: string; workers?: string }) =>
      runCommand(async () => {
        let workers = parseWorkers(files.length);
        if (opts.workers !== undefined) {
          workers = Number(opts.workers);
          if (!Number.isInteger(workers) || workers < 0) {
            process.stderr.write(`lgsco parse: --workers must be a whole number ≥ 0, got ${opts.workers}\n`);
            process.exitCode = 2;
            return;
          }
        }
        let failed = 0;
        // Records are written ~64 KB at a time: a write per record (a system call each: stdout to a
        // file or pipe is synchronous) cost ~0.09 ms of CPU per record.
        let out = '';
        const flush = () => {
          if (out !== '') process.stdout.write(out);
          out = '';
        };
        const emit = (file: string, outcome: ParseOutcome) => {
          if (outcome.ok) {
            out += `${outcome.json}\n`;
            if (out.length >= 65_536) flush();
          } else {
            failed++;
            process.stderr.write(`lgsco parse: ${file}: ${outcome.why}\n`);
          }
        };
        // The parser is loaded where it runs: in this thread, or only in the workers.
        try {
          if (workers === 0) {
            const { parseFile } = await import('./parse-file.js');
            for (const file of files) emit(file, parseFile(file, opts.url));
          } else {
            const { parseInWorkers } = await import('./parse-pool.js');
            await parseInWorkers(files, opts.url, workers, (batch, { records, refused }) => {
              // The workers encode their records: written as they come, ~90 KB a batch.
              flush();
              if (records.length > 0) process.stdout.write(records);
              for (const { index, why } of refused) emit(batch[index]!, { ok: false, why });
            });
          }
        } finally {
          flush(); // what was parsed is printed, even when a worker failed
        }
        if (failed > 0) process.exitCode = 1;
      }),
    );
}
