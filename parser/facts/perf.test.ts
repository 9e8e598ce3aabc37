import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FactsInput } from '../../core/facts.js';
import { parseDecisionText } from '../index.js';
import { extractFacts } from './extract.js';
import { loadCases } from './fixture-cases.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/extraction/', import.meta.url));

/** CPU ms spent by `fn` (not wall time: other work on a busy machine does not count against it). */
function time(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** A typical 8–15 KB decision: a fixture with its fact sections padded with more paragraphs, as long decisions have. */
function typicalDecisions(): FactsInput[] {
  return loadCases(DIR).map((c) => {
    const d = parseDecisionText(c.text);
    const sections = d.sections.map((s) => ({ ...s }));
    const filler = sections.filter((s) => s.text.length > 100).map((s) => s.text);
    let size = d.summary.length + sections.reduce((n, s) => n + s.text.length, 0);
    let k = 0;
    while (size < 11_000 && filler.length > 0) {
      const add = filler[k++ % filler.length]!;
      sections.push({ heading: 'What happened', text: add });
      size += add.length;
    }
    return { summary: d.summary, sections };
  });
}

describe('speed', () => {
  it('extracts typical decisions quickly (prints decisions/s)', () => {
    const docs = typicalDecisions();
    for (const d of docs) extractFacts(d); // warm up
    let n = 0;
    const ms = time(() => {
      for (let r = 0; r < 20; r++) {
        for (const d of docs) {
          extractFacts(d);
          n++;
        }
      }
    });
    const perSecond = Math.round((n / ms) * 1000);
    const avgKb =
      docs.reduce((s, d) => s + d.summary.length + d.sections.reduce((t, x) => t + x.text.length, 0), 0) /
      docs.length /
      1024;
    console.log(
      `extractFacts: ${perSecond} decisions/s on ${docs.length} decisions of ${avgKb.toFixed(1)} KB average`,
    );
    // The target is 2,000/s on one quiet core; CI runners are noisy, so the assertion is looser.
    expect(perSecond).toBeGreaterThan(500);
  });

  it('does not blow up on long adversarial strings', () => {
    const adversarial = [
      '£'.repeat(100_000),
      '£1,'.repeat(30_000),
      `${'one '.repeat(30_000)}pounds`,
      `${'twenty-one and '.repeat(10_000)}weeks late`,
      'delay of '.repeat(20_000),
      'Mr. '.repeat(40_000),
      `between £1 and ${'£2 and '.repeat(15_000)}`,
      'a'.repeat(200_000),
      `${'1. '.repeat(30_000)}\n`.repeat(3),
      `${'- pay Mrs X £100 for distress;\n'.repeat(5_000)}`,
      `We will not investigate ${'because it is late and '.repeat(10_000)}`,
      `${'missed '.repeat(20_000)}education from April 2022`,
      `took ${'over '.repeat(20_000)}seven months to reply to her complaint`,
      'Mrs X. '.repeat(30_000),
      '£1 a month for '.repeat(20_000),
      '1 week late. '.repeat(20_000),
      'The Council was at fault. '.repeat(20_000),
      `${'April 2022 to '.repeat(20_000)} missed education`,
    ];
    for (const s of adversarial) {
      const ms = time(() => {
        extractFacts({
          summary: s.slice(0, 5_000),
          sections: [
            { heading: 'Agreed action', text: s },
            { heading: 'What I found', text: s },
          ],
        });
      });
      expect(ms, s.slice(0, 30)).toBeLessThan(2_000);
    }
  });
});
