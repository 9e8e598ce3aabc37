/**
 * Missed education: the periods a child went without education or the provision in an EHC plan,
 * chosen as facts (dates and a stated length) and written in the phrasing decisions use ("did not
 * receive any education between …", "was without suitable full-time education for …", "missed a
 * term", section F provision not delivered, no school place, no transport, a part-time timetable).
 *
 * Facts come from their own stream (seed, index) and wording from another (seed, index, revision),
 * so a corpus's other fields and wording are the same as before missed education was written.
 * The truth lists each distinct period once, with the dates where any mention gives them and the
 * stated length where any mention states one (days = count × DELAY_UNIT_DAYS), as core/facts.ts
 * defines `MissedEducation`; what the complainant claims (complaint section) is not a finding and is
 * not in the truth, nor is a period the child was out of school but taught full time.
 * @module
 */
import type { DecisionMeta } from './corpus.js';
import type { DelayFact, Facts } from './facts.js';
import { civilFromDays, numberWords, proseDate } from './format.js';
import type { Rng } from './prng.js';
import { DELAY_UNIT_DAYS, type MissedEducation } from './truth-schema.js';

export type MissedUnit = 'week' | 'month' | 'term' | 'year';

/** Why the child missed education (chooses the sentences). */
export type MissedScenario = 'section_f' | 'no_place' | 'transport' | 'section19' | 'exclusion' | 'part_time';

export interface MissedFact {
  scenario: MissedScenario;
  /** First and last day of the period (days since epoch); `end` null for a period still going on. */
  start: number;
  end: number | null;
  /** The stated length (null: no mention states one). */
  length: { unit: MissedUnit; count: number } | null;
  /** Whether any mention gives the dates. */
  dated: boolean;
}

/** What compose.ts needs to know about a decision to choose its missed education. */
export interface MissedContext {
  meta: DecisionMeta;
  topicSlug: string;
  facts: Facts;
  /** Day the events began (the text's {d1}). */
  eventsStart: number;
}

const EDUCATION = new Set(['special-educational-needs', 'alternative-provision', 'school-admissions']);

/** How likely a decision of this kind is to state a missed period. */
function share(meta: DecisionMeta, slug: string): number {
  const f = meta.finding;
  const ap = slug === 'alternative-provision';
  const sen = slug === 'special-educational-needs';
  if (f === 'fault_injustice') return ap ? 0.8 : sen ? 0.3 : 0.12;
  if (f === 'no_fault') return ap ? 0.2 : sen ? 0.05 : 0;
  if (f === 'not_investigated' && meta.notInvestigatedReason === 'already_remedied')
    return ap || sen ? 0.3 : 0;
  return 0;
}

function scenarioFor(rng: Rng, slug: string): MissedScenario {
  if (slug === 'school-admissions') return 'no_place';
  if (slug === 'alternative-provision')
    return rng.weighted<MissedScenario>([
      ['section19', 4],
      ['exclusion', 2],
      ['part_time', 2],
    ]);
  return rng.weighted<MissedScenario>([
    ['section_f', 4],
    ['no_place', 2],
    ['transport', 1],
    ['section19', 1],
  ]);
}

/** Days a stated length stands for in the calendar (a school term is about four calendar months). */
const CALENDAR_DAYS: Record<MissedUnit, number> = { week: 7, month: 30.4, term: 122, year: 365 };

function lengthFor(rng: Rng, scenario: MissedScenario): { unit: MissedUnit; count: number } {
  const unit = rng.weighted<MissedUnit>(
    scenario === 'exclusion'
      ? [
          ['week', 3],
          ['month', 2],
          ['term', 1],
        ]
      : [
          ['week', 2],
          ['month', 3],
          ['term', 3],
          ['year', 0.3],
        ],
  );
  const count =
    unit === 'week'
      ? rng.int(2, 20)
      : unit === 'month'
        ? rng.int(1, 18)
        : unit === 'term'
          ? rng.int(1, 5)
          : 1;
  return { unit, count };
}

/** The period's length from a delay fact ("went without the provision for two terms"), when it is one. */
function fromDelay(d: DelayFact): { unit: MissedUnit; count: number } | null {
  return d.unit === 'day' ? null : { unit: d.unit, count: d.count };
}

/**
 * The decision's missed-education fact, or null. An education-provision delay (which the text may
 * write as "went without the provision in her Plan for N") always comes with one of that length, so
 * the two mentions are one period whichever wording a revision picks; else a per-period payment for
 * lost education fixes the length (the remedy restates it).
 */
