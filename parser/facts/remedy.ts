/**
 * The non-money parts of a remedy: apology, service improvements and the deadline for the agreed
 * action.
 * @module
 */

import type { Evidence, ServiceImprovement } from '../../core/facts.js';
import { clausesOf } from './clauses.js';
import { type Doc, evidenceOf } from './doc.js';
import { NUMBER } from './numbers-in-words.js';
import { firingRules, firstRule, ruleTable } from './rules.js';
import type { Sentence } from './sentences.js';
import { toDays } from './units.js';
import { THE_BODY, TITLE } from './vocabulary.js';

// ------------------------------------------------------------------ apology

const APOLOGY = /\bapologi[sz](?:e|ed|es|ing)\b|\bapolog(?:y|ies)\b/i;
// Not vocabulary's WANT: "claim" is also a noun ("her benefit claim because the Council has apologised").
const APOLOGY_WISH =
  /\b(?:wants?|wanted|would\s+like|asked\s+for|ask(?:s|ing)?\s+for|seeks?|sought|hop(?:es|ed)|expect(?:s|ed)?|wish(?:es)?)\s+(?:\w+\s+){0,4}?(?:an?\s+)?apolog/i;
const APOLOGY_REFUSED =
  /\b(?:not|never|no|nor|without)\s+(?:\w+\s+){0,3}?apolog|\bdo(?:es)?\s+not\s+wish\b|\brefused\s+to\s+apologi/i;
const APOLOGY_GUIDANCE = /\bapolog\w*\s+(?:effectively|guidance)|\bguidance\b/i;
const APOLOGY_SECTIONS = ['remedy', 'summary', 'decision', 'assessment', 'facts'];
const APOLOGISED = new RegExp(String.raw`\b${THE_BODY}\b[^.]{0,60}\b(?:apologised|apologized)\b`, 'i');

interface ApologyCtx {
  /** A sentence with an apology word. */
  text: string;
  kind: string;
}

const README_APOLOGY = 'Apology: a sentence in the remedy, summary, decision or assessment sections';
/** Whether a sentence with an apology word tells of one (first that fires; `A-NOT-*` set it aside). */
const APOLOGY_RULES = ruleTable<ApologyCtx, 'apology' | 'not'>('apology: does the sentence tell of one', [
  {
    id: 'A-NOT-WISH',
    priority: 10,
    example: 'Mrs X complained about the delay and wants an apology.',
    readme: 'Apology: not a wish for one',
    test: (c) => APOLOGY_WISH.test(c.text) && 'not',
  },
  {
    id: 'A-NOT-REFUSED',
    priority: 20,
    example: 'The Council refused to apologise for the delay.',
    readme: 'Apology: not a refusal ("did not apologise", "refused to apologise", "does not wish")',
    test: (c) => APOLOGY_REFUSED.test(c.text) && 'not',
  },
  {
    id: 'A-NOT-GUIDANCE',
    priority: 30,
    example: 'Our guidance on remedies says an apology should be meaningful.',
    readme: 'Apology: not guidance on apologising',
    test: (c) => APOLOGY_GUIDANCE.test(c.text) && 'not',
  },
  {
    id: 'A-NOT-FACTS-NOT-MADE',
    priority: 40,
    example: { heading: 'What happened', text: 'Mr Y said an apology would help him.' },
    readme: 'Apology: in the facts, only when the body "apologised"',
    test: (c) => c.kind === 'facts' && !APOLOGISED.test(c.text) && 'not',
  },
  {
    id: 'A-REMEDY-SECTION',
    priority: 50,
    example: { heading: 'Agreed action', text: 'Within one month the Council will apologise to Mrs X.' },
    readme: `${README_APOLOGY}: the remedy section`,
    test: (c) => c.kind === 'remedy' && 'apology',
  },
  {
    id: 'A-SUMMARY',
    priority: 60,
    example: 'The Council has agreed to apologise to Mrs X.',
    readme: `${README_APOLOGY}: the summary`,
    test: (c) => c.kind === 'summary' && 'apology',
  },
  {
    id: 'A-DECISION-OR-ASSESSMENT',
    priority: 70,
    example: { heading: 'Final decision', text: 'The Council has agreed to apologise to Mrs X.' },
    readme: `${README_APOLOGY}: the decision or assessment`,
    test: (c) => (c.kind === 'decision' || c.kind === 'assessment') && 'apology',
  },
  {
    id: 'A-FACTS-APOLOGISED',
    priority: 80,
    example: { heading: 'What happened', text: 'The Council apologised to Mr Y for the delay.' },
    readme: 'Apology: (or the facts, when the body "apologised")',
    test: (c) => c.kind === 'facts' && 'apology',
  },
]);

