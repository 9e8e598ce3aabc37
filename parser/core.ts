/**
 * The one extraction core: rendered text lines → Decision. Used by parseDecisionHtml (lines from
 * htmlToLines) and parseDecisionText (lines of a browser copy).
 *
 * ## Sections rule (stable; the replica's ground truth follows it — changing it is a MAJOR bump)
 *
 * 1. The body is every line after the header (title + Category / Decision / Decision date) up to,
 *    not including, the first end marker (sourceProfile.decisionPage.endMarkers:
 *    "Investigator's decision on behalf of the Ombudsman" (or "…Ombudsmen"), "Print this page").
 *    Lines after it are dropped.
 * 2. Every recognised heading starts a new section, flat and in page order. Sub-headings are NOT
 *    nested: "What I found" followed directly by "Law, guidance and policies" gives
 *    {heading: "What I found", text: ""} and then {heading: "Law, guidance and policies", text: "..."}.
 *    A heading is recognised when a whole line equals one of sourceProfile.decisionPage.knownHeadings
 *    (case-insensitive, optional trailing colon, ’ and ' equivalent, joint-case "Ombudsmen" read as
 *    "Ombudsman", whitespace collapsed), or — HTML
 *    only — when it is an h2–h6 element whose text is short (≤ 100 characters, ≤ 12 words) and does
 *    not end like a sentence (. ? ! ;).
 * 3. `heading` is the heading as printed, whitespace collapsed, trailing colon removed
 *    ("The Ombudsman's final decision:" → "The Ombudsman's final decision"; apostrophes and case kept).
 * 4. `text` is the section's lines joined with "\n". Each line is whitespace-collapsed and trimmed;
 *    empty lines and furniture lines ("Back to top", "Print this page") are removed. List items keep
 *    their rendered prefix: <ol> items "1. ", "2. ", … (numbering restarts in every <ol>, honouring
 *    `start`, `type` and `value`); an <ol> inside another list uses "a. ", "b. ", …; a third level
 *    "i. ", "ii. ", …; <ul> items "- " at any depth. Text of a list item after a nested list goes on a
 *    new line without a marker. Paragraphs already numbered in the text (<p>1. …</p>) are kept as
 *    printed. A section may have empty text.
 * 5. The opening "The Ombudsman's final decision" section IS included; its text holds the summary
 *    paragraph verbatim, label included ("Summary: Mrs B says …"). Inside this opening section a bare
 *    "Summary" / "Summary:" line is the summary's label (text), not a heading; elsewhere (2016
 *    reports) it is the heading "Summary".
 * 6. Body text before the first heading (2016 reports with plain paragraphs) becomes a section with
 *    heading "" (only when there is such text).
 * 7. The end marker itself is not part of any section; the 2016 "Ombudsman satisfied with … response:
 *    <date>" line is ordinary text of the section it falls in.
 *
 * ## Summary rule
 * - 2016 reports: the text of the first non-empty "Summary" section (a leading "Summary:" label removed).
 * - Otherwise (modern): the text after "Summary:" (label removed) in the first line starting with
 *   "Summary:", plus the following lines of the same section (until the next heading), joined with "\n".
 * - Either way the 2016 "Ombudsman satisfied with … response: <date>" line is left out of the summary.
 * - None found: "" and a parse warning.
 * @module
 */
import { ParseError } from '../core/errors.js';
import type { Decision, DecisionKind, Section } from '../core/record.js';
import { DECISION_KEYS } from '../core/record-keys.js';
import { type ParsedRef, tryParseRef } from '../core/ref-text.js';
import { slugify, sourceProfile, unslug } from '../core/source-profile.js';
import { extractFacts } from './facts/extract.js';
import { canonicalDecisionUrl } from './url.js';
import { PARSER_VERSION } from './version.js';

const dp = sourceProfile.decisionPage;