export function chooseMissed(
  ctx: MissedContext,
  rng: Rng,
  provisionDelay: DelayFact | null,
): MissedFact | null {
  const { meta, facts, topicSlug } = ctx;
  if (!EDUCATION.has(topicSlug) || (meta.kind === 'report' && meta.finding !== 'fault_injustice'))
    return null;
  const pay = facts.payments.find((p) => p.purpose === 'loss_of_education' && p.monthly && p.amount !== null);
  const delayed = provisionDelay ? fromDelay(provisionDelay) : null;
  const forced = (meta.finding === 'fault_injustice' && pay !== undefined) || delayed !== null;
  const roll = rng.next();
  if (!forced && roll >= share(meta, topicSlug)) return null;
  const scenario = scenarioFor(rng, topicSlug);
  let length: MissedFact['length'] = lengthFor(rng, scenario);
  if (delayed) length = delayed;
  else if (pay?.monthly) length = { unit: pay.monthly.unit ?? 'month', count: pay.monthly.months };
  const mustState = forced;
  // What the text states: dates only, the length only, or both; a few periods are still going on.
  const states = rng.weighted<'dates' | 'length' | 'both' | 'ongoing'>([
    ['dates', mustState ? 0 : 3],
    ['length', 3],
    ['both', 4],
    ['ongoing', mustState || meta.finding !== 'fault_injustice' || scenario !== 'no_place' ? 0 : 2],
  ]);
  const span = Math.round(length.count * CALENDAR_DAYS[length.unit]);
  const latest = meta.dateDays - rng.int(30, 120);
  const start = Math.min(ctx.eventsStart + rng.int(0, 60), latest - span);
  if (states === 'ongoing') return { scenario, start, end: null, length: null, dated: true };
  return {
    scenario,
    start,
    end: start + span,
    length: states === 'dates' ? null : length,
    dated: states !== 'length',
  };
}

const ym = (days: number) => {
  const [y, m] = civilFromDays(days);
  return `${y}-${String(m).padStart(2, '0')}`;
};

/** The truth entries: the fact, and the "went without the provision for N" delay when it states another length. */
export function missedTruth(
  fact: MissedFact | null,
  wentWithout: { delay: DelayFact; phrase: string } | null,
  phrase: string,
): MissedEducation[] {
  const out: MissedEducation[] = [];
  if (fact)
    out.push({
      from: fact.dated ? ym(fact.start) : null,
      to: fact.dated && fact.end !== null ? ym(fact.end) : null,
      days: fact.length ? fact.length.count * DELAY_UNIT_DAYS[fact.length.unit] : null,
      phrase,
    });
  if (wentWithout) {
    const days = wentWithout.delay.count * DELAY_UNIT_DAYS[wentWithout.delay.unit];
    if (!out.some((m) => m.days === days))
      out.push({ from: null, to: null, days, phrase: wentWithout.phrase });
  }
  return out;
}

/** A length as written: "four terms", "14 weeks", "a term", "a whole term", "an academic year". */
export function lengthText(rng: Rng, unit: MissedUnit, count: number): string {
  if (count === 1) {
    if (unit === 'year') return rng.pick(['a school year', 'an academic year', 'a whole school year']);
    return rng.pick([`a ${unit}`, `one ${unit}`, `a whole ${unit}`, `a full ${unit}`]);
  }
  const n = count <= 20 && rng.chance(0.5) ? numberWords(count) : String(count);
  return `${n} ${unit}s`;
}

/** {from} and {to} as written: months ("April 2022"), full dates ("4 April 2022"), or "April" … "October 2023". */
export function datesText(rng: Rng, start: number, end: number): { from: string; to: string } {
  const style = rng.weighted<'month' | 'day' | 'short' | 'edge'>([
    ['month', 5],
    ['day', 2],
    ['short', 1.5],
    ['edge', 1],
  ]);
  const from = proseDate(start, false);
  const to = proseDate(end, false);
  // Within one month only full dates tell the two ends apart.
  if (style === 'day' || from === to) return { from: proseDate(start, true), to: proseDate(end, true) };
  if (style === 'short' && from.split(' ')[1] === to.split(' ')[1])
    return { from: from.split(' ')[0] as string, to };
  if (style === 'edge') return { from: `the start of ${from}`, to: `the end of ${to}` };
  return { from, to };
}
