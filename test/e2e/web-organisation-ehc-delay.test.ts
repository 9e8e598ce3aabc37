/**
 * Issue #14, the campaign group's question ("per year and per quarter: … median EHC delay") in a
 * real browser (Debian's Chromium through playwright-core), desktop 1280 px and phone 390 px,
 * against the real stack (replica → crawl → archive → Meilisearch → API + web): the organisation
 * page's per-year and per-quarter tables carry a "Median EHC plan delay" column (each decision's
 * longest EHC plan delay, days beyond the 20-week limit), also when narrowed to a subject, each cell
 * linking to the search of those decisions; the any-kind delay column is labelled as such.
 * Expected figures come straight from the archive's SQLite `decisions` table (header columns and
 * the stored record's `delays`), not through /api/stats or the facts table.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, useBrowserStack } from '../helpers/browser-stack.js';
import { chromiumMissing, skipUnless } from '../helpers/requirements.js';

/** Seed 1 at 1,000 decisions has councils with two or more EHC plan delays in one year (a median of two). */
const DECISIONS = 1000;
const SEED = 1;
const WIDTHS = [1280, 390] as const;
const EHC = 'Median EHC plan delay';
const ANY = 'Median longest delay (any)';

declare const document: {
  documentElement: { scrollWidth: number };
  querySelector(selector: string): { textContent: string | null } | null;
};
declare const window: { innerWidth: number };

interface DecisionRow {
  organisation: string;
  category: string;
  subcategory: string | null;
  decision_date: string | null;
  record_json: string;
}
/** One decision as this test reads it from the archive. */
interface Decision {
  organisation: string;
  category: string;
  subcategory: string | null;
  date: string | null;
  /** Its longest EHC plan delay in days (beyond the 20-week limit), 0 when none. */
  ehc: number;
}
interface Cell {
  head: string;
  title: string | null;
  text: string;
  href: string | null;
}