/**
 * The record's fields in the Decision schema's order. Records are built in it, so a record's JSON
 * is the JSON the archive stores (saveDecision validates every record against the schema and
 * refuses, or quarantines, one that fails) and parser/reparse/job.ts can compare the two as text.
 * The parser does not run the schema itself: that cost each record ~0.13 ms of a cold thread's
 * CPU; parser/schema-order.test.ts checks that its output passes the schema unchanged.
 */
const RECORD_KEYS: readonly string[] = DECISION_KEYS;

/** A rendered line, optionally with what the HTML said about it (heading element level). */
export interface InputLine {
  text: string;
  headingLevel?: number;
}

export interface ParseLinesOptions {
  /** Where the page came from; canonicalised. When absent it is built from the slugs (with a warning). */
  url?: string;
  /** The document's <title>, used to find the organisation of a bare-reference (2016) page. */
  documentTitle?: string;
  /** Warnings found before the lines were made (e.g. HTML cut off), prepended to the record's. */
  warnings?: string[];
  /** The lines are whitespace-collapsed and trimmed already (renderHtml's are): not done again. */
  collapsed?: boolean;
}

interface Line {
  text: string;
  /** The text with apostrophes straightened and "Ombudsmen" read as "Ombudsman" (straighten). */
  straight: string;
  /** Apostrophes straightened, trailing colon removed, lower case: for heading/label matching. */
  key: string;
  /** Whether the line is the opening heading ("The Ombudsman's final decision"). */
  opening: boolean;
  headingLevel: number;
}

const WS = /[\s\u200b]+/g;
const APOS = /[\u2018\u2019\u201b\u02bc`\u00b4]/g;
const APOS_TEST = /[\u2018\u2019\u201b\u02bc`\u00b4]/;

/** Characters that need collapsing: any whitespace but a single inner space, or a zero-width space. */
const NEEDS_COLLAPSE = /[^\S ]|\u200b| {2}|^ | $/;

function collapse(s: string): string {
  return NEEDS_COLLAPSE.test(s) ? s.replace(WS, ' ').trim() : s;
}

/** Straight apostrophes, and joint-case "Ombudsmen" read as "Ombudsman" (for matching only). */
function straighten(s: string): string {
  let t = APOS_TEST.test(s) ? s.replace(APOS, "'") : s;
  if (t.includes('mbudsmen') || t.includes('MBUDSMEN')) t = t.replace(dp.jointWording, 'Ombudsman');
  return t;
}

function keyOf(text: string): string {
  return stripColon(straighten(text)).toLowerCase();
}

/** Removes one trailing colon (and the spaces around it). */
function stripColon(text: string): string {
  return text.endsWith(':') ? text.slice(0, -1).trimEnd() : text;
}

const knownHeadingKeys = new Set<string>(dp.knownHeadings.map((h) => keyOf(h)));

function isEndMarker(line: Line): boolean {
  return dp.endMarkers.some((re) => re.test(line.straight));
}

function isFurniture(line: Line): boolean {
  return dp.furnitureLines.some((re) => re.test(line.text));
}

/** Sections rule 2: a known heading, or (HTML) a short, non-sentence h2–h6. */
function isHeading(line: Line): boolean {
  if (knownHeadingKeys.has(line.key) || line.opening) return true;
  if (line.headingLevel > 0 && dp.headingHint.levels.includes(line.headingLevel)) {
    const t = line.text;
    if (t.length > dp.headingHint.maxChars) return false;
    if (dp.headingHint.sentenceEnd.test(t)) return false;
    if (t.split(' ').length > dp.headingHint.maxWords) return false;
    return true;
  }
  return false;
}

/** A known heading (other than the "Decision" label) or the "Summary:" paragraph: the body has begun. */
function isBodyStart(line: Line): boolean {
  if (line.key === 'decision') return false;
  if (knownHeadingKeys.has(line.key) || line.opening) return true;
  return dp.summaryLabel.test(line.text) && line.text.length > 'summary:'.length + 1;
}

function headingText(text: string): string {
  return stripColon(text);
}

