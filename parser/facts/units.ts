/**
 * Lengths of time normalised to days. Constants (documented in the README): day 1, working day 1.4
 * (five a week), week 7, fortnight 14, month 30, term 91 (13 weeks), school year 365, year 365.
 * @module
 */
import { NUMBER, parseNumber } from './numbers-in-words.js';

export const DAYS_PER: Record<string, number> = {
  day: 1,
  'working day': 1.4,
  'school day': 1.4,
  week: 7,
  'school week': 7,
  fortnight: 14,
  month: 30,
  term: 91,
  'school term': 91,
  'school year': 365,
  'academic year': 365,
  year: 365,
};

/** "working days", "school terms", "weeks", ... (singular or plural). */
export const UNIT = String.raw`(?:working\s+days?|school\s+days?|school\s+weeks?|school\s+terms?|school\s+years?|academic\s+years?|days?|weeks?|fortnights?|months?|terms?|years?)`;

/** A length: optional modifier, a number (digits or words), a unit ("over seven months", "a six-month", "18-week"). */
export const LENGTH = String.raw`(?:(?:over|more\s+than|almost|nearly|about|around|approximately|roughly|some|at\s+least|just\s+over|just\s+under|a\s+further|another|a\s+total\s+of|up\s+to)\s+)?(${NUMBER})[\s-]+(${UNIT})`;

function unitKey(unit: string): string {
  return unit.toLowerCase().replace(/\s+/g, ' ').replace(/s$/, '');
}

/** Days for a number token and a unit ("seven", "months") → 210; null when unreadable. */
export function toDays(count: string, unit: string): number | null {
  const n = parseNumber(count);
  const per = DAYS_PER[unitKey(unit)];
  if (n === null || per === undefined) return null;
  return Math.round(n * per);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
export const MONTH_YEAR = String.raw`(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?,?\s+(\d{4})`;

/** ("April", "2022") → "2022-04". */
export function yearMonth(month: string, year: string): string | null {
  const i = MONTHS.indexOf(month.slice(0, 3).toLowerCase());
  const y = Number(year);
  if (i < 0 || !(y >= 1990 && y <= 2100)) return null;
  return `${y}-${String(i + 1).padStart(2, '0')}`;
}
