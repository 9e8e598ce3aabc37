/**
 * Robustness: 10,000 mutated pages (replica HTML pages and the hand-written text copies) through
 * the parser. Mutations: truncation, deleted / duplicated / reordered lines, random bytes and
 * unicode, tags removed, entities, huge and malformed numbers. The only exception allowed is
 * ParseError; every record returned validates and its evidence points at its own text.
 * FUZZ_RUNS overrides the count (e.g. FUZZ_RUNS=100000 for a longer soak).
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../core/errors.js';
import { Decision } from '../core/record.js';
import { generateCorpus, renderDecisionPage } from '../replica/index.js';
import { parseDecisionHtml, parseDecisionText } from './decision.js';
import { loadCases } from './facts/fixture-cases.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

const corpus = generateCorpus({ seed: 404, count: 400 });
const HTML_PAGES = Array.from({ length: 60 }, (_, k) => renderDecisionPage(corpus.full(k * 6)));
const TEXT_PAGES = loadCases(fileURLToPath(new URL('../test/fixtures/extraction/', import.meta.url))).map(
  (c) => c.text,
);

type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'deleteLines'; at: number; n: number }
  | { op: 'duplicateLine'; at: number; times: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'stripTags'; from: number; to: number }
  | { op: 'entity'; at: number; entity: string }
  | { op: 'hugeNumbers'; with: string };

const ENTITIES = [
  '&amp;',
  '&#x1F600;',
  '&#99999999;',
  '&#0;',
  '&bogus;',
  '&',
  '&#xD800;',
  '&nbsp;',
  '&lt;h3&gt;',
  '<',
];
const NUMBERS = [
  '£999999999999999999999999',
  '£1,2',
  '£1,20,000',
  '£0.00',
  '£-5',
  '£1e308',
  '£12345678901234567890.99',
  'one million million pounds',
  '99999999999999999 months',
];
const NOISE = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '\u202e',
    '\u0301\u0301\u0301',
    '\ud800',
    '\uffff',
    '\u0000',
    '\r\n\r\n',
    '</html>',
    '<ol><li>',
    'Summary:',
    'Category : x > y',
  ),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('deleteLines' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    op: fc.constant('duplicateLine' as const),
    at: fc.nat(),
    times: fc.integer({ min: 1, max: 50 }),
  }),
  fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: NOISE }),
  fc.record({ op: fc.constant('stripTags' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('entity' as const), at: fc.nat(), entity: fc.constantFrom(...ENTITIES) }),
  fc.record({ op: fc.constant('hugeNumbers' as const), with: fc.constantFrom(...NUMBERS) }),
);

function mutate(page: string, ms: readonly Mutation[]): string {
  let s = page;
  for (const m of ms) {
    const lines = s.split('\n');
    const li = (k: number) => (lines.length === 0 ? 0 : k % lines.length);
    switch (m.op) {
      case 'truncate':
        s = s.slice(0, Math.floor(s.length * m.at));
        break;
      case 'deleteLines':
        lines.splice(li(m.at), m.n);
        s = lines.join('\n');
        break;
      case 'duplicateLine': {
        const i = li(m.at);
        lines.splice(i, 0, ...Array(m.times).fill(lines[i] ?? ''));
        s = lines.join('\n');
        break;
      }
      case 'swapLines': {
        const a = li(m.a);
        const b = li(m.b);
        [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
        s = lines.join('\n');
        break;
      }
      case 'insert': {
        const at = s.length === 0 ? 0 : m.at % s.length;
        s = s.slice(0, at) + m.text + s.slice(at);
        break;
      }
      case 'stripTags': {
        const a = s.length === 0 ? 0 : m.from % s.length;
        const b = s.length === 0 ? 0 : m.to % s.length;
        const [x, y] = a <= b ? [a, b] : [b, a];
        s = s.slice(0, x) + s.slice(x, y).replace(/<[^>]*>/g, '') + s.slice(y);
        break;
      }
      case 'entity': {
        const at = s.length === 0 ? 0 : m.at % s.length;
        s = s.slice(0, at) + m.entity + s.slice(at);
        break;
      }
      case 'hugeNumbers':
        s = s.replace(/£[\d,.]+|\b\d+ (?:weeks|months)\b/g, m.with);
        break;
    }
  }
  return s;
}

/** Parses; a ParseError is a refusal (true), anything else thrown fails the property. */
function check(parse: () => Decision): boolean {
  let d: Decision;
  try {
    d = parse();
  } catch (e) {
    if (e instanceof ParseError) return true;
    throw e;
  }
  expect(Decision.safeParse(d).success).toBe(true);
  // Evidence names its section by heading (a mutated page may repeat one): some section fits.
  const textsOf = (section: string) =>
    section === 'Summary'
      ? [d.summary, ...d.sections.filter((s) => s.heading === section).map((s) => s.text)]
      : d.sections.filter((s) => s.heading === section).map((s) => s.text);
  for (const p of d.payments) {
    const at = textsOf(p.evidence.section).some(
      (t) => t.slice(p.evidence.start, p.evidence.end) === p.evidence.text,
    );
    expect(at, JSON.stringify(p.evidence)).toBe(true);
  }
  return false;
}

