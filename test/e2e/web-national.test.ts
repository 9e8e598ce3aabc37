/**
 * Issue #14 point 12, the national view, in a real browser (Debian's Chromium through
 * playwright-core) at 1280 and 390 px against the real stack (replica → crawl → archive →
 * Meilisearch → API + web):
 *  - GET /api/national's figures agree with straight SQL over the archive's decision_facts;
 *  - every search link of the answer lists exactly its figure's count (/api/search, the count the
 *    search page shows), and following links on the page shows that count;
 *  - the page's tables show the API's figures, the charts draw, and nothing scrolls sideways on a phone;
 *  - `lgsco national` prints the same figures (--json: the same answer; the text tables: the same rows).
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, useBrowserStack } from '../helpers/browser-stack.js';
import { runCli } from '../helpers/cli.js';
import { chromiumMissing, skipUnless } from '../helpers/requirements.js';

const DECISIONS = 240;
const WIDTHS = [1280, 390] as const;

declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  documentElement: { scrollWidth: number; clientWidth: number };
};

type Links = Record<
  'decisions' | 'withPayment' | 'upheld' | 'upheldWithoutPayment' | 'remedyMax',
  string | null
>;
interface Row {
  decisions: number;
  withPayment: number;
  remedyTotal: number;
  remedyMedian: number | null;
  remedyMean: number | null;
  remedyMax: number | null;
  remedyMaxRef: string | null;
  upheld: number;
  upheldWithoutPayment: number;
  upheldWithoutPaymentShare: number | null;
  search: Links;
}
interface National {
  rankBy: string;
  total: Row;
  categories: (Row & { category: string; subcategories: (Row & { subcategory: string | null })[] })[];
  years: (Row & { year: number | null })[];
}

/** The number in a cell such as "£1,250.50" or "1,024"; NaN for a dash. */
const num = (t: string | null) => Number((t ?? '').replace(/[£,\s]/g, '') || 'NaN');
const money = (v: number | null) => (v === null ? Number.NaN : v);
/** A row's remedy columns as the page orders them. */
const figures = (r: Row) => [
  r.remedyTotal,
  money(r.remedyMedian),
  money(r.remedyMean),
  money(r.remedyMax),
  r.withPayment,
  r.decisions,
];

