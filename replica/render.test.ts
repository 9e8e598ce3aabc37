import { type CheerioAPI, load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { sourceProfile } from '../core/source-profile.js';
import { generateCorpus, type ReplicaFullDecision, renderDecisionPage, renderListingPage } from './index.js';

const corpus = generateCorpus({ seed: 11, count: 6000 });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Header fields read the way the source notes describe them: span.label "X :" → span.value. */
function header($: CheerioAPI): Record<string, string> {
  const out: Record<string, string> = {};
  $('article#article span.label').each((_, el) => {
    const label = $(el)
      .text()
      .replace(/\s*:\s*$/, '');
    out[label] = $(el).next('span.value').text();
  });
  return out;
}

/** The documented sections rule (render-decision.ts / parser/core.ts) applied to our markup. */
function sectionsFromPage($: CheerioAPI): { heading: string; text: string }[] {
  // Text before the first heading (older pages without the opening line) is a section headed "".
  const sections: { heading: string; lines: string[] }[] = [{ heading: '', lines: [] }];
  let stopped = false;
  $('article#article .decision-body')
    .children()
    .each((_, el) => {
      if (stopped) return;
      const $el = $(el);
      const text = $el.text().replace(/\s+/g, ' ').trim();
      const cur = sections[sections.length - 1];
      if (el.tagName === 'nav') return; // contents list: page chrome
      if (/^h[2-6]$/.test(el.tagName)) {
        sections.push({ heading: text.replace(/:$/, ''), lines: [] });
      } else if (el.tagName === 'ol') {
        $el.children('li').each((n, li) => {
          const own = $(li).clone().children('ul').remove().end().text().replace(/\s+/g, ' ').trim();
          cur?.lines.push(`${n + 1}. ${own}`);
          $(li)
            .find('ul > li')
            .each((_, b) => {
              cur?.lines.push(`- ${$(b).text().trim()}`);
            });
        });
      } else if (el.tagName === 'ul') {
        // Bulleted paragraphs (newer pages), each with its own nested bullets.
        $el.children('li').each((_, li) => {
          const own = $(li).clone().children('ul').remove().end().text().replace(/\s+/g, ' ').trim();
          cur?.lines.push(`- ${own}`);
          $(li)
            .find('ul > li')
            .each((_, b) => {
              cur?.lines.push(`- ${$(b).text().trim()}`);
            });
        });
      } else if (text === 'Back to top' || text === '') {
        // furniture
      } else if (/^Investigator's decision on behalf of the Ombudsm[ae]n$/.test(text)) {
        stopped = true;
      } else cur?.lines.push(text);
    });
  return sections
    .filter((s, i) => i > 0 || s.lines.length > 0)
    .map((s) => ({ heading: s.heading, text: s.lines.join('\n') }));
}

function pageDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d} ${MONTHS[Number(m) - 1]} ${y}`;
}

describe('decision pages', () => {
  const sample: ReplicaFullDecision[] = [];
  for (let i = 0; i < corpus.count; i += 9) sample.push(corpus.full(i));
  for (const d of corpus.decisions.filter((x) => x.kind === 'report')) sample.push(corpus.full(d.index));

  it('show header labels whose values equal the truth', () => {
    for (const d of sample) {
      const $ = load(renderDecisionPage(d));
      const h = header($);
      if (!d.headerLines) {
        // The variant of real copies without header lines: none shown (the parser reads the URL).
        expect(Object.keys(h)).toEqual([]);
        continue;
      }
      expect(Object.keys(h)).toEqual(['Category', 'Decision', 'Decision date']);
      expect(h.Category).toBe(`${d.category} > ${d.subcategory}`);
      expect(h.Decision).toBe(d.outcome);
      expect(h['Decision date']).toBe(pageDate(d.decisionDate));
      expect(h['Decision date']).toMatch(sourceProfile.decisionPage.datePattern);
      const title = $('article#article .decision-title').text().trim();
      if (d.kind === 'report') expect(title).toMatch(sourceProfile.decisionPage.bareRefPattern);
      else {
        const m = sourceProfile.decisionPage.titlePattern.exec(title);
        expect(m?.[1]).toBe(d.organisation);
        expect(m?.[2]).toBe(d.ref);
      }
      expect($('title').text()).toContain(`${d.organisation} (${d.ref})`);
      expect($('article#article h1')).toHaveLength(0);
      expect($('p.print').text()).toBe('Print this page');
    }
  });

  it('a few statements come without header lines or with the cookie banner first, as real copies do', () => {
    const corpus = generateCorpus({ seed: 2026, count: 3000 });
    let headerless = 0;
    let banner = 0;
    for (let i = 0; i < corpus.count; i++) {
      const d = corpus.full(i);
      if (!d.headerLines) {
        headerless++;
        expect(d.kind).toBe('statement');
        expect(renderDecisionPage(d)).not.toContain('class="decision-meta"');
      }
      if (d.body.layout.cookieBanner) {
        banner++;
        expect(renderDecisionPage(d)).toMatch(/Privacy settings[\s\S]*<article id="article">/);
      }
    }
    // About 3 % each: enough for the demo and the tests to meet them, rare as in real copies.
    expect(headerless).toBeGreaterThan(30);
    expect(headerless).toBeLessThan(150);
    expect(banner).toBeGreaterThan(30);
  });

  it('hold exactly the truth sections and summary under the documented rule', () => {
    for (const d of sample) {
      const $ = load(renderDecisionPage(d));
      expect(sectionsFromPage($)).toEqual(d.sections);
      const opening = d.sections[0];
      if (d.kind === 'statement') {
        expect(["The Ombudsman's final decision", "The Ombudsmen's final decision", '']).toContain(
          opening?.heading,
        );
        expect(opening?.text).toBe(`Summary: ${d.summary}`);
        expect($('.decision-body').text()).toMatch(/Investigator's decision on behalf of the Ombudsm[ae]n/);
      } else {
        expect(opening).toEqual({ heading: 'Summary', text: d.summary });
        const lastLine = d.sections[d.sections.length - 1]?.text.split('\n').pop() ?? '';
        expect(lastLine).toMatch(sourceProfile.decisionPage.satisfiedPattern);
        expect(lastLine.endsWith(pageDate(d.satisfiedDate as string))).toBe(true);
      }
    }
  });

  it('vary the markup as real pages do', () => {
    const htmls = sample.map((d) => renderDecisionPage(d));
    expect(htmls.some((h) => h.includes('<h2>The Ombudsman'))).toBe(true);
    expect(htmls.some((h) => h.includes('<h3>The Ombudsman'))).toBe(true);
    expect(htmls.some((h) => /<p>1\. /.test(h))).toBe(true);
    expect(htmls.some((h) => h.includes('<ol>'))).toBe(true);
    expect(htmls.some((h) => h.includes('<h4>Law, guidance and policies</h4>'))).toBe(true);
    expect(htmls.some((h) => h.includes('Ombudsman’s role and powers'))).toBe(true);
    // Older pages without the opening line, newer ones with bulleted paragraphs and a contents list.
    expect(sample.some((d) => d.kind === 'statement' && d.sections[0]?.heading === '')).toBe(true);
    expect(htmls.some((h) => h.includes('<nav class="contents">'))).toBe(true);
    expect(sample.some((d) => d.sections.some((s) => s.text.startsWith('- ')))).toBe(true);
    const headings = new Set(sample.flatMap((d) => d.sections.map((s) => s.heading)));
    for (const h of [
      'Agreed action',
      'Recommended action',
      'Action',
      'What I have investigated',
      'Final decision',
    ]) {
      expect(headings, h).toContain(h);
    }
  });
});

describe('listing pages', () => {
  it('show the count line and items in the listing structure, with relative links', () => {
    const items = [corpus.full(100), corpus.full(200)];
    const html = renderListingPage({
      total: 23,
      items,
      page: 1,
      query: new URLSearchParams('fd=2020-01-01'),
    });
    const $ = load(html);
    expect($('body').text()).toMatch(sourceProfile.listing.totalPattern);
    expect(sourceProfile.listing.totalPattern.exec($('body').text())?.[1]).toBe('23');
    const li = $('li.result');
    expect(li).toHaveLength(2);
    li.each((k, el) => {
      const d = items[k] as ReplicaFullDecision;
      const a = $(el).find('h4 > a');
      expect(a.attr('href')).toBe(d.path);
      expect(a.text()).toBe(`${d.organisation} (${d.ref})`);
      const meta = $(el).find('p.meta').text();
      expect(
        meta.startsWith(`${d.kind === 'report' ? 'Report' : 'Statement'} ${d.outcome} ${d.subcategory} `),
      ).toBe(true);
      expect(meta).toMatch(sourceProfile.listing.metaDatePattern);
      expect($(el).find('p.summary').text()).toBe(`Summary: ${d.summary}`);
    });
    expect($('.pagination a').last().attr('href')).toBe('/Decisions/SearchResults?fd=2020-01-01&page=2');
  });
});
