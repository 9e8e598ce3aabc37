import { describe, expect, it } from 'vitest';
import { tryParseRef } from '../core/ref.js';
import { listingUrl, monthlyWindows } from './discovery.js';
import { canonicalOutcome, categorySlugs, decisionCodesFor, selector, urlInCategory } from './filters.js';
import { parseAge } from './recheck.js';

describe('crawl filters', () => {
  it('maps outcomes to listing decision codes, in any case, and rejects unknown ones', () => {
    expect(canonicalOutcome('not UPHELD')).toBe('Not upheld');
    expect(decisionCodesFor(['Closed after initial enquiries', 'upheld', 'Upheld'])).toBe('c+u+');
    expect(() => decisionCodesFor(['Maladministration'])).toThrow(/unknown outcome.*known: /);
  });

  it('puts the outcome codes in the listing URL and the window key', () => {
    const url = listingUrl('https://www.lgo.org.uk', { from: '2024-03-01', to: '2024-03-31' }, 1, {
      decisionCodes: 'c+nu+u+',
    });
    expect(url).toContain('dc=c%2Bnu%2Bu%2B');
    expect(
      monthlyWindows('2024-03-01', '2024-03-31', { organisation: 'X', decisionCodes: 'u+' })[0]!.key,
    ).toBe('aname=X|dc=u+|2024-03');
    expect(monthlyWindows('2024-03-01', '2024-03-31')[0]!.key).toBe('2024-03');
  });

  it('matches categories by name or slug on the decision URL', () => {
    expect(categorySlugs("Children's care services")).toEqual(['children-s-care-services', undefined]);
    expect(categorySlugs('Housing > Homelessness')).toEqual(['housing', 'homelessness']);
    expect(() => categorySlugs('a/b/c')).toThrow(/category must be/);
    const u = 'https://www.lgo.org.uk/decisions/housing/homelessness/24-005-444';
    expect(urlInCategory(u, ['housing', undefined])).toBe(true);
    expect(urlInCategory(u, ['housing', 'allocations'])).toBe(false);
    expect(urlInCategory('https://www.lgo.org.uk/decisions', ['housing', undefined])).toBe(false);
  });

  it('selects frontier rows by organisation, outcome, category and date', () => {
    const base = { url: 'https://x/decisions/education/school-admissions/24-000-584', date: '2024-05-01' };
    const sel = selector(
      { organisation: 'A', outcomes: ['Upheld'], category: 'education' },
      { from: '2024-01-01', to: '2024-12-31' },
    );
    expect(sel({ ...base, organisation: 'A', outcome: 'Upheld' })).toBe(true);
    expect(sel({ ...base, organisation: 'B', outcome: 'Upheld' })).toBe(false);
    expect(sel({ ...base, organisation: 'A', outcome: null })).toBe(false);
    expect(sel({ ...base, organisation: 'A', outcome: 'Upheld', date: '2023-12-31' })).toBe(false);
    expect(sel({ ...base, organisation: 'A', outcome: 'Upheld', date: null })).toBe(true);
    const listed = selector({ outcomes: ['Upheld'] }, undefined, { unknownOutcomeMatches: true });
    expect(listed({ url: base.url, outcome: null })).toBe(true);
  });

  it('reads both spellings of a reference as one key', () => {
    expect(tryParseRef('24 000 584')!.key).toBe(tryParseRef('24-000-584')!.key);
  });

  it('parses re-check ages', () => {
    expect(parseAge('30d')).toBe(30 * 86_400_000);
    expect(parseAge('12h')).toBe(12 * 3_600_000);
    expect(parseAge('2w')).toBe(14 * 86_400_000);
    expect(parseAge('0d')).toBe(0);
    expect(() => parseAge('30')).toThrow(/not an age/);
    expect(() => parseAge('-1d')).toThrow(/not an age/);
  });
});