describe.skipIf(skipUnless(chromiumMissing()))('national view (issue #14 point 12) in Chromium', () => {
  const web = useBrowserStack({ seed: 11, decisions: DECISIONS, config: { apiRateLimit: 0 } });
  const { api } = web;
  let national: National;

  beforeAll(async () => {
    national = await api<National>('/api/national');
  });

  /** What the search page counts for a link: /api/search's total for the same parameters. */
  const searchCount = async (href: string) =>
    (await api<{ total: number }>(`/api/search?${href.replace(/^\/\??/, '')}&limit=1&facets=none`)).total;

  it('agrees with straight SQL over the archive, and every link lists exactly its figure', async () => {
    const db = new BetterSqlite3(web.stack.services.archive.file, { readonly: true });
    try {
      const one = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as T;
      const all = <T>(sql: string) => db.prepare(sql).all() as T[];
      const t = one<{ n: number; paid: number; pence: number; upheld: number; unpaid: number }>(
        `SELECT COUNT(*) n, SUM(remedy_total > 0) paid, SUM(CAST(ROUND(remedy_total * 100) AS INTEGER)) pence,
                SUM(COALESCE(outcome = 'Upheld', 0)) upheld, SUM(COALESCE(outcome = 'Upheld', 0) AND remedy_total = 0) unpaid
         FROM decision_facts`,
      );
      expect(national.total).toMatchObject({
        decisions: t.n,
        withPayment: t.paid,
        remedyTotal: t.pence / 100,
        upheld: t.upheld,
        upheldWithoutPayment: t.unpaid,
      });
      expect(t.unpaid).toBeGreaterThan(0);
      // The largest remedy of each category, and its ranking by total.
      const cats = all<{ category: string; pence: number; max: number; n: number }>(
        `SELECT category, SUM(CAST(ROUND(remedy_total * 100) AS INTEGER)) pence, MAX(remedy_total) max, COUNT(*) n
         FROM decision_facts GROUP BY category ORDER BY pence DESC, n DESC, category`,
      );
      expect(national.categories.map((c) => [c.category, c.remedyTotal, c.decisions])).toEqual(
        cats.map((c) => [c.category, c.pence / 100, c.n]),
      );
      for (const c of national.categories)
        expect(c.remedyMax ?? 0).toBe(cats.find((x) => x.category === c.category)!.max);
      // Per year: the median remedy of the decisions with a payment, and the upheld without one.
      const years = all<{ y: number | null; upheld: number; unpaid: number }>(
        `SELECT decision_year y, SUM(COALESCE(outcome = 'Upheld', 0)) upheld, SUM(COALESCE(outcome = 'Upheld', 0) AND remedy_total = 0) unpaid
         FROM decision_facts GROUP BY decision_year ORDER BY decision_year IS NULL, decision_year`,
      );
      expect(national.years.map((y) => [y.year, y.upheld, y.upheldWithoutPayment])).toEqual(
        years.map((y) => [y.y, y.upheld, y.unpaid]),
      );
      for (const y of national.years) {
        if (y.year === null) continue;
        const sums = (
          db
            .prepare('SELECT remedy_total FROM decision_facts WHERE decision_year = ? AND remedy_total > 0')
            .pluck()
            .all(y.year) as number[]
        ).sort((a, b) => a - b);
        const m = sums.length >> 1;
        const median = sums.length === 0 ? null : sums.length % 2 ? sums[m]! : (sums[m - 1]! + sums[m]!) / 2;
        expect(y.remedyMedian, String(y.year)).toBe(median === null ? null : Math.round(median * 100) / 100);
      }
    } finally {
      db.close();
    }

    // Every link of every row: the search finds exactly the figure's count.
    const rows: [string, Row][] = [
      ['total', national.total],
      ...national.categories.flatMap((c): [string, Row][] => [
        [c.category, c],
        ...c.subcategories.map((s): [string, Row] => [`${c.category} / ${s.subcategory}`, s]),
      ]),
      ...national.years.map((y): [string, Row] => [String(y.year), y]),
    ];
    let checked = 0;
    for (const [what, r] of rows) {
      for (const [link, figure] of [
        ['decisions', r.decisions],
        ['withPayment', r.withPayment],
        ['upheld', r.upheld],
        ['upheldWithoutPayment', r.upheldWithoutPayment],
      ] as const) {
        const href = r.search[link];
        if (href === null) continue;
        expect(await searchCount(href), `${what}: ${link} ${href}`).toBe(figure);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  const open = (path: string, width: number) => web.open(path, width);

  const waitCount = (page: Page, n: number) =>
    page.waitForFunction(
      (k) => document.querySelector('#count')?.textContent === `${k} decision${k === 1 ? '' : 's'}`,
      n,
      { timeout: 30_000 },
    );

  for (const width of WIDTHS) {
    it(`shows the API's figures, draws the charts and links each figure to its search (${width} px)`, async () => {
      const page = await open('/national', width);
      await page.locator('#categories').waitFor({ timeout: 30_000 });
      expect(await page.locator('nav a[aria-current="page"]').getAttribute('href')).toBe('/national');

      // The categories table: one row per category, then its subcategories, in the API's order.
      const body = page.locator('#categories tbody tr');
      const expected = national.categories.flatMap((c) => [
        [c.category, c],
        ...c.subcategories.map((s) => [s.subcategory ?? '(no subcategory)', s] as const),
      ]) as [string, Row][];
      expect(await body.count()).toBe(expected.length);
      for (const [i, [name, r]] of expected.entries()) {
        const cells = await body.nth(i).locator('th, td').allTextContents();
        expect(cells[0]).toBe(name);
        expect(cells.slice(1).map(num)).toEqual(figures(r));
      }
      // The years table and the upheld-without-payment table.
      const years = page.locator('#years tbody tr');
      const unpaid = page.locator('#unpaid tbody tr');
      expect(await years.count()).toBe(national.years.length);
      for (const [i, y] of national.years.entries()) {
        const cells = await years.nth(i).locator('th, td').allTextContents();
        expect(cells[0]).toBe(y.year === null ? 'No date stated' : String(y.year));
        expect(cells.slice(1).map(num)).toEqual(figures(y));
        const u = await unpaid.nth(i).locator('th, td').allTextContents();
        expect(u.slice(1, 3).map(num)).toEqual([y.upheld, y.upheldWithoutPayment]);
      }
      // Upheld without a payment by category: the categories with an upheld decision, highest share first.
      const byCategory = national.categories
        .filter((c) => c.upheld > 0)
        .sort(
          (a, b) =>
            (b.upheldWithoutPaymentShare ?? 0) - (a.upheldWithoutPaymentShare ?? 0) ||
            b.upheld - a.upheld ||
            a.category.localeCompare(b.category),
        );
      const unpaidCats = page.locator('#unpaid-categories tbody tr');
      expect(await unpaidCats.count()).toBe(byCategory.length);
      for (const [i, c] of byCategory.entries()) {
        const cells = await unpaidCats.nth(i).locator('th, td').allTextContents();
        expect(cells[0]).toBe(c.category);
        expect(cells.slice(1, 3).map(num)).toEqual([c.upheld, c.upheldWithoutPayment]);
      }
      // The charts draw (uPlot canvases with a size), their legends show values.
      for (const id of ['chart-total', 'chart-typical', 'chart-unpaid']) {
        const box = await page.locator(`#${id} canvas`).boundingBox();
        expect(box?.width ?? 0, id).toBeGreaterThan(200);
        expect(box?.height ?? 0, id).toBeGreaterThan(100);
      }
      // Nothing scrolls sideways (wide tables scroll inside their own box).
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${ARTIFACTS}/national-${width}.png`, fullPage: true });

      // Following links: upheld without a payment (overall), the top category's remedy total, a
      // year's decisions — each search shows the figure's count.
      const follow = async (selector: string, n: number, href: string | null) => {
        const link = page.locator(selector).first();
        expect(await link.getAttribute('href'), selector).toBe(href);
        await link.click();
        await waitCount(page, n);
        await page.goBack();
        await page.locator('#categories').waitFor({ timeout: 30_000 });
      };
      const t = national.total;
      await follow('#unpaid-summary a', t.upheldWithoutPayment, t.search.upheldWithoutPayment);
      const top = national.categories[0]!;
      await follow(
        '#categories tbody tr.category td:nth-child(2) a',
        top.withPayment,
        top.search.withPayment,
      );
      const y = national.years.find((x) => x.year !== null)!;
      await follow('#years tbody tr td:nth-child(7) a', y.decisions, y.search.decisions);
      await page.close();
    });
  }

  it('lgsco national prints the same figures, with the same filters', async () => {
    const env = { DATA_DIR: web.dir, LOG_LEVEL: 'silent' };
    const json = await runCli(
      ['national', '--json', '--from', '2020-01-01', '--rank-by', 'remedyMedian'],
      env,
    );
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(
      await api<National>('/api/national?from=2020-01-01&rankBy=remedyMedian'),
    );
    const text = await runCli(['national'], env);
    expect(text.code).toBe(0);
    const t = national.total;
    expect(text.stdout).toContain(
      `${t.upheldWithoutPayment} of ${t.upheld} upheld decisions (${((t.upheldWithoutPaymentShare ?? 0) * 100).toFixed(1)}%) carry no payment`,
    );
    const lines = text.stdout.split('\n');
    for (const c of national.categories) {
      const line = lines.find((l) => l.startsWith(`${c.category}  `));
      expect(line, c.category).toBeDefined();
      expect(
        line!
          .trim()
          .split(/\s{2,}/)
          .slice(1, 3),
      ).toEqual([String(c.decisions), String(c.withPayment)]);
    }
    const help = await runCli(['national', '--help'], env);
    expect(help.stdout).toContain('--rank-by');
    expect(help.stdout).toContain('--organisation-kind');
  });

  it('narrows by the form, ranking by median (1280 px)', async () => {
    const page = await open('/national', 1280);
    await page.locator('#categories').waitFor({ timeout: 30_000 });
    const from = `${national.years.find((x) => x.year !== null)!.year! + 1}-01-01`;
    await page.locator('#from').fill(from);
    await page.locator('#rankBy').selectOption('remedyMedian');
    await page.locator('#national-form button[type="submit"]').click();
    await page.waitForURL(/rankBy=remedyMedian/);
    await page.locator('#categories').waitFor({ timeout: 30_000 });
    const narrowed = await api<National>(`/api/national?from=${from}&rankBy=remedyMedian`);
    expect(narrowed.total.decisions).toBeLessThan(national.total.decisions);
    const first = await page.locator('#categories tbody tr.category th').allTextContents();
    expect(first).toEqual(narrowed.categories.map((c) => c.category));
    expect(num(await page.locator('#headline li').first().locator('.value').textContent())).toBe(
      narrowed.total.decisions,
    );
    await page.close();
  });
});
