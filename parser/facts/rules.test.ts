import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Facts, FactsInput } from '../../core/facts.js';
import { extractFacts, type FactsTrace } from './extract.js';
import { RULE_TABLES, type RuleExample } from './rules.js';

/** The input a rule's example stands for: a summary, or one section under its heading, with its Decision line. */
function inputOf(example: RuleExample): FactsInput {
  if (typeof example === 'string') return { summary: example, sections: [] };
  const { text, heading, outcome } = example;
  return {
    summary: heading ? '' : text,
    sections: heading ? [{ heading, text }] : [],
    ...(outcome ? { outcome } : {}),
  };
}

/** Every rule id the extractor reports for an input: on the facts and on the sums it left out. */
function firedIds(facts: Facts, trace: FactsTrace): Set<string> {
  return new Set([
    ...facts.findingRules,
    ...facts.payments.flatMap((p) => p.rules ?? []),
    ...facts.delays.flatMap((d) => d.rules ?? []),
    ...facts.missedEducation.flatMap((m) => m.rules ?? []),
    ...(facts.apologyRules ?? []),
    ...facts.serviceImprovements.flatMap((s) => s.rules ?? []),
    ...(facts.deadlineRules ?? []),
    ...trace.excludedSums.map((x) => x.rule),
    ...(trace.setAsideImprovements ?? []).map((x) => x.rule),
  ]);
}

const README = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

describe('rule tables', () => {
  it('are defined (payments, finding, delays, missed education, apology, improvements, deadline)', () => {
    const names = RULE_TABLES.map((t) => t.name);
    expect(names.some((n) => n.startsWith('payments:'))).toBe(true);
    expect(names.some((n) => n.startsWith('finding:'))).toBe(true);
    expect(names.some((n) => n.startsWith('delays:'))).toBe(true);
    expect(names.some((n) => n.startsWith('missed education:'))).toBe(true);
    expect(names.some((n) => n.startsWith('apology:'))).toBe(true);
    expect(names.some((n) => n.startsWith('service improvements:'))).toBe(true);
    expect(names.some((n) => n.startsWith('deadline:'))).toBe(true);
  });

  for (const table of RULE_TABLES) {
    describe(table.name, () => {
      it('has unique ids, sorted by priority, each with an example and a README clause', () => {
        const ids = table.rules.map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        const priorities = table.rules.map((r) => r.priority);
        expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
        for (const r of table.rules) {
          expect(r.readme.length, r.id).toBeGreaterThan(5);
          expect(typeof r.example === 'string' ? r.example : r.example.text, r.id).not.toBe('');
        }
      });

      for (const rule of table.rules) {
        it(`${rule.id} fires on its own example`, () => {
          const trace: FactsTrace = { excludedSums: [], setAsideImprovements: [] };
          const facts = extractFacts(inputOf(rule.example), trace);
          expect([...firedIds(facts, trace)]).toContain(rule.id);
        });

        it(`${rule.id} is listed in parser/facts/README.md`, () => {
          expect(README).toContain(`\`${rule.id}\``);
        });
      }
    });
  }
});
