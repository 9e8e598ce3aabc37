/**
 * Meilisearch filter building. No caller value reaches the filter text unescaped:
 * - attribute names are constants of this module;
 * - string values are always double-quoted, with `\` → `\\` and `"` → `\"` inside (the filter
 *   parser's escapes since Meilisearch 1.4), so operators, brackets, parentheses and newlines
 *   inside a value are just characters of that value;
 * - dates are parsed here and become integer decisionTs bounds; the raw string is never used;
 * - numbers must be finite, non-negative JavaScript numbers (printed without exponent), booleans
 *   real booleans, findings one of the known values; anything else throws LGSCO_ERR_BAD_REQUEST.
 * Each condition is its own element of the returned array, which Meilisearch ANDs together.
 * @module
 */
import { ErrorCode, LgscoError } from '../core/errors.js';
import { DelayAbout } from '../core/facts.js';
import { delaySubjectField } from '../core/facts-columns.js';
import { isoDateToTs } from './document.js';
import { type DecisionFilters, FINDINGS, MAX_AMOUNT } from './search-types.js';

const bad = (message: string) => new LgscoError(ErrorCode.BAD_REQUEST, message);

/** A string as a quoted Meilisearch filter value. */
export function quoteFilterValue(value: string): string {
  if (typeof value !== 'string') throw bad(`filter value must be a string, got ${typeof value}`);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A number as filter text: finite, 0 ≤ n ≤ 100,000,000, never in exponent notation. */
export function filterNumber(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_AMOUNT)
    throw bad(`filter number must be between 0 and ${MAX_AMOUNT}, got ${String(value)}`);
  const s = String(value);
  if (!/^\d+(\.\d+)?$/.test(s)) throw bad(`filter number not representable: ${s}`);
  return s;
}

function filterBoolean(value: boolean): string {
  if (typeof value !== 'boolean') throw bad(`filter flag must be true or false, got ${String(value)}`);
  return value ? 'true' : 'false';
}

type StringFilterKey = 'organisation' | 'category' | 'subcategory' | 'outcome' | 'kind' | 'finding';
const STRING_FILTERS: readonly StringFilterKey[] = [
  'organisation',
  'category',
  'subcategory',
  'outcome',
  'kind',
  'finding',
];

const list = <T>(raw: T | readonly T[] | undefined): T[] =>
  raw === undefined ? [] : Array.isArray(raw) ? [...new Set(raw as T[])] : [raw as T];

function condition(attribute: string, values: string[]): string | undefined {
  if (values.length === 0) return undefined;
  if (values.length === 1) return `${attribute} = ${values[0]}`;
  return `${attribute} IN [${values.join(', ')}]`;
}

/** Filter conditions for the decision filters; undefined when nothing is filtered. */
export function buildFilter(params: DecisionFilters & { [other: string]: unknown }): string[] | undefined {
  const out: string[] = [];
  for (const key of STRING_FILTERS) {
    const values = list<string>(params[key] as string | string[] | undefined);
    if (key === 'finding')
      for (const v of values)
        if (!(FINDINGS as readonly string[]).includes(v)) throw bad(`unknown finding ${JSON.stringify(v)}`);
    const c = condition(key, values.map(quoteFilterValue));
    if (c) out.push(c);
  }
  const years = list<number>(params.year).map((y) => {
    if (!Number.isInteger(y) || y < 0 || y > 9999) throw bad(`year must be a whole number, got ${String(y)}`);
    return String(y);
  });
  const y = condition('decisionYear', years);
  if (y) out.push(y);
  const keys = list<string>(params.refKey);
  const k = condition('refKey', keys.map(quoteFilterValue));
  if (k) out.push(k);
  if (params.from !== undefined) out.push(`decisionTs >= ${isoDateToTs(params.from)}`);
  if (params.to !== undefined) out.push(`decisionTs <= ${isoDateToTs(params.to)}`);
  if (params.minRemedy !== undefined) out.push(`remedyTotal >= ${filterNumber(params.minRemedy)}`);
  if (params.maxRemedy !== undefined) out.push(`remedyTotal <= ${filterNumber(params.maxRemedy)}`);
  if (params.hasPayment !== undefined) out.push(`hasPayment = ${filterBoolean(params.hasPayment)}`);
  // With a subject, the delay bounds apply to the longest delay about it, and one must exist.
  let delayField = 'maxDelayDays';
  if (params.delaySubject !== undefined) {
    const subject = DelayAbout.safeParse(params.delaySubject);
    if (!subject.success) throw bad(`unknown delay subject ${JSON.stringify(params.delaySubject)}`);
    delayField = delaySubjectField(subject.data);
    out.push(`${delayField} > 0`);
  }
  if (params.minDelay !== undefined) out.push(`${delayField} >= ${filterNumber(params.minDelay)}`);
  if (params.maxDelay !== undefined) out.push(`${delayField} <= ${filterNumber(params.maxDelay)}`);
  if (params.hasMissedEducation !== undefined)
    out.push(`missedEducationCount ${filterBoolean(params.hasMissedEducation) === 'true' ? '>' : '='} 0`);
  if (params.minMissedEducation !== undefined)
    out.push(`missedEducationDays >= ${filterNumber(params.minMissedEducation)}`);
  if (params.removed !== undefined) out.push(`removedFromSource = ${filterBoolean(params.removed)}`);
  if (params.headerComplete !== undefined)
    out.push(`headerComplete = ${filterBoolean(params.headerComplete)}`);
  if (params.findingConflict !== undefined)
    out.push(`findingConflict = ${filterBoolean(params.findingConflict)}`);
  return out.length > 0 ? out : undefined;
}
