/**
 * Issue #14 point 9 in a real browser (Debian's Chromium through playwright-core), desktop 1280 px
 * and phone 390 px, against the real stack (replica → crawl → archive → Meilisearch → API + web):
 * the organisation page narrowed to one subcategory, per quarter ("a county council, special
 * educational needs only, per quarter"), opened from its address and through its own control.
 * Every expected figure is computed here straight from the archive's SQLite `decisions` table
 * (header columns and the stored record's remedyTotal), not through /api/stats.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, useBrowserStack } from '../helpers/browser-stack.js';
import { chromiumMissing, skipUnless } from '../helpers/requirements.js';

const DECISIONS = 400;
const WIDTHS = [1280, 390] as const;
/** The subcategory of the user stories; another is taken only if no county council has enough. */
const PREFERRED = 'Special educational needs';

declare const document: {
  documentElement: { scrollWidth: number };
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): ArrayLike<unknown>;
};
declare const window: { innerWidth: number };

interface Figures {
  decisions: number;
  upheld: number;
  /** Pence, so sums are exact. */
  remedyPence: number;
}
interface DecisionRow {
  organisation: string;
  category: string;
  subcategory: string | null;
  outcome: string | null;
  decision_date: string | null;
  record_json: string;
}

const none = (): Figures => ({ decisions: 0, upheld: 0, remedyPence: 0 });
const quarterOf = (date: string | null) => {
  const m = /^(\d{4})-(\d{2})/.exec(date ?? '');
  return m ? `${m[1]}-Q${Math.floor((Number(m[2]) - 1) / 3) + 1}` : null;
};
const quarterIndex = (k: string) => Number(k.slice(0, 4)) * 4 + Number(k.slice(6)) - 1;
/** The leading count of a cell such as "12 (40%)". */
const lead = (t: string | null) => Number(/^[\d,]+/.exec((t ?? '').trim())?.[0].replace(/,/g, '') ?? 'NaN');
/** Pence of a cell such as "£12,345.50". */
const pence = (t: string | null) => Math.round(Number((t ?? '').replace(/[^0-9.]/g, '')) * 100);

