/**
 * Scoring against the real decisions in `../shared/real-decisions/` (texts published by the
 * Ombudsman, hand-labelled). The texts stay there, read at run time: the project never copies them.
 * The rules are the set's README ("How a parser is scored on it"):
 * - header fields: exact after collapsing spaces and case, only where the label is not null; a
 *   refused text is wrong on every field;
 * - finding: fault_injustice and fault_no_injustice both count as fault;
 * - payments: the labelled sums other than `other`, against the parser's payments other than
 *   `other` whose evidence sentence lies in the summary region (from "Summary" to the first body
 *   heading), as a multiset of amounts; status is scored on the matched amounts
 *   (offered_by_council ↔ offered, ordered ↔ agreed).
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Decision } from '../core/record.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the set lives beside the repository (CI lays ../shared beside the clone). */
export const REAL_DECISIONS_DIR = path.resolve(root, '..', 'shared', 'real-decisions');

const LabelPayment = z.object({
  amount: z.number(),
  status: z.enum(['agreed', 'recommended', 'already_paid', 'offered_by_council', 'ordered', 'other']),
  purpose: z.string().nullable().optional(),
});

export const RealLabel = z.object({
  ref: z.string(),
  url: z.string(),
  organisation: z.string(),
  category: z.string().nullable(),
  subcategory: z.string().nullable(),
  outcome: z.string().nullable(),
  decision_date: z.string().nullable(),
  category_from_url: z.string().nullable().optional(),
  fault: z.enum(['fault', 'no_fault', 'not_investigated', 'unclear']),
  apology: z.boolean().optional(),
  payments: z.array(LabelPayment),
});
export type RealLabel = z.infer<typeof RealLabel>;

export interface RealCase {
  label: RealLabel;
  file: string;
  text: string;
}

/** The labelled texts, or null when the set is not beside the repository. */
export function loadRealDecisions(dir = REAL_DECISIONS_DIR): RealCase[] | null {
  const labelsFile = path.join(dir, 'labels.json');
  if (!fs.existsSync(labelsFile)) return null;
  const labels = z.array(RealLabel).parse(JSON.parse(fs.readFileSync(labelsFile, 'utf8')));
  return labels.map((label) => {
    const file = path.join(dir, 'texts', `${label.ref.replace(/ /g, '-')}.txt`);
    return { label, file, text: fs.readFileSync(file, 'utf8') };
  });
}

