import { describe, expect, it } from 'vitest';
import { ErrorCode, LgscoError } from '../core/errors.js';
import { syntheticDecisions } from '../test/helpers/synthetic.js';
import { isoDateToTs, toSearchDocument } from './document.js';
import { buildFilter, quoteFilterValue } from './filter.js';

describe('quoteFilterValue', () => {
  it.each([
    ['plain', '"plain"'],
    ['', '""'],
    ['say "hi"', String.raw`"say \"hi\""`],
    [String.raw`back\slash`, String.raw`"back\\slash"`],
    [String.raw`ends with \"`, String.raw`"ends with \\\""`],
    [
      String.raw`\" OR organisation EXISTS OR organisation = \"`,
      String.raw`"\\\" OR organisation EXISTS OR organisation = \\\""`,
    ],
    [
      'x" OR organisation EXISTS OR organisation = "y',
      String.raw`"x\" OR organisation EXISTS OR organisation = \"y"`,
    ],
    ['1 TO 9', '"1 TO 9"'],
    ['[a, b]', '"[a, b]"'],
    ['(a) AND (b)', '"(a) AND (b)"'],
    ['line1\nline2\r\n', '"line1\nline2\r\n"'],
    ['EXISTS', '"EXISTS"'],
    ['NOT', '"NOT"'],
  ])('%j → %s', (value, expected) => {
    expect(quoteFilterValue(value)).toBe(expected);
  });

  it('leaves no unescaped quote inside the value', () => {
    for (const v of ['"', '\\"', '\\\\"', 'a"b"c', '\\', '"\\"\\"']) {
      const inner = quoteFilterValue(v).slice(1, -1);
      // Every quote inside is preceded by an odd number of backslashes.
      for (const m of inner.matchAll(/(\\*)"/g)) expect(m[1]!.length % 2).toBe(1);
      // And the inner text does not end in an unpaired backslash (which would eat the closing quote).
      expect(/(^|[^\\])(\\\\)*\\$/.test(inner)).toBe(false);
    }
  });

  it('rejects non-strings', () => {
    expect(() => quoteFilterValue(42 as unknown as string)).toThrow(LgscoError);
  });
});

describe('buildFilter', () => {
  it('returns undefined when nothing is filtered', () => {
    expect(buildFilter({})).toBeUndefined();
    expect(buildFilter({ q: 'anything', page: 2, limit: 5, organisation: [] })).toBeUndefined();
  });

  it('one condition per attribute, = for one value, IN for several, deduplicated', () => {
    expect(
      buildFilter({
        organisation: 'Derby City Council',
        category: ['Housing', 'Education', 'Housing'],
        subcategory: 'Homelessness',
        outcome: ['Upheld'],
        kind: 'report',
      }),
    ).toEqual([
      'organisation = "Derby City Council"',
      'category IN ["Housing", "Education"]',
      'subcategory = "Homelessness"',
      'outcome = "Upheld"',
      'kind = "report"',
    ]);
  });

  it('escapes injection attempts in every string filter and in lists', () => {
    const evil = 'x" OR organisation EXISTS OR organisation = "y';
    expect(buildFilter({ organisation: evil, outcome: [evil, 'Upheld'] })).toEqual([
      String.raw`organisation = "x\" OR organisation EXISTS OR organisation = \"y"`,
      String.raw`outcome IN ["x\" OR organisation EXISTS OR organisation = \"y", "Upheld"]`,
    ]);
    expect(buildFilter({ category: 'a\\" OR category EXISTS OR category = \\"' })).toEqual([
      String.raw`category = "a\\\" OR category EXISTS OR category = \\\""`,
    ]);
    expect(buildFilter({ subcategory: ']) OR (subcategory EXISTS' })).toEqual([
      'subcategory = "]) OR (subcategory EXISTS"',
    ]);
  });

  it('turns dates into numeric decisionTs bounds (inclusive), never the raw string', () => {
    expect(buildFilter({ from: '2020-01-01', to: '2020-12-31' })).toEqual([
      'decisionTs >= 1577836800',
      'decisionTs <= 1609372800',
    ]);
    expect(buildFilter({ to: '1970-01-01' })).toEqual(['decisionTs <= 0']);
  });

  it('rejects anything that is not a real calendar date', () => {
    for (const bad of [
      '2020-02-30',
      '2020-13-01',
      '2020-1-1',
      '2020-01-01 OR decisionTs EXISTS',
      '2020-01-01" OR "',
      '1577836800',
      '',
    ]) {
      let err: unknown;
      try {
        buildFilter({ from: bad });
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(LgscoError);
      expect((err as LgscoError).code).toBe(ErrorCode.BAD_REQUEST);
    }
  });
});

describe('toSearchDocument', () => {
  it('maps a decision to the search document', () => {
    const d = syntheticDecisions(1)[0]!;
    const doc = toSearchDocument(d);
    expect(doc).toMatchObject({
      id: d.refKey,
      ref: d.ref,
      refKey: d.refKey,
      organisation: d.organisation,
      subcategory: d.subcategory,
      decisionDate: d.decisionDate,
      decisionTs: isoDateToTs(d.decisionDate!),
      decisionYear: Number(d.decisionDate!.slice(0, 4)),
      parserVersion: d.parserVersion,
    });
    expect(new Date(doc.decisionTs! * 1000).toISOString()).toBe(`${d.decisionDate!}T00:00:00.000Z`);
    expect(doc.sectionsText).toBe(d.sections.map((s) => `${s.heading}\n${s.text}`).join('\n\n'));
    expect(doc).not.toHaveProperty('parseWarnings');
  });
});

describe('buildFilter on the fact filters', () => {
  it('numbers, booleans, years and findings become typed conditions', () => {
    expect(
      buildFilter({
        finding: ['fault_injustice', 'no_fault'],
        year: [2023, 2024],
        minRemedy: 1000,
        maxRemedy: 2500.5,
        hasPayment: true,
        minDelay: 140,
        maxDelay: 400,
        removed: false,
        refKey: ['24-019-223'],
      }),
    ).toEqual([
      'finding IN ["fault_injustice", "no_fault"]',
      'decisionYear IN [2023, 2024]',
      'refKey = "24-019-223"',
      'remedyTotal >= 1000',
      'remedyTotal <= 2500.5',
      'hasPayment = true',
      'maxDelayDays >= 140',
      'maxDelayDays <= 400',
      'removedFromSource = false',
    ]);
  });

  it('refuses anything but a real value in every typed slot (no text reaches the filter)', () => {
    const attempts: Array<Record<string, unknown>> = [
      { minRemedy: Number.NaN },
      { minRemedy: Number.POSITIVE_INFINITY },
      { minRemedy: -1 },
      { minRemedy: 1e21 },
      { minRemedy: '0 OR remedyTotal EXISTS' },
      { maxRemedy: '1000" OR "' },
      { minDelay: '[1, 2]' },
      { maxDelay: '1 TO 5' },
      { hasPayment: 'true OR hasPayment EXISTS' },
      { removed: '\\"' },
      { year: ['2024 OR decisionYear EXISTS'] },
      { year: [2024.5] },
      { finding: 'no_fault" OR finding EXISTS OR finding = "x' },
      { finding: ['unknown', 'NOT unknown'] },
    ];
    for (const a of attempts) {
      let err: unknown;
      try {
        buildFilter(a as never);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(a)).toBeInstanceOf(LgscoError);
      expect((err as LgscoError).code).toBe(ErrorCode.BAD_REQUEST);
    }
  });

  it('quotes refKeys like any string', () => {
    expect(buildFilter({ refKey: ['x" OR refKey EXISTS'] })).toEqual([
      String.raw`refKey = "x\" OR refKey EXISTS"`,
    ]);
  });
});
