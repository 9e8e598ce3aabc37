/**
 * The two entry points for decision pages; both go through parseDecisionLines (parser/core.ts).
 * @module
 */
import { ParseError } from '../core/errors.js';
import type { Decision } from '../core/record.js';
import { type InputLine, parseDecisionLines } from './core.js';
import { renderHtml } from './render.js';

function fail(e: unknown, url: string | undefined): never {
  if (e instanceof ParseError) throw e;
  throw new ParseError(`parser failure: ${e instanceof Error ? e.message : String(e)}`, url);
}

/** Parses a decision page's HTML. Throws ParseError (only) when it is not a readable decision. */
export function parseDecisionHtml(html: string, options: { url?: string } = {}): Decision {
  const url = options.url;
  try {
    if (typeof html !== 'string') throw new ParseError('not HTML: input is not a string', url);
    const { lines, title } = renderHtml(html);
    const warnings: string[] = [];
    if (!/<\/html\s*>\s*$/i.test(html.slice(-200)))
      warnings.push('HTML does not end with </html>: the page may be truncated');
    return parseDecisionLines(lines, { url, documentTitle: title, warnings, collapsed: true });
  } catch (e) {
    fail(e, url);
  }
}

/**
 * A "URL: https://…" line at the top of a text copy: this project's convention for saved copies
 * (the fixtures, `lgsco parse FILE.txt`), not something the site prints.
 */
const URL_LINE = /^URL\s*:\s*(\S+)\s*$/i;
const MARKER_ONLY = /^(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]$/i;
const BULLET = /^[•◦▪●○■\u2022\u2023\u2043\u25e6*]\s*/;

/**
 * Lines of a browser's text copy, made to look like rendered HTML: a "URL:" first line is taken
 * out; bullets become "- "; a list marker alone on a line ("1.") is joined to the next line.
 */
export function textToLines(text: string): { lines: InputLine[]; url?: string } {
  const raw = typeof text === 'string' ? text.split(/\r\n?|\n|\u2028|\u2029/) : [];
  const lines: InputLine[] = [];
  let url: string | undefined;
  let pendingMarker = '';
  for (const r of raw) {
    let t = r.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
    if (t === '') continue;
    if (url === undefined && lines.length === 0 && pendingMarker === '') {
      const m = URL_LINE.exec(t);
      if (m) {
        url = m[1];
        continue;
      }
    }
    if (BULLET.test(t)) t = `- ${t.replace(BULLET, '')}`;
    if (MARKER_ONLY.test(t) || t === '-') {
      pendingMarker = t === '-' ? '- ' : `${t.replace(/\)$/, '.')} `;
      continue;
    }
    lines.push({ text: pendingMarker + t });
    pendingMarker = '';
  }
  return url === undefined ? { lines } : { lines, url };
}

/**
 * Parses the text of a decision page as a browser renders or copies it. Without a URL (option or a
 * "URL:" first line) the URL is built from the category/subcategory slugs and ref, with a warning.
 */
export function parseDecisionText(text: string, options: { url?: string } = {}): Decision {
  try {
    const { lines, url } = textToLines(text);
    return parseDecisionLines(lines, { url: options.url ?? url });
  } catch (e) {
    fail(e, options.url);
  }
}
