import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Facts } from '../../core/facts.js';
import { parseDecisionText } from '../index.js';
import { computeAccuracy, type ExpectedCase, formatAccuracy } from './accuracy.js';
import { loadCases, type ParseText, runCase } from './fixture-cases.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/extraction/', import.meta.url));
const cases = loadCases(DIR);
const parse: ParseText = (text) => parseDecisionText(text);

function comparable(facts: Facts) {
  return {
    finding: facts.finding,
    notInvestigatedReason: facts.notInvestigatedReason,
    payments: facts.payments.map(({ amount, status, purpose, recipient }) => ({
      amount,
      status,
      purpose,
      recipient,
    })),
    remedyTotal: facts.remedyTotal,
    apology: facts.apology,
    serviceImprovementsCount: facts.serviceImprovements.length,
    deadlineDays: facts.deadlineDays,
    delays: facts.delays.map(({ days, about }) => ({ days, about })),
    missedEducation: facts.missedEducation.map(({ from, to, days }) => ({ from, to, days })),
  };
}

function wanted(e: ExpectedCase) {
  const {
    finding,
    notInvestigatedReason,
    payments,
    remedyTotal,
    apology,
    serviceImprovementsCount,
    deadlineDays,
    delays,
    missedEducation,
  } = e;
  return {
    finding,
    notInvestigatedReason,
    payments,
    remedyTotal,
    apology,
    serviceImprovementsCount,
    deadlineDays,
    delays,
    missedEducation,
  };
}

describe('hand-written extraction cases', () => {
  it('has at least 45 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  for (const c of cases) {
    const run = c.expected.knownFailure ? it.skip : it;
    run(`${c.name}: facts match the expectation`, () => {
      const actual = runCase(c.text, parse);
      expect(actual.error).toBeUndefined();
      const facts = actual.facts!;
      expect(Facts.safeParse(facts).success).toBe(true);
      expect(comparable(facts)).toEqual(wanted(c.expected));
      for (const w of c.expected.warnings ?? []) {
        expect(facts.parseWarnings.some((p) => p.includes(w))).toBe(true);
      }
    });
  }

  it('every evidence sentence is found at its offsets in its section', () => {
    for (const c of cases) {
      const d = parseDecisionText(c.text);
      const facts = runCase(c.text, parse).facts!;
      const texts = new Map<string, string[]>([['Summary', [d.summary]]]);
      for (const s of d.sections) texts.set(s.heading, [...(texts.get(s.heading) ?? []), s.text]);
      const evidences = [
        ...facts.payments.map((p) => p.evidence),
        ...facts.delays.map((x) => x.evidence),
        ...facts.missedEducation.map((x) => x.evidence),
        ...facts.serviceImprovements.map((x) => x.evidence),
        ...(facts.findingEvidence ? [facts.findingEvidence] : []),
        ...(facts.apologyEvidence ? [facts.apologyEvidence] : []),
      ];
      for (const e of evidences) {
        const candidates = texts.get(e.section) ?? [];
        expect(
          candidates.some((t) => t.slice(e.start, e.end) === e.text),
          `${c.name}: ${e.section}`,
        ).toBe(true);
      }
    }
  });

  it('meets the accuracy targets, with no crashes', () => {
    const scored = cases.map((c) => ({ expected: c.expected, actual: runCase(c.text, parse) }));
    const report = computeAccuracy(scored);
    console.log(formatAccuracy(report));
    const known = cases.filter((c) => c.expected.knownFailure).length;
    console.log(`known failures: ${known}`);
    const f = report.fields;
    expect(report.crashes).toBe(0);
    expect(f.finding!.recall).toBeGreaterThanOrEqual(0.95);
    expect(f.paymentAmount!.precision).toBeGreaterThanOrEqual(0.97);
    expect(f.paymentAmount!.recall).toBeGreaterThanOrEqual(0.95);
    expect(f.paymentStatus!.recall).toBeGreaterThanOrEqual(0.9);
    expect(f.delays!.recall).toBeGreaterThanOrEqual(0.9);
    expect(f.delays!.precision).toBeGreaterThanOrEqual(0.9);
  });
});
