import { describe, expect, it } from 'vitest';
import type { Decision } from '../core/record.js';
import { generateCorpus } from '../replica/index.js';
import {
  DIFF_KINDS,
  expectedFromTruth,
  leftOut,
  recordFigures,
  replicaDisagreements,
  replicaResults,
  report,
  truthFigures,
} from './accuracy-core.js';

describe('npm run accuracy', () => {
  it('leaves claims, charges, guidance ranges and sums never named out of the expected payments', () => {
    const corpus = generateCorpus({ seed: 3, count: 1500 });
    let left = 0;
    for (let i = 0; i < corpus.count; i++) {
      const t = corpus.full(i);
      const e = expectedFromTruth(t);
      left += t.payments.length - e.payments.length;
      expect(e.payments.every((p) => p.status !== 'other')).toBe(true);
      expect(e.payments).toHaveLength(
        t.payments.filter((p) => p.status !== 'other' && p.amount !== null).length,
      );
    }
    expect(left).toBeGreaterThan(0);
  });

  it('parses replica pages without a crash and reads their header fields exactly', () => {
    const r = report(replicaResults(5, 300));
    expect(r.crashes).toBe(0);
    for (const f of ['ref', 'organisation', 'category', 'subcategory', 'outcome', 'decisionDate'])
      expect(r.fields[f]?.recall, f).toBe(1);
  });

  it("scores missed education against the replica's truth: every true period expected, as (from, to, days)", () => {
    const corpus = generateCorpus({ seed: 5, count: 1000 });
    let periods = 0;
    for (let i = 0; i < corpus.count; i++) {
      const t = corpus.full(i);
      periods += t.missedEducation.length;
      expect(expectedFromTruth(t).missedEducation).toEqual(
        t.missedEducation.map((m) => ({ from: m.from, to: m.to, days: m.days })),
      );
    }
    expect(periods).toBeGreaterThan(20);
    const r = report(replicaResults(5, 1000));
    expect(r.fields.missedEducation?.expected).toBe(periods);
    expect(r.fields.missedEducation?.produced).toBeGreaterThan(0);
  });

  it('--diff figures: remedy statuses only, sums to the penny, the longest delay, improvements counted', () => {
    const ev = { section: 'Agreed action', text: 't', start: 0, end: 1 };
    const record = {
      payments: [
        { amount: 100.1, status: 'agreed', purpose: 'distress', recipient: null, evidence: ev },
        { amount: 50.2, status: 'already_paid', purpose: 'other', recipient: null, evidence: ev },
        { amount: 75, status: 'offered', purpose: 'other', recipient: null, evidence: ev },
      ],
      remedyTotal: 150.3,
      delays: [
        { days: 56, about: 'assessment', text: 'eight weeks', evidence: ev },
        { days: 98, about: 'ehc_plan', text: '34 weeks', evidence: ev },
      ],
      serviceImprovements: [
        { text: 'remind staff', evidence: ev },
        { text: 'review its policy', evidence: ev },
      ],
    } as unknown as Decision;
    expect(recordFigures(record)).toEqual({
      remedyTotal: 150.3,
      remedyPaymentCount: 2,
      longestDelay: 98,
      serviceImprovementCount: 2,
    });
    const t = generateCorpus({ seed: 4, count: 50 }).full(0);
    const f = truthFigures(t);
    expect(f.remedyPaymentCount).toBe(
      t.payments.filter(
        (p) => p.amount !== null && ['agreed', 'recommended', 'already_paid'].includes(p.status),
      ).length,
    );
    expect(f.longestDelay).toBe(Math.max(0, ...t.delays.map((d) => d.days)));
    expect(f.serviceImprovementCount).toBe(t.serviceImprovements.length);
  });

  it('--diff keeps exactly the decisions whose figures differ, and sums the corpus', () => {
    const r = replicaDisagreements(5, 400);
    const corpus = generateCorpus({ seed: 5, count: 400 });
    let truePence = 0;
    for (let i = 0; i < corpus.count; i++) truePence += Math.round(corpus.full(i).remedyTotal * 100);
    expect(Math.round(r.remedyPounds.truth * 100)).toBe(truePence);
    for (const k of DIFF_KINDS)
      expect(r.differ[k]).toBe(r.disagreements.filter((d) => d.kinds.includes(k)).length);
    for (const d of r.disagreements) {
      expect(d.kinds.length).toBeGreaterThan(0);
      for (const k of d.kinds) expect(d.parsed?.[k]).not.toBe(d.truth[k]);
      expect(d.trueImprovements).toHaveLength(d.truth.serviceImprovementCount);
      expect(d.parsedImprovements).toHaveLength(d.parsed?.serviceImprovementCount ?? 0);
    }
    const agreeing = corpus.count - r.disagreements.length;
    expect(agreeing).toBeGreaterThan(390);
  });

  it('--diff names what the extractor left out: sums (P-NOT-*) and improvement clauses (SI-NOT-*)', () => {
    const out = leftOut({
      summary: '',
      outcome: null,
      sections: [
        {
          heading: 'Agreed action',
          text: "1. The Council will pay Mrs X £200 to improve her garden fence.\n2. The Council will review Mr Y's care plan with the care team.\n3. The Council will remind staff to reply on time.",
        },
      ],
    });
    expect(out.improvements.map((x) => x.rule)).toEqual(['SI-NOT-FOR-COMPLAINANT', 'SI-NOT-PERSONAL-REVIEW']);
    expect(out.improvements[1]!.text).toContain("Mr Y's care plan");
  });
});