/**
 * True (with the sentence) when the body apologised or agreed / was asked to apologise; `rules`
 * names the rule that accepted it, or with no apology those that set apology sentences aside.
 */
export function extractApology(doc: Doc): { apology: boolean; evidence?: Evidence; rules: string[] } {
  const setAside: string[] = [];
  for (const kind of APOLOGY_SECTIONS) {
    for (const section of doc.sections) {
      if (section.kind !== kind) continue;
      for (const s of section.sentences) {
        if (!APOLOGY.test(s.text)) continue;
        const r = firstRule(APOLOGY_RULES, { text: s.text, kind });
        if (r?.value === 'apology') return { apology: true, evidence: evidenceOf(section, s), rules: [r.id] };
        if (r && !setAside.includes(r.id)) setAside.push(r.id);
      }
    }
  }
  return { apology: false, rules: setAside };
}

// ------------------------------------------------------------------ service improvements

const README_ACTION =
  'Service improvements: … that remind, train, review, update, check, report to a committee, make sure / ensure, write to all';
/** An improvement's action word ("remind", "review", "train" …); the key of an improvement starts at the first. */
interface ActionAt {
  at: number;
}
function action(re: RegExp): (clause: string) => ActionAt | null {
  return (clause) => {
    const m = re.exec(clause);
    return m ? { at: m.index } : null;
  };
}

/**
 * What an improvement does: every action word found, the first in the clause naming it (ties go to
 * the lower priority). Together they are the action words an improvement needs.
 */
