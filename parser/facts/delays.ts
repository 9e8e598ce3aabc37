/**
 * Delays normalised to days (units.ts): an EHC plan issued N weeks beyond the 20-week limit (days =
 * the excess), "a delay of over nine months" in an annual review, "over seven months" to answer a
 * complaint. Read from the summary and the fact, assessment and decision sections (not from law,
 * the complaint as put, or the remedy).
 * @module
 */

import type { Delay, DelayAbout } from '../../core/facts.js';
import { type Doc, evidenceOf } from './doc.js';
import { firstRule, ruleTable } from './rules.js';
import { LENGTH, toDays } from './units.js';
import { TITLE } from './vocabulary.js';

/** The statutory EHC limit: 20 weeks from the request to the final plan. */
export const EHC_LIMIT_DAYS = 140;

type FormKind = 'excess' | 'total' | 'cued';
/**
 * excess: the length is the delay; total: the length is the whole time taken; cued: the length is
 * the delay only when the sentence speaks of delay ("went without the provision for two terms
 * because of delay"), since going without is also lost provision.
 */
interface FormMatch {
  kind: FormKind;
  matches: RegExpExecArray[];
}
const TARGET = String.raw`(?:(?:the|its|our|a|any)\s+)?(?:[\w-]+\s+){0,3}?(?:timescales?|time\s*(?:limits?|frames?|scales?)|deadlines?|limits?|(?:law|policy|procedure|code|guidance|rules?)\s+allows?|statutory\s+\w+|target|period|date(?!\s+of\b)|required|allowed|should\s+have|expected|permitted)`;
/** Who "took" the time, between "took" and the length: "It took the Council over four months". */
const TOOK_WHOM = String.raw`(?:(?:the\s+(?:Council|Trust|provider|care\s+provider|school|home)|it|them|him|her|${TITLE}\s+[A-Z]\b)\s+)?`;

/** A form's test: every match of `re` (an exec loop: `matchAll` clones the regex, which is slow). */
function form(kind: FormKind, re: RegExp): (t: string) => FormMatch | null {
  return (t) => {
    const matches: RegExpExecArray[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) matches.push(m);
    return matches.length > 0 ? { kind, matches } : null;
  };
}

const README_FORMS = 'Delays: Excess forms … give the delay itself. Total forms … count only';
/**
 * The ways a delay is stated. Every form is read, in priority order; a phrase already taken by an
 * earlier form is not read again.
 */
