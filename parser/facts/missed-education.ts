/**
 * Periods a child missed education or provision: as dates ("from April 2022 to October 2023") and/or
 * a stated length ("four terms of school", "no education for two years"). `days` is the stated length
 * only (null when only dates are given). Read from the summary and the fact, assessment and decision
 * sections.
 * @module
 */

import type { MissedEducation } from '../../core/facts.js';
import { type Doc, evidenceOf } from './doc.js';
import { NUMBER } from './numbers-in-words.js';
import { firstRule, ruleTable } from './rules.js';
import { MONTH_YEAR, toDays, UNIT, yearMonth } from './units.js';
import { PERSON } from './vocabulary.js';

const MISSED =
  /\bmiss(?:ed|ing)\b|\bwithout\s+(?:(?:any|a|an|the|suitable|full[- ]time|appropriate|adequate|proper|formal)\s+){0,3}(?:education|school|schooling|college|provision|tuition|school\s+place|college\s+place|therapy|special\s+educational\s+provision)|\bno\s+(?:suitable\s+|full[- ]time\s+|formal\s+)?(?:education|schooling|provision|tuition|school\s+place|therapy)|\bout\s+of\s+(?:school|education)\b|\bdid\s+not\s+(?:receive|get|have|attend)\s+(?:\w+\s+){0,3}?(?:education|provision|tuition|school|college|therapy)|\b(?:could\s+not|couldn['’]t|was\s+unable\s+to|were\s+unable\s+to)\s+attend\b|\blost\s+(?:\w+\s+){0,6}?(?:education|provision|schooling|learning|tuition)|\blimited\s+education|\b(?:fail\w*\s+to|did\s+not)\s+(?:provide|arrange|secure|deliver|put\s+in\s+place)\s+(?:[\w'’-]+\s+){0,7}?(?:education|provision|tuition|therapy)|\b(?:provision|education|tuition|therapy)\b[^.;]{0,60}?\b(?:was|were)\s+not\s+(?:delivered|provided|in\s+place|put\s+in\s+place|arranged|secured)\b|\bsection\s+19\s+duty\b|\bwent\s+without\b/i;
/**
 * "out of school … but received full-time tuition": taught, not missing education. A sentence whose
 * only cue is "out of school/education" and which says full-time education or tuition was provided,
 * arranged or received (not "no", "not", "only") is left out.
 */
const OUT_OF = /\bout\s+of\s+(?:school|education)\b/i;
const TAUGHT =
  /\b(?:provided|arranged|received|had|attended|given|gave)\s+(?:(?!no\b|not\b|only\b|limited\b|any\b)\w+\s+){0,4}?full[- ]time\s+(?:education|tuition|teaching|provision|schooling)|\bfull[- ]time\s+(?:education|tuition|teaching|provision)\s+(?:was|were)\s+(?:provided|arranged|in\s+place)/i;
/** Education words; a further-education learner misses "college" or "his course". */
const EDU =
  /\beducation|\bschool|\bcollege|\b(?:his|her|their)\s+course\b|\bprovision|\btuition|\btherapy|\blearning|\bacademic\s+year/i;