const ACTION_RULES = ruleTable<string, ActionAt>('service improvements: what it does', [
  {
    id: 'SI-ACTION-REDUCE-DELAYS',
    priority: 10,
    example: {
      heading: 'Agreed action',
      text: 'The Council will reduce its backlogs in assessments for all families.',
    },
    readme: `${README_ACTION}: reduce delays, waiting or backlogs`,
    test: action(/\breduc(?:e|es|ing)\s+(?:\w+\s+)?(?:delays?|waiting|backlogs?)\b/i),
  },
  {
    id: 'SI-ACTION-REMIND',
    priority: 20,
    example: {
      heading: 'Agreed action',
      text: 'The Council will remind staff to reply within the timescales.',
    },
    readme: `${README_ACTION}: remind`,
    test: action(/\bremind(?:s|ed|ing)?\b/i),
  },
  {
    id: 'SI-ACTION-REVIEW',
    priority: 30,
    example: { heading: 'Agreed action', text: 'The Council will review its procedures for home visits.' },
    readme: `${README_ACTION}: review, check, identify, audit, monitor`,
    test: action(
      /\b(?:identif(?:y|ies|ied)|check(?:s|ed)?|review(?:s|ed|ing)?|audit(?:s|ed|ing)?|monitor(?:s|ed|ing)?)\b/i,
    ),
  },
  {
    id: 'SI-ACTION-TRAIN',
    priority: 40,
    example: { heading: 'Agreed action', text: 'The Council will train its officers on the law.' },
    readme: `${README_ACTION}: train`,
    test: action(/\b(?:train(?:s|ed|ing)?|training)\b/i),
  },
  {
    id: 'SI-ACTION-UPDATE',
    priority: 50,
    example: { heading: 'Agreed action', text: 'The Council will update its letters to tenants.' },
    readme: `${README_ACTION}: update, amend, revise, improve`,
    test: action(
      /\b(?:update[sd]?|updating|amend(?:s|ed|ing)?|revis(?:e|es|ed|ing)|improv(?:e|es|ed|ing|ements?))\b/i,
    ),
  },
  {
    id: 'SI-ACTION-INTRODUCE',
    priority: 60,
    example: {
      heading: 'Agreed action',
      text: 'The Council will introduce a new procedure for blue badges.',
    },
    readme: `${README_ACTION}: introduce, develop, create, an action plan, put in place`,
    test: action(
      /\b(?:introduc(?:e|es|ed|ing)|develop(?:s|ed|ing)?|creat(?:e|es|ed|ing)|produc(?:e|es|ed|ing)\s+(?:an?\s+)?(?:action\s+)?plan|action\s+plan|put\s+in\s+place\s+(?:a|an|new))\b/i,
    ),
  },
  {
    id: 'SI-ACTION-SHARE-LEARNING',
    priority: 70,
    example: {
      heading: 'Agreed action',
      text: 'The Council will share the learning from this complaint with its staff.',
    },
    readme: `${README_ACTION}: share the learning, learn lessons`,
    test: action(
      /\b(?:share[sd]?\s+(?:the\s+)?(?:learning|lessons|this\s+decision|our\s+findings|the\s+findings)|learn(?:ing)?\s+lessons)\b/i,
    ),
  },
  {
    id: 'SI-ACTION-REPORT-TO-MEMBERS',
    priority: 80,
    example: { heading: 'Agreed action', text: 'The Council will report back to its scrutiny committee.' },
    readme: `${README_ACTION}: report to a committee`,
    test: action(
      /\breport\s+(?:back\s+)?to\s+(?:its\s+)?(?:\w+\s+)?(?:committee|scrutiny|cabinet|members)\b/i,
    ),
  },
  {
    id: 'SI-ACTION-GUIDANCE',
    priority: 90,
    example: { heading: 'Agreed action', text: 'The Council will issue new guidance to its caseworkers.' },
    readme: `${README_ACTION}: issue guidance`,
    test: action(/\bissue\s+(?:new\s+|revised\s+|updated\s+)?guidance\b/i),
  },
  {
    id: 'SI-ACTION-ENSURE',
    priority: 100,
    example: {
      heading: 'Agreed action',
      text: 'The Council will make sure its refusal notices explain how to appeal.',
    },
    readme: `${README_ACTION}: make sure / ensure`,
    test: action(
      /\b(?:ensure|make\s+sure)\s+(?:that\s+)?(?:its\s+|all\s+|future\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:staff|officers|caseworkers|teams?|procedures?|polic(?:y|ies)|processes?|systems?|letters|notices|decisions|forms?|website|contracts?|leaflets?|crews?)\b/i,
    ),
  },
  {
    id: 'SI-ACTION-WRITE-TO-ALL',
    priority: 110,
    example: { heading: 'Agreed action', text: 'The Council will write to all other tenants affected.' },
    readme: `${README_ACTION}: write to all`,
    test: action(/\bwrite\s+to\s+(?:the\s+)?(?:all|every|other)\b/i),
  },
]);

/** The action of a clause: the first action word in it (ties: the lower priority); null when none. */
function actionOf(clause: string): { id: string; at: number } | null {
  let best: { id: string; at: number } | null = null;
  for (const r of firingRules(ACTION_RULES, clause))
    if (!best || r.value.at < best.at) best = { id: r.id, at: r.value.at };
  return best;
}

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

const README_FOR =
  'Service improvements: … staff (officers, clerks, panels, assessors), procedures, policies';
/**
 * Whether a clause with an action word is a service improvement (first that fires): `SI-NOT-*` set
 * it aside (in the trace), `SI-FOR-OTHERS` keeps it.
 */
