import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILE, GoldenFile, goldenHashes } from '../scripts/golden-core.js';
import { PARSER_VERSION } from './version.js';

/**
 * The parser's version follows its output: a change to what any golden page parses to must come
 * with a new PARSER_VERSION (so `lgsco reparse` refreshes archives) and a CHANGELOG entry, then
 * `npm run golden -- --update` records the new hashes.
 */
describe('parser output is versioned (golden hashes)', () => {
  const recorded = GoldenFile.parse(JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')));
  const now = goldenHashes();
  const fix =
    'bump PARSER_VERSION in parser/version.ts for the change in output, note it in parser/CHANGELOG.md, then run `npm run golden -- --update`';

  it('parser/golden.json records the current PARSER_VERSION', () => {
    expect(recorded.parserVersion, `parser/golden.json is for ${recorded.parserVersion}: ${fix}`).toBe(
      PARSER_VERSION,
    );
  });

  for (const k of ['replica', 'handwritten', 'real'] as const) {
    it.skipIf(k === 'real' && now.real === null && !process.env.CI)(
      `the ${k} pages parse as recorded`,
      () => {
        expect(now[k], `the parser's output over the ${k} pages changed: ${fix}`).toBe(recorded.hashes[k]);
      },
    );
  }
});