const RANGE = new RegExp(
  String.raw`(?:\b(?:from|between|since)\s+)?${MONTH_YEAR}\s*(?:to|until|till|and|–|-|through)\s+${MONTH_YEAR}`,
  'i',
);
/** "between February and December 2024", "from 2 September to 20 September 2024": the first month takes the second's year. */
const MONTH_NAME = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)`;
const SHORT_RANGE = new RegExp(
  String.raw`\b(?:from|between)\s+(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?${MONTH_NAME}\s+(?:to|until|till|and|–|-|through)\s+${MONTH_YEAR}`,
  'i',
);
/**
 * "the 2022/23 academic year", "the 2021-2022 school year", "academic year 2023/24": September of
 * the first year to July of the next (the second year must be the next one).
 */
const ACADEMIC_YEAR =
  /\b(?:(?:academic|school)\s+year\s+((?:19|20)\d\d)\s*(?:\/|-|–|to)\s*(\d{2}|\d{4})\b|((?:19|20)\d\d)\s*(?:\/|-|–|to)\s*(\d{2}|\d{4})\s+(?:academic|school)\s+years?\b)/i;

function academicYear(m: RegExpExecArray): { from: string; to: string } | null {
  const first = Number(m[1] ?? m[3]);
  const second = m[2] ?? m[4]!;
  const next = second.length === 2 ? Math.floor(first / 100) * 100 + Number(second) : Number(second);
  return next === first + 1 ? { from: `${first}-09`, to: `${next}-07` } : null;
}

const FROM_ONLY = new RegExp(String.raw`\b(?:from|since)\s+${MONTH_YEAR}`, 'i');
const LENGTH_OF = new RegExp(
  String.raw`\b(${NUMBER})\s+(?:lost\s+|missed\s+|whole\s+|full\s+)?(${UNIT})['’]?\s+(?:of\s+)?(?:\w+\s+){0,2}?(?:school(?:ing)?|college|course|education|provision|tuition|learning|therapy)`,
  'i',
);
const FOR_LENGTH = new RegExp(
  String.raw`\b(?:for|a\s+period\s+of)\s+(?:a\s+period\s+of\s+)?(?:over\s+|more\s+than\s+|almost\s+|nearly\s+|about\s+|around\s+|a\s+total\s+of\s+|some\s+)?(${NUMBER})\s+(?:whole\s+|full\s+)?(${UNIT})\b`,
  'i',
);
const MISSED_LENGTH = new RegExp(
  String.raw`\b(?:missed|lost|missing)\s+(?:out\s+on\s+)?(?:over\s+|more\s+than\s+|almost\s+|nearly\s+|about\s+)?(${NUMBER})\s+(${UNIT})\b`,
  'i',
);

/**
 * The complaint as put ("Mrs X complained the Council did not secure the therapy … for over a
 * year", "Mr Y says his son missed two terms"), as summaries open: a claim, not a finding.
 */
const CLAIM = new RegExp(
  String.raw`^(?:the\s+complainant,?\s+(?:whom\s+(?:I|we)\s+(?:shall\s+|will\s+)?(?:refer\s+to|call)\s+as\s+)?)?(?:${PERSON}\b,?\s+)?(?:complain(?:s|ed)|says?|said|believes?|told\s+us)\b`,
  'i',
);

/**
 * "delayed arranging alternative provision from 6 March 2024 until 22 April 2024": the dates are a
 * period without the provision; a length in such a sentence is a delay (delays.ts), so only the
 * dates are read.
 */
const DELAYED_PROVISION =
  /\bdelay(?:ed|ing|s)?\s+(?:in\s+)?(?:putting\s+in\s+place|arranging|providing|securing|starting)\s+(?:[\w'’-]+\s+){0,5}?(?:education|provision|tuition|therapy)/i;

/** "15 hours a week of tuition" is a rate, not a length. */
const RATE_BEFORE = /\b(?:hours?|sessions?|times|lessons?|per)\s+$/i;

const SCANNED = new Set(['summary', 'facts', 'assessment', 'decision']);

type Entry = MissedEducation;

function compatible(a: Entry, b: Entry): boolean {
  const eq = <T>(x: T | null, y: T | null) => x === null || y === null || x === y;
  return eq(a.from, b.from) && eq(a.to, b.to) && eq(a.days, b.days);
}

/** Days from the first month to the last ("2022-04" to "2023-10": 18 months), half a month at least. */
function spanDays(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const months = (f: string) => Number(f.slice(0, 4)) * 12 + Number(f.slice(5, 7));
  return Math.max(0.5, months(to) - months(from)) * 30.4;
}

/**
 * How badly two compatible entries fit as one period: 0 when they share a stated value (the same
 * length or dates told again), else how far the one's length is from the other's span of dates
 * (log scale), Infinity when there is nothing to compare.
 */
function misfit(a: Entry, b: Entry): number {
  const both = <T>(x: T | null, y: T | null) => x !== null && y !== null;
  if (both(a.days, b.days) || both(a.from, b.from) || both(a.to, b.to)) return 0;
  const days = a.days ?? b.days;
  const span = spanDays(a.from ?? b.from, a.to ?? b.to);
  return days && span ? Math.abs(Math.log(days / span)) : Number.POSITIVE_INFINITY;
}

/**
 * The period a mention joins: among the compatible ones, one that states the same value, else the
 * one whose dates and length fit best; the first on a tie.
 */
function periodFor(out: Entry[], entry: Entry): Entry | undefined {
  let best: Entry | undefined;
  let bestMisfit = Number.POSITIVE_INFINITY;
  for (const e of out) {
    if (!compatible(e, entry)) continue;
    const m = misfit(e, entry);
    if (best === undefined || m < bestMisfit) {
      best = e;
      bestMisfit = m;
    }
  }
  return best;
}

/** One sentence about missing education, as the date and length rules read it. */
interface SentenceCtx {
  t: string;
  /** The sentence with an academic year's numbers blanked (they are never a length). */
  lengthText: string;
  ay: RegExpExecArray | null;
}
interface Dates {
  from: string | null;
  to: string | null;
  phrase: string;
}

const README_DATES = 'Missed education: a month-year range';
/** The period's dates: the first rule that reads them. */
const DATE_RULES = ruleTable<SentenceCtx, Dates>('missed education: dates', [
  {
    id: 'ME-DATES-RANGE',
    priority: 10,
    example: 'Y missed education from April 2022 to October 2023.',
    readme: `${README_DATES} ("from April 2022 to October 2023", full dates)`,
    test: ({ t }) => {
      const r = RANGE.exec(t);
      return r && { from: yearMonth(r[1]!, r[2]!), to: yearMonth(r[3]!, r[4]!), phrase: r[0] };
    },
  },
  {
    // "from November to March 2024" runs over the new year.
    id: 'ME-DATES-SHORT-RANGE',
    priority: 20,
    example: 'Y missed education between February and December 2024.',
    readme: `${README_DATES} ("between February and December 2024": the first month takes the second's year)`,
    test: ({ t }) => {
      const sr = SHORT_RANGE.exec(t);
      if (!sr) return null;
      const to = yearMonth(sr[2]!, sr[3]!);
      const first = yearMonth(sr[1]!, sr[3]!);
      const from = first && to && first > to ? yearMonth(sr[1]!, String(Number(sr[3]) - 1)) : first;
      return { from, to, phrase: sr[0] };
    },
  },
  {
    id: 'ME-DATES-ACADEMIC-YEAR',
    priority: 30,
    example: 'Y missed education for the 2022/23 academic year.',
    readme:
      'Missed education: An academic year ("the 2022/23 academic year") is September of the first year to July of the next',
    test: ({ ay }) => {
      const y = ay ? academicYear(ay) : null;
      return y && { ...y, phrase: ay![0] };
    },
  },
  {
    id: 'ME-DATES-SINCE',
    priority: 40,
    example: 'Y has been without a school place since September 2023.',
    readme: 'Missed education: "since" a month for a period still going on',
    test: ({ t }) => {
      const f = FROM_ONLY.exec(t);
      return (
        f &&
        /\bsince\b|\bstill\b|\bongoing\b|\bremains?\b/i.test(t) && {
          from: yearMonth(f[1]!, f[2]!),
          to: null,
          phrase: f[0],
        }
      );
    },
  },
]);

const README_LENGTH = 'Missed education: and/or a length';
/** The period's stated length: the first rule that reads one (not a rate, "15 hours a week of tuition"). */
const LENGTH_RULES = ruleTable<SentenceCtx, RegExpExecArray>('missed education: length', [
  {
    id: 'ME-LENGTH-OF',
    priority: 10,
    example: 'Y missed four terms of school.',
    readme: `${README_LENGTH} ("four terms of school")`,
    test: ({ t, lengthText }) => notRate(t, LENGTH_OF.exec(lengthText)),
  },
  {
    id: 'ME-LENGTH-MISSED',
    priority: 20,
    example: 'Y missed 12 weeks because the Council did not arrange tuition.',
    readme: `${README_LENGTH} ("missed two months")`,
    test: ({ t, lengthText }) => notRate(t, MISSED_LENGTH.exec(lengthText)),
  },
  {
    id: 'ME-LENGTH-FOR',
    priority: 30,
    example: 'Y had no education for two years.',
    readme: `${README_LENGTH} ("no education for two years", "a period of 28 weeks")`,
    test: ({ t, lengthText }) => notRate(t, FOR_LENGTH.exec(lengthText)),
  },
]);

function notRate(t: string, x: RegExpExecArray | null): RegExpExecArray | null {
  return x !== null && !RATE_BEFORE.test(t.slice(Math.max(0, x.index - 20), x.index)) ? x : null;
}

/**
 * Extracts missed-education periods; mentions that agree (same dates/length where both state them)
 * are merged. Each carries the ids of the rules that read its dates and length.
 */
export function extractMissedEducation(doc: Doc): MissedEducation[] {
  const out: Entry[] = [];
  for (const section of doc.sections) {
    if (!SCANNED.has(section.kind)) continue;
    for (const s of section.sentences) {
      const t = s.text;
      if (!EDU.test(t)) continue;
      const datesOnly = !MISSED.test(t) && DELAYED_PROVISION.test(t);
      if (!datesOnly && !MISSED.test(t)) continue;
      if (TAUGHT.test(t) && !MISSED.test(t.replace(OUT_OF, ' '))) continue;
      if (CLAIM.test(t)) continue;
      const rules: string[] = datesOnly ? ['ME-DATES-ONLY-DELAYED-PROVISION'] : [];
      // An academic year's numbers are not a length ("2022/23 academic year" is not 23 years).
      const ay = ACADEMIC_YEAR.exec(t);
      const ctx: SentenceCtx = { t, lengthText: ay ? t.replace(ay[0], ' '.repeat(ay[0].length)) : t, ay };
      const dates = firstRule(DATE_RULES, ctx);
      const from = dates?.value.from ?? null;
      const to = dates?.value.to ?? null;
      let phrase = dates?.value.phrase ?? '';
      if (dates) rules.push(dates.id);
      if (datesOnly && (from === null || to === null)) continue;
      const l = datesOnly ? null : firstRule(LENGTH_RULES, ctx);
      const days = l ? toDays(l.value[1]!, l.value[2]!) : null;
      if (l) {
        phrase = phrase ? `${l.value[0]}, ${phrase}` : l.value[0];
        rules.push(l.id);
      }
      if (from === null && to === null && days === null) continue;
      const entry: Entry = { from, to, days, text: phrase, evidence: evidenceOf(section, s), rules };
      const same = periodFor(out, entry);
      if (same) {
        same.from ??= entry.from;
        same.to ??= entry.to;
        same.days ??= entry.days;
        same.rules = [...new Set([...(same.rules ?? []), ...rules, 'ME-MERGED'])];
      } else out.push(entry);
    }
  }
  return out;
}
