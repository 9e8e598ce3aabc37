/**
 * Accuracy of extracted facts (and header fields) against hand-written expectations: per field,
 * precision and recall over a set of cases. A later script prints the table.
 * @module
 */
import { z } from 'zod';
import {
  DelayAbout,
  type Facts,
  Finding,
  NotInvestigatedReason,
  PaymentPurpose,
  PaymentStatus,
  YearMonth,
} from '../../core/facts.js';

/** One hand-written expectation (`NN-name.expected.json` in test/fixtures/extraction). */
export const ExpectedCase = z.object({
  ref: z.string(),
  organisation: z.string(),
  category: z.string(),
  subcategory: z.string().nullable(),
  /** null: the page has no Decision line (headerComplete false). */
  outcome: z.string().nullable(),
  /** null: the page has no (readable) Decision date line. */
  decisionDate: z.string().nullable(),
  finding: Finding,
  notInvestigatedReason: NotInvestigatedReason.nullable(),
  payments: z.array(
    z.object({
      amount: z.number(),
      status: PaymentStatus,
      purpose: PaymentPurpose,
      recipient: z.string().nullable(),
    }),
  ),
  remedyTotal: z.number(),
  apology: z.boolean(),
  serviceImprovementsCount: z.number().int().nonnegative(),
  deadlineDays: z.number().nullable(),
  delays: z.array(z.object({ days: z.number(), about: DelayAbout })),
  missedEducation: z.array(
    z.object({ from: YearMonth.nullable(), to: YearMonth.nullable(), days: z.number().nullable() }),
  ),
  /** Substrings that must appear among the parse warnings. */
  warnings: z.array(z.string()).optional(),
  /** Set when the case is known to fail: why. Counted separately, not asserted. */
  knownFailure: z.string().optional(),
  notes: z.string().optional(),
});
export type ExpectedCase = z.infer<typeof ExpectedCase>;

export const HEADER_FIELDS = [
  'ref',
  'organisation',
  'category',
  'subcategory',
  'outcome',
  'decisionDate',
] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];
export type Header = Record<HeaderField, string | null>;

/** What the pipeline produced for one case; `header` is null when the page could not be parsed. */
export interface ActualCase {
  header: Header | null;
  facts: Facts | null;
}

export interface FieldScore {
  /** Items the extractor got right. */
  correct: number;
  /** Items the extractor produced (precision denominator). */
  produced: number;
  /** Items expected (recall denominator). */
  expected: number;
  precision: number;
  recall: number;
}

function score(correct: number, produced: number, expected: number): FieldScore {
  return {
    correct,
    produced,
    expected,
    precision: produced === 0 ? (expected === 0 ? 1 : 0) : correct / produced,
    recall: expected === 0 ? 1 : correct / expected,
  };
}

/** Size of the multiset intersection of two lists of keys. */
export function multisetMatch(expected: readonly string[], actual: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const e of expected) counts.set(e, (counts.get(e) ?? 0) + 1);
  let n = 0;
  for (const a of actual) {
    const c = counts.get(a) ?? 0;
    if (c > 0) {
      n++;
      counts.set(a, c - 1);
    }
  }
  return n;
}

const cents = (x: number) => String(Math.round(x * 100));

export interface AccuracyReport {
  cases: number;
  /** Cases where parsing or extraction threw (no facts). */
  crashes: number;
  fields: Record<string, FieldScore>;
}

/**
 * Per-field precision/recall. Single-valued fields (header fields, finding, reason, remedyTotal,
 * apology, deadline, improvement count) score one item per case; payments, payment status, delays
 * and missed education score their list items as multisets. Payment status is scored on
 * (amount, status) pairs, so a payment with the wrong amount also misses its status.
 */
export function computeAccuracy(
  cases: ReadonlyArray<{ expected: ExpectedCase; actual: ActualCase }>,
): AccuracyReport {
  const single: Record<string, [number, number, number]> = {};
  const add = (field: string, ok: boolean, produced: boolean) => {
    const s = single[field] ?? [0, 0, 0];
    single[field] = s;
    if (ok) s[0]++;
    if (produced) s[1]++;
    s[2]++;
  };
  const lists: Record<string, [number, number, number]> = {
    paymentAmount: [0, 0, 0],
    paymentStatus: [0, 0, 0],
    paymentPurpose: [0, 0, 0],
    delays: [0, 0, 0],
    missedEducation: [0, 0, 0],
  };
  const addList = (field: string, e: string[], a: string[]) => {
    const l = lists[field]!;
    l[0] += multisetMatch(e, a);
    l[1] += a.length;
    l[2] += e.length;
  };
  let crashes = 0;
  for (const { expected: e, actual } of cases) {
    for (const f of HEADER_FIELDS) {
      const got = actual.header ? actual.header[f] : undefined;
      add(f, got !== undefined && got === e[f], got !== undefined);
    }
    const facts = actual.facts;
    if (!facts) crashes++;
    add('finding', facts?.finding === e.finding, !!facts);
    add('notInvestigatedReason', !!facts && facts.notInvestigatedReason === e.notInvestigatedReason, !!facts);
    add('remedyTotal', !!facts && Math.abs(facts.remedyTotal - e.remedyTotal) < 0.005, !!facts);
    add('apology', facts?.apology === e.apology, !!facts);
    add('deadlineDays', !!facts && facts.deadlineDays === e.deadlineDays, !!facts);
    add(
      'serviceImprovementsCount',
      facts?.serviceImprovements.length === e.serviceImprovementsCount,
      !!facts,
    );
    const ap = facts?.payments ?? [];
    addList(
      'paymentAmount',
      e.payments.map((p) => cents(p.amount)),
      ap.map((p) => cents(p.amount)),
    );
    addList(
      'paymentStatus',
      e.payments.map((p) => `${cents(p.amount)}|${p.status}`),
      ap.map((p) => `${cents(p.amount)}|${p.status}`),
    );
    addList(
      'paymentPurpose',
      e.payments.map((p) => `${cents(p.amount)}|${p.purpose}`),
      ap.map((p) => `${cents(p.amount)}|${p.purpose}`),
    );
    addList(
      'delays',
      e.delays.map((d) => `${d.days}|${d.about}`),
      (facts?.delays ?? []).map((d) => `${d.days}|${d.about}`),
    );
    addList(
      'missedEducation',
      e.missedEducation.map((m) => `${m.from}|${m.to}|${m.days}`),
      (facts?.missedEducation ?? []).map((m) => `${m.from}|${m.to}|${m.days}`),
    );
  }
  const fields: Record<string, FieldScore> = {};
  for (const [k, [c, p, n]] of Object.entries(single)) fields[k] = score(c, p, n);
  for (const [k, [c, p, n]] of Object.entries(lists)) fields[k] = score(c, p, n);
  return { cases: cases.length, crashes, fields };
}

/** The report as aligned text lines (field, correct/produced/expected, precision, recall). */
export function formatAccuracy(report: AccuracyReport): string {
  const rows = Object.entries(report.fields).map(
    ([k, s]) =>
      `${k.padEnd(26)} ${String(s.correct).padStart(4)}/${String(s.produced).padEnd(4)} of ${String(s.expected).padEnd(4)}  P ${(s.precision * 100).toFixed(1).padStart(5)}%  R ${(s.recall * 100).toFixed(1).padStart(5)}%`,
  );
  return [`cases ${report.cases}, crashes ${report.crashes}`, ...rows].join('\n');
}