// ---------------------------------------------------------------- header fields

type Field = 'category' | 'outcome' | 'decisionDate';

const LABELS: { field: Field; label: string }[] = (
  [
    ...dp.labels.category.map((label) => ({ field: 'category' as const, label })),
    ...dp.labels.outcome.map((label) => ({ field: 'outcome' as const, label })),
    ...dp.labels.decisionDate.map((label) => ({ field: 'decisionDate' as const, label })),
  ] as { field: Field; label: string }[]
)
  .map((l) => ({ field: l.field, label: l.label.toLowerCase() }))
  .sort((a, b) => b.label.length - a.label.length);

const knownOutcomeKeys = new Set<string>(sourceProfile.knownOutcomes.map((o) => o.toLowerCase()));

interface LabelHit {
  field: Field;
  value: string;
  /** Lines used: 1 (label and value on one line) or 2 (value on the next line). */
  used: number;
}

/** Reads "Label : value", "Label: value", "Label<TAB>value", or "Label" then the value on the next line. */
function matchLabel(line: Line, next: Line | undefined): LabelHit | null {
  const lower = line.text.toLowerCase();
  for (const { field, label } of LABELS) {
    if (!lower.startsWith(label)) continue;
    const rest = line.text.slice(label.length);
    if (rest !== '' && !/^[\s:]/.test(rest)) {
      // "CategoryHousing > Homelessness": adjacent label/value spans with no space between them.
      if (/^[A-Z0-9]/.test(rest) && readsAs(field, rest)) return { field, value: rest, used: 1 };
      continue;
    }
    if (/^\s*:?\s*$/.test(rest)) {
      // Label alone: the value is on the next line (browsers may split label and value).
      if (!next || matchLabelOnly(next) || isHeading(next)) return { field, value: '', used: 1 };
      return { field, value: next.text.replace(/^:\s*/, ''), used: 2 };
    }
    const colon = /^\s*:\s*(.*)$/.exec(rest);
    if (colon) return { field, value: colon[1]!.trim(), used: 1 };
    // "Label value" without a colon: accepted only when the value reads as that field.
    const value = rest.trim();
    if (readsAs(field, value)) return { field, value, used: 1 };
  }
  return null;
}

/** Whether an unlabelled value clearly is that field: a date, a known outcome, a "Cat > Subcat". */
function readsAs(field: Field, value: string): boolean {
  if (field === 'decisionDate') return parseDate(value) !== null;
  if (field === 'outcome') return knownOutcomeKeys.has(value.toLowerCase());
  return value.includes(dp.categorySeparator);
}

function matchLabelOnly(line: Line): boolean {
  const lower = line.text.toLowerCase();
  return LABELS.some(
    ({ label }) => lower.startsWith(label) && /^\s*:?\s*$/.test(line.text.slice(label.length)),
  );
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthNumber(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n.length < 3) return 0;
  const i = MONTHS.findIndex((m) => m.startsWith(n));
  return i + 1;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "08 Dec 2025", "8 December 2025", "08-Dec-2025", "2025-12-08", "08/12/2025" → "2025-12-08"; else null. */
export function parseDate(value: string): string | null {
  const v = collapse(value);
  let m = dp.datePattern.exec(v) ?? dp.extraDatePatterns[0].exec(v);
  if (m) return isoDate(Number(m[3]), monthNumber(m[2]!), Number(m[1]));
  m = dp.extraDatePatterns[1].exec(v);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

// ---------------------------------------------------------------- main

/**
 * The extraction core. Throws ParseError (and nothing else) when the header fields are missing or
 * invalid; everything else that cannot be read becomes a parse warning.
 */
export function parseDecisionLines(
  lines: ReadonlyArray<string | InputLine>,
  options: ParseLinesOptions = {},
): Decision {
  try {
    return parseLinesInner(lines, options);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError(`parser failure: ${e instanceof Error ? e.message : String(e)}`, options.url);
  }
}

function prepare(lines: ReadonlyArray<string | InputLine>, collapsed: boolean): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    const raw = typeof l === 'string' ? l : l.text;
    if (typeof raw !== 'string') continue;
    const text = collapsed ? raw : collapse(raw);
    if (text === '') continue;
    // Straightened once here: the header, section and report rules each read every line.
    const straight = straighten(text);
    out.push({
      text,
      straight,
      key: stripColon(straight).toLowerCase(),
      opening: dp.openingHeading.test(straight),
      headingLevel: typeof l === 'string' ? 0 : (l.headingLevel ?? 0),
    });
  }
  return out;
}