const quarterOf = (date: string) =>
  `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
/** Exact median, written out here rather than imported. */
function middle(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}
/** What a cell shows for a median of days: "158 days", or a dash when there is none. */
const daysText = (m: number | null) => (m === null ? '—' : `${Math.round(m)} days`);

describe.skipIf(skipUnless(chromiumMissing()))(
  'organisation page: median EHC plan delay per year and quarter',
  () => {
    const web = useBrowserStack({ seed: SEED, decisions: DECISIONS, config: { apiRateLimit: 0 } });
    let decisions: Decision[] = [];
    /**
     * The organisation with the most EHC plan delays in one year (so a median of several is shown),
     * and the commonest subcategory of its EHC plan delays.
     */
    let name = '';
    let subcategory = '';

    beforeAll(() => {
      const db = new BetterSqlite3(join(web.dir, 'archive.sqlite'), { readonly: true });
      try {
        const rows = db
          .prepare('SELECT organisation, category, subcategory, decision_date, record_json FROM decisions')
          .all() as DecisionRow[];
        decisions = rows.map((r) => {
          const record = JSON.parse(r.record_json) as { delays?: { about: string; days: number | null }[] };
          const ehc = (record.delays ?? []).filter((d) => d.about === 'ehc_plan').map((d) => d.days ?? 0);
          return {
            organisation: r.organisation,
            category: r.category,
            subcategory: r.subcategory,
            date: r.decision_date,
            ehc: Math.max(0, ...ehc),
          };
        });
      } finally {
        db.close();
      }
      const tally = <K>(keys: K[]) => {
        const m = new Map<K, number>();
        for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
        return [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
      };
      const delayed = decisions.filter((d) => d.ehc > 0 && d.date !== null);
      const [busiest, most] = tally(delayed.map((d) => `${d.organisation}|${d.date!.slice(0, 4)}`))[0]!;
      expect(most, 'some organisation has two EHC plan delays in one year').toBeGreaterThanOrEqual(2);
      name = busiest.split('|')[0]!;
      subcategory = tally(
        delayed.filter((d) => d.organisation === name && d.subcategory).map((d) => d.subcategory!),
      )[0]![0];
    });

    /** Per period key, the EHC plan delays of the organisation's decisions (narrowed to the subcategory). */
    function truth(per: 'year' | 'quarter', sub: string | null) {
      const periods = new Map<string, { decisions: number; ehc: number[] }>();
      for (const d of decisions) {
        if (d.organisation !== name || (sub !== null && d.subcategory !== sub) || d.date === null) continue;
        const key = per === 'year' ? d.date.slice(0, 4) : quarterOf(d.date);
        const p = periods.get(key) ?? periods.set(key, { decisions: 0, ehc: [] }).get(key)!;
        p.decisions++;
        if (d.ehc > 0) p.ehc.push(d.ehc);
      }
      return periods;
    }

    const open = (path: string, width: number) => web.open(path, width);

    /** The table's rows: the period and its cells (heading, heading's title, text, link). */
    async function table(page: Page, selector: string) {
      await page.waitForSelector(`${selector} tbody tr`);
      return page.locator(selector).evaluate((t) => {
        type El = {
          textContent: string;
          getAttribute(n: string): string | null;
          querySelector(s: string): El | null;
        };
        const tab = t as unknown as {
          tHead: { rows: { cells: ArrayLike<El> }[] };
          tBodies: { rows: ArrayLike<{ cells: ArrayLike<El> }> }[];
        };
        const heads = Array.from(tab.tHead.rows[0]!.cells);
        return Array.from(tab.tBodies[0]!.rows).map((tr) => {
          const cells = Array.from(tr.cells);
          return {
            key: cells[0]!.textContent.trim(),
            cells: cells.slice(1).map((c, i) => ({
              head: heads[i + 1]!.textContent,
              title: heads[i + 1]!.getAttribute('title'),
              text: c.textContent.trim(),
              href: c.querySelector('a')?.getAttribute('href') ?? null,
            })),
          };
        });
      });
    }

    /**
     * Compares every row's EHC column with the archive; returns the cells with a link, the period
     * with most EHC plan delays first.
     */
    function compare(
      shown: { key: string; cells: Cell[] }[],
      periods: Map<string, { decisions: number; ehc: number[] }>,
      what: string,
    ) {
      expect(shown.map((r) => r.key)).toEqual(expect.arrayContaining([...periods.keys()]));
      const linked: { key: string; cell: Cell; count: number }[] = [];
      for (const row of shown) {
        const ehc = row.cells.find((c) => c.head === EHC);
        expect(ehc, `${what} ${row.key}`).toBeDefined();
        expect(ehc!.title, 'the heading says what is counted').toMatch(/beyond the 20-week limit/);
        const any = row.cells.find((c) => c.head === ANY);
        expect(any?.title, 'the any-kind column says what it counts').toMatch(/of any kind/);
        const delays = periods.get(row.key)?.ehc ?? [];
        expect(ehc!.text, `${what} ${row.key}`).toBe(daysText(middle(delays)));
        if (delays.length === 0) expect(ehc!.href, `${what} ${row.key}: a dash links nowhere`).toBeNull();
        else {
          expect(ehc!.href, `${what} ${row.key}`).not.toBeNull();
          linked.push({ key: row.key, cell: ehc!, count: delays.length });
        }
      }
      expect(linked.length, `${what}: some period has an EHC plan delay`).toBeGreaterThan(0);
      return linked.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    }

    /** The cell's link counts, in the API and on the search page it opens, the decisions behind it. */
    async function followLink(
      page: Page,
      link: { key: string; cell: Cell; count: number },
      sub: string | null,
    ) {
      const href = link.cell.href!;
      const params = new URLSearchParams(href.slice(href.indexOf('?') + 1));
      expect(params.get('organisation')).toBe(name);
      expect(params.get('delaySubject')).toBe('ehc_plan');
      expect(params.get('subcategory')).toBe(sub);
      if (/^\d{4}$/.test(link.key)) expect(params.get('year')).toBe(link.key);
      else expect(params.get('from')?.slice(0, 4)).toBe(link.key.slice(0, 4));
      const res = await fetch(`${web.base}/api/search?${params}&limit=1`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { total: number }).total, href).toBe(link.count);
      await page.locator(`a[href="${href}"]`).first().click();
      await page.waitForFunction(
        (k) => document.querySelector('#count')?.textContent === `${k} decision${k === 1 ? '' : 's'}`,
        link.count,
        { timeout: 60_000 },
      );
      expect(new URL(page.url()).searchParams.get('delaySubject')).toBe('ehc_plan');
    }

    for (const width of WIDTHS) {
      it(`per year, all subjects: the EHC plan delay column is the archive's median, and links to its decisions (${width} px)`, async () => {
        const page = await open(`/organisations/${encodeURIComponent(name)}`, width);
        const shown = await table(page, 'table.per-year');
        const linked = compare(shown, truth('year', null), 'year');
        // The busiest year's median is of two or more delays (for two, their mean).
        expect(linked[0]!.count).toBeGreaterThanOrEqual(2);
        // Under the table, the two delay columns are explained (a phone shows no heading title).
        const note = (await page.locator('.delay-note').textContent()) ?? '';
        expect(note).toContain(EHC);
        expect(note).toContain('beyond the 20-week limit');
        expect(await page.locator('.delay-note').isVisible()).toBe(true);
        // The page itself does not scroll sideways; the table scrolls in its own box.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
          true,
        );
        await page.screenshot({
          path: `${ARTIFACTS}/organisation-ehc-delay-year-${width}.png`,
          fullPage: true,
        });
        await followLink(page, linked[0]!, null);
        await page.close();
      }, 120_000);
    }

    it('per quarter, narrowed to a subcategory: the same column counts that subject only, and its links keep the narrowing (1280 px)', async () => {
      const path = `/organisations/${encodeURIComponent(name)}?${new URLSearchParams({ subcategory, period: 'quarter' })}`;
      const page = await open(path, 1280);
      const periods = truth('quarter', subcategory);
      const shown = await table(page, 'table.per-quarter');
      const linked = compare(shown, periods, `quarter (${subcategory})`);
      // Narrowed, a quarter never counts more EHC plan delays than the whole organisation has.
      const all = truth('quarter', null);
      for (const [k, p] of periods) expect(p.ehc.length).toBeLessThanOrEqual(all.get(k)!.ehc.length);
      await page.screenshot({ path: `${ARTIFACTS}/organisation-ehc-delay-quarter-1280.png`, fullPage: true });
      await followLink(page, linked[0]!, subcategory);
      await page.close();
    }, 120_000);
  },
);
