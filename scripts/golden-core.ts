/**
 * The parser's output over a fixed set of pages, hashed: replica pages (rendered HTML), the
 * hand-written cases (text copies) and, where it lies beside the repository, the real development
 * set. `parser/golden.json` records the hashes beside PARSER_VERSION; parser/golden.test.ts fails
 * when the output changes and the version does not (so `lgsco reparse` would miss the change).
 * @module
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadCases } from '../parser/facts/fixture-cases.js';
import { parseDecisionHtml, parseDecisionText } from '../parser/index.js';
import { generateCorpus, renderDecisionPage } from '../replica/index.js';
import { loadRealDecisions } from './real-decisions.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GOLDEN_FILE = path.join(root, 'parser', 'golden.json');

export const GoldenFile = z.object({
  parserVersion: z.string(),
  hashes: z.object({ replica: z.string(), handwritten: z.string(), real: z.string().nullable() }),
});
export type GoldenFile = z.infer<typeof GoldenFile>;

/** sha256 of every parse's output in order, less the version stamp; a refusal hashes its message. */
function hashOf(parses: Iterable<() => object>): string {
  const h = createHash('sha256');
  for (const parse of parses) {
    let out: unknown;
    try {
      const { parserVersion: _v, ...record } = parse() as { parserVersion?: string };
      out = record;
    } catch (e) {
      out = { refused: e instanceof Error ? e.message : String(e) };
    }
    h.update(JSON.stringify(out));
    h.update('\n');
  }
  return h.digest('hex');
}

/** The current parser's hashes (real: null when the development set is not beside the repository). */
export function goldenHashes(): GoldenFile['hashes'] {
  const corpus = generateCorpus({ seed: 4242, count: 120 });
  const replica = hashOf(
    Array.from({ length: corpus.count }, (_, i) => {
      const d = corpus.full(i);
      return () => parseDecisionHtml(renderDecisionPage(d), { url: d.url });
    }),
  );
  const handwritten = hashOf(
    loadCases(path.join(root, 'test/fixtures/extraction')).map((c) => () => parseDecisionText(c.text)),
  );
  const real = loadRealDecisions();
  return {
    replica,
    handwritten,
    real: real ? hashOf(real.map((c) => () => parseDecisionText(c.text))) : null,
  };
}