const BODY_HEADING =
  /^(?:the complaint|what i have(?: and have not)? investigated|what i have not investigated|the ombudsm[ae]n['’]?s role and powers|how i considered this complaint|what i found|back to top)\s*:?\s*$/i;

function norm(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** The summary region of a text: from the "Summary" line to the first body heading. */
export function summaryRegion(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  let start = lines.findIndex((l) => /^summary\b\s*:?/i.test(l));
  if (start < 0) start = 0;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (BODY_HEADING.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  return norm(lines.slice(start, end).join(' '));
}

const FINDING_CLASS: Record<string, RealLabel['fault']> = {
  fault_injustice: 'fault',
  fault_no_injustice: 'fault',
  no_fault: 'no_fault',
  not_investigated: 'not_investigated',
  unknown: 'unclear',
};

const STATUS_OF_LABEL: Record<string, string> = {
  agreed: 'agreed',
  ordered: 'agreed',
  recommended: 'recommended',
  already_paid: 'already_paid',
  offered_by_council: 'offered',
};

export interface RealCaseResult {
  ref: string;
  refused: string | null;
  header: { field: string; expected: string; actual: string | null }[];
  finding: { expected: string; actual: string | null };
  payments: {
    expected: { amount: number; status: string }[];
    actual: { amount: number; status: string; evidence: string; rules?: string[] }[];
    matched: number;
    statusRight: number;
  };
}

export interface RealReport {
  texts: number;
  refused: number;
  header: { right: number; total: number };
  finding: { right: number; total: number };
  paymentsPrecision: { right: number; total: number };
  paymentsRecall: { right: number; total: number };
  paymentStatus: { right: number; total: number };
  cases: RealCaseResult[];
}

const HEADER_FIELDS = [
  ['ref', 'ref'],
  ['organisation', 'organisation'],
  ['category', 'category'],
  ['subcategory', 'subcategory'],
  ['outcome', 'outcome'],
  ['decision_date', 'decisionDate'],
] as const;

function same(a: string | null | undefined, b: string | null | undefined): boolean {
  const n = (x: string | null | undefined) => (x == null ? null : norm(x).toLowerCase());
  return n(a) === n(b);
}

/** Scores one parse (or refusal) of a case. */
export function scoreRealCase(c: RealCase, parsed: Decision | { error: string }): RealCaseResult {
  const { label } = c;
  const refused = 'error' in parsed ? parsed.error : null;
  const d = 'error' in parsed ? null : parsed;
  const header: RealCaseResult['header'] = [];
  for (const [lf, df] of HEADER_FIELDS) {
    const expected = label[lf];
    if (expected === null || expected === undefined) continue;
    const actual = d ? ((d[df] as string | null | undefined) ?? null) : null;
    header.push({ field: lf, expected, actual });
  }
  const expectedPayments = label.payments
    .filter((p) => p.status !== 'other')
    .map((p) => ({ amount: p.amount, status: STATUS_OF_LABEL[p.status]! }));
  const region = summaryRegion(c.text);
  const actualPayments = (d?.payments ?? [])
    .filter((p) => p.status !== 'other' && region.includes(norm(p.evidence.text)))
    .map((p) => ({
      amount: p.amount,
      status: p.status as string,
      evidence: p.evidence.text,
      rules: p.rules,
    }));
  let matched = 0;
  let statusRight = 0;
  const pool = [...actualPayments];
  for (const e of expectedPayments) {
    // Prefer a match with the same status, so status is scored on the best pairing.
    let i = pool.findIndex((a) => Math.abs(a.amount - e.amount) < 0.005 && a.status === e.status);
    if (i < 0) i = pool.findIndex((a) => Math.abs(a.amount - e.amount) < 0.005);
    if (i < 0) continue;
    matched++;
    if (pool[i]!.status === e.status) statusRight++;
    pool.splice(i, 1);
  }
  return {
    ref: label.ref,
    refused,
    header,
    finding: { expected: label.fault, actual: d ? (FINDING_CLASS[d.finding] ?? d.finding) : null },
    payments: { expected: expectedPayments, actual: actualPayments, matched, statusRight },
  };
}

/** Parses every case with `parse` (which may throw) and scores the lot. */
export function scoreRealDecisions(cases: RealCase[], parse: (c: RealCase) => Decision): RealReport {
  const report: RealReport = {
    texts: cases.length,
    refused: 0,
    header: { right: 0, total: 0 },
    finding: { right: 0, total: 0 },
    paymentsPrecision: { right: 0, total: 0 },
    paymentsRecall: { right: 0, total: 0 },
    paymentStatus: { right: 0, total: 0 },
    cases: [],
  };
  for (const c of cases) {
    let parsed: Decision | { error: string };
    try {
      parsed = parse(c);
    } catch (e) {
      parsed = { error: e instanceof Error ? e.message : String(e) };
    }
    const r = scoreRealCase(c, parsed);
    report.cases.push(r);
    if (r.refused) report.refused++;
    for (const h of r.header) {
      report.header.total++;
      if (same(h.expected, h.actual)) report.header.right++;
    }
    report.finding.total++;
    if (r.finding.expected === r.finding.actual) report.finding.right++;
    report.paymentsPrecision.total += r.payments.actual.length;
    report.paymentsPrecision.right += r.payments.matched;
    report.paymentsRecall.total += r.payments.expected.length;
    report.paymentsRecall.right += r.payments.matched;
    report.paymentStatus.total += r.payments.matched;
    report.paymentStatus.right += r.payments.statusRight;
  }
  return report;
}

/** right / total as a percentage (100 when there is nothing to score). */
export function pct(x: { right: number; total: number }): number {
  return x.total === 0 ? 100 : (x.right / x.total) * 100;
}
