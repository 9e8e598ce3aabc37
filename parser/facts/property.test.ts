import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Facts, type FactsInput } from '../../core/facts.js';
import { parseDecisionText } from '../index.js';
import { extractFacts } from './extract.js';
import { loadCases } from './fixture-cases.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/extraction/', import.meta.url));
const cases = loadCases(DIR);

/** The parser's record when it can read the text, else the text as one section. */
function input(text: string): FactsInput {
  try {
    const d = parseDecisionText(text);
    return { summary: d.summary, sections: d.sections };
  } catch {
    return { summary: '', sections: [{ heading: 'What I found', text }] };
  }
}

function checkFacts(facts: Facts, inp: FactsInput) {
  expect(Facts.safeParse(facts).success).toBe(true);
  const texts = new Map<string, string[]>([['Summary', [inp.summary]]]);
  for (const s of inp.sections) texts.set(s.heading, [...(texts.get(s.heading) ?? []), s.text]);
  for (const e of [...facts.payments.map((p) => p.evidence), ...facts.delays.map((d) => d.evidence)]) {
    expect((texts.get(e.section) ?? []).some((t) => t.slice(e.start, e.end) === e.text)).toBe(true);
  }
}

/** Text rich in the words the extractors look for, so random strings reach the interesting paths. */
const vocabulary = fc.constantFrom(
  '£',
  '£1,200',
  '£509.81',
  '£2k',
  ' a month ',
  ' for 7 months',
  'between ',
  ' and ',
  ' pay Mrs X ',
  ' agreed to ',
  ' recommend ',
  ' offered ',
  ' declined',
  ' already paid ',
  ' refund ',
  ' for distress',
  ' time and trouble',
  ' education',
  ' weeks late',
  ' delay of ',
  ' seven months',
  ' from April 2022 to October 2023',
  ' We will not investigate',
  ' tribunal',
  ' fault',
  ' no fault',
  ' did not cause injustice',
  '. ',
  ':\n- ',
  '\n1. ',
  'Mr. ',
  'e.g. ',
  's.19',
  ' within one month',
  ' apologise',
  ' remind staff',
);
const richText = fc
  .array(fc.oneof(vocabulary, fc.string({ maxLength: 12 })), { maxLength: 80 })
  .map((a) => a.join(''));
const heading = fc.constantFrom(
  'Agreed action',
  'Recommendations',
  'Final decision',
  'What I found',
  'Summary',
  'The complaint',
  '',
  'x',
);

describe('extractFacts on any input', () => {
  it('never throws and always returns schema-valid facts with true evidence offsets (random text)', () => {
    fc.assert(
      fc.property(
        richText,
        fc.array(fc.record({ heading, text: richText }), { maxLength: 6 }),
        (summary, sections) => {
          const inp = { summary, sections };
          checkFacts(extractFacts(inp), inp);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on mutated fixture pages (cut, duplicated, spliced)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('cut', 'dup', 'splice', 'noise'),
        fc.string({ maxLength: 30 }),
        (i, a, b, op, noise) => {
          const t = cases[i]!.text;
          const x = a % (t.length + 1);
          const y = b % (t.length + 1);
          const [lo, hi] = x < y ? [x, y] : [y, x];
          const mutated =
            op === 'cut'
              ? t.slice(0, hi)
              : op === 'dup'
                ? t.slice(0, hi) + t.slice(lo, hi) + t.slice(hi)
                : op === 'splice'
                  ? t.slice(0, lo) + t.slice(hi)
                  : t.slice(0, lo) + noise + t.slice(lo);
          const inp = input(mutated);
          checkFacts(extractFacts(inp), inp);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('treats malformed input as empty, with no throw', () => {
    for (const bad of [
      null,
      undefined,
      42,
      'text',
      { summary: 5, sections: 'no' },
      { sections: [null, 3, { heading: 1 }] },
    ]) {
      const f = extractFacts(bad as unknown as FactsInput);
      expect(Facts.safeParse(f).success).toBe(true);
    }
  });
});
