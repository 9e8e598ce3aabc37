/**
 * What `npm run accuracy` measures: the parser and extractor against (a) the replica corpus (each
 * page rendered, parsed from its HTML and compared with the replica's truth) and (b) the
 * hand-written cases in test/fixtures/extraction. Scoring is parser/facts/accuracy.ts.
 * @module
 */

import type { Decision } from '../core/record.js';
import type { ActualCase } from '../parser/facts/accuracy.js';
import {
  type AccuracyReport,
  computeAccuracy,
  type ExpectedCase,
  type Header,
} from '../parser/facts/accuracy.js';
import { extractFacts, type FactsTrace } from '../parser/facts/extract.js';
import { loadCases, runCase } from '../parser/facts/fixture-cases.js';
import { parseDecisionHtml, parseDecisionText } from '../parser/index.js';
import type { ReplicaFullDecision } from '../replica/index.js';
import { generateCorpus, renderDecisionPage } from '../replica/index.js';
import type { ReplicaDecision } from '../replica/truth-schema.js';

/** The fields the report shows, in order (the scorer computes a few more). */
export const REPORT_FIELDS = [
  'ref',
  'organisation',
  'category',
  'subcategory',
  'outcome',
  'decisionDate',
  'finding',
  'notInvestigatedReason',
  'paymentAmount',
  'paymentStatus',
  'paymentPurpose',
  'remedyTotal',
  'apology',
  'delays',
  'deadlineDays',
  'serviceImprovementsCount',
  'missedEducation',
] as const;

/**
 * The replica truth as an expectation. Payments the truth marks `other` (a disputed charge, a
 * claim) and payments without a stated amount are not payments a reader can extract, so they are
 * left out; `offered` payments stay (the extractor reports offers, outside the remedy total).
 * Missed education is scored on (from, to, days), as the hand-written cases are.
 */
export function expectedFromTruth(t: ReplicaDecision): ExpectedCase {
  return {
    ref: t.ref,
    organisation: t.organisation,
    category: t.category,
    subcategory: t.subcategory,
    // A page without its header lines shows neither (the category comes from the URL).
    outcome: t.headerLines ? t.outcome : null,
    decisionDate: t.headerLines ? t.decisionDate : null,
    finding: t.finding,
    notInvestigatedReason: t.notInvestigatedReason,
    payments: t.payments
      .filter((p) => p.status !== 'other' && p.amount !== null)
      .map((p) => ({
        amount: p.amount as number,
        status: p.status,
        purpose: p.purpose,
        recipient: p.recipient,
      })),
    remedyTotal: t.remedyTotal,
    apology: t.apology,
    serviceImprovementsCount: t.serviceImprovements.length,
    deadlineDays: t.deadlineDays,
    delays: t.delays.map((d) => ({ days: d.days, about: d.about })),
    missedEducation: t.missedEducation.map((m) => ({ from: m.from, to: m.to, days: m.days })),
  };
}

function headerOf(d: Decision): Header {
  return {
    ref: d.ref,
    organisation: d.organisation,
    category: d.category,
    subcategory: d.subcategory,
    outcome: d.outcome,
    decisionDate: d.decisionDate,
  };
}

/** Parses one replica page from its HTML (the crawler's path). A throw is a crash. */
export function runReplicaPage(d: ReplicaFullDecision): ActualCase & { error?: string; record?: Decision } {
  try {
    const record = parseDecisionHtml(renderDecisionPage(d), { url: d.url });
    const { parseWarnings, ...rest } = record;
    return { header: headerOf(record), facts: { ...rest, parseWarnings }, record };
  } catch (e) {
    return { header: null, facts: null, error: e instanceof Error ? e.message : String(e) };
  }
}

export interface CaseResult {
  name: string;
  expected: ExpectedCase;
  actual: ActualCase & { error?: string };
}

/** Every decision of a replica corpus (seed, count), parsed and paired with its expectation. */
export function replicaResults(seed: number, count: number): CaseResult[] {
  const corpus = generateCorpus({ seed, count });
  const out: CaseResult[] = [];
  for (let i = 0; i < corpus.count; i++) {
    const d = corpus.full(i);
    const { record: _r, ...actual } = runReplicaPage(d);
    out.push({ name: d.refKey, expected: expectedFromTruth(d), actual });
  }
  return out;
}

