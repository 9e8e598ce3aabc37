import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { isLgscoError } from '../../core/errors.js';
import { decodeFile } from '../../crawler/decode.js';
import { parseDecisionHtml, parseDecisionText } from '../../parser/index.js';
import { runCommand } from '../run.js';

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
    .action(async (files: string[], opts) =>
      runCommand(async () => {
        let failed = 0;
        for (const file of files) {
          try {
            // As a browser reads a saved file: a BOM names UTF-8 or UTF-16 (LE/BE), else UTF-8.
            const content = decodeFile(await readFile(file));
            const isHtml = /\.html?$/i.test(file) || /^\s*<(!doctype|html)/i.test(content);
            const record = isHtml
              ? parseDecisionHtml(content, { url: opts.url })
              : parseDecisionText(content, { url: opts.url });
            process.stdout.write(`${JSON.stringify(record)}\n`);
          } catch (e) {
            failed++;
            const why = isLgscoError(e)
              ? `${e.code}: ${e.message}`
              : e instanceof Error
                ? e.message
                : String(e);
            process.stderr.write(`lgsco parse: ${file}: ${why}\n`);
          }
        }
        if (failed > 0) process.exitCode = 1;
      }),
    );
}
