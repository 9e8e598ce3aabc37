/**
 * The web pages in a real browser (Debian's Chromium through playwright-core) against the real
 * stack: replica → crawl → archive → Meilisearch → API with the web plugin, on 127.0.0.1.
 * Screenshots go to test-artifacts/ (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../cli/services.js';
import { CHROMIUM_ARGS } from '../../crawler/index.js';
import { parseDecisionText } from '../../parser/index.js';
import { CHROMIUM, chromiumMissing, requireNothingMissing, skipUnless } from '../helpers/requirements.js';
import { type ServedReplica, serveCrawledReplica } from '../helpers/served-replica.js';
import { tempDir } from '../helpers/tmp.js';

const DECISIONS = 300;
const ARTIFACTS = 'test-artifacts';

interface Evidence {
  section: string;
  text: string;
  start: number;
  end: number;
}

/**
 * The page globals the callbacks below use, typed just enough: those callbacks run in Chromium,
 * and the project's tsconfig has no DOM lib (adding it would change every module's globals).
 */
interface PageElement {
  id: string;
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  checked?: boolean;
  width: number;
  height: number;
  matches(selector: string): boolean;
  getBoundingClientRect(): { top: number; bottom: number };
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  getElementById(id: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  activeElement: PageElement | null;
  documentElement: { scrollWidth: number; clientWidth: number };
};
declare const innerHeight: number;
declare function getComputedStyle(element: PageElement): { outlineStyle: string };

interface SearchJson {
  total: number;
  hits: { ref: string; refKey: string }[];
  facets: Record<string, Record<string, number>>;
}

interface DecisionJson {
  ref: string;
  refKey: string;
  url: string;
  organisation: string;
  payments: { amount: number; evidence: Evidence }[];
  delays: { evidence: Evidence }[];
  missedEducation: { evidence: Evidence }[];
  serviceImprovements: { evidence: Evidence }[];
  findingEvidence?: Evidence;
  apologyEvidence?: Evidence;
}

/** The evidence behind each figure link of the decision page, by the link's id. */
function evidenceByLinkId(d: DecisionJson): Map<string, string> {
  const out = new Map<string, string>();
  const lists = [
    ['payment', d.payments],
    ['delay', d.delays],
    ['missed', d.missedEducation],
    ['improvement', d.serviceImprovements],
  ] as const;
  for (const [kind, list] of lists)
    for (const [i, x] of list.entries()) out.set(`fact-${kind}-${i}`, x.evidence.text);
  if (d.findingEvidence) out.set('fact-finding', d.findingEvidence.text);
  if (d.apologyEvidence) out.set('fact-apology', d.apologyEvidence.text);
  return out;
}

describe.skipIf(skipUnless(chromiumMissing()))('web pages in Chromium', () => {
  const tmp = tempDir();
  let stack: ServedReplica | undefined;
  let services: Services;
  let base: string;
  let browser: Browser;
  /** Console errors and page errors per page, checked after each test. */
  const problems: string[] = [];

  beforeAll(async () => {
    requireNothingMissing(chromiumMissing());
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await serveCrawledReplica({ dataDir: tmp.dir, seed: 7, decisions: DECISIONS });
    ({ base, services } = stack);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    tmp.cleanup();
  });

  const api = async <T = SearchJson>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  async function open(path: string, width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('pageerror', (e) => problems.push(`pageerror ${path}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
        problems.push(`CSP ${path}: ${m.text()}`);
    });
    await page.goto(`${base}${path}`);
    return page;
  }

  /** The first decision (newest first) with at least `n` payments, in full. */
  async function decisionWithPayments(n: number): Promise<DecisionJson> {
    for (let page = 1; page <= Math.ceil(DECISIONS / 100); page++) {
      const { hits } = await api(`/api/search?limit=100&page=${page}`);
      for (const hit of hits) {
        const d = await api<DecisionJson>(`/api/decisions/${hit.refKey}`);
        if (d.payments.length >= n) return d;
      }
    }
    throw new Error(`no decision with ${n} payments in the corpus`);
  }

  /**
   * The highlighted text once it is `want` (or what is highlighted after 5 s): the previous figure's
   * highlight stays until the page swaps it, so waiting for any mark can read the old one.
   */
  async function highlighted(page: Page, want: string): Promise<string> {
    await page
      .waitForFunction(
        (w) => [...document.querySelectorAll('mark.evidence-hl')].map((m) => m.textContent).join('') === w,
        want,
        // Generous: on a loaded machine the click's highlight can take seconds to replace the last
        // one (CI at load 8-15 read the previous figure's sentence after 5 s).
        { timeout: 30_000 },
      )
      .catch(() => undefined);
    return (await page.locator('mark.evidence-hl').allTextContents()).join('');
  }

  const countText = (page: Page) => page.locator('#count').textContent();
  const countOf = async (page: Page) => Number((await countText(page))?.replace(/[^0-9]/g, '') || '0');

  it('serves the pages with a strict Content-Security-Policy and uPlot from node_modules', async () => {
    for (const path of [
      '/',
      '/decisions/23-010-307',
      '/organisations',
      '/organisations/X',
      '/status',
      '/assets/js/search.js',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("default-src 'none'");
    }
    const uplot = await fetch(`${base}/assets/vendor/uplot/uPlot.esm.js`);
    expect(uplot.status).toBe(200);
    expect(uplot.headers.get('content-type')).toMatch(/javascript/);
    expect(await uplot.text()).toContain('export { uPlot as default }');
    expect((await fetch(`${base}/assets/../plugin.ts`)).status).toBe(404);
    expect((await fetch(`${base}/assets/nothing.js`)).status).toBe(404);
  });

  it('searches as you type, keeps the search in the URL and narrows by a facet', async () => {
    const page = await open('/');
    await page.waitForFunction(() => /decisions?$/.test(document.querySelector('#count')?.textContent ?? ''));
    expect(await countOf(page)).toBe(DECISIONS);

    const expected = (await api('/api/search?q=EHC%20plan&limit=1')).total;
    expect(expected).toBeGreaterThan(0);
    await page.locator('#q').pressSequentially('EHC plan', { delay: 30 });
    await page.waitForFunction(
      (n) => document.querySelector('#count')?.textContent === `${n} decisions`,
      expected,
    );
    expect(page.url()).toContain('q=EHC+plan');
    expect(await page.locator('#hits li').count()).toBe(Math.min(20, expected));
    expect(await page.locator('#hits mark').count()).toBeGreaterThan(0);
    expect(await page.locator('#csv-link').getAttribute('href')).toBe('/api/export.csv?q=EHC+plan&bom=true');
    expect(await page.locator('#atom-link').getAttribute('href')).toBe('/api/feeds/search.atom?q=EHC+plan');
    await page.screenshot({ path: `${ARTIFACTS}/web-search.png`, fullPage: true });

    // The outcome facet's own count becomes the result count.
    const facet = page.locator('#facet-outcome li').first();
    const value = await facet.locator('input').getAttribute('value');
    const facetCount = Number(await facet.locator('.facet-count').textContent());
    expect(facetCount).toBeLessThan(expected);
    await facet.locator('label').click();
    await page.waitForFunction(
      (n) => document.querySelector('#count')?.textContent === `${n} decision${n === 1 ? '' : 's'}`,
      facetCount,
    );
    expect(new URL(page.url()).searchParams.getAll('outcome')).toEqual([value]);

    // The URL alone reproduces the search.
    const shared = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    await shared.waitForFunction(() =>
      /decisions?$/.test(document.querySelector('#count')?.textContent ?? ''),
    );
    expect(await countOf(shared)).toBe(facetCount);
    expect(await shared.locator('#q').inputValue()).toBe('EHC plan');
    expect(await shared.locator(`#facet-outcome input[value="${value}"]`).isChecked()).toBe(true);
    await shared.close();

    // Back undoes the facet.
    await page.goBack();
    await page.waitForFunction(
      (n) => document.querySelector('#count')?.textContent === `${n} decisions`,
      expected,
    );
    await page.close();
  });

  it('filters by remedy and finding, sorts by remedy, sums the set and links working downloads', async () => {
    const path = '/?minRemedy=500&finding=fault_injustice&sort=remedy%3Adesc';
    const expected = await api(`/api/search${path.slice(1)}&limit=20`);
    expect(expected.total).toBeGreaterThan(1);
    const page = await open(path);
    await page.waitForFunction(
      (n) => document.querySelector('#count')?.textContent === `${n} decisions`,
      expected.total,
    );
    expect(await page.locator('#minRemedy').inputValue()).toBe('500');
    expect(await page.locator('#sort').inputValue()).toBe('remedy:desc');
    expect(await page.locator('#facet-finding input[value="fault_injustice"]').isChecked()).toBe(true);
    const remedies = (await page.locator('#hits .remedy').allTextContents()).map((t) =>
      Number(t.replace(/[^0-9.]/g, '')),
    );
    expect(remedies.length).toBe(Math.min(20, expected.total));
    expect(remedies.every((r) => r >= 500)).toBe(true);
    expect([...remedies].sort((a, b) => b - a)).toEqual(remedies);

    // The summary covers the whole set, as /api/stats does; its largest remedy links to a decision.
    const stats = await api<{ total: { upheld: number; remedyTotal: number; remedyMaxRef: string } }>(
      '/api/stats?groupBy=none&minRemedy=500&finding=fault_injustice',
    );
    const summary = page.locator('#summary');
    await summary.waitFor();
    const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
    const total = stats.total.remedyTotal;
    expect(await summary.textContent()).toContain(
      Number.isInteger(total) ? money.format(total).replace('.00', '') : money.format(total),
    );
    expect(await summary.locator('a').getAttribute('href')).toBe(
      `/decisions/${stats.total.remedyMaxRef.replace(/ /g, '-')}`,
    );

    // Download and follow links carry the same filters and answer.
    const csv = await page.locator('#csv-link').getAttribute('href');
    expect(csv).toBe('/api/export.csv?minRemedy=500&finding=fault_injustice&sort=remedy%3Adesc&bom=true');
    const csvRes = await fetch(`${base}${csv}`);
    expect(csvRes.status).toBe(200);
    const lines = (await csvRes.text()).trim().split(/\r?\n/);
    expect(lines.length).toBe(expected.total + 1);
    const atom = await fetch(`${base}${await page.locator('#atom-link').getAttribute('href')}`);
    expect(atom.status).toBe(200);
    expect(await atom.text()).toContain('<feed');

    // A number box accepts "1e3"; the API takes plain decimals only, so the page sends 1000.
    const thousand = (await api('/api/search?limit=1&minRemedy=1000&finding=fault_injustice')).total;
    await page.locator('#minRemedy').fill('1e3');
    await page.locator('#minRemedy').dispatchEvent('change');
    await page.waitForURL(/minRemedy=1000(?:&|$)/);
    await page.waitForFunction(
      (n) => document.querySelector('#count')?.textContent === `${n} decision${n === 1 ? '' : 's'}`,
      thousand,
    );
    await page.close();
  });

  it('operates a facet with the keyboard and keeps focus on it', async () => {
    const page = await open('/');
    await page.waitForSelector('#facet-outcome input');
    await page.locator('#q').focus();
    let onFacet = false;
    for (let i = 0; i < 30 && !onFacet; i++) {
      await page.keyboard.press('Tab');
      onFacet = await page.evaluate(
        () => document.activeElement?.matches('#facets input[type="checkbox"]') ?? false,
      );
    }
    expect(onFacet).toBe(true);
    const key = await page.evaluate(() => document.activeElement?.dataset.key);
    const [name, value] = key!.split('\u0000');
    const expected = (await api(`/api/search?limit=1&${name}=${encodeURIComponent(value!)}`)).total;
    // The focus ring is visible (an outline, not only a colour change).
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Space');
    await page.waitForFunction(
      (n) => document.querySelector('#count')?.textContent === `${n} decision${n === 1 ? '' : 's'}`,
      expected,
    );
    const after = await page.evaluate(() => ({
      key: document.activeElement?.dataset.key,
      checked: document.activeElement?.checked,
    }));
    expect(after).toEqual({ key, checked: true });
    await page.close();
  });

  it('opens a decision from the results and highlights the sentence behind a payment', async () => {
    const d = await decisionWithPayments(2);

    // From the search page: search its reference, open it.
    const page = await open(`/?q=${encodeURIComponent(d.ref)}`);
    await page.locator(`#hits a[href="/decisions/${d.refKey}"]`).click();
    await page.waitForURL(`**/decisions/${d.refKey}`);
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toBe(d.organisation);
    expect(await page.locator(`a[href="${d.url}"]`).first().isVisible()).toBe(true);
    expect(await page.locator('#citation-text').textContent()).toContain(
      '© Commission for Local Administration in England',
    );
    expect(await page.locator('#citation-text').textContent()).toContain(d.url);

    const payments = d.payments;
    for (const i of [1, 0]) {
      await page.locator(`#fact-payment-${i}`).click();
      expect(await highlighted(page, payments[i]!.evidence.text)).toBe(payments[i]!.evidence.text);
      // One highlight at a time, focused and in view.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('evidence-current');
      await page.waitForFunction(() => {
        const r = document.getElementById('evidence-current')?.getBoundingClientRect();
        return r !== undefined && r.top >= 0 && r.bottom <= innerHeight;
      });
    }
    expect(page.url()).toContain('#fact-payment-0');
    await page.screenshot({ path: `${ARTIFACTS}/web-decision.png`, fullPage: false });

    // Keyboard: Enter on a figure highlights it; "Back to the figure" returns focus.
    await page.locator('#fact-payment-1').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'evidence-current');
    expect((await page.locator('mark.evidence-hl').allTextContents()).join('')).toBe(
      payments[1]!.evidence.text,
    );
    await page.locator('.back-to-fact').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fact-payment-1');

    // A shared link to a figure opens with its sentence highlighted.
    const shared = await open(`/decisions/${d.refKey}#fact-payment-1`);
    await shared.waitForSelector('mark.evidence-hl');
    expect((await shared.locator('mark.evidence-hl').allTextContents()).join('')).toBe(
      payments[1]!.evidence.text,
    );
    await shared.close();
    await page.close();
  });

  it('highlights exactly the evidence sentence of every kind of figure', async () => {
    const { hits } = await api('/api/search?limit=100');
    const picked: DecisionJson[] = [];
    for (const hit of hits) {
      const d = await api<DecisionJson>(`/api/decisions/${hit.refKey}`);
      if (d.delays.length + d.missedEducation.length > 0 && d.payments.length > 0) picked.push(d);
      if (picked.length === 4) break;
    }
    expect(picked.length).toBeGreaterThan(0);
    for (const d of picked) {
      const page = await open(`/decisions/${d.refKey}`);
      await page.waitForSelector('.evidence-link');
      const expected = evidenceByLinkId(d);
      const ids = await page
        .locator('.facts-panel .evidence-link')
        .evaluateAll((links) => links.map((a) => (a as unknown as PageElement).id));
      expect(new Set(ids)).toEqual(new Set(expected.keys()));
      for (const id of ids) {
        // Followed from the keyboard (focus, Enter): the same click event, without aiming a pointer
        // at a row a late layout change could move. Twice in CI's full e2e run (never in this file
        // alone, loaded or not) a pointer click on the second payment left the first one's
        // sentence highlighted, as if the click had landed on the row above.
        await page.locator(`#${id}`).focus();
        await page.keyboard.press('Enter');
        const marked = await highlighted(page, expected.get(id)!);
        expect(marked, `${d.refKey} ${id}`).toBe(expected.get(id));
      }
      await page.close();
    }
  });

  it('search page: delays by subject and missed education from the address into their own controls, counted as the API counts (issue #14, points 7, 8)', async () => {
    const cases = ['delaySubject=ehc_plan&minDelay=60', 'hasMissedEducation=true&minMissedEducation=91'];
    for (const width of [1280, 390])
      for (const qs of cases) {
        const expected = (await api(`/api/search?limit=1&${qs}`)).total;
        const page = await open(`/?${qs}`, width);
        await page.waitForFunction(() =>
          /decisions? *$|No decisions match/.test(document.querySelector('#count')?.textContent ?? ''),
        );
        const text = (await countText(page)) ?? '';
        const count = /No decisions/.test(text) ? 0 : Number(text.replace(/[^0-9]/g, ''));
        expect(count, `${qs} at ${width}px`).toBe(expected);
        // Each parameter is shown in its own control (Delay, Missed education), none reported unknown.
        for (const [k, v] of new URLSearchParams(qs)) {
          const control = page.locator(`#${k}`);
          if (v === 'true') expect(await control.isChecked(), k).toBe(true);
          else expect(await control.inputValue(), k).toBe(v);
        }
        expect(await page.locator('#extra-list li').count()).toBe(0);
        const names = await page.locator('#extra-name option').allTextContents();
        for (const f of ['delaySubject', 'hasMissedEducation', 'minMissedEducation'])
          expect(names).toContain(f);
        await page.close();
      }
    // The subject narrows: fewer (or as many) decisions than the same length of any kind.
    expect((await api('/api/search?limit=1&delaySubject=ehc_plan&minDelay=60')).total).toBeLessThanOrEqual(
      (await api('/api/search?limit=1&minDelay=60')).total,
    );
    expect((await api('/api/search?limit=1&delaySubject=ehc_plan&minDelay=60')).total).toBeGreaterThan(0);
    expect(
      (await api('/api/search?limit=1&hasMissedEducation=true&minMissedEducation=91')).total,
    ).toBeGreaterThan(0);
  });

  it('missed education: the length as written beside the span of the dates, each labelled (issue #14, point 6)', async () => {
    interface Missed {
      from: string | null;
      to: string | null;
      days: number | null;
      text: string;
    }
    const months = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7));
    const { hits } = await api('/api/search?hasMissedEducation=true&limit=100');
    let both = 0;
    for (const hit of hits) {
      const d = await api<{ refKey: string; missedEducation: Missed[] }>(`/api/decisions/${hit.refKey}`);
      if (!d.missedEducation.some((m) => m.days !== null && m.from && m.to)) continue;
      for (const width of [1280, 390]) {
        const page = await open(`/decisions/${d.refKey}`, width);
        await page.waitForSelector('#fact-missed-0');
        for (const [i, m] of d.missedEducation.entries()) {
          const li = (await page.locator(`#fact-missed-${i}`).textContent()) ?? '';
          const label = `${d.refKey} #${i} ${width}px: ${li}`;
          if (m.from && m.to && months(m.to) > months(m.from)) {
            const n = months(m.to) - months(m.from);
            expect(li, label).toContain(`(${n} month${n === 1 ? '' : 's'} by the dates)`);
          }
          if (m.days !== null) {
            // The stated length says it is the stated one, with the days it was counted as.
            expect(li, label).toMatch(/length stated: /);
            expect(li, label).toContain(`${Math.round(m.days)} days`);
            const written = /\b(?:\d+|two|three|four|five|six) terms?\b/i.exec(m.text)?.[0];
            if (written) expect(li, label).toContain(`length stated: ${written}`);
          }
        }
        await page.close();
      }
      if (++both === 3) break;
    }
    expect(both).toBeGreaterThan(0);
  });