interface Title {
  index: number;
  ref: ParsedRef;
  organisation: string | null;
  bare: boolean;
}

function findTitle(lines: Line[]): Title | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBodyStart(line)) return null; // the body started before any title
    const t = dp.titlePattern.exec(line.text);
    if (t) {
      const ref = tryParseRef(t[2]!);
      const organisation = collapse(t[1]!);
      if (ref && organisation !== '') return { index: i, ref, organisation, bare: false };
    }
    const b = dp.bareRefPattern.exec(line.text);
    if (b) {
      const ref = tryParseRef(b[1]!);
      if (ref) return { index: i, ref, organisation: null, bare: true };
    }
  }
  return null;
}

interface Header {
  values: Partial<Record<Field, string>>;
  /** Index of the first body line. */
  end: number;
}

function readHeader(lines: Line[], start: number): Header {
  const values: Partial<Record<Field, string>> = {};
  let end = start;
  let unrecognised = 0;
  const limit = Math.min(lines.length, start + dp.headerScanLines);
  let i = start;
  while (i < limit) {
    if (values.category !== undefined && values.outcome !== undefined && values.decisionDate !== undefined)
      break;
    const line = lines[i]!;
    const hit = matchLabel(line, lines[i + 1]);
    if (hit && values[hit.field] === undefined) {
      values[hit.field] = collapse(hit.value);
      i += hit.used;
      end = i;
      unrecognised = 0;
      continue;
    }
    if (isHeading(line) || dp.summaryLabel.test(line.text)) break;
    if (isFurniture(line)) {
      i++;
      continue;
    }
    unrecognised++;
    if (unrecognised > dp.headerMaxUnrecognised) break;
    i++;
  }
  return { values, end };
}

function organisationElsewhere(
  lines: Line[],
  ref: ParsedRef,
  documentTitle: string | undefined,
): string | null {
  for (const line of lines) {
    const t = dp.titlePattern.exec(line.text);
    if (t && tryParseRef(t[2]!)?.key === ref.key && collapse(t[1]!) !== '') return collapse(t[1]!);
  }
  if (documentTitle) {
    const t = dp.documentTitlePattern.exec(collapse(documentTitle));
    if (t && tryParseRef(t[2]!)?.key === ref.key && collapse(t[1]!) !== '') return collapse(t[1]!);
  }
  for (const line of lines) {
    const m = dp.satisfiedOrganisationPattern.exec(line.straight);
    if (m) {
      const org = collapse(m[1]!);
      if (org !== '' && !dp.genericOrganisations.test(org)) return org;
    }
  }
  return null;
}

function splitCategory(value: string): { category: string; subcategory: string | null } {
  const sep = value.indexOf(dp.categorySeparator);
  if (sep < 0) return { category: value, subcategory: null };
  const category = collapse(value.slice(0, sep));
  const subcategory = collapse(value.slice(sep + dp.categorySeparator.length));
  return { category, subcategory: subcategory === '' ? null : subcategory };
}

