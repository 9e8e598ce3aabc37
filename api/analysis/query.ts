/**
 * The decision filters as query parameters: one zod schema used by every API endpoint that
 * selects decisions (search, stats, exports, feeds, organisations) and by the CLI, so a filter
 * means the same thing everywhere. Validation messages name the parameter.
 *
 * Two rules hold for every query parameter of the API (each query schema is built with
 * `queryObject`): an empty value (`?maxRemedy=` or `?maxRemedy`) is the parameter left out, and a
 * number is written in plain decimal (`250`, `99.50`): no plus sign, hex, exponent or spaces (a
 * minus sign gets "must be 0 or more"). A parameter taken once and given twice is refused by name.
 * @module
 */
import { z } from 'zod';
import { DELAY_SUBJECTS } from '../../core/facts-columns.js';
import { type DecisionFilters, FINDINGS, MAX_AMOUNT, MAX_DAYS } from '../../indexer/index.js';
import { ENTITY_KINDS } from '../../registry/index.js';

/**
 * An empty query value is the parameter left out; empty values of a repeated parameter are
 * dropped (and if none is left, the parameter is left out).
 */
export function absentIfEmpty(v: unknown): unknown {
  if (v === '') return undefined;
  if (Array.isArray(v)) {
    const kept = v.filter((x) => x !== '');
    if (kept.length === 0) return undefined;
    return kept.length === 1 ? kept[0] : kept;
  }
  return v;
}

type EmptyAsAbsent<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodPreprocess<S[K]> };

/**
 * The object schema of a query string: strict (an unknown parameter is refused), and every
 * parameter read through `absentIfEmpty` first. Every API query schema is made here.
 */
export function queryObject<S extends z.ZodRawShape>(
  shape: S,
): z.ZodObject<EmptyAsAbsent<S>, z.core.$strict> {
  const wrapped = Object.fromEntries(
    Object.entries(shape).map(([k, schema]) => [k, z.preprocess(absentIfEmpty, schema)]),
  );
  return z.strictObject(wrapped) as unknown as z.ZodObject<EmptyAsAbsent<S>, z.core.$strict>;
}

/** The message for a parameter given a repeated value where one is expected, else `what`. */
export const onceOr = (name: string, what: string) => (issue: { input?: unknown }) =>
  Array.isArray(issue.input) ? `${name} may be given only once` : what;

/** A parameter that takes one text value (q, sort, …): repeated, it is refused naming it. */
export const single = (name: string) => z.string({ error: onceOr(name, `${name} must be text`) });

/** Plain decimal: digits, optionally a point and more digits; a leading minus only to refuse it by name. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** How a number parameter shows in the OpenAPI document (the wire form is checked by DECIMAL). */
export type NumberDoc = {
  type: 'number' | 'integer';
  minimum: number;
  maximum: number;
  default?: number;
};

/**
 * A number parameter: plain decimal only (`0x10`, `1e3`, ` 5 `, `Infinity` are refused with a
 * message naming the parameter), then the checks of `then` on the number.
 */
export const decimal = <T extends z.ZodType<unknown, number>>(name: string, then: T, doc: NumberDoc) =>
  single(name)
    .refine((v) => DECIMAL.test(v), `${name} must be a plain decimal number such as 250 or 99.50`)
    .meta(doc)
    .transform(Number)
    .pipe(then);

const text = z.string().trim().min(1).max(200);

/** A string filter given once or repeated (?organisation=A&organisation=B). */
export const multi = (what: string) =>
  z
    .union([text, z.array(text).max(50)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional()
    .describe(`${what}; repeat the parameter to match any of several values`);

/** A list of known words, repeated or comma-separated (?finding=no_fault,not_investigated). */
export const enumList = <T extends readonly [string, ...string[]]>(name: string, values: T, what: string) =>
  z
    .union([z.string(), z.array(z.string()).max(50)])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    )
    .pipe(z.array(z.enum(values, { error: `${name} must be one of ${values.join(', ')}` })))
    .optional()
    .describe(`${what}: ${values.join(', ')}; repeat or separate with commas`);

/** Dates a decision can have: the same years the `year` filter takes. */
const DATE_RANGE = { first: '1900-01-01', last: '2199-12-31' } as const;

const isoDate = (what: string) =>
  z.iso
    .date({ error: onceOr(what, `${what} must be a date written yyyy-mm-dd`) })
    .refine(
      (d) => d >= DATE_RANGE.first && d <= DATE_RANGE.last,
      `${what} must be a date between ${DATE_RANGE.first} and ${DATE_RANGE.last}`,
    )
    .optional()
    .describe(`${what} (yyyy-mm-dd, inclusive)`);

const number = (name: string, max: number, what: string) =>
  decimal(name, z.number().min(0, `${name} must be 0 or more`).max(max, `${name} must be at most ${max}`), {
    type: 'number',
    minimum: 0,
    maximum: max,
  })
    .optional()
    .describe(`${what}; plain decimal such as 250 or 99.50 (no hex, exponent or spaces)`);

export const flag = (name: string, what: string) =>
  z
    .enum(['true', 'false', '1', '0'], { error: onceOr(name, `${name} must be true or false`) })
    .transform((v) => v === 'true' || v === '1')
    .optional()
    .describe(`${what} (true or false)`);

const year = z
  .union([z.string(), z.array(z.string()).max(50)])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(/^(19|20|21)\d\d$/, 'year must be a year such as 2024')
        .transform(Number),
    ),
  )
  .optional()
  .describe('Decision year(s), e.g. 2024; repeat or separate with commas');

/** An ONS GSS code (registry join, issue #17). */
const gss = z
  .string()
  .trim()
  .regex(/^E\d{8}$/i, 'organisationCode must be an ONS code such as E06000050')
  .transform((s) => s.toUpperCase());

