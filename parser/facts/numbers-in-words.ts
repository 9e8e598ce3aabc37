/**
 * Numbers written as words ("seven", "twenty-eight", "one hundred and fifty", "two and a half") or
 * digits ("1,200", "17"). NUMBER is a regex fragment other modules embed; it has no nested
 * ambiguous quantifiers and at most seven words, so matching stays linear.
 * @module
 */

const SMALL: Record<string, number> = {
  zero: 0,
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

/** Number words, longest first so "seventeen" is not read as "seven". ("a"/"an" only count before a unit.) */
const WORDS = [...Object.keys(SMALL), ...Object.keys(TENS), ...Object.keys(SCALES)]
  .filter((w) => w !== 'a' && w !== 'an')
  .sort((x, y) => y.length - x.length);
const WORD = `(?:${WORDS.join('|')})`;

/** Digits (thousands commas allowed) or number words ("twenty-eight", "one hundred and fifty", "a", "two and a half"). */
export const NUMBER = `(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|(?:an?|${WORD}(?:[ -](?:and[ -])?${WORD}){0,6})(?: and a half)?)\\b`;

const NUMBER_RE = new RegExp(`^${NUMBER}$`, 'i');

/** "1,200" → 1200, "seven" → 7, "twenty-eight" → 28, "one hundred and fifty" → 150, "a" → 1, "two and a half" → 2.5; else null. */
export function parseNumber(input: string): number | null {
  const s = input.trim().toLowerCase();
  if (s === '' || !NUMBER_RE.test(s)) return null;
  if (/^[\d,.]+$/.test(s)) {
    const n = Number(s.replace(/,/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  let text = s;
  let half = 0;
  if (text.endsWith(' and a half')) {
    half = 0.5;
    text = text.slice(0, -' and a half'.length);
  }
  let total = 0;
  let current = 0;
  let seen = false;
  for (const w of text.split(/[\s-]+/)) {
    if (w === 'and') continue;
    if (w in SMALL) {
      current += SMALL[w]!;
      seen = true;
    } else if (w in TENS) {
      current += TENS[w]!;
      seen = true;
    } else if (w in SCALES) {
      const scale = SCALES[w]!;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      seen = true;
    } else return null;
  }
  return seen ? total + current + half : null;
}
