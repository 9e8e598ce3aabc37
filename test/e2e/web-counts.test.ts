/**
 * Issue #14 in a real browser (Debian's Chromium through playwright-core), desktop 1280 px and
 * phone 390 px, against the real stack (replica → crawl → archive → Meilisearch → API + web):
 *  15. the search page offers every download (decisions CSV, payments CSV, NDJSON, SQLite) with the
 *      on-screen filters and sort; the CSV starts with a UTF-8 BOM and holds the on-screen total;
 *  11. facets are "any of": ticking a value keeps the others, each counted with every other filter;
 *  10. every figure of the organisation page's per-year, per-quarter and comparison tables links to
 *      the search that produced it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../crawler/index.js';
import { CHROMIUM, chromiumMissing, requireNothingMissing, skipUnless } from '../helpers/requirements.js';
import { type ServedReplica, serveCrawledReplica } from '../helpers/served-replica.js';
import { tempDir } from '../helpers/tmp.js';

const DECISIONS = 300;
const ARTIFACTS = 'test-artifacts';
const WIDTHS = [1280, 390] as const;

declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
};

interface SearchJson {
  total: number;
  facets: Record<string, Record<string, number>>;
}
interface StatsTotal {
  decisions: number;
  upheld: number;
  faultFound: number;
  withPayment: number;
  remedyTotal: number;
  medianDelayDays: number | null;
}
interface StatsJson {
  total: StatsTotal;
  groups: (StatsTotal & { key: string | number })[];
}

const num = (t: string | null) => Number((t ?? '').replace(/[^0-9.]/g, '') || 'NaN');
/** The leading count of a cell such as "12 (40%)". */
const lead = (t: string | null) => Number(/^[\d,]+/.exec((t ?? '').trim())?.[0].replace(/,/g, '') ?? 'NaN');

