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
 */
export function expectedFromTruth(t: ReplicaDecision): ExpectedCase {
  return {
    ref: t.ref,
    organisation: t.organisation,
    category: t.category,
    subcategory: t.subcategory,
    outcome: t.outcome,
    decisionDate: t.decisionDate,
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
    missedEducation: [],
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
