/**
 * The parser builds records in the Decision schema's order and does not run the schema itself
 * (parser/core.ts): the archive validates each record on save, and fuzz.test.ts checks that every
 * record of 10,000 mutated pages is valid. This test checks the other half: the schema, run over
 * a record, gives it back unchanged, key order included, so `lgsco parse` prints what the archive
 * stores and parser/reparse/job.ts may compare the stored and the new JSON as text.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Decision } from '../core/record.js';
import { generateCorpus, renderDecisionPage } from '../replica/index.js';
import { loadRealDecisions } from '../scripts/real-decisions.js';
import { parseDecisionHtml, parseDecisionText } from './decision.js';
import { loadCases } from './facts/fixture-cases.js';

function parsed(parse: () => Decision): Decision | null {
  try {
    return parse();
  } catch {
    return null; // refused pages have no record
  }
}

const corpus = generateCorpus({ seed: 4242, count: 200 });
const sets: [string, (Decision | null)[]][] = [
  [
    'replica pages',
    Array.from({ length: corpus.count }, (_, i) => {
      const d = corpus.full(i);
      return parsed(() => parseDecisionHtml(renderDecisionPage(d), { url: d.url }));
    }),
  ],
  [
    'hand-written text copies',
    loadCases(fileURLToPath(new URL('../test/fixtures/extraction/', import.meta.url))).map((c) =>
      parsed(() => parseDecisionText(c.text)),
    ),
  ],
  ['real decisions', (loadRealDecisions() ?? []).map((c) => parsed(() => parseDecisionText(c.text)))],
];

describe('parser records are in the Decision schema’s form', () => {
  for (const [name, records] of sets) {
    it.skipIf(records.length === 0)(`${name}: Decision.parse gives each record back unchanged`, () => {
      const kept = records.filter((r): r is Decision => r !== null);
      expect(kept.length).toBeGreaterThan(records.length / 2);
      for (const r of kept) {
        const json = JSON.stringify(r);
        expect(
          JSON.stringify(Decision.parse(r)),
          `record ${r.refKey}: the schema reorders, drops or fills in a field — build it in core/record.ts's field order (nested objects too, as core/facts.ts lists them)`,
        ).toBe(json);
      }
    });
  }
});