describe('parser robustness (fuzz)', () => {
  it(`throws nothing but ParseError on ${RUNS.toLocaleString('en-GB')} mutated pages`, () => {
    const t0 = performance.now();
    let refused = 0;
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        (html, k, ms) => {
          const src = html ? HTML_PAGES[k % HTML_PAGES.length]! : TEXT_PAGES[k % TEXT_PAGES.length]!;
          const page = mutate(src, ms);
          const url = 'https://www.lgo.org.uk/decisions/x/y/24-000-001';
          if (check(() => (html ? parseDecisionHtml(page, { url }) : parseDecisionText(page)))) refused++;
        },
      ),
      { numRuns: RUNS, seed: 20_261_123 },
    );
    const s = (performance.now() - t0) / 1000;
    process.stdout.write(
      `fuzz: ${RUNS} mutated pages in ${s.toFixed(1)} s, ${refused} refused with ParseError\n`,
    );
  }, 180_000);
});

/** The header shapes seen in real copies, applied to a rendered replica page. */
const HEADER_VARIANTS: Array<[string, (html: string) => string]> = [
  ['no header lines', (h) => h.replace(/<div class="decision-meta">[\s\S]*?<\/div>/, '')],
  [
    'section headings listed in their place',
    (h) =>
      h.replace(
        /<div class="decision-meta">[\s\S]*?<\/div>/,
        '<ul class="page-contents"><li>Summary</li><li>The complaint</li><li>What I found</li><li>Final decision</li></ul>',
      ),
  ],
  [
    'cookie banner first, inside the article',
    (h) =>
      h
        .replace(/<div class="decision-meta">[\s\S]*?<\/div>/, '')
        .replace(
          '<article id="article">',
          '<article id="article"><p>Privacy settings</p><p>Review your privacy settings</p><p>Analytical cookies help us improve the website.</p>',
        ),
  ],
  ['only the date line missing', (h) => h.replace(/<p><span class="label">Decision date :[\s\S]*?<\/p>/, '')],
];

describe('pages without their header lines (fuzz case)', () => {
  it('refuses none: every statement keeps its reference, organisation, category from the URL and its facts', () => {
    const pages = generateCorpus({ seed: 405, count: 300 });
    let checked = 0;
    for (let i = 0; i < pages.count; i++) {
      const d = pages.full(i);
      if (d.kind !== 'statement' || !d.headerLines) continue;
      const html = renderDecisionPage(d);
      const [name, cut] = HEADER_VARIANTS[i % HEADER_VARIANTS.length]!;
      const page = cut(html);
      expect(page, name).not.toBe(html);
      const r = parseDecisionHtml(page, { url: d.url });
      // The facts read from the text are those of the whole page.
      const whole = parseDecisionHtml(html, { url: d.url });
      expect(r, `${d.refKey} ${name}`).toMatchObject({
        refKey: d.refKey,
        organisation: d.organisation,
        category: d.category,
        subcategory: d.subcategory,
        headerComplete: false,
        finding: whole.finding,
        remedyTotal: whole.remedyTotal,
        summary: whole.summary,
      });
      if (name === 'only the date line missing') expect(r.outcome).toBe(d.outcome);
      else expect(r.outcome).toBeNull();
      expect(r.decisionDate).toBeNull();
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });
});
