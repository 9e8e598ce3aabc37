/**
 * Sentence splitting with offsets. Each line of a section (paragraph or list item) is split into
 * sentences; a leading paragraph/list marker ("1. ", "a) ", "- ") is not part of the sentence.
 * A full stop does not end a sentence after an abbreviation ("Mrs", "Mr.", "e.g.", "s.", "para.")
 * or inside a number ("£1,200.50", "s.19"); it does after an anonymised letter ("Mrs X. She ...").
 * @module
 */

export interface Sentence {
  /** The sentence, trimmed; `sectionText.slice(start, end) === text`. */
  text: string;
  start: number;
  end: number;
  /** Index of the line (paragraph or list item) in the section. */
  line: number;
  /** The line starts with a list or paragraph marker. */
  marker: 'number' | 'letter' | 'bullet' | null;
  /**
   * For a list item under a line ending with ":" ("Within one month the Council will:"), that lead-in
   * sentence; its words (status, deadline) apply to the item.
   */
  leadIn: string | null;
  /** The sentence's clause breaks, by kind, once computed (clauses.ts). */
  breaks: Partial<Record<import('./clauses.js').BreakKind, import('./clauses.js').ClauseBreak[]>> | undefined;
}

const MARKER = /^(?:\(?(\d{1,3})[.)]|\(?([a-z]|[ivxlc]{1,6})[.)]|([-•*–◦▪]))\s+/;
/** A terminator, closing quotes/brackets, whitespace, then what can start a sentence. */
const BOUNDARY = /[.?!]+["'’”)\]]*\s+(?=["'‘“(]?[A-Z0-9£])/g;
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'st',
  'prof',
  'cllr',
  'rev',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'etc',
  'viz',
  'cf',
  'vs',
  'v',
  's',
  'ss',
  'para',
  'paras',
  'reg',
  'regs',
  'sch',
  'no',
  'nos',
  'art',
  'ch',
  'p',
  'pp',
  'approx',
  'c',
  'ref',
  'sec',
  'inc',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);
const TERMINATORS = /^[.?!]+/;
const WORD_BEFORE_DOT = /([A-Za-z][A-Za-z.]{0,7})$/;

function isAbbreviation(text: string, dot: number): boolean {
  if (text[dot] !== '.') return false;
  const before = text.slice(Math.max(0, dot - 9), dot);
  const m = WORD_BEFORE_DOT.exec(before);
  if (!m) return false;
  const word = m[1]!;
  const start = dot - word.length;
  if (start > 0 && /[A-Za-z0-9]/.test(text[start - 1]!)) return false;
  const w = word.toLowerCase();
  // "Mrs X. She" ends a sentence; a lone capital is an anonymised name, not an initial.
  if (/^[A-Z]$/.test(word)) return false;
  return ABBREVIATIONS.has(w) || ABBREVIATIONS.has(w.replace(/\.$/, ''));
}

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 160 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200a)
  );
}

function pushTrimmed(
  out: Sentence[],
  text: string,
  from: number,
  to: number,
  line: number,
  marker: Sentence['marker'],
  leadIn: string | null,
) {
  let s = from;
  let e = to;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ text: text.slice(s, e), start: s, end: e, line, marker, leadIn, breaks: undefined });
}

/** Splits a section's text into sentences with offsets into that text. Never throws. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  if (typeof text !== 'string' || text === '') return out;
  let lineStart = 0;
  let lineNo = 0;
  let leadIn: string | null = null;
  let leadInMarker: Sentence['marker'] = null;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const lead = line.length - line.trimStart().length;
    const m = MARKER.exec(line.slice(lead));
    const marker: Sentence['marker'] = m ? (m[1] ? 'number' : m[2] ? 'letter' : 'bullet') : null;
    const contentStart = lineStart + lead + (m ? m[0].length : 0);
    // A lead-in applies to the list items that follow it (bullets, letters, or numbers under an unnumbered lead-in).
    const inherits: boolean =
      leadIn !== null && marker !== null && (marker !== 'number' || leadInMarker !== 'number');
    const itemLeadIn: string | null = inherits ? leadIn : null;
    if (!inherits) leadIn = null;
    const before = out.length;
    BOUNDARY.lastIndex = 0;
    const content = text.slice(contentStart, lineEnd);
    let from = 0;
    for (let b = BOUNDARY.exec(content); b; b = BOUNDARY.exec(content)) {
      // A lone full stop after an abbreviation ("Mrs.", "e.g.", "s.") does not end the sentence.
      const run = TERMINATORS.exec(b[0])?.[0] ?? '.';
      if (run === '.' && isAbbreviation(content, b.index)) continue;
      const endOfSentence = b.index + b[0].trimEnd().length;
      pushTrimmed(out, text, contentStart + from, contentStart + endOfSentence, lineNo, marker, itemLeadIn);
      from = b.index + b[0].length;
    }
    pushTrimmed(out, text, contentStart + from, lineEnd, lineNo, marker, itemLeadIn);
    if (out.length > before) {
      const last = out[out.length - 1]!;
      if (last.text.endsWith(':')) {
        leadIn = itemLeadIn === null ? last.text : `${itemLeadIn} ${last.text}`;
        leadInMarker = marker;
      }
    }
    lineNo++;
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  return out;
}