const FORM_RULES = ruleTable<string, FormMatch>('delays: how the delay is stated', [
  {
    id: 'D-FORM-LATE',
    priority: 10,
    example: 'The EHC plan was issued eight weeks late.',
    readme: `${README_FORMS}: "N late/overdue"`,
    test: form('excess', new RegExp(String.raw`${LENGTH}\s+(?:late|overdue|behind(?:\s+schedule)?)\b`, 'gi')),
  },
  {
    id: 'D-FORM-BEYOND-LIMIT',
    priority: 20,
    example: 'The Council issued the plan eight weeks outside the statutory timescales.',
    readme: `${README_FORMS}: "N beyond/outside/later than the limit"`,
    test: form(
      'excess',
      new RegExp(
        String.raw`${LENGTH}\s+(?:later\s+than|beyond|outside(?:\s+of)?|over|past|after|longer\s+than|in\s+excess\s+of|more\s+than)\s+${TARGET}`,
        'gi',
      ),
    ),
  },
  {
    id: 'D-FORM-DELAY-OF',
    priority: 30,
    example: 'There was a delay of over nine months in the annual review.',
    readme: `${README_FORMS}: "a delay of N"`,
    test: form(
      'excess',
      new RegExp(
        String.raw`\b(?:delay(?:s|ed|ing)?|overran|overrun)\s+(?:of|by|for|was|lasted|totall?ing|amounting\s+to|in\s+excess\s+of)\s+${LENGTH}`,
        'gi',
      ),
    ),
  },
  {
    id: 'D-FORM-N-DELAY',
    priority: 40,
    example: 'There was three months of avoidable delay in the annual review.',
    readme: `${README_FORMS}: "an N delay"`,
    test: form(
      'excess',
      new RegExp(
        String.raw`${LENGTH}['’]?\s+(?:of\s+)?(?:avoidable\s+|unnecessary\s+|further\s+|additional\s+|unreasonable\s+|significant\s+|excessive\s+)?delay`,
        'gi',
      ),
    ),
  },
  {
    id: 'D-FORM-TOOK-LONGER',
    priority: 50,
    example: 'The Council took six weeks longer than it should to reply to the complaint.',
    readme: `${README_FORMS}: "took N longer than"`,
    test: form(
      'excess',
      new RegExp(
        String.raw`\b(?:took|taking|waited|had\s+taken)\s+(?:(?:the|its|it|them|him|her|[A-Z][\w'’]*)\s+){0,3}?${LENGTH}\s+(?:longer|more)\s+than`,
        'gi',
      ),
    ),
  },
  {
    // "let the matter drift for three months", "delayed putting the provision in place by 5 weeks",
    // "nothing happened on the case for 8 weeks"
    id: 'D-FORM-DRIFT',
    priority: 60,
    example: 'The Council let the annual review drift for three months.',
    readme: 'Delays: Also read: "let the matter drift for N", "delayed … by N", "nothing happened … for N"',
    test: form(
      'excess',
      new RegExp(
        String.raw`\b(?:(?:drift(?:ed)?|stalled)\s+for\s+|nothing\s+happened\s+(?:[\w'’]+\s+){0,5}?for\s+|delayed\s+(?:[\w'’]+\s+){1,6}?by\s+)${LENGTH}`,
        'gi',
      ),
    ),
  },
  {
    // "went without the provision in his Plan for two terms because of delay by the Council"
    id: 'D-FORM-WENT-WITHOUT',
    priority: 70,
    example: 'Because of the delay, he went without the provision in his Plan for two terms.',
    readme: 'Delays: "went without … for N" when the sentence speaks of delay',
    test: form('cued', new RegExp(String.raw`\bwent\s+without\s+(?:[\w'’]+\s+){0,8}?for\s+${LENGTH}`, 'gi')),
  },
  {
    // "took over eight months", "It took the Council over four months to …"
    id: 'D-FORM-TOOK',
    priority: 80,
    example: 'It took the Council over four months to respond to the complaint.',
    readme: `${README_FORMS} (took N to …)`,
    test: form(
      'total',
      new RegExp(String.raw`\b(?:took|taking|had\s+taken|waited)\s+${TOOK_WHOM}(?:for\s+)?${LENGTH}`, 'gi'),
    ),
  },
  {
    id: 'D-FORM-ISSUED-AFTER',
    priority: 90,
    example: 'The Council issued the final EHC plan 30 weeks after the request for an assessment.',
    readme: `${README_FORMS} (issued … N after the request)`,
    test: form(
      'total',
      new RegExp(
        String.raw`\b(?:issued|finalised|finalized|completed|sent|responded|replied)\s+(?:[\w'’]+\s+){0,5}?${LENGTH}\s+after\s+(?:[\w'’]+\s+){0,5}?(?:request|requested|referral|application|applied|asked|complaint|complained)\b`,
        'gi',
      ),
    ),
  },
]);

/** "took over / nearly / more than N": the length is stressed, so it reads as a delay. */
const EMPHASIS = new RegExp(
  String.raw`^\S+(?:\s+taken)?\s+${TOOK_WHOM}(?:for\s+)?(?:over|more\s+than|nearly|almost|some|as\s+long\s+as|a\s+further|another)\s`,
  'i',
);
const DELAY_CUE =
  /\bdelay|\blate\b|\boverdue|\btoo\s+long|\boutside|\bbeyond|\bexceed|\bstatutory|\btimescale|\btime\s*limit|\bshould\s+have\b|\bunreasonabl|\bwithout\s+good\s+reason/i;