/** The hand-written cases, parsed from their text copies. */
export function handwrittenResults(dir: string): CaseResult[] {
  return loadCases(dir).map((c) => ({
    name: c.name,
    expected: c.expected,
    actual: runCase(c.text, parseDecisionText),
  }));
}

export function report(results: readonly CaseResult[]): AccuracyReport {
  return computeAccuracy(results);
}

/**
 * The figures users publish per decision, as `--diff` compares them: remedy total, number of remedy
 * payments, longest delay, number of service improvements.
 */
export const DIFF_KINDS = [
  'remedyTotal',
  'remedyPaymentCount',
  'longestDelay',
  'serviceImprovementCount',
] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];

const REMEDY_STATUSES = new Set(['agreed', 'recommended', 'already_paid']);

interface Figures {
  remedyTotal: number;
  remedyPaymentCount: number;
  longestDelay: number;
  serviceImprovementCount: number;
}

/** Truth's figures: payments with a stated sum counting towards the remedy; the longest delay (0 when none). */
export function truthFigures(t: ReplicaDecision): Figures {
  return {
    remedyTotal: Math.round(t.remedyTotal * 100) / 100,
    remedyPaymentCount: t.payments.filter((p) => REMEDY_STATUSES.has(p.status) && p.amount !== null).length,
    longestDelay: Math.max(0, ...t.delays.map((d) => d.days)),
    serviceImprovementCount: t.serviceImprovements.length,
  };
}

/** The parsed record's figures, read the way the archive's stats read them. */
export function recordFigures(d: Decision): Figures {
  return {
    remedyTotal: Math.round(d.remedyTotal * 100) / 100,
    remedyPaymentCount: d.payments.filter((p) => REMEDY_STATUSES.has(p.status)).length,
    longestDelay: Math.max(0, ...d.delays.map((x) => x.days)),
    serviceImprovementCount: d.serviceImprovements.length,
  };
}

/**
 * The sums the extractor read in a parsed decision and left out, with the rule that left each out:
 * why an expected payment is missing. The record's text is read again with a trace.
 */
export function excludedSums(
  d: Pick<Decision, 'summary' | 'sections' | 'outcome'>,
): { amount: number; rule: string; evidence: string }[] {
  return leftOut(d).sums;
}

/**
 * What the extractor read in a parsed decision and left out, each with the rule that did: the sums
 * (P-NOT-*) and the clauses with an improvement's action word (SI-NOT-*).
 */
export function leftOut(d: Pick<Decision, 'summary' | 'sections' | 'outcome'>): {
  sums: { amount: number; rule: string; evidence: string }[];
  improvements: { rule: string; text: string }[];
} {
  const trace: FactsTrace = { excludedSums: [], setAsideImprovements: [] };
  extractFacts({ summary: d.summary, sections: d.sections, outcome: d.outcome ?? null }, trace);
  return {
    sums: trace.excludedSums.map((x) => ({ amount: x.amount, rule: x.rule, evidence: x.evidence.text })),
    improvements: trace.setAsideImprovements ?? [],
  };
}

/** One decision where a published figure differs from the truth, with what the page and the parser said. */
export interface Disagreement {
  refKey: string;
  kinds: DiffKind[];
  truth: Figures;
  parsed: Figures | null;
  error?: string;
  /** Truth: [amount, status, phrase] per payment; [days, about, phrase] per delay. */
  truePayments: [number | null, string, string][];
  trueDelays: [number, string, string][];
  /** Truth: each service improvement as the page words it. */
  trueImprovements: string[];
  /** Parser: amount, status and evidence sentence per payment; days, about, phrase and sentence per delay. */
  parsedPayments: { amount: number; status: string; evidence: string; rules?: string[] }[];
  parsedDelays: { days: number; about: string; text: string; evidence: string; rules?: string[] }[];
  /** Parser: the sums it read and left out, each with the rule that left it out (P-NOT-*). */
  excludedSums: { amount: number; rule: string; evidence: string }[];
  /** Parser: the section, sentence and rule ids of each service improvement. */
  parsedImprovements: { section: string; evidence: string; rules?: string[] }[];
  /** Parser: the clauses with an improvement's action word it set aside, each with its rule (SI-NOT-*). */
  setAsideImprovements: { rule: string; text: string }[];
  /** When the apology differs from the truth: both, with the parser's rule ids (A-*). */
  apology?: { truth: boolean; parsed: boolean | null; rules: string[] };
  /** When the deadline differs from the truth: both, with the parser's rule ids (DL-*). */
  deadline?: { truth: number | null; parsed: number | null; rules: string[] };
}

