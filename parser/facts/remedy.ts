/**
 * The non-money parts of a remedy: apology, service improvements and the deadline for the agreed
 * action.
 * @module
 */

import type { Evidence, ServiceImprovement } from '../../core/facts.js';
import { clausesOf } from './clauses.js';
import { type Doc, evidenceOf } from './doc.js';
import { NUMBER } from './numbers-in-words.js';
import type { Sentence } from './sentences.js';
import { toDays } from './units.js';
import { THE_BODY, TITLE } from './vocabulary.js';

// ------------------------------------------------------------------ apology

const APOLOGY = /\bapologi[sz](?:e|ed|es|ing)\b|\bapolog(?:y|ies)\b/i;
// Not vocabulary's WANT: "claim" is also a noun ("her benefit claim because the Council has apologised").
const APOLOGY_NOT =
  /\b(?:wants?|wanted|would\s+like|asked\s+for|ask(?:s|ing)?\s+for|seeks?|sought|hop(?:es|ed)|expect(?:s|ed)?|wish(?:es)?)\s+(?:\w+\s+){0,4}?(?:an?\s+)?apolog|\b(?:not|never|no|nor|without)\s+(?:\w+\s+){0,3}?apolog|\bapolog\w*\s+(?:effectively|guidance)|\bguidance\b|\bdo(?:es)?\s+not\s+wish\b|\brefused\s+to\s+apologi/i;
const APOLOGY_SECTIONS = new Set(['summary', 'remedy', 'decision', 'assessment', 'facts']);
const APOLOGISED = new RegExp(String.raw`\b${THE_BODY}\b[^.]{0,60}\b(?:apologised|apologized)\b`, 'i');

/** True (with the sentence) when the body apologised or agreed / was asked to apologise. */
export function extractApology(doc: Doc): { apology: boolean; evidence?: Evidence } {
  for (const kind of ['remedy', 'summary', 'decision', 'assessment', 'facts']) {
    for (const section of doc.sections) {
      if (section.kind !== kind || !APOLOGY_SECTIONS.has(section.kind)) continue;
      for (const s of section.sentences) {
        // In the facts, only an apology the body has already made counts.
        if (kind === 'facts' && !APOLOGISED.test(s.text)) continue;
        if (APOLOGY.test(s.text) && !APOLOGY_NOT.test(s.text)) {
          return { apology: true, evidence: evidenceOf(section, s) };
        }
      }
    }
  }
  return { apology: false };
}

// ------------------------------------------------------------------ service improvements

