import { describe, expect, it } from 'vitest';
import { ParseError } from '../core/errors.js';
import { Decision } from '../core/record.js';
import { fixture, straight } from '../test/helpers/fixtures.js';
import { PARSER_VERSION, parseDecisionHtml, parseDecisionLines, parseDecisionText } from './index.js';

const URL_223 = 'https://www.lgo.org.uk/decisions/education/special-educational-needs/24-019-223';

const EXPECTED_HEADINGS = [
  "The Ombudsman's final decision",
  'The complaint',
  "The Ombudsman's role and powers",
  'How I considered this complaint',
  'What I found',
  'Law, guidance and policies',
  'What happened',
  'My assessment',
  'Agreed action',
  'Final decision',
];

function expectParseError(f: () => unknown, pattern: RegExp): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ParseError);
  expect((caught as ParseError).code).toBe('LGSCO_ERR_PARSE');
  expect((caught as Error).message).toMatch(pattern);
}

describe('parseDecisionHtml: reference page', () => {
  const d = parseDecisionHtml(fixture('pages/modern-statement.html'), {
    url: 'https://lgo.org.uk/decisions/education/special-educational-needs/24-019-223?displaypref=1',
  });

  it('reads the header', () => {
    expect(d).toMatchObject({
      ref: '24 019 223',
      refKey: '24-019-223',
      url: URL_223,
      organisation: 'Northmere County Council',
      category: 'Education',
      subcategory: 'Special educational needs',
      outcome: 'Upheld',
      decisionDate: '2025-12-08',
      kind: 'statement',
      parserVersion: PARSER_VERSION,
      parseWarnings: [],
    });
    expect(Decision.safeParse(d).success).toBe(true);
  });

  it('reads the summary without its label', () => {
    expect(d.summary).toBe(
      "Mrs B says the Council took far too long to finalise her son's Education, Health and Care Plan and did not arrange the support it promised. We found the Council at fault. It has agreed to apologise, pay Mrs B £1,200 and remind its casework team of the statutory timescales.",
    );
  });

  it('makes every recognised heading its own section, in page order (rule in core.ts)', () => {
    expect(d.sections.map((s) => s.heading)).toEqual(EXPECTED_HEADINGS);
    const by = Object.fromEntries(d.sections.map((s) => [s.heading, s.text]));
    expect(by["The Ombudsman's final decision"]).toBe(`Summary: ${d.summary}`);
    expect(by['What I found']).toBe('');
    expect(by['The complaint']).toBe(
      "1. Mrs B complains the Council did not issue her son C's Education, Health and Care (EHC) Plan within the statutory timescale.\n2. She says C went without speech and language therapy for most of a school year and that the family were caused distress.",
    );
    expect(by['Agreed action']).toBe(
      '1. Within one month of my final decision the Council will:\n- apologise to Mrs B for the distress its delay caused;\n- pay Mrs B £1,200 to recognise the provision C lost and her distress.\n2. Within three months the Council will remind its casework officers of the 20-week limit.',
    );
    expect(by['Final decision']).toBe(
      '1. I have completed my investigation. There was fault by the Council which caused injustice to Mrs B and C.',
    );
    const all = d.sections.map((s) => s.text).join('\n');
    expect(all).not.toMatch(/Back to top|Print this page|Investigator's decision/);
  });

  it('warns and trusts the page when the URL names another reference', () => {
    const other = parseDecisionHtml(fixture('pages/modern-statement.html'), {
      url: 'https://www.lgo.org.uk/decisions/education/special-educational-needs/24-019-999',
    });
    expect(other.refKey).toBe('24-019-223');
    expect(other.url).toBe('https://www.lgo.org.uk/decisions/education/special-educational-needs/24-019-999');
    expect(other.parseWarnings.join(' ')).toMatch(/differs from the page/);
  });
});

describe('parseDecisionText: browser copies', () => {
  const fromHtml = parseDecisionHtml(fixture('pages/modern-statement.html'), { url: URL_223 });

  it('a copy with a URL line gives the same record as the HTML', () => {
    const d = parseDecisionText(fixture('parser/modern-statement.txt'));
    expect(d).toEqual(fromHtml);
  });

  it('a copy with labels and values on separate lines, markers on their own lines, bullets, curly quotes', () => {
    const d = parseDecisionText(fixture('parser/modern-statement-split.txt'));
    expect(d.url).toBe(URL_223);
    expect(d.parseWarnings).toEqual([
      expect.stringMatching(/^no URL given: built https:\/\/www\.lgo\.org\.uk\//),
    ]);
    const norm = (x: typeof d) => ({
      ...x,
      parseWarnings: [],
      sections: x.sections.map((s) => ({ heading: straight(s.heading), text: s.text })),
    });
    expect(norm(d)).toEqual(norm(fromHtml));
  });

  it('the url option wins over building one', () => {
    const text = fixture('parser/modern-statement-split.txt');
    const d = parseDecisionText(text, { url: `${URL_223}?displaypref=3` });
    expect(d.url).toBe(URL_223);
    expect(d.parseWarnings).toEqual([]);
  });

  it('tolerates label variants: "Category:", any case, tabs, "Outcome", long dates', () => {
    const d = parseDecisionText(
      [
        'Eastford & District Council (24 005 444)',
        'CATEGORY:\tHousing > Homelessness',
        'outcome : Not upheld',
        'Date of decision: 8 December 2025',
        'Summary: Mr D says the Council left him without help. We found no fault.',
      ].join('\n'),
    );
    expect(d).toMatchObject({
      organisation: 'Eastford & District Council',
      category: 'Housing',
      subcategory: 'Homelessness',
      outcome: 'Not upheld',
      decisionDate: '2025-12-08',
      summary: 'Mr D says the Council left him without help. We found no fault.',
      url: 'https://www.lgo.org.uk/decisions/housing/homelessness/24-005-444',
    });
  });

  it('no ">" gives a null subcategory; an unknown outcome is kept with a warning', () => {
    const d = parseDecisionText(
      'Westby Council (22 001 002)\nCategory : Planning\nDecision : Partly upheld\nDecision date : 29 Feb 2024\nSummary: A short one.',
    );
    expect(d.category).toBe('Planning');
    expect(d.subcategory).toBeNull();
    expect(d.outcome).toBe('Partly upheld');
    expect(d.decisionDate).toBe('2024-02-29');
    expect(d.parseWarnings.join(' ')).toMatch(/outcome "Partly upheld" is not a known value/);
  });

  it('a joint case with a letter suffix, "Ombudsmen" wording and no "Category :" spaces', () => {
    const d = parseDecisionText(fixture('parser/joint-case.txt'));
    expect(d).toMatchObject({
      ref: '17 002 402b',
      refKey: '17-002-402b',
      organisation: 'Ashvale Hospitals NHS Foundation Trust',
      category: 'Health',
      subcategory: 'Other',
      outcome: 'Closed after initial enquiries',
      url: 'https://www.lgo.org.uk/decisions/health/other/17-002-402b',
    });
    expect(d.sections.map((s) => s.heading)).toEqual([
      "The Ombudsman's final decision",
      'The complaint',
      'The Ombudsmen’s role and powers',
      'Final decision',
    ]);
    // "Investigator's decision on behalf of the Ombudsmen" was read as the end marker
    expect(d.parseWarnings.join(' ')).not.toMatch(/end marker/);
  });

  it('an excerpt that is only the header and summary', () => {
    const d = parseDecisionText(fixture('parser/excerpt-summary-only.txt'));
    expect(d).toMatchObject({
      organisation: "Barton, Kaye & O'Neill Care Services Ltd.",
      category: 'Adult care services',
      subcategory: 'Residential care',
      outcome: 'Not upheld',
      decisionDate: '2026-02-02',
      summary: expect.stringMatching(/^Mrs J complains the care home/),
      sections: [{ heading: '', text: expect.stringMatching(/^Summary: Mrs J/) }],
    });
    expect(d.parseWarnings.join(' ')).toMatch(/no end marker/);
  });

  it('a summary that continues over several lines until the next heading', () => {
    const d = parseDecisionText(
      'Northmere County Council (24 019 223)\nCategory : Education > Special educational needs\nDecision : Upheld\nDecision date : 08 Dec 2025\nThe Ombudsman’s final decision:\nSummary:\nFirst line of it.\nSecond line of it.\nThe complaint\n1. Text.\nInvestigator’s decision on behalf of the Ombudsman',
    );
    expect(d.summary).toBe('First line of it.\nSecond line of it.');
    expect(d.sections[0]).toEqual({
      heading: 'The Ombudsman’s final decision',
      text: 'Summary:\nFirst line of it.\nSecond line of it.',
    });
  });
});

describe('other layouts', () => {
  it('a 2016-era report: bare reference title, organisation from <title>, Summary block', () => {
    const d = parseDecisionHtml(fixture('parser/report-2016.html'), {
      url: 'http://www.lgo.org.uk/decisions/planning/planning-applications/15-009-470',
    });
    expect(d).toMatchObject({
      ref: '15 009 470',
      organisation: 'Harbridge Borough Council',
      category: 'Planning',
      subcategory: 'Planning applications',
      outcome: 'Upheld',
      decisionDate: '2016-06-21',
      kind: 'report',
      url: 'https://www.lgo.org.uk/decisions/planning/planning-applications/15-009-470',
    });
    expect(d.summary).toMatch(/^The Council approved an extension next to Mr and Mrs K’s home/);
    expect(d.sections.map((s) => s.heading)).toEqual(['', 'Summary', 'Finding', 'Recommendations']);
    expect(d.sections[3]!.text).toMatch(
      /^The Council should, within three months of this report:\n- pay Mr and Mrs K/,
    );
    expect(d.sections[3]!.text).toMatch(/Ombudsman satisfied with council’s response: 14 Oct 2016$/);
  });

  it('a bare reference page without any organisation is a ParseError', () => {
    const html = fixture('parser/report-2016.html').replace(
      /<title>[^<]*<\/title>/,
      '<title>Decision</title>',
    );
    expectParseError(() => parseDecisionHtml(html, { url: 'https://www.lgo.org.uk/x' }), /organisation/);
  });

  it('the organisation of a bare-reference page can come from the "satisfied" line', () => {
    const d = parseDecisionText(
      "15 009 470\nCategory : Planning > Enforcement\nDecision : Upheld\nDecision date : 21 Jun 2016\nSummary\nA planning summary.\nOmbudsman satisfied with Harbridge Borough Council's response: 14 Oct 2016",
    );
    expect(d.organisation).toBe('Harbridge Borough Council');
    expect(d.kind).toBe('report');
    expect(d.summary).toBe('A planning summary.');
  });

  it('h2 headings, <p>1. …</p> paragraphs, a <dl> header, and an organisation with an apostrophe and full stop', () => {
    const d = parseDecisionHtml(fixture('parser/h2-numbered-paragraphs.html'), {
      url: 'https://www.lgo.org.uk/decisions/education/school-admissions/23-104-876',
    });
    expect(d).toMatchObject({
      organisation: "St. Aldhelm's Church of England Primary School",
      category: 'Education',
      subcategory: 'School admissions',
      outcome: 'Not upheld',
      decisionDate: '2024-10-03',
      kind: 'statement',
      parseWarnings: [],
    });
    expect(d.sections.map((s) => s.heading)).toEqual([
      'The Ombudsman’s final decision',
      'The complaint',
      'What I have and have not investigated',
      'Background to the appeal hearing', // not a known heading: an h2 hint
      'Final decision',
    ]);
    expect(d.sections[1]!.text).toBe(
      '1. Ms R complains the independent appeal panel refused her appeal for a Reception place without properly considering a letter from her daughter’s consultant.\n2. She wants her daughter offered a place.',
    );
    // an h2 that reads as a sentence stays text
    expect(d.sections[3]!.text).toMatch(/\nWhy the panel’s decision stands/);
  });

  it('a truncated page that still has its header gives a record with warnings', () => {
    const d = parseDecisionHtml(fixture('parser/truncated.html'), { url: URL_223 });
    expect(d.refKey).toBe('24-019-223');
    expect(d.summary).toMatch(/^Mrs B says/);
    expect(d.sections.map((s) => s.heading)).toEqual(EXPECTED_HEADINGS.slice(0, 4));
    expect(d.parseWarnings).toEqual([
      expect.stringMatching(/does not end with <\/html>/),
      expect.stringMatching(/no end marker/),
    ]);
  });

  it('a page with no title and no header is a ParseError saying there is no reference', () => {
    expectParseError(
      () =>
        parseDecisionHtml(fixture('parser/no-header.html'), {
          url: 'https://www.lgo.org.uk/decisions/a/b/24-000-001',
        }),
      /not a decision page: no reference/,
    );
  });

  it('missing Decision and Decision date lines: kept, with a warning naming them (1.11.0; was a ParseError)', () => {
    const d = parseDecisionText('Northmere County Council (24 019 223)\nCategory : Education\nSummary: x');
    expect(d).toMatchObject({
      category: 'Education',
      outcome: null,
      decisionDate: null,
      headerComplete: false,
    });
    expect(d.parseWarnings).toContain('header incomplete: no Decision, Decision date lines');
  });

  it('an invalid date is kept as null with a warning; without decision text the page is refused', () => {
    for (const date of ['31 Feb 2025', 'soon']) {
      const d = parseDecisionText(
        `Northmere County Council (24 019 223)\nCategory : Education\nDecision : Upheld\nDecision date : ${date}\nSummary: We found fault.`,
      );
      expect(d.decisionDate).toBeNull();
      expect(d.headerComplete).toBe(false);
      expect(d.parseWarnings).toContain(
        `decision date ${JSON.stringify(date)} could not be read: left empty`,
      );
    }
    expectParseError(
      () =>
        parseDecisionText(
          'Northmere County Council (24 019 223)\nCategory : Education\nDecision : Upheld\nDecision date : soon',
        ),
      /no decision text/,
    );
  });

  it('empty input, garbage and non-strings are ParseErrors', () => {
    expectParseError(() => parseDecisionHtml('', { url: URL_223 }), /no reference/);
    expectParseError(() => parseDecisionText(''), /no reference/);
    expectParseError(() => parseDecisionHtml('\u0000<<>>&#xffffff;<p', { url: URL_223 }), /no reference/);
    expectParseError(() => parseDecisionHtml(undefined as unknown as string, { url: URL_223 }), /not HTML/);
    expectParseError(() => parseDecisionLines(null as unknown as string[]), /no reference/);
  });

  it('parseDecisionLines accepts plain strings', () => {
    const d = parseDecisionLines(
      [
        'Westby Council (22 001 002)',
        'Category : Planning > Enforcement',
        'Decision : Upheld',
        'Decision date : 01 Jan 2024',
      ],
      { url: 'https://www.lgo.org.uk/decisions/planning/enforcement/22-001-002' },
    );
    expect(d.summary).toBe('');
    expect(d.sections).toEqual([]);
    expect(d.parseWarnings).toEqual([expect.stringMatching(/no end marker/), 'no summary found']);
  });
});

describe('header placement', () => {
  it('reads labelled fields printed above the title', () => {
    const d = parseDecisionText(
      'Category : Housing > Allocations\nDecision : Upheld\nDecision date : 05 Feb 2020\nEastmoor District Council (19 007 429)\nSummary: A housing summary.',
    );
    expect(d).toMatchObject({
      organisation: 'Eastmoor District Council',
      category: 'Housing',
      decisionDate: '2020-02-05',
    });
  });
});

describe('label and value markup', () => {
  it('reads span.label/span.value with no space or colon between them', () => {
    const html = `<html><body><article id="article"><p>Eastmoor District Council (19 007 429)</p>
      <p><span class="label">Category</span><span class="value">Housing &gt; Allocations</span></p>
      <p><span class="label">Decision</span><span class="value">Upheld</span></p>
      <p><span class="label">Decision date</span><span class="value">05 Feb 2020</span></p>
      <h3>The Ombudsman's final decision:</h3><p>Summary: A housing summary.</p>
      <p>Investigator's decision on behalf of the Ombudsman</p></article></body></html>`;
    const d = parseDecisionHtml(html, {
      url: 'https://www.lgo.org.uk/decisions/housing/allocations/19-007-429',
    });
    expect(d).toMatchObject({
      category: 'Housing',
      subcategory: 'Allocations',
      outcome: 'Upheld',
      decisionDate: '2020-02-05',
    });
    // The header reads cleanly; the one-line summary states no finding, so "Upheld" gives it.
    expect(d.parseWarnings).toEqual([]);
    expect(d.findingRules).toEqual(['F-TEXT-NONE', 'F-UPHELD-FAULT']);
  });
});
