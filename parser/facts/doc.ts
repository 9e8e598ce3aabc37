/**
 * The decision as the extractors see it: the summary and each section, split into sentences, with
 * the kind of each section read from its heading.
 * @module
 */
import type { Evidence } from '../../core/facts.js';
import { sourceProfile } from '../../core/source-profile.js';
import { type Sentence, splitSentences } from './sentences.js';

/**
 * summary: the "Summary:" paragraph; remedy: "Agreed action", "Action", "Recommended action",
 * "Recommendations"; decision: "Final decision", "Decision", "Conclusions"; assessment: "My assessment",
 * "Analysis", "Finding(s)"; facts: "What I found", "What happened", "Background" and unknown headings;
 * complaint: "The complaint" (what the complainant says and wants); law: role and powers, law and
 * guidance, how I considered; opening: "The Ombudsman's final decision" (holds the summary again).
 */
export type SectionKind =
  | 'summary'
  | 'remedy'
  | 'decision'
  | 'assessment'
  | 'facts'
  | 'complaint'
  | 'law'
  | 'opening';

export interface DocSection {
  /** Heading as given ("Summary" for the summary). */
  heading: string;
  kind: SectionKind;
  /** Position in reading order (summary first). */
  index: number;
  text: string;
  sentences: Sentence[];
  /** Heading words that set a default payment status: "agreed" (Agreed action), "recommended" (Recommendations). */
  remedyDefault: 'agreed' | 'recommended' | null;
}

export interface Doc {
  sections: DocSection[];
}

const APOS = /[\u2018\u2019\u201b\u02bc`\u00b4]/g;

const keyCache = new Map<string, string>();

export function headingKey(heading: string): string {
  let k = keyCache.get(heading);
  if (k === undefined) {
    k = heading.replace(APOS, "'").replace(/\s+/g, ' ').replace(/:\s*$/, '').trim().toLowerCase();
    if (keyCache.size < 10_000) keyCache.set(heading, k);
  }
  return k;
}

const KINDS = sourceProfile.decisionPage.sectionKindHeadings;

export function sectionKind(heading: string): SectionKind {
  const k = headingKey(heading);
  if (k === 'summary') return 'summary';
  if (KINDS.opening.test(k)) return 'opening';
  if (KINDS.remedy.test(k)) return 'remedy';
  if (KINDS.decision.test(k)) return 'decision';
  if (KINDS.assessment.test(k)) return 'assessment';
  if (KINDS.complaint.test(k)) return 'complaint';
  if (KINDS.law.test(k)) return 'law';
  return 'facts';
}

/** Builds the sentence model; the opening section and a "Summary" section are left out when the summary is read on its own. */
export function buildDoc(summary: string, sections: ReadonlyArray<{ heading: string; text: string }>): Doc {
  const out: DocSection[] = [];
  const hasSummary = summary.trim() !== '';
  if (hasSummary) {
    out.push({
      heading: 'Summary',
      kind: 'summary',
      index: 0,
      text: summary,
      sentences: splitSentences(summary),
      remedyDefault: null,
    });
  }
  for (const s of sections) {
    const heading = typeof s?.heading === 'string' ? s.heading : '';
    const text = typeof s?.text === 'string' ? s.text : '';
    const k = headingKey(heading);
    let kind = sectionKind(heading);
    if (kind === 'summary' && hasSummary) continue;
    if (kind === 'opening') {
      if (hasSummary) {
        // The opening section repeats the summary; keep anything else it holds.
        const rest = text.replace(/^Summary\s*:\s*/i, '').trim();
        if (rest === '' || summary.includes(rest) || rest.includes(summary.trim())) continue;
      }
      kind = 'decision';
    }
    const remedyDefault =
      kind === 'remedy' ? (KINDS.recommendedRemedy.test(k) ? 'recommended' : 'agreed') : null;
    out.push({ heading, kind, index: out.length, text, sentences: splitSentences(text), remedyDefault });
  }
  return { sections: out };
}

export function evidenceOf(section: DocSection, s: Sentence): Evidence {
  return { section: section.heading, text: s.text, start: s.start, end: s.end };
}
