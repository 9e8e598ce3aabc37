/**
 * Listing pages (search results, archive, category pages): decision links with their meta line and
 * summary, and the result count. Works on the rendered lines, so it does not depend on the markup:
 * an item is a line holding a link to a decision page whose text reads "Organisation (ref)"; its meta
 * line ("Statement Upheld Homelessness 14-Mar-2025") and "Summary: …" follow within a few lines.
 * @module
 */
import { z } from 'zod';
import { ParseError } from '../core/errors.js';
import { IsoDate } from '../core/record.js';
import { PrintedRef, RefKey, tryParseRef } from '../core/ref.js';
import { sourceProfile } from '../core/source-profile.js';
import { type RenderedLine, renderHtml } from './render.js';

export const ListingItem = z.object({
  /** Canonical decision URL (www host, no display parameters). */
  url: z.string().url(),
  ref: PrintedRef,
  refKey: RefKey,
  organisation: z.string().min(1),
  /** From the meta line's first word; null when the meta line is missing or unreadable. */
  kind: z.enum(['statement', 'report']).nullable(),
  /** As printed; null when the meta line names no known outcome. */
  outcome: z.string().min(1).nullable(),
  /** What the meta line names between the outcome and the date (the parent category is not shown). */
  subcategory: z.string().min(1).nullable(),
  decisionDate: IsoDate.nullable(),
  /** "Summary: …" without the label; "" when absent. */
  summary: z.string(),
});
export type ListingItem = z.infer<typeof ListingItem>;

export const ListingPage = z.object({
  /** "Your search has N results" / "Archive has N results"; null when the page shows no count. */
  total: z.number().int().nonnegative().nullable(),
  items: z.array(ListingItem),
  /** No count and no decision links: the empty search shell served to non-browser clients. */
  isShell: z.boolean(),
});
export type ListingPage = z.infer<typeof ListingPage>;

const lp = sourceProfile.listing;
const dp = sourceProfile.decisionPage;
const outcomesLongestFirst = [...sourceProfile.knownOutcomes].sort((a, b) => b.length - a.length);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function metaDate(text: string): string | null {
  const m = lp.metaDatePattern.exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  const y = Number(m[3]);
  const d = Number(m[1]);
  if (month === 0) return null;
  const dt = new Date(Date.UTC(y, month - 1, d));
  if (dt.getUTCMonth() !== month - 1 || dt.getUTCDate() !== d) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface Meta {
  kind: 'statement' | 'report' | null;
  outcome: string | null;
  subcategory: string | null;
  decisionDate: string | null;
}

/** "Statement Closed after initial enquiries Enforcement 02-Sep-2025" → its parts; null if no date. */
function parseMeta(text: string): Meta | null {
  const dm = lp.metaDatePattern.exec(text);
  if (!dm) return null;
  let middle = text.slice(0, dm.index).trim();
  let kind: Meta['kind'] = null;
  const first = /^(\S+)\s*/.exec(middle);
  if (first) {
    const k = lp.itemKinds[first[1]!.toLowerCase()];
    if (k) {
      kind = k;
      middle = middle.slice(first[0].length);
    }
  }
  let outcome: string | null = null;
  const lower = middle.toLowerCase();
  for (const o of outcomesLongestFirst) {
    const ol = o.toLowerCase();
    if (lower === ol || lower.startsWith(`${ol} `)) {
      outcome = middle.slice(0, o.length);
      middle = middle.slice(o.length).trim();
      break;
    }
  }
  const rest = middle.trim();
  return {
    kind,
    outcome,
    subcategory: outcome !== null && rest !== '' ? rest : null,
    decisionDate: metaDate(text),
  };
}

function readTotal(lines: RenderedLine[]): number | null {
  for (const line of lines) {
    const m = lp.totalPattern.exec(line.text) ?? lp.archiveTotalPattern.exec(line.text);
    if (m) {
      const n = Number(m[1]!.replace(/,/g, ''));
      if (Number.isSafeInteger(n)) return n;
    }
  }
  return null;
}

interface Candidate {
  url: string;
  organisation: string;
  ref: string;
  /** Text on the item's line after the link (inline meta). */
  after: string;
}

function itemOnLine(line: RenderedLine): Candidate | null {
  for (const link of line.links ?? []) {
    const m = dp.titlePattern.exec(link.text);
    if (m && m[1]!.trim() !== '') {
      const at = line.text.indexOf(link.text);
      const after = at >= 0 ? line.text.slice(at + link.text.length).trim() : '';
      return { url: link.url, organisation: m[1]!.trim(), ref: m[2]!, after };
    }
  }
  // The link text may hold only the organisation, with the reference printed beside it.
  const link = line.links?.[0];
  if (link) {
    const m = dp.titlePattern.exec(line.text);
    if (m && m[1]!.trim() !== '') return { url: link.url, organisation: m[1]!.trim(), ref: m[2]!, after: '' };
  }
  return null;
}

/**
 * Parses a listing page. Never throws on page content; throws ParseError only when pageUrl is not a URL.
 */
export function parseListingHtml(html: string, pageUrl: string): ListingPage {
  try {
    new URL(pageUrl);
  } catch {
    throw new ParseError(`listing page URL is not a URL: ${JSON.stringify(String(pageUrl).slice(0, 200))}`);
  }
  try {
    return parseListingInner(typeof html === 'string' ? html : '', pageUrl);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError(`listing parser failure: ${e instanceof Error ? e.message : String(e)}`, pageUrl);
  }
}

function parseListingInner(html: string, pageUrl: string): ListingPage {
  const { lines } = renderHtml(html, { containerSelectors: ['body'], linkBase: pageUrl });
  const total = readTotal(lines);
  const starts: { index: number; cand: Candidate }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const cand = itemOnLine(lines[i]!);
    if (cand) starts.push({ index: i, cand });
  }
  const items: ListingItem[] = [];
  const seen = new Set<string>();
  for (let s = 0; s < starts.length; s++) {
    const { index, cand } = starts[s]!;
    const ref = tryParseRef(cand.ref);
    if (!ref || seen.has(cand.url)) continue;
    const stop = Math.min(starts[s + 1]?.index ?? lines.length, index + 1 + lp.itemWindow);
    const window = lines.slice(index + 1, stop).map((l) => l.text);
    let meta: Meta | null = cand.after ? parseMeta(cand.after) : null;
    let metaAt = -1;
    if (!meta) {
      for (let j = 0; j < window.length; j++) {
        if (dp.summaryLabel.test(window[j]!)) continue;
        meta = parseMeta(window[j]!);
        if (meta) {
          metaAt = j;
          break;
        }
      }
    }
    let summary = '';
    for (let j = 0; j < window.length; j++) {
      const t = window[j]!;
      if (!dp.summaryLabel.test(t)) continue;
      summary = t.replace(dp.summaryLabel, '').trim();
      if (summary === '' && window[j + 1] !== undefined) summary = window[j + 1]!;
      break;
    }
    if (summary === '' && metaAt >= 0) {
      const next = window[metaAt + 1];
      if (next !== undefined && next.split(' ').length >= 5 && /[.!?]$/.test(next)) summary = next;
    }
    const item = ListingItem.safeParse({
      url: cand.url,
      ref: ref.ref,
      refKey: ref.key,
      organisation: cand.organisation,
      kind: meta?.kind ?? null,
      outcome: meta?.outcome ?? null,
      subcategory: meta?.subcategory ?? null,
      decisionDate: meta?.decisionDate ?? null,
      summary,
    });
    if (item.success) {
      seen.add(cand.url);
      items.push(item.data);
    }
  }
  return { total, items, isShell: total === null && items.length === 0 };
}