const IMPROVEMENT_RULES = ruleTable<string, 'keep' | 'drop'>('service improvements: is the clause one', [
  {
    id: 'SI-NOT-FOR-COMPLAINANT',
    priority: 10,
    example: {
      heading: 'Agreed action',
      text: 'The Council will pay Mrs X £200 to improve her garden fence.',
    },
    readme:
      'Service improvements: … so an apology or a sum to the complainant in the same sentence does not hide the improvement',
    test: (c) => NOT_IMPROVEMENT.test(c) && 'drop',
  },
  {
    id: 'SI-NOT-PERSONAL-REVIEW',
    priority: 20,
    example: {
      heading: 'Agreed action',
      text: "The Council will review Mr Y's care plan with the care team.",
    },
    readme: 'Service improvements: … not ones about the complainant alone',
    test: (c) => PERSONAL.test(c) && 'drop',
  },
  {
    id: 'SI-NOT-NEGATED',
    priority: 30,
    example: { heading: 'Agreed action', text: 'The Council did not review its procedures.' },
    readme: 'Service improvements: a failing ("did not review its procedures") is not one',
    test: (c) => NEGATED_ACTION.test(c) && 'drop',
  },
  {
    id: 'SI-NOT-NAMED-PERSON',
    priority: 40,
    example: { heading: 'Agreed action', text: 'The Council will update Mrs X on its procedures.' },
    readme: 'Service improvements: … not ones about the complainant alone (a named person and no group)',
    test: (c) => NAMED_PERSON.test(c) && !GROUP.test(c) && 'drop',
  },
  {
    id: 'SI-NOT-NO-TARGET',
    priority: 50,
    example: { heading: 'Agreed action', text: 'The Council will review the matter again.' },
    readme: `${README_FOR}: an action word with none of them is not one`,
    test: (c) => !IMPROVEMENT_TARGET.test(c) && 'drop',
  },
  {
    id: 'SI-FOR-OTHERS',
    priority: 60,
    example: {
      heading: 'Agreed action',
      text: 'The Council will remind staff to reply within the timescales.',
    },
    readme: README_FOR,
    test: () => 'keep',
  },
]);

/** A clause set aside by an `SI-NOT-*` rule, for `npm run accuracy -- --diff` and rules.test.ts. */
export interface SetAsideImprovement {
  rule: string;
  text: string;
}

interface ImprovementClause {
  text: string;
  action: string;
  at: number;
}

/**
 * The clauses of a sentence that are service improvements (none for a list lead-in). Clause breaks
 * (clauses.ts, `done-list`): ", and", ";", "and it / the Council", and a new remedy verb in a list
 * of remedies ("apologised to Mr J, offered him £175 … and agreed to review its procedures").
 */
function improvementClauses(
  s: Sentence,
  needAction: boolean,
  setAside?: SetAsideImprovement[],
): ImprovementClause[] {
  const text = s.text;
  if (text.endsWith(':')) return [];
  if (needAction && !ACTION_CUE.test(text)) return [];
  const out: ImprovementClause[] = [];
  for (const c of clausesOf(s, 'done-list')) {
    const a = actionOf(c.text);
    if (!a) continue;
    const r = firstRule(IMPROVEMENT_RULES, c.text)!;
    if (r.value === 'keep') out.push({ text: c.text, action: a.id, at: a.at });
    else setAside?.push({ rule: r.id, text: c.text });
  }
  return out;
}

/**
 * What an improvement clause promises, from its action word to the next comma or "which": the same
 * improvement told in the summary and again in the final decision gives the same key.
 */