  it('says clearly when a decision was removed from the Ombudsman’s site', async () => {
    const { hits } = await api('/api/search?limit=1&sort=date:asc');
    const refKey = hits[0]!.refKey;
    expect(services.archive.markRemoved(refKey, '2026-03-02T10:00:00.000Z')).toBe(true);
    const page = await open(`/decisions/${refKey}`);
    const banner = page.locator('.removed-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Removed from the Ombudsman’s site on 2 March 2026');
    await page.close();
  });

  it('draws the organisation charts and links its largest remedies', async () => {
    const orgs = (await api('/api/search?limit=1')).facets.organisation!;
    const [name] = Object.entries(orgs).sort((a, b) => b[1] - a[1])[0]!;
    const page = await open(`/organisations/${encodeURIComponent(name)}`);
    await page.waitForSelector('.uplot canvas');
    expect(await page.locator('h1').textContent()).toBe(name);
    const canvases = await page.evaluate(() =>
      [...document.querySelectorAll('.uplot canvas')].map((c) => {
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let inked = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
        return { width: c.width, height: c.height, inked };
      }),
    );
    expect(canvases.length).toBeGreaterThanOrEqual(2);
    for (const c of canvases) {
      expect(c.width).toBeGreaterThan(200);
      expect(c.height).toBeGreaterThan(100);
      expect(c.inked).toBeGreaterThan(500);
    }
    // The headline counts every decision (the search's total); the year facet only the dated ones,
    // and the page says how many state no date.
    const search = await api(`/api/search?limit=1&organisation=${encodeURIComponent(name)}`);
    const years = search.facets.decisionYear as Record<string, number>;
    const total = Object.values(years).reduce((a, b) => a + b, 0);
    expect(await page.locator('.stat .value').first().textContent()).toBe(String(search.total));
    if (search.total > total)
      expect(
        await page
          .locator('#coverage-heading + ul, section[aria-labelledby="coverage-heading"]')
          .first()
          .textContent(),
      ).toContain(`${search.total - total} decision`);
    await page.screenshot({ path: `${ARTIFACTS}/web-organisation.png`, fullPage: true });

    // Per quarter: every quarter from the first to the last, quiet ones as zero, each as the stats say.
    type Groups = { groups: { key: string | number; decisions: number }[] };
    const quarters = (
      await api<Groups>(`/api/stats?groupBy=quarter&organisation=${encodeURIComponent(name)}`)
    ).groups.filter((g) => /^\d{4}-Q[1-4]$/.test(String(g.key)));
    await page.locator('#period').selectOption('quarter');
    await page.waitForSelector('table.per-quarter');
    const shown = await page
      .locator('table.per-quarter tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          (tr as unknown as PageElement).textContent ?? '',
          Number(
            (tr as unknown as { cells: { textContent: string }[] }).cells[1]!.textContent.replace(/,/g, ''),
          ),
        ]),
      );
    const index = (k: string) => Number(k.slice(0, 4)) * 4 + Number(k.slice(6)) - 1;
    const keys = quarters.map((g) => index(String(g.key)));
    expect(shown.length).toBe(Math.max(...keys) - Math.min(...keys) + 1);
    expect(shown.reduce((t, [, n]) => t + (n as number), 0)).toBe(total);
    const byKey = new Map(quarters.map((g) => [String(g.key), g.decisions]));
    for (const [text, n] of shown) {
      const key = /\d{4}-Q[1-4]/.exec(text as string)![0];
      expect(n, key).toBe(byKey.get(key) ?? 0);
    }
    await page.locator('#period').selectOption('year');
    await page.waitForSelector('table.per-year');

