/**
 * Sums of money in a sentence: "£1,200", "£1200", "£509.81", "£2k", "£1.5 million", "1,200 pounds",
 * "five hundred pounds". A per-period sum ("£150 a month for 7 months") is multiplied out when the
 * count is stated; a range ("between £100 and £300", "£150 to £350 a month") is flagged, since it is
 * guidance, not a payment.
 * @module
 */
import { NUMBER, parseNumber } from './numbers-in-words.js';

export interface Money {
  /** The sum in GBP; a per-period sum with a stated count is multiplied out (see `per`). */
  amount: number;
  /** The sum as printed for one period (equals `amount` unless multiplied out). */
  unitAmount: number;
  /** Offsets of the printed sum (and its per-period phrase) in the sentence. */
  start: number;
  end: number;
  raw: string;
  /** Part of a range ("between £100 and £300", "£100 to £300", "£100-£300"). */
  range: boolean;
  /** "£150 a month (for 7 months)": the period and the stated count (null when open-ended). */
  per: { unit: string; count: number | null } | null;
  /** A per-period sum that only explains the sum before it ("£1,800, which is £200 for each of the nine months"). */
  restates: boolean;
}

const DIGITS = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?`;
const MONEY = new RegExp(
  String.raw`£\s?${DIGITS}(?:\s?(k|m)\b|\s(thousand|million)\b)?` +
    String.raw`|\bGBP\s?${DIGITS}` +
    String.raw`|\b${DIGITS}\s?(?:pounds|GBP)\b` +
    String.raw`|\b(${NUMBER})\s+pounds\b`,
  'gi',
);
const PERIOD = 'week|month|year|term|night|day|fortnight';
const PER_AFTER = new RegExp(String.raw`^\s*(?:a|per|each|every|for each|for every)\s+(${PERIOD})\b`, 'i');
const EACH_OF = new RegExp(
  String.raw`^\s*for\s+(?:each|every)\s+of\s+(?:the\s+|those\s+)?(${NUMBER})\s+(${PERIOD})s\b`,
  'i',
);
const COUNT_AFTER = new RegExp(
  String.raw`^[^.;£]{0,40}?\bfor\s+(?:the\s+|a\s+total\s+of\s+|each\s+of\s+the\s+|all\s+)?(${NUMBER})\s+(?:${PERIOD})s?\b`,
  'i',
);
const COUNT_BEFORE = new RegExp(String.raw`\b(${NUMBER})\s+(?:${PERIOD})s?\s+at\s+$`, 'i');
const RANGE_BETWEEN = /\bbetween\s+(?:£[\d,.]+k?\s+and\s+)?$/i;
const RANGE_LINK_AFTER = /^\s*(?:to|-|–)\s*£/i;
const RANGE_LINK_BEFORE = /£[\d,.]+\s*(?:k\s*)?(?:to|-|–)\s*$/i;

function toAmount(whole: string, pence: string | undefined, scale: string | undefined): number | null {
  const n = Number(whole.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  let v = n + (pence ? Number(pence.padEnd(2, '0')) / 100 : 0);
  const sc = scale?.toLowerCase();
  if (sc === 'k' || sc === 'thousand') v *= 1000;
  else if (sc === 'm' || sc === 'million') v *= 1_000_000;
  return Math.round(v * 100) / 100;
}

/** Finds every sum of money in `s`, left to right. */
export function findAmounts(s: string): Money[] {
  const out: Money[] = [];
  if (!s || (!s.includes('£') && !/pounds|GBP/i.test(s))) return out;
  MONEY.lastIndex = 0;
  for (let m = MONEY.exec(s); m; m = MONEY.exec(s)) {
    let unit: number | null;
    if (m[1] !== undefined) unit = toAmount(m[1], m[2], m[3] ?? m[4]);
    else if (m[5] !== undefined) unit = toAmount(m[5], m[6], undefined);
    else if (m[7] !== undefined) unit = toAmount(m[7], m[8], undefined);
    else unit = parseNumber(m[9] ?? '');
    if (unit === null || unit <= 0) continue;
    // "£1,2" at a cut-off page end, or "£1,20,000": not a readable sum.
    if (/^,\d/.test(s.slice(m.index + m[0].length, m.index + m[0].length + 2))) continue;
    const start = m.index;
    let end = m.index + m[0].length;
    const after = s.slice(end, end + 80);
    const before = s.slice(Math.max(0, start - 40), start);
    let per: Money['per'] = null;
    let amount = unit;
    const p = PER_AFTER.exec(after);
    const eachOf = p ? null : EACH_OF.exec(after);
    if (eachOf) {
      const count = parseNumber(eachOf[1]!);
      per = { unit: eachOf[2]!.toLowerCase(), count };
      if (count !== null && count > 0) amount = Math.round(unit * count * 100) / 100;
      end += eachOf[0].length;
    } else if (p) {
      const rest = after.slice(p[0].length);
      const c = COUNT_AFTER.exec(rest);
      const cb = COUNT_BEFORE.exec(before);
      const count = c ? parseNumber(c[1]!) : cb ? parseNumber(cb[1]!) : null;
      per = { unit: p[1]!.toLowerCase(), count };
      if (count !== null && count > 0) amount = Math.round(unit * count * 100) / 100;
      end += p[0].length + (c ? c[0].length : 0);
    }
    const range =
      RANGE_BETWEEN.test(before) ||
      RANGE_LINK_AFTER.test(s.slice(m.index + m[0].length, m.index + m[0].length + 12)) ||
      RANGE_LINK_BEFORE.test(before);
    const restates =
      per !== null && per.count !== null && out.some((o) => Math.abs(o.amount - amount) < 0.005);
    out.push({ amount, unitAmount: unit, start, end, raw: s.slice(start, end), range, per, restates });
  }
  return out;
}
