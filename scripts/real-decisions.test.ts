import { describe, expect, it } from 'vitest';
import { parseDecisionText } from '../parser/index.js';
import {
  loadRealDecisions,
  pct,
  REAL_DECISIONS_DIR,
  type RealCase,
  scoreRealCase,
  scoreRealDecisions,
  summaryRegion,
} from './real-decisions.js';

/**
 * Floors on the real development set (../shared/real-decisions, read in place): what parser
 * 1.11.0 reached. A change that loses any of it fails here; raise a floor when the parser gets better.
 */
const FLOORS = {
  refused: 0,
  header: 100,
  finding: 98.3,
  paymentsPrecision: 97,
  paymentsRecall: 97,
  paymentStatus: 95,
};

const cases = loadRealDecisions();

describe('the scorer (independent of the parser)', () => {
  const text = [
    'URL: https://www.lgo.org.uk/decisions/housing/homelessness/24-000-009',
    'Eastmoor Council (24 000 009)',
    'Summary: We found fault. The Council has agreed to pay Mrs A £200 and Mr A £100.',
    'The complaint',
    '1. Mrs A complained. She wants £5,000.',
  ].join('\n');
  const label = {
    ref: '24 000 009',
    url: '',
    organisation: 'Eastmoor Council',
    category: null,
    subcategory: null,
    outcome: null,
    decision_date: null,
    fault: 'fault' as const,
    payments: [
      { amount: 200, status: 'agreed' as const },
      { amount: 100, status: 'recommended' as const },
      { amount: 5000, status: 'other' as const },
    ],
  };
  const c: RealCase = { label, file: 'x', text };

  it('takes the summary region up to the first body heading', () => {
    expect(summaryRegion(text)).toBe(
      'Summary: We found fault. The Council has agreed to pay Mrs A £200 and Mr A £100.',
    );
  });

  it('matches amounts as a multiset and scores status on the matched ones only', () => {
    const r = scoreRealCase(c, parseDecisionText(text));
    expect(r.payments.expected).toEqual([
      { amount: 200, status: 'agreed' },
      { amount: 100, status: 'recommended' },
    ]);
    expect(r.payments.matched).toBe(2);
    expect(r.payments.statusRight).toBe(1); // £100 is agreed in the text, labelled recommended here
    expect(r.finding).toEqual({ expected: 'fault', actual: 'fault' });
  });

  it('a refusal is wrong on every labelled field', () => {
    const r = scoreRealDecisions([c], () => {
      throw new Error('not a decision page');
    });
    expect(r.refused).toBe(1);
    expect(r.header).toEqual({ right: 0, total: 2 });
    expect(r.finding).toEqual({ right: 0, total: 1 });
    expect(r.paymentsRecall).toEqual({ right: 0, total: 2 });
  });
});

describe('real decisions (development set): the floors hold', () => {
  if (!cases) {
    // CI lays ../shared beside the clone; a local clone without it says what is missing.
    it.skipIf(!process.env.CI)(`needs the set at ${REAL_DECISIONS_DIR}`, () => {
      throw new Error(`the real development set is missing: ${REAL_DECISIONS_DIR}`);
    });
    return;
  }

  const r = scoreRealDecisions(cases, (c) => parseDecisionText(c.text));

  it('no text with a reference and a summary is refused', () => {
    expect(r.cases.filter((c) => c.refused).map((c) => `${c.ref}: ${c.refused}`)).toEqual([]);
    expect(r.refused).toBeLessThanOrEqual(FLOORS.refused);
  });

  it('header, finding, payments and status at or above the floors', () => {
    const figures = {
      header: pct(r.header),
      finding: pct(r.finding),
      paymentsPrecision: pct(r.paymentsPrecision),
      paymentsRecall: pct(r.paymentsRecall),
      paymentStatus: pct(r.paymentStatus),
    };
    for (const [k, v] of Object.entries(figures))
      expect(
        v,
        `${k}: ${v.toFixed(1)} % (floor ${FLOORS[k as keyof typeof FLOORS]} %)`,
      ).toBeGreaterThanOrEqual(FLOORS[k as keyof typeof FLOORS]);
  });

  it('every decision is kept with the evidence of its finding, and incomplete headers are flagged', () => {
    for (const c of cases) {
      const d = parseDecisionText(c.text);
      expect(d.headerComplete, c.label.ref).toBe(c.label.outcome !== null);
      if (d.finding !== 'unknown') expect(d.findingRules.length, c.label.ref).toBeGreaterThan(0);
    }
  });
});