/** The filter parameters, as an object shape to extend. */
export const filterShape = {
  q: single('q')
    .max(500, 'q must be at most 500 characters')
    .optional()
    .describe(
      'Full-text query over the summary and decision text. Every word must match (a whole word; the ' +
        'last word also as the start of a word; words of 5+ letters may have one typo, 9+ two, never ' +
        'numbers). Words in double quotes ("council tax") match as that phrase. A synonym in any of its ' +
        'spellings, case and punctuation ignored (EHCP, EHC plan, Education, Health and Care Plan), ' +
        'matches any of its spellings. A reference such as "24 019 223" finds that decision. Search ' +
        'totals, statistics, exports and feeds all take this one set: statistics and exports take its ' +
        'ids from the search index and compute over them in the archive.',
    ),
  organisation: multi(
    'Organisation name, exactly as printed (case-insensitive); a name no archived decision has gets a 400 naming the closest names',
  ),
  organisationCode: z
    .union([gss, z.array(gss).max(50)], {
      error: onceOr('organisationCode', 'organisationCode must be text'),
    })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional()
    .describe(
      'ONS GSS code of the organisation in the organisation registry (E06…, E07…, E08…, E09…, E10…; ' +
        'E99… for the replica’s invented councils); repeat to match any of several',
    ),
  organisationKind: enumList(
    'organisationKind',
    ENTITY_KINDS,
    'Kind of organisation in the registry (councils by ONS type; other bodies by the words of their name)',
  ),
  region: multi('English region of the council in the organisation registry, e.g. "North West"'),
  includePredecessors: flag(
    'includePredecessors',
    'With organisationCode: also the decisions about the councils it replaced (Somerset Council with Somerset County Council and its districts), its history joined',
  ),
  category: multi('Category, e.g. "Education"'),
  subcategory: multi('Subcategory, e.g. "Special educational needs"'),
  outcome: multi('Outcome as printed: "Upheld", "Not upheld", "Closed after initial enquiries"'),
  finding: enumList(
    'finding',
    FINDINGS,
    'Extracted finding ("unknown" also covers records parsed before facts were extracted)',
  ),
  year,
  from: isoDate('from'),
  to: isoDate('to'),
  minRemedy: number(
    'minRemedy',
    MAX_AMOUNT,
    'Remedy total at least this many pounds (agreed + recommended + already paid + offers found enough)',
  ),
  maxRemedy: number('maxRemedy', MAX_AMOUNT, 'Remedy total at most this many pounds'),
  hasPayment: flag('hasPayment', 'Only decisions with (true) or without (false) a remedy payment'),
  minDelay: number(
    'minDelay',
    MAX_DAYS,
    'Longest delay found at least this many days; with delaySubject, the longest delay about that subject',
  ),
  maxDelay: number(
    'maxDelay',
    MAX_DAYS,
    'Longest delay found at most this many days (0 when none); with delaySubject, the longest delay about that subject',
  ),
  delaySubject: z
    .enum(DELAY_SUBJECTS, {
      error: onceOr('delaySubject', `delaySubject must be one of ${DELAY_SUBJECTS.join(', ')}`),
    })
    .optional()
    .describe(
      `Only decisions with a delay about this subject (${DELAY_SUBJECTS.join(', ')}); minDelay and maxDelay then ` +
        'apply to the longest delay about it, e.g. delaySubject=ehc_plan&minDelay=140. An EHC plan delay counts ' +
        'the days beyond the 20-week limit',
    ),
  hasMissedEducation: flag(
    'hasMissedEducation',
    'Only decisions with (true) or without (false) a period of missed education or provision',
  ),
  minMissedEducation: number(
    'minMissedEducation',
    MAX_DAYS,
    'Longest missed-education period at least this many days (the length as stated, term 91, month 30, week 7; ' +
      'else the whole months between its dates × 30); periods with neither do not match',
  ),
  removed: flag('removed', "Only decisions removed from (true) or still on (false) the Ombudsman's site"),
  headerComplete: flag(
    'headerComplete',
    'Only decisions whose page had all its header lines (true) or lacked some (false: outcome or date may be null)',
  ),
  findingConflict: flag(
    'findingConflict',
    'Only decisions whose Decision line and summary disagree about the finding (true), or agree (false)',
  ),
};

type FilterOut = {
  from?: string;
  to?: string;
  minRemedy?: number;
  maxRemedy?: number;
  minDelay?: number;
  maxDelay?: number;
};

/** The cross-field rules every filter query obeys (from ≤ to, min ≤ max). */
export function checkRanges(v: FilterOut, ctx: z.RefinementCtx): void {
  if (v.from && v.to && v.from > v.to)
    ctx.addIssue({ code: 'custom', message: 'from must not be after to', path: ['from'] });
  if (v.minRemedy !== undefined && v.maxRemedy !== undefined && v.minRemedy > v.maxRemedy)
    ctx.addIssue({
      code: 'custom',
      message: 'minRemedy must not be more than maxRemedy',
      path: ['minRemedy'],
    });
  if (v.minDelay !== undefined && v.maxDelay !== undefined && v.minDelay > v.maxDelay)
    ctx.addIssue({ code: 'custom', message: 'minDelay must not be more than maxDelay', path: ['minDelay'] });
}

export const FilterQuery = queryObject(filterShape).superRefine(checkRanges);
export type FilterQuery = z.output<typeof FilterQuery>;

/** The filters of a parsed query, without q (for the index and the archive). */
export function filtersOf(q: FilterQuery): DecisionFilters {
  const { q: _q, ...rest } = q;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as DecisionFilters;
}