describe.skipIf(skipUnless(chromiumMissing()))('organisation page narrowed to a subject, per quarter', () => {
  const web = useBrowserStack({ seed: 7, decisions: DECISIONS, config: { apiRateLimit: 0 } });
  let rows: DecisionRow[] = [];
  /** The council and subject the test narrows to. */
  let name = '';
  let category = '';
  let subcategory = '';

  beforeAll(() => {
    const db = new BetterSqlite3(join(web.dir, 'archive.sqlite'), { readonly: true });
    try {
      rows = db
        .prepare(
          'SELECT organisation, category, subcategory, outcome, decision_date, record_json FROM decisions',
        )
        .all() as DecisionRow[];
    } finally {
      db.close();
    }
    // The county council and subcategory with the most decisions (the user stories' one if it
    // has enough), among subcategories at least two county councils have.
    const pairs = new Map<string, { org: string; cat: string; sub: string; n: number }>();
    for (const r of rows)
      if (/ County Council$/.test(r.organisation) && r.subcategory) {
        const key = JSON.stringify([r.organisation, r.category, r.subcategory]);
        const p = pairs.get(key) ?? { org: r.organisation, cat: r.category, sub: r.subcategory, n: 0 };
        p.n++;
        pairs.set(key, p);
      }
    const counties = (sub: string) =>
      new Set([...pairs.values()].filter((p) => p.sub === sub).map((p) => p.org));
    const ranked = [...pairs.values()]
      .filter((p) => counties(p.sub).size >= 2)
      .sort((a, b) => b.n - a.n || a.org.localeCompare(b.org));
    const chosen = ranked.find((p) => p.sub === PREFERRED && p.n >= 8) ?? ranked[0]!;
    ({ org: name, cat: category, sub: subcategory } = chosen);
  });

  /** The archive's figures for one organisation and the subject, per quarter and in total. */
  function truth(org: string) {
    const quarters = new Map<string, Figures>();
    const total = none();
    for (const r of rows) {
      if (r.organisation !== org || r.category !== category || r.subcategory !== subcategory) continue;
      const remedy = Number((JSON.parse(r.record_json) as { remedyTotal?: number }).remedyTotal ?? 0);
      const add = (f: Figures) => {
        f.decisions++;
        if (r.outcome === 'Upheld') f.upheld++;
        f.remedyPence += Math.round(remedy * 100);
      };
      add(total);
      const q = quarterOf(r.decision_date);
      if (q) add(quarters.get(q) ?? quarters.set(q, none()).get(q)!);
    }
    return { quarters, total };
  }

  const searchTotal = async (query: string) => {
    const res = await fetch(`${web.base}/api/search?${query}&limit=1`);
    expect(res.status, query).toBe(200);
    return ((await res.json()) as { total: number }).total;
  };

  const open = (path: string, width: number) => web.open(path, width);

  const narrowedPath = () =>
    `/organisations/${encodeURIComponent(name)}?${new URLSearchParams({ category, subcategory, period: 'quarter' })}`;
  const label = () => `${name} — ${category} › ${subcategory}, per quarter`;

  /** The per-quarter table as the page shows it: per quarter, its figures and its cells' links. */
  async function quarterTable(page: Page) {
    await page.waitForSelector('table.per-quarter tbody tr');
    return page.locator('table.per-quarter').evaluate((t) => {
      const table = t as unknown as {
        tHead: { rows: { cells: ArrayLike<{ textContent: string }> }[] };
        tBodies: {
          rows: ArrayLike<{
            cells: ArrayLike<{
              textContent: string;
              querySelector(s: string): { getAttribute(n: string): string } | null;
            }>;
          }>;
        }[];
      };
      const heads = Array.from(table.tHead.rows[0]!.cells).map((c) => c.textContent);
      return Array.from(table.tBodies[0]!.rows).map((tr) => {
        const cells = Array.from(tr.cells);
        return {
          key: cells[0]!.textContent,
          cells: cells.slice(1).map((c, i) => ({
            head: heads[i + 1]!,
            text: c.textContent,
            href: c.querySelector('a')?.getAttribute('href') ?? null,
          })),
        };
      });
    });
  }

  /** Asserts everything the narrowed page shows, against the archive; returns nothing. */
  async function checkNarrowedPage(page: Page, width: number) {
    await page.waitForFunction((want) => document.querySelector('#narrowing')?.textContent === want, label());
    expect(await page.locator('h1').textContent()).toBe(name);
    expect(await page.locator('#subject-category').inputValue()).toBe(category);
    expect(await page.locator('#subject-subcategory').inputValue()).toBe(subcategory);
    expect(await page.locator('#period').inputValue()).toBe('quarter');
    const { quarters, total } = truth(name);
    expect(total.decisions).toBeGreaterThan(0);

    // The headline counts the subject's decisions only.
    expect(lead(await page.locator('.stat .value').first().textContent())).toBe(total.decisions);

    // Every quarter from the first to the last, each as the archive's decisions table has it.
    const shown = await quarterTable(page);
    const keys = [...quarters.keys()].map(quarterIndex);
    expect(shown.length).toBe(Math.max(...keys) - Math.min(...keys) + 1);
    for (const row of shown) {
      const want = quarters.get(row.key) ?? none();
      const cell = (head: string) => row.cells.find((c) => c.head === head)!;
      expect(lead(cell('Decisions').text), row.key).toBe(want.decisions);
      expect(lead(cell('Upheld').text), row.key).toBe(want.upheld);
      expect(pence(cell('Remedy total').text), row.key).toBe(want.remedyPence);
      // Each figure's link carries the subject and leads to a search of that many decisions.
      for (const c of row.cells.filter((x) => x.href)) {
        const params = new URLSearchParams(c.href!.slice(2));
        expect(params.get('category'), c.href!).toBe(category);
        expect(params.get('subcategory'), c.href!).toBe(subcategory);
        expect(params.get('organisation'), c.href!).toBe(name);
      }
      const decisionsHref = cell('Decisions').href;
      if (decisionsHref)
        expect(await searchTotal(decisionsHref.slice(2)), decisionsHref).toBe(want.decisions);
      const upheldHref = cell('Upheld').href;
      if (upheldHref) expect(await searchTotal(upheldHref.slice(2)), upheldHref).toBe(want.upheld);
    }

    // The quarterly charts draw, and their legends show the latest quarter's figures, not dashes.
    await page.waitForSelector('.charts-quarter .uplot canvas');
    const canvases = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.charts-quarter .uplot canvas')).map((x) => {
        const c = x as {
          width: number;
          height: number;
          getContext(k: '2d'): { getImageData(...a: number[]): { data: ArrayLike<number> } };
        };
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let inked = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
        return { width: c.width, height: c.height, inked };
      }),
    );
    expect(canvases.length).toBeGreaterThanOrEqual(2);
    for (const c of canvases) {
      expect(c.width).toBeGreaterThan(200);
      expect(c.inked).toBeGreaterThan(500);
    }
    const latest = shown[0]!; // newest first
    const legend = await page
      .locator('.charts-quarter .chart')
      .first()
      .locator('.u-legend .u-value')
      .allTextContents();
    const latestWant = quarters.get(latest.key) ?? none();
    expect(legend).toEqual([latest.key, String(latestWant.decisions), String(latestWant.upheld)]);

    // The comparison with councils of its kind counts the same subject: each council's decisions
    // about it, as the archive has them.
    await page.waitForSelector('table.peers tbody tr');
    expect(await page.locator('#peers-heading').textContent()).toContain(`${category} › ${subcategory}`);
    const peers = await page.locator('table.peers tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const r = tr as unknown as {
          cells: ArrayLike<{
            textContent: string;
            querySelector(s: string): { getAttribute(n: string): string } | null;
          }>;
        };
        return {
          org: r.cells[0]!.textContent,
          decisions: r.cells[1]!.textContent,
          href: r.cells[1]!.querySelector('a')?.getAttribute('href') ?? null,
        };
      }),
    );
    expect(peers.length).toBeGreaterThanOrEqual(2);
    expect(peers.map((p) => p.org)).toContain(name);
    for (const p of peers) {
      expect(lead(p.decisions), p.org).toBe(truth(p.org).total.decisions);
      const params = new URLSearchParams(p.href!.slice(2));
      expect(params.get('subcategory'), p.org).toBe(subcategory);
    }

    if (width === 390)
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        'no sideways scroll at 390 px',
      ).toBe(true);
  }

  it('opens narrowed to a subcategory named without its category (the address README gives)', async () => {
    const page = await open(
      `/organisations/${encodeURIComponent(name)}?${new URLSearchParams({ subcategory, period: 'quarter' })}`,
      1280,
    );
    await page.waitForFunction(
      (want) => document.querySelector('#narrowing')?.textContent === want,
      `${name} — ${subcategory}, per quarter`,
    );
    const want = rows.filter((r) => r.organisation === name && r.subcategory === subcategory).length;
    await page.waitForSelector('table.per-quarter tbody tr');
    expect(lead(await page.locator('.stat .value').first().textContent())).toBe(want);
    const sum = (await quarterTable(page)).reduce(
      (t, r) => t + lead(r.cells.find((c) => c.head === 'Decisions')!.text),
      0,
    );
    const undated = rows.filter(
      (r) => r.organisation === name && r.subcategory === subcategory && !quarterOf(r.decision_date),
    ).length;
    expect(sum).toBe(want - undated);
    await page.close();
  });

  for (const width of WIDTHS) {
    it(`opens narrowed to a subcategory per quarter from its address, every figure the archive's (${width} px)`, async () => {
      const page = await open(narrowedPath(), width);
      await checkNarrowedPage(page, width);
      await page.screenshot({
        path: `${ARTIFACTS}/organisation-subcategory-per-quarter-${width}.png`,
        fullPage: true,
      });

      // Following a figure: the search page shows the same count, narrowed to the subject.
      const biggest = (await quarterTable(page))
        .map((r) => r.cells.find((c) => c.head === 'Decisions')!)
        .filter((c) => c.href)
        .sort((a, b) => lead(b.text) - lead(a.text))[0]!;
      await page.locator(`table.per-quarter a[href="${biggest.href}"]`).first().click();
      await page.waitForURL((u) => u.pathname === '/');
      const n = lead(biggest.text);
      await page.waitForFunction(
        (k) => document.querySelector('#count')?.textContent === `${k} decision${k === 1 ? '' : 's'}`,
        n,
      );
      expect(new URL(page.url()).searchParams.get('subcategory')).toBe(subcategory);
      await page.close();
    });

    it(`narrows through its own control, and the address says so (${width} px)`, async () => {
      const page = await open(`/organisations/${encodeURIComponent(name)}`, width);
      await page.waitForFunction(
        (want) => document.querySelector('#narrowing')?.textContent === want,
        `${name} — all subjects, per year`,
      );
      // The choices are this council's categories, each with its count of decisions.
      const catCount = rows.filter((r) => r.organisation === name && r.category === category).length;
      expect(await page.locator(`#subject-category option[value="${category}"]`).textContent()).toBe(
        `${category} (${catCount})`,
      );
      await page.locator('#subject-category').selectOption(category);
      await page.waitForURL((u) => u.searchParams.get('category') === category);
      await page.waitForFunction(
        (want) => document.querySelector('#narrowing')?.textContent === want,
        `${name} — ${category}, per year`,
      );
      expect(await page.locator(`#subject-subcategory option[value="${subcategory}"]`).textContent()).toBe(
        `${subcategory} (${truth(name).total.decisions})`,
      );
      await page.locator('#subject-subcategory').selectOption(subcategory);
      await page.waitForURL((u) => u.searchParams.get('subcategory') === subcategory);
      await page.waitForSelector('table.per-year');
      await page.locator('#period').selectOption('quarter');
      await page.waitForURL((u) => u.searchParams.get('period') === 'quarter');
      const url = new URL(page.url());
      expect(url.searchParams.get('category')).toBe(category);
      await checkNarrowedPage(page, width);
      await page.close();
    });
  }
});
