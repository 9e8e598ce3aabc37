/**
 * Meilisearch filter building. No caller value reaches the filter text unescaped:
 * - attribute names are constants of this module;
 * - string values are always double-quoted, with `\` → `\\` and `"` → `\"` inside (the filter
 *   parser's escapes since Meilisearch 1.4), so operators, brackets, parentheses and newlines
 *   inside a value are just characters of that value;
 * - dates are parsed here and become integer decisionTs bounds; the raw string is never used.
 * Each condition is its own element of the returned array, which Meilisearch ANDs together.
 * @module
 */
import { ErrorCode, LgscoError } from '../core/errors.js';
import { isoDateToTs } from './document.js';
import type { SearchParams } from './search-types.js';

/** A string as a quoted Meilisearch filter value. */
export function quoteFilterValue(value: string): string {
  if (typeof value !== 'string') {
    throw new LgscoError(ErrorCode.BAD_REQUEST, `filter value must be a string, got ${typeof value}`);
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

type StringFilterKey = 'organisation' | 'category' | 'subcategory' | 'outcome' | 'kind';
const STRING_FILTERS: readonly StringFilterKey[] = [
  'organisation',
  'category',
  'subcategory',
  'outcome',
  'kind',
];

function condition(
  attribute: StringFilterKey,
  raw: string | readonly string[] | undefined,
): string | undefined {
  if (raw === undefined) return undefined;
  const values = typeof raw === 'string' ? [raw] : [...new Set(raw)];
  if (values.length === 0) return undefined;
  if (values.length === 1) return `${attribute} = ${quoteFilterValue(values[0]!)}`;
  return `${attribute} IN [${values.map(quoteFilterValue).join(', ')}]`;
}

/** Filter conditions for the search parameters; undefined when nothing is filtered. */
export function buildFilter(params: SearchParams): string[] | undefined {
  const out: string[] = [];
  for (const key of STRING_FILTERS) {
    const c = condition(key, params[key]);
    if (c) out.push(c);
  }
  if (params.from !== undefined) out.push(`decisionTs >= ${isoDateToTs(params.from)}`);
  if (params.to !== undefined) out.push(`decisionTs <= ${isoDateToTs(params.to)}`);
  return out.length > 0 ? out : undefined;
}