    const largest = page.locator('table.largest tbody a');
    if ((await largest.count()) > 0) {
      const href = await largest.first().getAttribute('href');
      expect(href).toMatch(/^\/decisions\/[0-9a-z-]+$/);
    }
    await page.close();
  });

  it('compares a council with the other councils of its kind, over all years and in one year', async () => {
    type Groups = { groups: { key: string | number; decisions: number }[] };
    const isCounty = (k: string | number) => / County Council$/.test(String(k));
    const counties = (await api<Groups>('/api/stats?groupBy=organisation')).groups.filter((g) =>
      isCounty(g.key),
    );
    expect(counties.length).toBeGreaterThanOrEqual(2);
    const name = String(counties[0]!.key); // groups come most decisions first
    const page = await open(`/organisations/${encodeURIComponent(name)}`);
    await page.waitForSelector('table.peers');
    expect(await page.locator('#peers-heading').textContent()).toBe('Compared with other county councils');
    const names = await page.locator('table.peers tbody th').allTextContents();
    expect([...names].sort()).toEqual(counties.map((g) => String(g.key)).sort());
    expect(await page.locator('table.peers tr.this th').textContent()).toBe(name);
    expect((await page.locator('table.peers tr.this td').first().textContent())?.replace(/,/g, '')).toBe(
      String(counties[0]!.decisions),
    );
    expect(await page.locator('#peers-standing').textContent()).toContain(
      `1st of ${counties.length} on decisions`,
    );

    // One year: the table is that year's figures, from the same exact statistics.
    const year = await page.locator('#peers-year option').nth(1).getAttribute('value');
    expect(year).toMatch(/^\d{4}$/);
    await page.locator('#peers-year').selectOption(year!);
    await page.waitForSelector(`table.peers caption:has-text("decisions of ${year}")`);
    const inYear = (await api<Groups>(`/api/stats?groupBy=organisation&year=${year}`)).groups.filter((g) =>
      isCounty(g.key),
    );
    expect(await page.locator('table.peers tbody tr').count()).toBe(inYear.length);
    const own = inYear.find((g) => g.key === name)!;
    expect((await page.locator('table.peers tr.this td').first().textContent())?.replace(/,/g, '')).toBe(
      String(own.decisions),
    );
    await page.screenshot({ path: `${ARTIFACTS}/web-organisation-peers.png`, fullPage: true });
    await page.close();

    // The kind is the organisation registry's, not the name's last words (issue #17): a plain
    // "… Council" is compared with the other unitary councils; a care provider with none.
    const orgs = Object.keys((await api('/api/search?limit=1')).facets.organisation!);
    const plain = orgs.find((o) => / Council$/.test(o) && !/(County|City|Borough|District) Council$/.test(o));
    expect(plain).toBeDefined();
    const other = await open(`/organisations/${encodeURIComponent(plain!)}`);
    await other.waitForSelector('table.peers');
    expect(await other.locator('#peers-heading').textContent()).toBe('Compared with other unitary councils');
    await other.close();
    const provider = orgs.find((o) => /\b(Limited|Ltd)\b/.test(o));
    if (provider) {
      const care = await open(`/organisations/${encodeURIComponent(provider)}`);
      await care.waitForSelector('table.per-year');
      expect(await care.locator('#peers-heading').count()).toBe(0);
      await care.close();
    }
  });

  it('names on the organisation page the listed decisions the archive lacks, and why', async () => {
    const orgs = (await api('/api/search?limit=1')).facets.organisation!;
    const [name] = Object.entries(orgs).sort((a, b) => a[1] - b[1])[0]!;
    // Listed by the Ombudsman under this name, but the page was gone before a crawl reached it.
    const url = 'https://www.lgo.org.uk/decisions/housing/homelessness/26-990-001';
    services.archive.addDiscovered([
      { refKey: '26-990-001', url, organisation: name, decisionDate: '2026-01-15' },
    ]);
    services.archive.recordFailure({
      url,
      kind: 'decision',
      tries: 1,
      status: 410,
      error: 'Gone',
      permanent: true,
    });
    const page = await open(`/organisations/${encodeURIComponent(name)}`);
    await page.waitForSelector('#missing-summary');
    expect(await page.locator('#missing-summary').textContent()).toMatch(
      /^1 decision listed under this name .* is not in this archive and not counted above: 1 page gone/,
    );
    const row = page.locator('table.missing tr[data-ref-key="26-990-001"]');
    expect(await row.locator('a').getAttribute('href')).toBe(url);
    expect(await row.locator('td').nth(1).textContent()).toBe('15 January 2026');
    expect(await row.locator('td').nth(2).textContent()).toContain('HTTP 410: Gone');
    await page.close();
    // Another organisation is not told of it.
    const [other] = Object.entries(orgs).sort((a, b) => b[1] - a[1])[0]!;
    const otherPage = await open(`/organisations/${encodeURIComponent(other)}`);
    await otherPage.waitForSelector('#coverage-heading');
    expect(await otherPage.locator('#missing-summary').count()).toBe(0);
    await otherPage.close();
  });

  it('the status page shows the archive totals, the listings walked and every decision it lacks', async () => {
    const url = 'https://www.lgo.org.uk/decisions/planning/planning-applications/26-990-002';
    services.archive.addDiscovered([
      { refKey: '26-990-002', url, organisation: null, decisionDate: '2026-02-03' },
    ]);
    const health = await api<{ archive: { decisions: number } }>('/health');
    const coverage = await api<{ missing: { total: number }; listings: { from: string; to: string } }>(
      '/api/coverage',
    );
    const page = await open('/status');
    await page.waitForSelector('#missing-summary');
    expect(await page.locator('.stat .value').first().textContent()).toBe(String(health.archive.decisions));
    expect(await page.locator('#listings li').first().textContent()).toMatch(
      /^The Ombudsman’s listings have been walked for decisions dated /,
    );
    expect(await page.locator('#listings').textContent()).toContain('No gap inside that span.');
    expect(await page.locator('table.missing tbody tr').count()).toBe(coverage.missing.total);
    const row = page.locator('table.missing tr[data-ref-key="26-990-002"]');
    expect(await row.locator('td').nth(1).textContent()).toBe('not known');
    expect(await row.locator('td').nth(3).textContent()).toBe('not fetched yet');
    expect(await row.locator('a').first().getAttribute('href')).toBe(url);
    expect(await page.locator('header.site nav a[aria-current="page"]').textContent()).toBe('Status');
    await page.screenshot({ path: `${ARTIFACTS}/web-status.png`, fullPage: true });
    await page.close();
  });

  it('lists organisations and filters them by name', async () => {
    const page = await open('/organisations');
    await page.waitForSelector('#org-filter');
    const all = await page.locator('#org-rows tr').count();
    expect(all).toBeGreaterThan(5);
    await page.locator('#org-filter').fill('county');
    const visible = await page.locator('#org-rows tr:visible').count();
    expect(visible).toBeGreaterThan(0);
    expect(visible).toBeLessThan(all);
    for (const text of await page.locator('#org-rows tr:visible a').allTextContents())
      expect(text.toLowerCase()).toContain('county');
    await page.close();
  });

  it('fits a phone screen (390 px) without sideways scrolling', async () => {
    const { refKey } = await decisionWithPayments(1);
    for (const [path, name] of [
      ['/?q=EHC%20plan', 'web-search-phone'],
      [`/decisions/${refKey}`, 'web-decision-phone'],
    ] as const) {
      const page = await open(path, 390);
      await page.waitForSelector(path.startsWith('/?') ? '#hits li' : 'h1');
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.scroll, path).toBeLessThanOrEqual(widths.client);
      await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
      await page.close();
    }
  });

  it('shows, counts and filters decisions without header lines and findings the Decision line contradicts', async () => {
    // A page copy whose Decision line says Upheld while the summary says we will not investigate
    // for a reason other than a remedy: stored and indexed as a crawl would.
    const text = [
      'URL: https://www.lgo.org.uk/decisions/planning/planning-applications/26-990-003',
      'Northmere County Council (26 990 003)',
      'Category : Planning > Planning applications',
      'Decision : Upheld',
      'Decision date : 05 Mar 2026',
      "The Ombudsman's final decision:",
      'Summary: We will not investigate Mr K’s complaint about a neighbour’s extension because he could appeal to the Planning Inspectorate.',
    ].join('\n');
    const record = parseDecisionText(text);
    expect(record.findingConflict?.rule).toBe('F-UPHELD-NOT-INVESTIGATED');
    const { hash } = services.archive.storePage({
      url: record.url,
      kind: 'decision',
      status: 200,
      body: Buffer.from(text),
      contentType: 'text/plain; charset=utf-8',
      refKey: record.refKey,
    });
    services.archive.saveDecision(record, hash);
    await services.indexRecords([record]);

    const stats = await api<{ total: { headerIncomplete: number; findingConflicts: number } }>('/api/stats');
    expect(stats.total.headerIncomplete).toBeGreaterThan(0);
    expect(stats.total.findingConflicts).toBe(1);

    // The status page counts both and links each to the search that lists them.
    const status = await open('/status');
    await status.waitForSelector('#quality-heading');
    const links = status.locator('section[aria-labelledby="quality-heading"] a');
    expect(await links.nth(0).textContent()).toContain(`${stats.total.headerIncomplete} decision`);
    expect(await links.nth(1).textContent()).toBe('1 finding conflict');
    await links.nth(0).click();
    await status.waitForFunction(
      (n) => document.querySelector('#count')?.textContent === `${n} decision${n === 1 ? '' : 's'}`,
      stats.total.headerIncomplete,
    );
    expect(await status.locator('#headerComplete').isChecked()).toBe(true);
    expect(await status.locator('#hits .outcome-not-stated').count()).toBeGreaterThan(0);
    await status.close();

    // A header-less decision says what its page does not state.
    const { hits } = await api('/api/search?headerComplete=false&limit=1');
    const bare = await open(`/decisions/${hits[0]!.refKey}`);
    await bare.waitForSelector('.header-incomplete');
    const facts = await bare.locator('header.decision-header dl.facts').textContent();
    expect(facts).toContain('not stated on the page');
    expect(facts).toContain('(read from the page address)');
    await bare.screenshot({ path: `${ARTIFACTS}/web-decision-header-incomplete.png`, fullPage: true });
    await bare.close();

    // The conflict: both readings, the sentence behind the text's, and which one is kept.
    const page = await open('/?findingConflict=true');
    await page.waitForFunction(() => document.querySelector('#count')?.textContent === '1 decision');
    await page.locator('#hits a').first().click();
    await page.waitForSelector('.finding-conflict');
    const note = await page.locator('.finding-conflict').textContent();
    expect(note).toContain('The page says “Upheld”');
    expect(note).toContain('rule F-UPHELD-NOT-INVESTIGATED');
    await page.locator('#fact-conflict').click();
    await page.waitForSelector('mark.evidence-hl');
    expect((await page.locator('mark.evidence-hl').allTextContents()).join('')).toBe(
      record.findingConflict?.textEvidence?.text,
    );
    await page.screenshot({ path: `${ARTIFACTS}/web-decision-conflict.png`, fullPage: true });
    await page.close();
  });

  it('raised no script errors and no Content-Security-Policy violations', () => {
    expect(problems).toEqual([]);
  });
});
