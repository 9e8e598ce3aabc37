import { describe, expect, it } from 'vitest';
import { ParseError } from '../core/errors.js';
import { parseDecisionHtml, parseDecisionText } from './index.js';

const URL = 'https://www.lgo.org.uk/decisions/children-s-care-services/looked-after-children/23-104-552';

const SUMMARY =
  'Summary: Ms R complained the Council did not review her foster placement allowance for three years. ' +
  'We found fault. The Council has agreed to apologise and pay Ms R £450 for the uncertainty this caused.';

const BODY = [
  'The complaint',
  '1. Ms R complained about her allowance.',
  'What I found',
  '2. The Council did not review it.',
];

describe('a decision page without its header lines is kept, not refused', () => {
  it('title and summary only: category from the URL, outcome and date null, warnings say so', () => {
    const d = parseDecisionText(
      [
        `URL: ${URL}`,
        'Fenwick Borough Council (23 104 552)',
        "The Ombudsman's final decision:",
        SUMMARY,
        ...BODY,
      ].join('\n'),
    );
    expect(d.refKey).toBe('23-104-552');
    expect(d.organisation).toBe('Fenwick Borough Council');
    expect(d.category).toBe("Children's care services");
    expect(d.subcategory).toBe('Looked after children');
    expect(d.outcome).toBeNull();
    expect(d.decisionDate).toBeNull();
    expect(d.headerComplete).toBe(false);
    expect(d.parseWarnings.join(' | ')).toMatch(
      /header incomplete: no Category, Decision, Decision date lines/,
    );
    expect(d.parseWarnings.join(' | ')).toMatch(/taken from the URL path/);
    expect(d.finding).toBe('fault_injustice');
    expect(d.payments.map((p) => [p.amount, p.status])).toEqual([[450, 'agreed']]);
  });

  it('a cookie banner before the title and section headings listed in place of the header lines', () => {
    const d = parseDecisionText(
      [
        `URL: ${URL}`,
        'Privacy settings',
        'Review your privacy settings',
        'Analytical cookies help us improve the website.',
        'Fenwick Borough Council (23 104 552)',
        'Summary',
        'The complaint',
        'What I found',
        "The Ombudsman's final decision:",
        SUMMARY,
        ...BODY,
      ].join('\n'),
    );
    expect(d.organisation).toBe('Fenwick Borough Council');
    expect(d.headerComplete).toBe(false);
    expect(d.summary).toMatch(/^Ms R complained/);
    expect(d.payments).toHaveLength(1);
  });

  it('only the date line missing: outcome kept, date null, header incomplete', () => {
    const d = parseDecisionText(
      [
        `URL: ${URL}`,
        'Fenwick Borough Council (23 104 552)',
        "Category : Children's care services > Looked after children",
        'Decision : Upheld',
        "The Ombudsman's final decision:",
        SUMMARY,
        ...BODY,
      ].join('\n'),
    );
    expect(d.outcome).toBe('Upheld');
    expect(d.decisionDate).toBeNull();
    expect(d.headerComplete).toBe(false);
    expect(d.parseWarnings.join(' | ')).toMatch(/no Decision date line\b/);
  });

  it('an unreadable date is kept as null with a warning, not a refusal', () => {
    const d = parseDecisionText(
      [
        `URL: ${URL}`,
        'Fenwick Borough Council (23 104 552)',
        "Category : Children's care services > Looked after children",
        'Decision : Upheld',
        'Decision date : sometime in spring',
        "The Ombudsman's final decision:",
        SUMMARY,
      ].join('\n'),
    );
    expect(d.decisionDate).toBeNull();
    expect(d.headerComplete).toBe(false);
    expect(d.parseWarnings.join(' | ')).toMatch(/could not be read/);
  });

  it('a complete header gives headerComplete true and no header warning', () => {
    const d = parseDecisionText(
      [
        `URL: ${URL}`,
        'Fenwick Borough Council (23 104 552)',
        "Category : Children's care services > Looked after children",
        'Decision : Upheld',
        'Decision date : 04 Mar 2024',
        "The Ombudsman's final decision:",
        SUMMARY,
      ].join('\n'),
    );
    expect(d.headerComplete).toBe(true);
    expect(d.decisionDate).toBe('2024-03-04');
    expect(d.parseWarnings.join(' | ')).not.toMatch(/header incomplete/);
  });

  it('the HTML page without header lines parses the same way', () => {
    const html = `<!doctype html><html><body><article id="article"><h1>Fenwick Borough Council (23 104 552)</h1>
      <h2>The Ombudsman's final decision:</h2><p>${SUMMARY}</p><h2>The complaint</h2><ol><li>Ms R complained.</li></ol>
      </article></body></html>`;
    const d = parseDecisionHtml(html, { url: URL });
    expect(d.headerComplete).toBe(false);
    expect(d.category).toBe("Children's care services");
    expect(d.outcome).toBeNull();
  });
});

describe('what is still quarantined', () => {
  it('a page with no reference', () => {
    expect(() => parseDecisionText(`URL: ${URL}\nAbout us\nWe look at complaints about councils.`)).toThrow(
      ParseError,
    );
  });

  it('a reference with no decision text (no summary, no known section)', () => {
    expect(() =>
      parseDecisionText(
        [`URL: ${URL}`, 'Fenwick Borough Council (23 104 552)', 'Share this page'].join('\n'),
      ),
    ).toThrow(/no decision text/);
  });

  it('no Category line and no decision URL to read the category from', () => {
    expect(() =>
      parseDecisionText(
        ['Fenwick Borough Council (23 104 552)', "The Ombudsman's final decision:", SUMMARY].join('\n'),
      ),
    ).toThrow(/no Category line .*no decision URL/);
  });
});
