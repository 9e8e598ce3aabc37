/**
 * `npm run golden [-- --update]`: prints the hashes of the parser's output over the golden pages
 * (scripts/golden-core.ts) against parser/golden.json; `--update` records them with the current
 * PARSER_VERSION. Run it after bumping the version for a change in output.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PARSER_VERSION } from '../parser/version.js';
import { GOLDEN_FILE, GoldenFile, goldenHashes } from './golden-core.js';

const { values } = parseArgs({ options: { update: { type: 'boolean', default: false } } });
const now = goldenHashes();
if (values.update) {
  if (now.real === null) {
    process.stderr.write('golden: ../shared/real-decisions is missing; its hash cannot be recorded\n');
    process.exit(2);
  }
  const file: GoldenFile = { parserVersion: PARSER_VERSION, hashes: now };
  writeFileSync(GOLDEN_FILE, `${JSON.stringify(file, null, 2)}\n`);
  process.stdout.write(`golden: recorded parser ${PARSER_VERSION} in ${GOLDEN_FILE}\n`);
} else {
  const recorded = GoldenFile.parse(JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')));
  process.stdout.write(`parser ${PARSER_VERSION}, recorded ${recorded.parserVersion}\n`);
  for (const k of ['replica', 'handwritten', 'real'] as const)
    process.stdout.write(`${k.padEnd(12)} ${now[k] === recorded.hashes[k] ? 'same' : 'CHANGED'} ${now[k]}\n`);
}
