import { describe, expect, it } from 'vitest';
import { ParseError } from '../core/errors.js';
import { fixture } from '../test/helpers/fixtures.js';
import { canonicalDecisionUrl, ListingPage, parseListingHtml } from './index.js';

const PAGE = 'https://www.lgo.org.uk/Decisions/SearchResults?fd=2025-12-01&td=2025-12-31&page=1';

describe('parseListingHtml', () => {
  it('reads the reference listing: total and items', () => {
    const page = parseListingHtml(fixture('pages/listing.html'), PAGE);
    expect(ListingPage.safeParse(page).success).toBe(true);
    expect(page.total).toBe(23);
    expect(page.isShell).toBe(false);
    expect(page.items).toEqual([
      {
        url: 'https://www.lgo.org.uk/decisions/education/special-educational-needs/24-019-223',
        ref: '24 019 223',
        refKey: '24-019-223',
        organisation: 'Northmere County Council',
        kind: 'statement',
        outcome: 'Upheld',
        subcategory: 'Special educational needs',
        decisionDate: '2025-12-08',
        summary:
          "Mrs B says the Council took far too long to finalise her son's Education, Health and Care Plan.",
      },
      {
        url: 'https://www.lgo.org.uk/decisions/housing/homelessness/24-005-444',
        ref: '24 005 444',
        refKey: '24-005-444',
        organisation: 'London Borough of Eastford',
        kind: 'statement',
        outcome: 'Not upheld',
        subcategory: 'Homelessness',
        decisionDate: '2025-12-05',
        summary: 'Mr D complains the Council did not help him when he was homeless. We found no fault.',
      },
      {
        url: 'https://www.lgo.org.uk/decisions/health/other/17-002-402b',
        ref: '17 002 402b',
        refKey: '17-002-402b',
        organisation: 'Ashvale Hospitals NHS Foundation Trust',
        kind: 'statement',
        outcome: 'Closed after initial enquiries',
        subcategory: 'Other',
        decisionDate: '2025-12-01',
        summary: 'We will not investigate this complaint about a discharge from hospital.',
      },
    ]);
  });

  it('resolves links against a replica origin and keeps that origin', () => {
    const page = parseListingHtml(
      fixture('pages/listing.html'),
      'http://127.0.0.1:4010/Decisions/SearchResults?page=1',
    );
    expect(page.items[0]!.url).toBe(
      'http://127.0.0.1:4010/decisions/education/special-educational-needs/24-019-223',
    );
  });

  it('a search shell (no count, no decision links) is isShell', () => {
    expect(parseListingHtml(fixture('parser/listing-shell.html'), PAGE)).toEqual({
      total: null,
      items: [],
      isShell: true,
    });
  });

  it('a listing with no results but a count is not a shell', () => {
    const page = parseListingHtml('<html><body><p>Your search has 0 results</p></body></html>', PAGE);
    expect(page).toEqual({ total: 0, items: [], isShell: false });
  });

  it('archive listing: different markup, host aliases, display parameters, a page-wide form', () => {
    const page = parseListingHtml(
      fixture('parser/listing-archive-aliases.html'),
      'https://lgo.org.uk/Decisions/Archive?t=both&page=1',
    );
    expect(page.total).toBe(1105);
    expect(page.isShell).toBe(false);
    expect(page.items.map((i) => i.url)).toEqual([
      'https://www.lgo.org.uk/decisions/other-categories/councillor-conduct-and-standards/20-007-231',
      'https://www.lgo.org.uk/decisions/other-categories/councillor-conduct-and-standards/20-005-918?chapter=2',
      'https://www.lgo.org.uk/decisions/other-categories/councillor-conduct-and-standards/20-003-004',
      'https://www.lgo.org.uk/decisions/other-categories/councillor-conduct-and-standards/20-001-777',
    ]);
    expect(page.items[0]).toMatchObject({
      organisation: 'Kingsfold Town & Parish Council',
      kind: 'statement',
      outcome: 'Closed after initial enquiries',
      subcategory: 'Councillor conduct and standards',
      decisionDate: '2021-03-30',
      summary:
        'We will not investigate this complaint about how the Council dealt with a complaint against one of its councillors.',
    });
    expect(page.items[1]!.organisation).toBe("O'Hara-Smith, Dunmore & Co. Parish Meeting");
    expect(page.items[2]).toMatchObject({ kind: 'report', outcome: 'Upheld', summary: '' });
    // unknown outcome and impossible date are left null rather than guessed
    expect(page.items[3]).toMatchObject({
      kind: 'statement',
      outcome: null,
      subcategory: null,
      decisionDate: null,
    });
  });

  it('never throws on garbage; a bad page URL is a ParseError', () => {
    for (const html of [
      '',
      '<<<',
      '<a href="/decisions/a/b/24-019-223">(24 019 223)</a>',
      'x'.repeat(1000),
    ]) {
      expect(ListingPage.safeParse(parseListingHtml(html, PAGE)).success).toBe(true);
    }
    expect(() => parseListingHtml('', 'not a url')).toThrow(ParseError);
  });
});

describe('canonicalDecisionUrl', () => {
  it.each([
    [
      'https://lgo.org.uk/decisions/housing/homelessness/24-005-444',
      'https://www.lgo.org.uk/decisions/housing/homelessness/24-005-444',
    ],
    [
      'http://www.lgo.org.uk/decisions/housing/homelessness/24-005-444/?displaypref=1',
      'https://www.lgo.org.uk/decisions/housing/homelessness/24-005-444',
    ],
    [
      'https://WWW.LGO.ORG.UK/Decisions/Health/Other/17-002-402B#top',
      'https://www.lgo.org.uk/decisions/health/other/17-002-402b',
    ],
    [
      'https://www.lgo.org.uk/Decisions/SearchResults?fd=2025-1-1&DisplayPref=3&page=2',
      'https://www.lgo.org.uk/Decisions/SearchResults?fd=2025-1-1&page=2',
    ],
    [
      'http://localhost:4010/decisions/housing/homelessness/24-005-444?displaypref=0',
      'http://localhost:4010/decisions/housing/homelessness/24-005-444',
    ],
  ])('%s → %s', (input, expected) => {
    expect(canonicalDecisionUrl(input)).toBe(expected);
  });

  it('resolves relative URLs against a base and rejects non-URLs with ParseError', () => {
    expect(canonicalDecisionUrl('/decisions/a/b/24-019-223', 'https://lgo.org.uk/x')).toBe(
      'https://www.lgo.org.uk/decisions/a/b/24-019-223',
    );
    expect(() => canonicalDecisionUrl('nope')).toThrow(ParseError);
  });
});
