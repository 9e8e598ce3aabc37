import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../core/errors.js';
import { Decision } from '../core/record.js';
import { fixture } from '../test/helpers/fixtures.js';
import { ListingPage, parseDecisionHtml, parseDecisionText, parseListingHtml } from './index.js';

const PAGE = fixture('pages/modern-statement.html');
const TEXT = fixture('parser/modern-statement-split.txt');
const LISTING = fixture('pages/listing.html');
const URL_223 = 'https://www.lgo.org.uk/decisions/education/special-educational-needs/24-019-223';

const junk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '<',
    '>',
    '</p>',
    '<ol>',
    '<li>',
    '</article>',
    '<article id="article">',
    '&amp;',
    '&#x0;',
    ':',
    '(',
    ')',
    '\n',
    ' > ',
    'Category :',
    'Decision :',
    '24 019 223',
    '<h3>',
    '<!--',
    '<script>',
    '\u0000',
    '’',
  ),
);

/** A random edit of a string: cut, delete a range, insert junk, or duplicate a range. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    op: fc.constant('delete' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    len: fc.nat(400),
  }),
  fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), s: junk }),
  fc.record({
    op: fc.constant('dup' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    len: fc.nat(400),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(input: string, muts: Mutation[]): string {
  let s = input;
  for (const m of muts) {
    const i = Math.floor(m.at * s.length);
    if (m.op === 'cut') s = s.slice(0, i);
    else if (m.op === 'delete') s = s.slice(0, i) + s.slice(i + m.len);
    else if (m.op === 'insert') s = s.slice(0, i) + m.s + s.slice(i);
    else s = s.slice(0, i + m.len) + s.slice(i, i + m.len) + s.slice(i + m.len);
  }
  return s;
}

function onlyParseErrorOrValid(f: () => Decision): void {
  try {
    const d = f();
    expect(Decision.safeParse(d).success).toBe(true);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
  }
}

describe('robustness (fast-check)', () => {
  it('random mutations of the reference page never throw anything but ParseError', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (muts) => {
        onlyParseErrorOrValid(() => parseDecisionHtml(apply(PAGE, muts), { url: URL_223 }));
      }),
      { numRuns: 400 },
    );
  });

  it('random mutations of a text copy never throw anything but ParseError', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (muts) => {
        onlyParseErrorOrValid(() => parseDecisionText(apply(TEXT, muts)));
      }),
      { numRuns: 400 },
    );
  });

  it('arbitrary strings never throw anything but ParseError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 50 }), (s, url) => {
        onlyParseErrorOrValid(() => parseDecisionHtml(s, { url }));
        onlyParseErrorOrValid(() => parseDecisionText(s, { url }));
      }),
      { numRuns: 300 },
    );
  });

  it('random mutations of a listing never throw and always give a valid ListingPage', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (muts) => {
        const page = parseListingHtml(apply(LISTING, muts), 'https://www.lgo.org.uk/Decisions/SearchResults');
        expect(ListingPage.safeParse(page).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