function improvementKey(clause: ImprovementClause): string {
  return clause.text
    .slice(clause.at)
    .split(/,|\s+which\s/i)[0]!
    .toLowerCase()
    .replace(/['’]/g, "'")
    .replace(/[\s.;:]+$/, '')
    .replace(/\s+/g, ' ');
}

/** Where improvements are read: the remedy sections, else the summary and decision with agreed / done wording. */
const SOURCE_RULES = ruleTable<{ kind: string; remedySections: boolean }>(
  'service improvements: where read',
  [
    {
      id: 'SI-SOURCE-REMEDY-SECTION',
      priority: 10,
      example: {
        heading: 'Agreed action',
        text: 'The Council will remind staff to reply within the timescales.',
      },
      readme: 'Service improvements: Remedy-section sentences',
      test: (c) => c.remedySections,
    },
    {
      id: 'SI-SOURCE-AGREED-ELSEWHERE',
      priority: 20,
      example: 'The Council has agreed to remind staff to reply within the timescales.',
      readme: 'Service improvements: (else summary and decision ones with agreed / done wording)',
      test: (c) => !c.remedySections,
    },
  ],
);

/**
 * Service improvements: sentences or list items of the remedy sections that change practice for
 * others (remind staff, review a procedure, train, update guidance). Without a remedy section, the
 * summary and decision sections are read instead. One entry per improvement: a sentence that
 * promises only what earlier ones already did ("agreed to review its procedures" in the summary and
 * again in the final decision) is not counted again. Each carries `rules`: where it was read
 * (`SI-SOURCE-*`), what its clauses do (`SI-ACTION-*`) and `SI-FOR-OTHERS`; clauses set aside go to
 * `setAside` with their `SI-NOT-*` rule.
 */
export function extractImprovements(doc: Doc, setAside?: SetAsideImprovement[]): ServiceImprovement[] {
  const remedy = doc.sections.filter((s) => s.kind === 'remedy');
  const sources =
    remedy.length > 0 ? remedy : doc.sections.filter((s) => s.kind === 'summary' || s.kind === 'decision');
  const out: ServiceImprovement[] = [];
  const seen = new Set<string>();
  for (const section of sources) {
    const source = firstRule(SOURCE_RULES, { kind: section.kind, remedySections: remedy.length > 0 })!;
    for (const s of section.sentences) {
      const clauses = improvementClauses(s, remedy.length === 0, setAside);
      const keys = clauses.map(improvementKey);
      if (keys.every((k) => seen.has(k))) continue;
      for (const k of keys) seen.add(k);
      const rules = [source.id];
      for (const c of clauses) if (!rules.includes(c.action)) rules.push(c.action);
      rules.push('SI-FOR-OTHERS');
      out.push({ text: s.text, evidence: evidenceOf(section, s), rules });
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
const DEADLINE_CUE = /\b(?:agreed|will|should|must|recommend)/i;

interface DeadlineCtx {
  /** The sentence of a "within N". */
  text: string;
  /** Whether the decision has remedy sections (then only they are read). */
  remedySections: boolean;
}

const README_DEADLINE = 'Deadline: The shortest "within N days/weeks/months"';
/** Whether a "within N" is a deadline for the remedy (first that fires); the shortest kept wins. */
const DEADLINE_RULES = ruleTable<DeadlineCtx, 'keep' | 'drop'>('deadline: is the "within N" one', [
  {
    id: 'DL-REMEDY-SECTION',
    priority: 10,
    example: { heading: 'Agreed action', text: 'Within one month the Council will apologise to Mrs X.' },
    readme: `${README_DEADLINE} in the remedy sections`,
    test: (c) => c.remedySections && 'keep',
  },
  {
    id: 'DL-AGREED-WORDING',
    priority: 20,
    example: 'The Council has agreed to apologise to Mrs X within four weeks.',
    readme: 'Deadline: (else the summary and decision, next to agreed/recommended wording)',
    test: (c) => DEADLINE_CUE.test(c.text) && 'keep',
  },
  {
    id: 'DL-NOT-NO-AGREED-WORDING',
    priority: 30,
    example: 'Mrs X complained the Council did not reply within 20 working days.',
    readme:
      'Deadline: (else the summary and decision, next to agreed/recommended wording): without it, not a deadline',
    test: () => 'drop',
  },
]);

/**
 * The shortest "within N unit" stated for the remedy (remedy sections; else summary and decision);
 * `rules` names the rule that kept it, or with none those that set a "within N" aside.
 */
export function extractDeadline(doc: Doc): { days: number | null; evidence?: Evidence; rules: string[] } {
  const remedy = doc.sections.filter((s) => s.kind === 'remedy');
  const sources = remedy.length > 0 ? remedy : doc.sections.filter((s) => DEADLINE_SECTIONS.has(s.kind));
  let best: { days: number; evidence: Evidence; rules: string[] } | null = null;
  const setAside: string[] = [];
  for (const section of sources) {
    for (const s of section.sentences) {
      const t = s.text;
      WITHIN.lastIndex = 0;
      for (let m = WITHIN.exec(t); m; m = WITHIN.exec(t)) {
        const r = firstRule(DEADLINE_RULES, { text: t, remedySections: remedy.length > 0 })!;
        if (r.value === 'drop') {
          if (!setAside.includes(r.id)) setAside.push(r.id);
          continue;
        }
        const days = toDays(m[1]!, m[2]!);
        if (days === null || days <= 0) continue;
        if (!best || days < best.days) best = { days, evidence: evidenceOf(section, s), rules: [r.id] };
      }
    }
  }
  return best ? best : { days: null, rules: setAside };
}