function buildSections(body: Line[]): { sections: Section[]; ended: boolean } {
  const sections: Section[] = [];
  let heading: string | null = null;
  let text: string[] = [];
  let ended = false;
  let openingSection = false;
  const close = () => {
    if (heading !== null) sections.push({ heading, text: text.join('\n') });
    else if (text.length > 0) sections.push({ heading: '', text: text.join('\n') });
  };
  for (const line of body) {
    if (isEndMarker(line)) {
      ended = true;
      break;
    }
    if (isFurniture(line)) continue;
    // A bare "Summary:" line inside the opening section is the summary's label, not a heading.
    if (isHeading(line) && !(line.key === 'summary' && openingSection)) {
      close();
      openingSection = line.opening;
      heading = headingText(line.text);
      text = [];
      continue;
    }
    text.push(line.text);
  }
  close();
  return { sections, ended };
}

function summaryText(parts: string[]): string {
  return parts.filter((p) => p !== '' && !dp.satisfiedPattern.test(straighten(p))).join('\n');
}

function findSummary(sections: Section[]): string | null {
  for (const s of sections) {
    if (keyOf(s.heading) === 'summary') {
      const t = summaryText(s.text.replace(dp.summaryLabel, '').trim().split('\n'));
      if (t !== '') return t;
    }
  }
  for (const s of sections) {
    const parts = s.text.split('\n');
    const i = parts.findIndex((p) => dp.summaryLabel.test(p));
    if (i < 0) continue;
    const first = parts[i]!.replace(dp.summaryLabel, '').trim();
    const t = summaryText([first, ...parts.slice(i + 1)]);
    if (t !== '') return t;
  }
  return null;
}

function isReport(lines: Line[], title: Title): boolean {
  if (title.bare) return true;
  for (const line of lines) {
    if (dp.satisfiedPattern.test(line.straight)) return true;
    if (line.text.length < 200 && dp.reportLinePatterns.some((re) => re.test(line.text))) return true;
  }
  return false;
}

function parseLinesInner(input: ReadonlyArray<string | InputLine>, options: ParseLinesOptions): Decision {
  const warnings: string[] = [...(options.warnings ?? [])];
  const lines = prepare(Array.isArray(input) ? input : [], options.collapsed === true);
  const title = findTitle(lines);
  const header = readHeader(lines, title ? title.index + 1 : 0);
  const v = header.values;
  if (title && title.index > 0 && !(v.category && v.outcome && v.decisionDate)) {
    // Some layouts may print the labelled fields above the title: fill the gaps from there.
    const before = readHeader(lines.slice(0, title.index), Math.max(0, title.index - dp.headerScanLines));
    for (const f of ['category', 'outcome', 'decisionDate'] as const)
      if (!v[f] && before.values[f]) v[f] = before.values[f];
  }

  // A decision is a page with a reference, an organisation and decision text. The header lines
  // (Category, Decision, Decision date) are missing from some real copies: such a page is kept with
  // what it has, the category from the URL path, and warnings saying what was missing.
  if (!title)
    throw new ParseError(
      'not a decision page: no reference (no title line "Organisation (NN NNN NNN)")',
      options.url,
    );
  let organisation = title.organisation;
  if (organisation === null) {
    organisation = organisationElsewhere(lines, title.ref, options.documentTitle);
    if (organisation === null)
      throw new ParseError(
        'not a decision page: the title shows a reference but no organisation',
        options.url,
      );
  }
  if (title.bare)
    warnings.push('title shows only the reference; organisation taken from elsewhere on the page');

  const missingLines: string[] = [];
  if (!v.category) missingLines.push('Category');
  if (!v.outcome) missingLines.push('Decision');
  if (!v.decisionDate) missingLines.push('Decision date');
  let decisionDate: string | null = null;
  if (v.decisionDate) {
    decisionDate = parseDate(v.decisionDate);
    if (!decisionDate)
      warnings.push(`decision date ${JSON.stringify(v.decisionDate)} could not be read: left empty`);
  }
  let category: string;
  let subcategory: string | null;
  const fromLine = v.category ? splitCategory(v.category) : null;
  if (fromLine && fromLine.category !== '') {
    ({ category, subcategory } = fromLine);
  } else {
    const fromUrl = categoryFromUrl(options.url);
    if (!fromUrl)
      throw new ParseError(
        `not a decision page: no Category line${fromLine ? ' with a value' : ''} and no decision URL to take the category from`,
        options.url,
      );
    ({ category, subcategory } = fromUrl);
    warnings.push(`category and subcategory taken from the URL path (${category} > ${subcategory ?? '—'})`);
  }
  const outcome = v.outcome ?? null;
  if (outcome !== null && !knownOutcomeKeys.has(outcome.toLowerCase()))
    warnings.push(`outcome "${outcome}" is not a known value`);
  if (missingLines.length > 0)
    warnings.push(
      `header incomplete: no ${missingLines.join(', ')} line${missingLines.length > 1 ? 's' : ''}`,
    );
  const headerComplete = missingLines.length === 0 && decisionDate !== null;

  const { sections, ended } = buildSections(lines.slice(header.end));
  if (!ended) warnings.push('no end marker found: the page may be truncated or an excerpt');
  const summary = findSummary(sections);
  if (summary === null) warnings.push('no summary found');
  if (
    !headerComplete &&
    summary === null &&
    !sections.some((s) => knownHeadingKeys.has(keyOf(s.heading)) && s.text !== '')
  )
    throw new ParseError(
      `not a decision page: a reference but no decision text (no summary, no known section) and no ${missingLines.join(', ')} line`,
      options.url,
    );

  const kind: DecisionKind = isReport(lines, title) ? 'report' : 'statement';
  const url = resolveUrl(options.url, title.ref, category, subcategory, warnings);

  // Facts come from the same summary and sections the record carries, so evidence offsets point
  // into text the reader can see.
  const facts = extractFacts({ summary: summary ?? '', sections, outcome });
  const { parseWarnings: factWarnings, ...factFields } = facts;
  warnings.push(...factWarnings);

  const fields: Record<string, unknown> = {
    ref: title.ref.ref,
    refKey: title.ref.key,
    url,
    organisation,
    category,
    subcategory,
    outcome,
    decisionDate,
    headerComplete,
    kind,
    summary: summary ?? '',
    sections,
    ...factFields,
    parserVersion: PARSER_VERSION,
    parseWarnings: warnings,
  };
  const record: Record<string, unknown> = {};
  for (const k of RECORD_KEYS) if (fields[k] !== undefined) record[k] = fields[k];
  return record as Decision;
}