export interface DiffSummary {
  seed: number;
  count: number;
  /** Decisions differing on each figure. */
  differ: Record<DiffKind, number>;
  /** Sum of remedy totals over the corpus, parsed and true (pounds). */
  remedyPounds: { parsed: number; truth: number };
  disagreements: Disagreement[];
}

/**
 * Every replica decision (seed, count) parsed from its HTML and compared with the truth on the
 * remedy total, the number of remedy payments with a sum, the longest delay and the number of
 * service improvements. Only the
 * disagreements are kept, so a 60,000-decision corpus fits in memory.
 */
export function replicaDisagreements(seed: number, count: number): DiffSummary {
  const corpus = generateCorpus({ seed, count });
  const differ: Record<DiffKind, number> = {
    remedyTotal: 0,
    remedyPaymentCount: 0,
    longestDelay: 0,
    serviceImprovementCount: 0,
  };
  let parsedPence = 0;
  let truePence = 0;
  const disagreements: Disagreement[] = [];
  for (let i = 0; i < corpus.count; i++) {
    const t = corpus.full(i);
    const { record, error } = runReplicaPage(t);
    const truth = truthFigures(t);
    const parsed = record ? recordFigures(record) : null;
    truePence += Math.round(truth.remedyTotal * 100);
    parsedPence += Math.round((parsed?.remedyTotal ?? 0) * 100);
    const kinds = DIFF_KINDS.filter((k) => parsed === null || parsed[k] !== truth[k]);
    if (kinds.length === 0) continue;
    for (const k of kinds) differ[k]++;
    const out = record ? leftOut(record) : null;
    disagreements.push({
      refKey: t.refKey,
      kinds,
      truth,
      parsed,
      ...(error ? { error } : {}),
      truePayments: t.payments.map((p) => [p.amount, p.status, p.phrase]),
      trueDelays: t.delays.map((d) => [d.days, d.about, d.phrase]),
      trueImprovements: [...t.serviceImprovements],
      parsedPayments: (record?.payments ?? []).map((p) => ({
        amount: p.amount,
        status: p.status,
        evidence: p.evidence.text,
        ...(p.rules ? { rules: p.rules } : {}),
      })),
      parsedDelays: (record?.delays ?? []).map((d) => ({
        days: d.days,
        about: d.about,
        text: d.text,
        evidence: d.evidence.text,
        ...(d.rules ? { rules: d.rules } : {}),
      })),
      excludedSums: out?.sums ?? [],
      parsedImprovements: (record?.serviceImprovements ?? []).map((x) => ({
        section: x.evidence.section,
        evidence: x.evidence.text,
        ...(x.rules ? { rules: x.rules } : {}),
      })),
      setAsideImprovements: out?.improvements ?? [],
      ...(record?.apology !== t.apology
        ? {
            apology: { truth: t.apology, parsed: record?.apology ?? null, rules: record?.apologyRules ?? [] },
          }
        : {}),
      ...(record?.deadlineDays !== t.deadlineDays
        ? {
            deadline: {
              truth: t.deadlineDays,
              parsed: record?.deadlineDays ?? null,
              rules: record?.deadlineRules ?? [],
            },
          }
        : {}),
    });
  }
  return {
    seed,
    count: corpus.count,
    differ,
    remedyPounds: { parsed: parsedPence / 100, truth: truePence / 100 },
    disagreements,
  };
}