const IMPROVEMENT =
  /\b(?:reduc(?:e|es|ing)\s+(?:\w+\s+)?(?:delays?|waiting|backlogs?)|remind(?:s|ed|ing)?|identif(?:y|ies|ied)|check(?:s|ed)?|review(?:s|ed|ing)?|train(?:s|ed|ing)?|training|update[sd]?|updating|amend(?:s|ed|ing)?|revis(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|audit(?:s|ed|ing)?|develop(?:s|ed|ing)?|creat(?:e|es|ed|ing)|produc(?:e|es|ed|ing)\s+(?:an?\s+)?(?:action\s+)?plan|share[sd]?\s+(?:the\s+)?(?:learning|lessons|this\s+decision|our\s+findings|the\s+findings)|learn(?:ing)?\s+lessons|action\s+plan|put\s+in\s+place\s+(?:a|an|new)|improv(?:e|es|ed|ing|ements?)|monitor(?:s|ed|ing)?|report\s+(?:back\s+)?to\s+(?:its\s+)?(?:\w+\s+)?(?:committee|scrutiny|cabinet|members)|issue\s+(?:new\s+|revised\s+|updated\s+)?guidance|(?:ensure|make\s+sure)\s+(?:that\s+)?(?:its\s+|all\s+|future\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:staff|officers|caseworkers|teams?|procedures?|polic(?:y|ies)|processes?|systems?|letters|notices|decisions|forms?|website|contracts?|leaflets?|crews?)|write\s+to\s+(?:the\s+)?(?:all|every|other)\b)\b/i;
const IMPROVEMENT_TARGET =
  /\b(?:staff|officers?|caseworkers?|teams?|workers?|crews?|clerks?|panels?|advisers?|assessors?|contracts?|forms?|leaflets?|factsheets?|colleagues|managers|procedures?|process(?:es)?|polic(?:y|ies)|practice|guidance|systems?|service|training|timescales?|letters?|templates?|information|website|records?|capacity|arrangements|future|others?|committee|scrutiny|cabinet|backlogs?|delays|waiting\s+times?|members|all\s+(?:cases|families|tenants)|famil(?:y|ies)|applicants|tenants|residents|children|pupils|cases|how\s+(?:it|the\s+council|they)|its\s+approach|(?:response|processing|turnaround|waiting)\s+times|how\s+long|its\s+(?:enforcement|action|improvement|inspection|service|business|delivery|recovery|work(?:force)?)\s+plans?|notices|(?:all|every)\s+(?:\w+\s+){0,2}(?:holders?|recipients?|tenants?|residents?|applicants?|customers?|users?|households?|carers?|claimants?))\b/i;
const PERSONAL =
  /\breview\s+(?:(?:his|her|their|[A-Z]['’]s|Mr\s+[A-Z]['’]s|Mrs\s+[A-Z]['’]s|Ms\s+[A-Z]['’]s|Miss\s+[A-Z]['’]s)\s+)(?:\w+\s+)?(?:care|plan|needs|assessment|banding|application|case|housing|placement|EHC)/;
const NOT_IMPROVEMENT =
  /\bapologi|\b(?:pay|(?<!\b(?:direct|deferred)\s)payment|£)\b|\bprovide\s+(?:us|the\s+ombudsman)\s+with\s+evidence|\bevidence\s+(?:it|that|of)\b.*\b(?:complied|done|taken)|\bwe\s+(?:publish|will\s+share)/i;

const NEGATED_ACTION =
  /\b(?:did\s+not|didn['’]t|does\s+not|failed\s+to|not|never|without)\s+(?:\w+\s+)?(?:review|update|train|monitor|check|remind|audit|improve|develop|introduce)/i;
const NAMED_PERSON = new RegExp(String.raw`\b${TITLE}\s+[A-Z]\b|\b[A-Z]['’]s\b`);
const GROUP =
  /\b(?:staff|officers|caseworkers|colleagues|teams?|managers|all|other|every|famil(?:y|ies)|children|residents|tenants|applicants|pupils|cases|training|committee|scrutiny|crews?)\b/i;
const ACTION_CUE =
  /\b(?:agreed|agrees|will|should|must|recommend\w*|has\s+(?:already\s+|since\s+|now\s+)?\w+ed|have\s+(?:already\s+)?\w+ed|put\s+in\s+place)\b/i;
/**
 * The clauses of a sentence that are service improvements (none for a list lead-in). Clause breaks
 * (clauses.ts, `done-list`): ", and", ";", "and it / the Council", and a new remedy verb in a list
 * of remedies ("apologised to Mr J, offered him £175 … and agreed to review its procedures").
 */
function improvementClauses(s: Sentence, needAction: boolean): string[] {
  const text = s.text;
  if (text.endsWith(':')) return [];
  if (needAction && !ACTION_CUE.test(text)) return [];
  return clausesOf(s, 'done-list')
    .map((c) => c.text)
    .filter(
      (c) =>
        IMPROVEMENT.test(c) &&
        IMPROVEMENT_TARGET.test(c) &&
        !NOT_IMPROVEMENT.test(c) &&
        !PERSONAL.test(c) &&
        !NEGATED_ACTION.test(c) &&
        !(NAMED_PERSON.test(c) && !GROUP.test(c)),
    );
}

/**
 * What an improvement clause promises, from its action word to the next comma or "which": the same
 * improvement told in the summary and again in the final decision gives the same key.
 */
function improvementKey(clause: string): string {
  const m = IMPROVEMENT.exec(clause);
  const from = m ? clause.slice(m.index) : clause;
  return from
    .split(/,|\s+which\s/i)[0]!
    .toLowerCase()
    .replace(/['’]/g, "'")
    .replace(/[\s.;:]+$/, '')
    .replace(/\s+/g, ' ');
}

/**
 * Service improvements: sentences or list items of the remedy sections that change practice for
 * others (remind staff, review a procedure, train, update guidance). Without a remedy section, the
 * summary and decision sections are read instead. One entry per improvement: a sentence that
 * promises only what earlier ones already did ("agreed to review its procedures" in the summary and
 * again in the final decision) is not counted again.
 */
export function extractImprovements(doc: Doc): ServiceImprovement[] {
  const remedy = doc.sections.filter((s) => s.kind === 'remedy');
  const sources =
    remedy.length > 0 ? remedy : doc.sections.filter((s) => s.kind === 'summary' || s.kind === 'decision');
  const out: ServiceImprovement[] = [];
  const seen = new Set<string>();
  for (const section of sources) {
    for (const s of section.sentences) {
      const keys = improvementClauses(s, remedy.length === 0).map(improvementKey);
      if (keys.every((k) => seen.has(k))) continue;
      for (const k of keys) seen.add(k);
      out.push({ text: s.text, evidence: evidenceOf(section, s) });
    }
  }
  return out;
}

// ------------------------------------------------------------------ deadline

const WITHIN = new RegExp(
  String.raw`\bwithin\s+(?:the\s+next\s+)?(${NUMBER})\s+(working\s+days?|days?|weeks?|months?|years?)\b`,
  'gi',
);
const DEADLINE_SECTIONS = new Set(['remedy', 'summary', 'decision']);

/** The shortest "within N unit" stated for the remedy (remedy sections; else summary and decision). */
export function extractDeadline(doc: Doc): { days: number | null; evidence?: Evidence } {
  const remedy = doc.sections.filter((s) => s.kind === 'remedy');
  const sources = remedy.length > 0 ? remedy : doc.sections.filter((s) => DEADLINE_SECTIONS.has(s.kind));
  let best: { days: number; evidence: Evidence } | null = null;
  for (const section of sources) {
    for (const s of section.sentences) {
      const texts = [s.text];
      WITHIN.lastIndex = 0;
      for (const t of texts) {
        for (let m = WITHIN.exec(t); m; m = WITHIN.exec(t)) {
          if (remedy.length === 0 && !/\b(?:agreed|will|should|must|recommend)/i.test(t)) continue;
          const days = toDays(m[1]!, m[2]!);
          if (days === null || days <= 0) continue;
          if (!best || days < best.days) best = { days, evidence: evidenceOf(section, s) };
        }
      }
    }
  }
  return best ? best : { days: null };
}
