/**
 * Date, money and number formatting for the replica, in the styles the real site prints.
 * Dates are whole days since 1970-01-01 (UTC) so the corpus never builds Date objects.
 * @module
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Days since epoch for a civil date (Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date [year, month 1-12, day] for days since epoch. */
export function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** yyyy-mm-dd */
export function isoFromDays(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Parses yyyy-mm-dd or unpadded yyyy-m-d; undefined when not a real calendar date. */
export function daysFromIso(text: string): number | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const days = daysFromCivil(y, mo, d);
  const [y2, m2, d2] = civilFromDays(days);
  return y2 === y && m2 === mo && d2 === d ? days : undefined;
}

/** "08 Dec 2025" (decision page header). */
export function pageDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** "08-Dec-2025" (listing meta line). */
export function listingDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${MONTHS[Number(m) - 1]}-${y}`;
}

/** "8 December 2025" or "December 2025" for running text. */
export function proseDate(days: number, withDay: boolean): string {
  const [y, m, d] = civilFromDays(days);
  return withDay ? `${d} ${LONG_MONTHS[m - 1]} ${y}` : `${LONG_MONTHS[m - 1]} ${y}`;
}

/** RFC 1123 date for Last-Modified. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

const SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** English words for 0–9,999 ("two thousand five hundred", "forty-two"). */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`numberWords: ${n}`);
  if (n < 20) return SMALL[n] as string;
  if (n < 100) return `${TENS[Math.floor(n / 10)]}${n % 10 ? `-${SMALL[n % 10]}` : ''}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${SMALL[Math.floor(n / 100)]} hundred${rest ? ` and ${numberWords(rest)}` : ''}`;
  }
  const rest = n % 1000;
  const joiner = rest === 0 ? '' : rest < 100 ? ' and ' : ' ';
  return `${SMALL[Math.floor(n / 1000)]} thousand${joiner}${rest ? numberWords(rest) : ''}`;
}

export type MoneyStyle = 'comma' | 'plain' | 'pence' | 'words';

/**
 * Writes pounds: "£1,200" (comma), "£1200" (plain), "£1,200.00" or "£509.81" (pence),
 * "five hundred pounds" (words; only whole sums). Non-whole amounts always print pence.
 */
export function formatMoney(amount: number, style: MoneyStyle): string {
  const whole = Number.isInteger(amount);
  if (style === 'words' && whole && amount <= 9999) return `${numberWords(amount)} pounds`;
  const fixed = whole && style !== 'pence' ? String(amount) : amount.toFixed(2);
  if (style === 'plain') return `£${fixed}`;
  const [int, dec] = fixed.split('.');
  const grouped = (int as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `£${grouped}${dec !== undefined ? `.${dec}` : ''}`;
}

/** HTML-escapes text for element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}