/** Category and subcategory read back from a decision URL's slugs ("children-s-care-services" → "Children's care services"). */
function categoryFromUrl(url: string | undefined): { category: string; subcategory: string | null } | null {
  if (url === undefined || url.trim() === '') return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = dp.pathPattern.exec(path);
  if (!m) return null;
  return { category: unslug(m[1]!), subcategory: unslug(m[2]!) };
}

function builtUrl(ref: ParsedRef, category: string, subcategory: string | null): string {
  const cat = slugify(category) || 'unknown';
  const parts = subcategory === null ? [cat] : [cat, slugify(subcategory) || 'unknown'];
  return `${sourceProfile.canonicalOrigin}/decisions/${parts.join('/')}/${ref.key}`;
}

function resolveUrl(
  given: string | undefined,
  ref: ParsedRef,
  category: string,
  subcategory: string | null,
  warnings: string[],
): string {
  if (given !== undefined && given.trim() !== '') {
    try {
      const url = canonicalDecisionUrl(given);
      const m = dp.pathPattern.exec(new URL(url).pathname);
      const urlRef = m ? tryParseRef(m[3]!) : undefined;
      if (urlRef && urlRef.key !== ref.key) {
        warnings.push(
          `reference in the URL (${urlRef.ref}) differs from the page (${ref.ref}); the page's is used`,
        );
      }
      return url;
    } catch {
      warnings.push(`given URL ${JSON.stringify(given.slice(0, 200))} is not a URL`);
    }
  }
  const url = builtUrl(ref, category, subcategory);
  warnings.push(`no URL given: built ${url} from the category, subcategory and reference`);
  return url;
}