const ABOUT: { about: DelayAbout; re: RegExp }[] = [
  // "the provision in her Plan", "section F": the provision, not the plan, was late.
  {
    about: 'education_provision',
    re: /\bprovision\s+(?:set\s+out\s+|specified\s+)?in\s+(?:the\s+|her\s+|his\s+|their\s+|[A-Z]['’]s\s+)?(?:EHC\s+)?plan\b|\bsection\s+F\b/i,
  },
  {
    about: 'complaint_response',
    re: /\b(?:respond\w*|response|repl(?:y|ied|ies|ying)|answer\w*|deal\s+with|dealt\s+with|dealing\s+with|handl\w+|consider\w*|investigat\w*)\b[^.;]{0,40}\bcomplaints?\b|\bcomplaints?\s+(?:response|handling|reply|process|procedure)\b|\bstage\s+(?:one|two|three|1|2|3)\b|\b(?:final|formal)\s+(?:reply|response)\b|['’]s\s+reply\b/i,
  },
  {
    about: 'annual_review',
    re: /\bannual\s+review|\breview\s+(?:of\s+)?(?:\w+\s+){0,3}?(?:EHC|plan)\b|\bamended\s+(?:EHC\s+)?plan\b/i,
  },
  {
    about: 'assessment',
    // "the request for an assessment", "requested an assessment" say when the clock started, not what was late.
    re: /(?<!\b(?:request(?:ed|s)?|asked|applied|application)\s+for\s+(?:an?\s+)?(?:EHC\s+)?(?:needs\s+)?)(?<!\brequest(?:ed|s|ing)?\s+(?:an?\s+)?(?:EHC\s+)?(?:needs\s+)?)\b(?:needs\s+)?assessments?\b(?![^.]{0,30}\bplan\b)|\bassess(?:ing|ed)?\b(?![^.]{0,30}\bplan\b)/i,
  },
  {
    about: 'ehc_plan',
    re: /\bEHCP?\b|\bEducation,?\s+Health\s+and\s+Care\b|\bfinal\s+plan\b|\bthe\s+plan\b|\bplan\b|\b20-week\b|\b20\s+weeks?\s+(?:limit|timescale|deadline|period)\b/i,
  },
  {
    about: 'education_provision',
    re: /\beducation\b|\bprovision\b|\btuition\b|\bschool\s+place|\bsection\s+19\b|\b(?:school|educational|education|college|specialist)\s+placement\b|\bschool\b/i,
  },
];

/** The subject nearest the phrase (within 100 characters either side); earlier entries win ties. */
const ABOUT_G = ABOUT.map(({ about, re }) => ({ about, re: new RegExp(re.source, 'gi') }));

function aboutOf(t: string, start: number, end: number): DelayAbout {
  const from = Math.max(0, start - 100);
  const window = t.slice(from, Math.min(t.length, end + 100));
  let best: { about: DelayAbout; dist: number } | null = null;
  for (const { about, re: g } of ABOUT_G) {
    g.lastIndex = 0;
    for (let m = g.exec(window); m; m = g.exec(window)) {
      const a = from + m.index;
      const b = a + m[0].length;
      // The subject after the phrase ("four months late with his annual review") weighs a little more.
      const dist = b <= start ? start - b : a >= end ? (a - end) * 0.6 : 0;
      if (!best || dist < best.dist) best = { about, dist };
      if (m[0].length === 0) g.lastIndex++;
    }
  }
  return best?.about ?? 'other';
}

/** Right after the length: the activity that was late ("in arranging …", "before passing …"). */
const OWN_ACTIVITY = /^\s*(?:in|before)\s+[a-z]+ing\b/;

/** Sentences about the complainant's own lateness ("no good reason for a delay of three years in coming to us"). */
const NOT_BODY_DELAY =
  /\bgood\s+reason|\b(?:complain(?:ed|ing|s)?|come|came|coming)\s+to\s+us\b|\btime\s+limit\s+for\s+complaints|\blate\s+complaint/i;

/** Cheap filter: no unit of time, no delay. */
const HAS_UNIT = /\b(?:days?|weeks?|months?|terms?|years?|fortnights?)\b/i;

const SCANNED = new Set(['summary', 'facts', 'assessment', 'decision']);

/** A length read in a form, and where: what the total-form rules weigh. */
interface TotalCtx {
  text: string;
  phrase: string;
  about: DelayAbout;
  days: number;
  sectionKind: string;
}

const README_TOTAL = 'Delays: Total forms ("took N to …", "issued … N after the request") count only';
/** A total form ("took N") is a delay only when one of these says so (first that fires); its value is the delay in days. */
const TOTAL_RULES = ruleTable<TotalCtx, { days: number }>('delays: when a time taken is a delay', [
  {
    id: 'D-TOTAL-EHC-LIMIT-OFF',
    priority: 10,
    example: 'The Council issued the final EHC plan 30 weeks after the request for an assessment.',
    readme: `${README_TOTAL}: an EHC plan's total has the 20-week limit (140 days) taken off`,
    test: (c) =>
      c.about === 'ehc_plan' &&
      /\b(?:request(?:ed|s)?|referral|referred|asked|appli(?:cation|ed))\b/i.test(c.text) && {
        days: c.days - EHC_LIMIT_DAYS,
      },
  },
  {
    id: 'D-TOTAL-COMPLAINT-REPLY',
    priority: 20,
    example: {
      heading: 'What happened',
      text: 'It took the Council four months to respond to the complaint.',
    },
    readme: `${README_TOTAL} for complaint replies`,
    test: (c) => c.about === 'complaint_response' && { days: c.days },
  },
  {
    id: 'D-TOTAL-DELAY-WORDS',
    priority: 30,
    example: {
      heading: 'What happened',
      text: 'The Council took six months to review the plan, which was too long.',
    },
    readme: `${README_TOTAL} when the sentence speaks of delay or time limits`,
    test: (c) => DELAY_CUE.test(c.text) && { days: c.days },
  },
  {
    id: 'D-TOTAL-STRESSED',
    priority: 40,
    example: { heading: 'What happened', text: 'The Council took over eight months to review the plan.' },
    readme: `${README_TOTAL} when the length is stressed ("over", "nearly", "a further")`,
    test: (c) => EMPHASIS.test(c.phrase) && { days: c.days },
  },
  {
    id: 'D-TOTAL-IN-SUMMARY',
    priority: 50,
    example: 'The Council took eight months to review the plan.',
    readme: `${README_TOTAL} in the summary`,
    test: (c) => c.sectionKind === 'summary' && { days: c.days },
  },
]);

/** Extracts delays, one per (days, about); each with the ids of its form, subject and (for a total) why it counts. */
export function extractDelays(doc: Doc): Delay[] {
  const out: Delay[] = [];
  const seen = new Set<string>();
  for (const section of doc.sections) {
    if (!SCANNED.has(section.kind)) continue;
    section.sentences.forEach((s, si) => {
      const t = s.text;
      if (NOT_BODY_DELAY.test(t)) return;
      if (!HAS_UNIT.test(t)) return;
      const taken: Array<[number, number]> = [];
      for (const form of FORM_RULES.rules) {
        const found = form.test(t);
        if (!found) continue;
        for (const m of found.matches) {
          const start = m.index;
          const end = m.index + m[0].length;
          if (taken.some(([a, b]) => start < b && end > a)) continue;
          let days = toDays(m[1]!, m[2]!);
          if (days === null || days <= 0) continue;
          let about = aboutOf(t, start, end);
          let aboutRule = about === 'other' ? 'D-ABOUT-NONE' : 'D-ABOUT-NEAREST';
          // Nothing named nearby: the subject of the previous sentences in the section, unless the
          // sentence names its own activity ("a delay of 3 months in arranging the repairs").
          const ownActivity = OWN_ACTIVITY.test(t.slice(end, end + 40));
          for (
            let back = 1;
            found.kind !== 'total' && about === 'other' && !ownActivity && back <= 2 && si - back >= 0;
            back++
          ) {
            const prev = section.sentences[si - back]!.text;
            about = aboutOf(prev, prev.length, prev.length);
            if (about !== 'other') aboutRule = 'D-ABOUT-PREVIOUS-SENTENCES';
          }
          if (found.kind === 'cued' && !/\bdelay|\blate\b|\boverdue/i.test(t)) continue;
          const rules = [form.id, aboutRule];
          if (found.kind === 'total') {
            const total = firstRule(TOTAL_RULES, {
              text: t,
              phrase: m[0],
              about,
              days,
              sectionKind: section.kind,
            });
            if (!total) continue;
            days = total.value.days;
            if (days <= 0) continue;
            rules.push(total.id);
          }
          taken.push([start, end]);
          const key = `${days}|${about}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ days, about, text: m[0], evidence: evidenceOf(section, s), rules });
        }
      }
    });
  }
  return out;
}
