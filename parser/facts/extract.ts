/**
 * extractFacts: a decision's summary and sections → Facts. Deterministic, pure, never throws (an
 * internal failure becomes a parse warning and an empty part), and fast: regexes are compiled once
 * and bounded (see the adversarial tests).
 * @module
 */

import type { Evidence, Facts, FactsInput } from '../../core/facts.js';
import { extractDelays } from './delays.js';
import { buildDoc, type Doc } from './doc.js';
import { extractFinding, type FindingResult } from './finding.js';
import { extractMissedEducation } from './missed-education.js';
import { type ExcludedSum, extractPayments, remedyTotal } from './payments.js';
import { extractApology, extractDeadline, extractImprovements, type SetAsideImprovement } from './remedy.js';

/** Longest text read per section; beyond it the rest is ignored with a warning. */
export const MAX_SECTION_CHARS = 200_000;

function guard<T>(what: string, warnings: Set<string>, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    warnings.add(`${what} could not be read: ${e instanceof Error ? e.message : String(e)}`);
    return fallback;
  }
}

function normaliseInput(
  input: unknown,
  warnings: Set<string>,
): { summary: string; sections: { heading: string; text: string }[] } {
  const i = (input ?? {}) as Partial<FactsInput>;
  let summary = typeof i.summary === 'string' ? i.summary : '';
  if (summary.length > MAX_SECTION_CHARS) {
    summary = summary.slice(0, MAX_SECTION_CHARS);
    warnings.add('summary longer than the limit: the rest was not read');
  }
  const sections: { heading: string; text: string }[] = [];
  if (Array.isArray(i.sections)) {
    for (const s of i.sections) {
      if (!s || typeof s !== 'object') continue;
      const heading = typeof s.heading === 'string' ? s.heading : '';
      let text = typeof s.text === 'string' ? s.text : '';
      if (text.length > MAX_SECTION_CHARS) {
        text = text.slice(0, MAX_SECTION_CHARS);
        warnings.add(`section "${heading.slice(0, 60)}" longer than the limit: the rest was not read`);
      }
      sections.push({ heading, text });
    }
  }
  return { summary, sections };
}

/** What the extractor read and left out, for explaining a miss (`npm run accuracy -- --diff`, rules.test.ts). */
export interface FactsTrace {
  /** Sums of money read and left out, each with the rule that left it out (P-NOT-*). */
  excludedSums: ExcludedSum[];
  /** Clauses with an improvement's action word set aside, each with its rule (SI-NOT-*). */
  setAsideImprovements?: SetAsideImprovement[];
}

/** Extracts the facts of one decision from its summary and sections; `trace`, when given, is filled in. */
export function extractFacts(input: FactsInput, trace?: FactsTrace): Facts {
  const warnings = new Set<string>();
  const { summary, sections } = guard('input', warnings, { summary: '', sections: [] }, () =>
    normaliseInput(input, warnings),
  );
  const doc: Doc = guard('sentences', warnings, { sections: [] }, () => buildDoc(summary, sections));
  const outcome = typeof (input as Partial<FactsInput>)?.outcome === 'string' ? input.outcome : null;
  const finding: FindingResult = guard(
    'finding',
    warnings,
    { finding: 'unknown', reason: null, rules: [], conflict: null },
    () => extractFinding(doc, outcome),
  );
  const payments = guard('payments', warnings, [], () => extractPayments(doc, warnings, trace?.excludedSums));
  const apology = guard<{ apology: boolean; evidence?: Evidence; rules: string[] }>(
    'apology',
    warnings,
    { apology: false, rules: [] },
    () => extractApology(doc),
  );
  const serviceImprovements = guard('service improvements', warnings, [], () =>
    extractImprovements(doc, trace?.setAsideImprovements),
  );
  const deadline = guard<{ days: number | null; evidence?: Evidence; rules: string[] }>(
    'deadline',
    warnings,
    { days: null, rules: [] },
    () => extractDeadline(doc),
  );
  const delays = guard('delays', warnings, [], () => extractDelays(doc));
  const missedEducation = guard('missed education', warnings, [], () => extractMissedEducation(doc));
  if (finding.finding === 'unknown' && doc.sections.length > 0)
    warnings.add('no finding stated in the summary or decision sections');
  if (finding.conflict)
    warnings.add(
      `finding conflict: the Decision line "${finding.conflict.outcome}" and the text (${finding.conflict.textFinding}) disagree; kept ${finding.conflict.kept} (${finding.conflict.rule})`,
    );
  const facts: Facts = {
    finding: finding.finding,
    notInvestigatedReason: finding.finding === 'not_investigated' ? (finding.reason ?? 'other') : null,
    findingRules: finding.rules,
    findingConflict: finding.conflict,
    findingPoints: [],
    payments,
    remedyTotal: remedyTotal(payments),
    apology: apology.apology,
    serviceImprovements,
    deadlineDays: deadline.days,
    delays,
    missedEducation,
    parseWarnings: [...warnings],
  };
  if (finding.evidence) facts.findingEvidence = finding.evidence;
  if (apology.evidence) facts.apologyEvidence = apology.evidence;
  if (apology.rules.length > 0) facts.apologyRules = apology.rules;
  if (deadline.rules.length > 0) facts.deadlineRules = deadline.rules;
  return facts;
}