describe.skipIf(skipUnless(chromiumMissing()))('issue #14 web figures in Chromium', () => {
  const tmp = tempDir();
  let stack: ServedReplica | undefined;
  let base: string;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    requireNothingMissing(chromiumMissing());
    mkdirSync(ARTIFACTS, { recursive: true });
    // The tests check hundreds of figures against the API: no per-client rate limit.
    stack = await serveCrawledReplica({
      dataDir: tmp.dir,
      seed: 7,
      decisions: DECISIONS,
      config: { apiRateLimit: 0 },
    });
    ({ base } = stack);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    tmp.cleanup();
    expect(problems).toEqual([]);
  });

  const api = async <T = SearchJson>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  async function open(path: string, width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => problems.push(`pageerror ${path}: ${e.message}`));
    await page.goto(`${base}${path}`);
    return page;
  }

  const waitCount = (page: Page, n: number) =>
    page.waitForFunction(
      (k) => document.querySelector('#count')?.textContent === `${k} decision${k === 1 ? '' : 's'}`,
      n,
    );

  for (const width of WIDTHS) {
    it(`offers every download with the on-screen filters and sort; the CSV opens in Excel (${width} px)`, async () => {
      const filters = 'minRemedy=500&finding=fault_injustice';
      const expected = (await api(`/api/search?${filters}&limit=1`)).total;
      expect(expected).toBeGreaterThan(1);
      const page = await open(`/?${filters}&sort=remedy%3Adesc`, width);
      await waitCount(page, expected);
      for (const id of ['csv-link', 'payments-csv-link', 'ndjson-link', 'sqlite-link'])
        expect(await page.locator(`#${id}`).isVisible(), id).toBe(true);
      const onScreen = (await page.locator('#hits .remedy').allTextContents()).map(num);
      expect(onScreen.length).toBe(Math.min(20, expected));

      // The decisions CSV, downloaded by clicking: BOM, one row per decision on screen, same order.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('#csv-link').click(),
      ]);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(bytes, { columns: true, bom: true }) as Record<string, string>[];
      expect(rows.length).toBe(expected);
      expect(rows.slice(0, onScreen.length).map((r) => Number(r.remedy_total))).toEqual(onScreen);
      expect(rows.every((r) => r.finding === 'fault_injustice' && Number(r.remedy_total) >= 500)).toBe(true);

      // NDJSON: the same decisions in the same order; the payments CSV has one row per payment of them.
      const ndjsonHref = (await page.locator('#ndjson-link').getAttribute('href'))!;
      expect(ndjsonHref).toContain('sort=remedy%3Adesc');
      const nd = (await (await fetch(`${base}${ndjsonHref}`)).text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { ref: string; payments: unknown[] });
      expect(nd.map((d) => d.ref)).toEqual(rows.map((r) => r.ref));
      const payRes = await fetch(`${base}${await page.locator('#payments-csv-link').getAttribute('href')}`);
      const payBytes = Buffer.from(await payRes.arrayBuffer());
      expect([...payBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const payRows = parse(payBytes, { columns: true, bom: true }) as Record<string, string>[];
      expect(payRows.length).toBe(nd.reduce((t, d) => t + d.payments.length, 0));
      expect(payRows.length).toBeGreaterThan(0);
      expect(new Set(payRows.map((r) => r.ref))).toEqual(
        new Set(nd.filter((d) => d.payments.length).map((d) => d.ref)),
      );

      // The whole archive as SQLite.
      const sqlite = await fetch(`${base}${await page.locator('#sqlite-link').getAttribute('href')}`);
      expect(sqlite.status).toBe(200);
      expect(
        Buffer.from(await sqlite.arrayBuffer())
          .subarray(0, 16)
          .toString('latin1'),
      ).toBe('SQLite format 3\0');

      // Changing the sort on screen changes the downloads' order.
      await page.locator('#sort').selectOption('date:asc');
      await page.waitForURL(/sort=date%3Aasc/);
      expect(await page.locator('#csv-link').getAttribute('href')).toBe(
        `/api/export.csv?${filters}&sort=date%3Aasc&bom=true`,
      );
      await page.screenshot({ path: `${ARTIFACTS}/web-downloads-${width}.png`, fullPage: true });
      await page.close();
    });

    it(`facets are "any of": ticking one value keeps the others, counted with the other filters (${width} px)`, async () => {
      // The largest category, so that its decisions have several outcomes and findings.
      const categories = (await api('/api/search?limit=1')).facets.category!;
      const [category] = Object.entries(categories).sort((x, y) => y[1] - x[1])[0]!;
      const cat = `category=${encodeURIComponent(category)}`;
      const withCategory = (await api(`/api/search?${cat}&limit=1`)).facets.outcome!;
      const ranked = Object.entries(withCategory).sort((x, y) => y[1] - x[1]);
      expect(ranked.length).toBeGreaterThan(2);
      const [a, na] = ranked[0]!;
      const [b, nb] = ranked[1]!;
      expect(nb).toBeGreaterThan(0);
      const page = await open(`/?${cat}&outcome=${encodeURIComponent(a)}`, width);
      await waitCount(page, na);
      const shownCounts = async (facet: string) =>
        Object.fromEntries(
          await page
            .locator(`#facet-${facet} li`)
            .evaluateAll((lis) =>
              lis.map((li) => {
                const l = li as unknown as {
                  querySelector(s: string): { value?: string; textContent: string | null } | null;
                };
                return [
                  l.querySelector('input')?.value ?? '',
                  l.querySelector('.facet-count')?.textContent ?? '',
                ] as const;
              }),
            )
            .then((pairs) => pairs.map(([k, v]) => [k, Number(v.replace(/,/g, ''))])),
        );
      // Outcome is counted without its own filter: every alternative stays, as the API counts it.
      const outcome = await shownCounts('outcome');
      expect(Object.keys(outcome).length).toBeGreaterThan(1);
      for (const [k, n] of Object.entries(outcome)) expect(n, k).toBe(withCategory[k]);
      // Category is counted with the outcome filter (and not its own).
      const withOutcome = (await api(`/api/search?outcome=${encodeURIComponent(a)}&limit=1`)).facets
        .category!;
      const shownCategories = await shownCounts('category');
      for (const [k, n] of Object.entries(shownCategories)) expect(n, k).toBe(withOutcome[k]);
      expect(Object.keys(shownCategories).length).toBeGreaterThan(1);
      // A facet without a ticked value counts with every filter: finding within category and outcome.
      const both = (await api(`/api/search?${cat}&outcome=${encodeURIComponent(a)}&limit=1`)).facets.finding!;
      for (const [k, n] of Object.entries(await shownCounts('finding'))) expect(n, k).toBe(both[k]);

      // Ticking the second outcome too gives either of them.
      // On a phone the filters start folded: open them as a person would.
      if (!(await page.locator('#facet-outcome').isVisible()))
        await page.locator('#filters > summary').click();
      await page.locator(`#facet-outcome input[value="${b}"]`).check();
      await waitCount(page, na + nb);
      expect(new URL(page.url()).searchParams.getAll('outcome').sort()).toEqual([a, b].sort());
      expect(await page.locator(`#facet-outcome input[value="${a}"]`).isChecked()).toBe(true);
      const stats = await api<StatsJson>(
        `/api/stats?groupBy=none&${cat}&outcome=${encodeURIComponent(a)}&outcome=${encodeURIComponent(b)}`,
      );
      expect(stats.total.decisions).toBe(na + nb);
      expect(await shownCounts('outcome')).toEqual(outcome);
      await page.screenshot({ path: `${ARTIFACTS}/web-facets-any-of-${width}.png`, fullPage: true });
      await page.close();
    });

    it(`links every figure of the organisation tables to the search that produced it (${width} px)`, async () => {
      const county = (await api<StatsJson>('/api/stats?groupBy=organisation')).groups.find((g) =>
        / County Council$/.test(String(g.key)),
      )!;
      const name = String(county.key);
      const page = await open(`/organisations/${encodeURIComponent(name)}`, width);
      await page.waitForSelector('table.per-year');
      await page.waitForSelector('table.peers');

      /** Every linked cell of a table: its text, its column heading and its link. */
      const cells = (table: string) =>
        page.locator(`${table} tbody td a`).evaluateAll((as) =>
          as.map((a) => {
            const x = a as unknown as {
              textContent: string;
              getAttribute(n: string): string;
              closest(s: string): {
                cellIndex: number;
                closest(s: string): { tHead: { rows: { cells: { textContent: string }[] }[] } };
              };
            };
            const td = x.closest('td');
            const head = td.closest('table').tHead.rows[0]!.cells[td.cellIndex]!.textContent;
            return { text: x.textContent, head, href: x.getAttribute('href') };
          }),
        );
      /** The figure the API gives for a cell's search, in the cell's own terms. */
      const check = async (c: { text: string; head: string; href: string }) => {
        expect(c.href, c.head).toMatch(/^\/\?/);
        const params = new URLSearchParams(c.href.slice(2));
        params.delete('sort');
        const t = (await api<StatsJson>(`/api/stats?groupBy=none&${params}`)).total;
        const search = (await api(`/api/search?${params}&limit=1`)).total;
        expect(search, c.href).toBe(t.decisions);
        if (c.head === 'Decisions') expect(lead(c.text), c.href).toBe(t.decisions);
        else if (c.head === 'Upheld' && !c.text.endsWith('%')) expect(lead(c.text), c.href).toBe(t.decisions);
        else if (c.head === 'Upheld') expect(t.upheld, c.href).toBe(t.decisions);
        else if (c.head === 'Fault found' && !c.text.endsWith('%'))
          expect(lead(c.text), c.href).toBe(t.decisions);
        else if (c.head === 'Fault found') expect(t.faultFound, c.href).toBe(t.decisions);
        else if (c.head === 'With payment') expect(lead(c.text), c.href).toBe(t.decisions);
        else if (c.head === 'Remedy total') expect(num(c.text), c.href).toBe(t.remedyTotal);
        else if (c.head === 'Median longest delay (any)')
          expect(lead(c.text), c.href).toBe(Math.round(t.medianDelayDays!));
      };
      const perYear = await cells('table.per-year');
      expect(perYear.length).toBeGreaterThan(3);
      for (const c of perYear) await check(c);
      const peers = await cells('table.peers');
      expect(new Set(peers.map((c) => c.head))).toContain('Upheld');
      for (const c of peers.filter((p) =>
        ['Decisions', 'Upheld', 'Fault found', 'With payment', 'Remedy total'].includes(p.head),
      ))
        await check(c);
      // Per quarter: a quarter's cells search its three months.
      await page.locator('#period').selectOption('quarter');
      await page.waitForSelector('table.per-quarter');
      const quarters = await cells('table.per-quarter');
      expect(quarters.some((c) => /from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-(28|29|30|31)/.test(c.href))).toBe(
        true,
      );
      for (const c of quarters.filter((q) => q.head === 'Decisions' || q.head === 'Upheld')) await check(c);
      await page.screenshot({ path: `${ARTIFACTS}/web-organisation-links-${width}.png`, fullPage: true });

      // Following a link: the search page shows the figure's count.
      const decisionsCell = perYear.find((c) => c.head === 'Upheld' && lead(c.text) > 0)!;
      await page.locator('#period').selectOption('year');
      await page.locator(`table.per-year a[href="${decisionsCell.href}"]`).first().click();
      await page.waitForURL((u) => u.pathname === '/');
      await waitCount(page, lead(decisionsCell.text));
      await page.close();
    });
  }
});
