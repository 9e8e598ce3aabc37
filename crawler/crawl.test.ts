import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.js';
import { SearchShellError } from '../core/errors.js';
import { silentLogger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { type MiniSite, startMiniSite } from '../test/helpers/mini-site.js';
import { tempDir } from '../test/helpers/tmp.js';
import { type CrawlOptions, runCrawl } from './crawl.js';
import { listingUrl, monthlyWindows, splitWindow } from './discovery.js';

/** n dates spread over [from, from + days). */
function spread(n: number, from: string, days: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) =>
    new Date(start + Math.floor((i * days) / n) * 86_400_000).toISOString().slice(0, 10),
  );
}

describe('discovery windows', () => {
  it('makes calendar-month windows, oldest first, with partial first and last months', () => {
    const ws = monthlyWindows('2024-01-15', '2024-04-10');
    expect(ws.map((w) => [w.key, w.from, w.to])).toEqual([
      ['2024-01-15..2024-01-31', '2024-01-15', '2024-01-31'],
      ['2024-02', '2024-02-01', '2024-02-29'],
      ['2024-03', '2024-03-01', '2024-03-31'],
      ['2024-04-01..2024-04-10', '2024-04-01', '2024-04-10'],
    ]);
    expect(monthlyWindows('2016-01-01', '2026-11-23')).toHaveLength(131);
    expect(monthlyWindows('2024-02-01', '2024-02-29', 'Derby City Council')[0]!.key).toBe(
      'aname=Derby City Council|2024-02',
    );
    expect(() => monthlyWindows('2024-02-02', '2024-02-01')).toThrow(/after/);
  });

  it('splits a window in halves down to a single day', () => {
    const [a, b] = splitWindow({ key: '2024-03', from: '2024-03-01', to: '2024-03-31' })!;
    expect([a.from, a.to, b.from, b.to]).toEqual(['2024-03-01', '2024-03-15', '2024-03-16', '2024-03-31']);
    const [c, d] = splitWindow({ key: 'x', from: '2024-03-01', to: '2024-03-02' })!;
    expect([c.to, d.from]).toEqual(['2024-03-01', '2024-03-02']);
    expect(splitWindow({ key: 'x', from: '2024-03-01', to: '2024-03-01' })).toBeNull();
  });

  it('builds listing URLs from the source profile', () => {
    expect(
      listingUrl('https://www.lgo.org.uk', { from: '2024-03-01', to: '2024-03-31' }, 2, 'A & B Council'),
    ).toBe(
      'https://www.lgo.org.uk/Decisions/SearchResults?fd=2024-03-01&td=2024-03-31&aname=A+%26+B+Council&sortOrder=descending&page=2',
    );
  });
});

describe('runCrawl (mini site)', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(siteOptions: Parameters<typeof startMiniSite>[0]) {
    const site = await startMiniSite(siteOptions);
    const tmp = tempDir('lgsco-crawl-');
    const archive = Archive.open(tmp.dir);
    cleanups.push(
      () => site.close(),
      () => tmp.cleanup(),
      () => archive.close(),
    );
    const crawl = (extra: Partial<CrawlOptions> = {}) =>
      runCrawl({
        config: {
          baseUrl: site.url,
          userAgent: 'lgsco-archive/test',
          rate: 500,
          concurrency: 4,
          // Generous: on a loaded machine a slow reply must not be retried (this test counts requests).
          timeoutMs: 60_000,
          maxTries: 2,
        },
        archive,
        log: silentLogger,
        from: '2024-01-01',
        to: '2024-06-30',
        httpOptions: { backoffBaseMs: 5, backoffCapMs: 20 },
        ...extra,
      });
    return { site, archive, crawl };
  }

  const keysOf = (site: MiniSite) => site.decisions.map((d) => d.refKey).sort();

  it('archives every listed decision exactly once, then fetches nothing on a second crawl', async () => {
    const { site, archive, crawl } = await setup({ dates: spread(57, '2024-01-01', 180) });
    const batches: Decision[][] = [];
    const first = await crawl({ onRecords: async (r) => void batches.push(r), batchSize: 20 });
    expect(first).toMatchObject({
      windows: 6,
      discovered: 57,
      fetched: 57,
      saved: 57,
      quarantined: 0,
      failed: 0,
      pending: 0,
    });
    expect(new Set(site.decisionRequests()).size).toBe(57);
    expect(site.decisionRequests()).toHaveLength(57);
    expect([...archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual(keysOf(site));
    expect(
      batches
        .flat()
        .map((d) => d.refKey)
        .sort(),
    ).toEqual(keysOf(site));
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(20);
    // Listing URLs (displaypref stripped by the parser) and decision records are canonical.
    const d0 = archive.getDecision(site.decisions[0]!.refKey)!;
    expect(d0.url).toBe(`${site.url}${site.decisions[0]!.path}`);
    expect(d0.decisionDate).toBe(site.decisions[0]!.date);
    // robots.txt and listing pages are archived as well.
    expect(archive.counts()).toMatchObject({ decisions: 57, discovered: 57, pending: 0 });
    expect(archive.counts().pages).toBe(57 + first.listingPages + 1);

    const listingsBefore = site.listingRequests().length;
    const second = await crawl();
    expect(second).toMatchObject({ fetched: 0, windows: 0, windowsSkipped: 6, listingPages: 0 });
    expect(site.decisionRequests()).toHaveLength(57);
    expect(site.listingRequests()).toHaveLength(listingsBefore);

    // refresh walks the listings again, but still fetches no archived decision page.
    const third = await crawl({ refresh: true });
    expect(third).toMatchObject({ fetched: 0, discovered: 57, skippedAlreadyArchived: 57 });
    expect(site.decisionRequests()).toHaveLength(57);
    expect(archive.counts().decisions).toBe(57);
  });

  it('splits windows whose total is beyond the last page, and still finds every decision', async () => {
    // 45 decisions on three days; 2 pages of 10 reachable per window.
    const dates = [
      ...Array(15).fill('2024-03-04'),
      ...Array(15).fill('2024-03-19'),
      ...Array(15).fill('2024-03-20'),
    ];
    const { site, archive, crawl } = await setup({ dates });
    const s = await crawl({ from: '2024-03-01', to: '2024-03-31', limits: { pageSize: 10, maxPages: 2 } });
    expect(s.fetched).toBe(45);
    expect([...archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual(keysOf(site));
    // 03-01..31 (45) → 16..31 (30) → 16..23 (30) → 16..19 and 20..23 (15 each, two pages).
    for (const w of [
      'fd=2024-03-01&td=2024-03-15',
      'fd=2024-03-16&td=2024-03-19',
      'fd=2024-03-20&td=2024-03-23',
    ]) {
      expect(site.listingRequests().some((u) => u.includes(w))).toBe(true);
    }
    expect(archive.isWindowComplete('2024-03')).toBe(true);
    expect(archive.isWindowComplete('2024-03-16..2024-03-19')).toBe(true);
  });

  it('takes what it can from a single day with more results than the listing pages through', async () => {
    const { crawl } = await setup({ dates: Array(25).fill('2024-05-07') });
    const s = await crawl({ from: '2024-05-01', to: '2024-05-31', limits: { pageSize: 10, maxPages: 2 } });
    expect(s.fetched).toBe(20);
  });

  it('quarantines a page that does not parse, records a 404, and fetches neither again', async () => {
    const dates = spread(12, '2024-02-01', 20);
    const { site, archive, crawl } = await setup({
      dates,
      pages: {
        '24-100-000': (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/html' });
          res.end('<html><body><main><p>We are updating this page.</p></main></body></html>');
        },
        '24-101-001': (_req, res) => {
          res.writeHead(410);
          res.end('gone');
        },
      },
    });
    const s = await crawl({ from: '2024-02-01', to: '2024-02-29' });
    expect(s).toMatchObject({ fetched: 11, saved: 10, quarantined: 1, failed: 1, gone: 1 });
    expect(archive.quarantined()).toMatchObject([{ refKey: '24-100-000' }]);
    expect(archive.quarantined()[0]!.reason.length).toBeGreaterThan(5);
    expect(archive.failures()).toMatchObject([{ refKey: '24-101-001', status: 410, permanent: true }]);
    const requests = site.decisionRequests().length;
    const again = await crawl({ from: '2024-02-01', to: '2024-02-29', refresh: true });
    expect(again).toMatchObject({ fetched: 0, failed: 0, skippedAlreadyArchived: 11, skippedGone: 1 });
    expect(site.decisionRequests()).toHaveLength(requests);
  });

  it('stops at the limit and resumes from the frontier next time', async () => {
    const { site, archive, crawl } = await setup({ dates: spread(40, '2024-01-01', 170) });
    const first = await crawl({ limit: 7 });
    expect(first.fetched).toBe(7);
    expect(site.decisionRequests()).toHaveLength(7);
    // Discovery stopped early: not every month was walked.
    expect(first.discovered).toBeLessThan(40);
    const second = await crawl();
    expect(second.fetched).toBe(33);
    expect(archive.counts()).toMatchObject({ decisions: 40, pending: 0 });
    expect(new Set(site.decisionRequests()).size).toBe(40);
    expect(site.decisionRequests()).toHaveLength(40);
    // Oldest first: the first seven fetched were the oldest decisions.
    const oldest = [...site.decisions]
      .sort((a, b) => a.date.localeCompare(b.date))
      .slice(0, 7)
      .map((d) => d.path);
    expect(site.decisionRequests().slice(0, 7).sort()).toEqual(oldest.sort());
  });

  it('only crawls one organisation when asked', async () => {
    const { site, archive, crawl } = await setup({ dates: spread(30, '2024-01-01', 150) });
    const s = await crawl({ organisation: "St. Mary's & All Saints School" });
    expect(s.fetched).toBe(10);
    expect(
      [...archive.iterateDecisions()].every((d) => d.organisation === "St. Mary's & All Saints School"),
    ).toBe(true);
    expect(site.listingRequests().every((u) => u.includes('aname=St.+Mary%27s+%26+All+Saints+School'))).toBe(
      true,
    );
  });

  it('never requests decision pages robots.txt disallows, and records them as skipped with the reason', async () => {
    const { site, archive, crawl } = await setup({
      dates: spread(5, '2024-01-10', 10),
      robotsTxt: 'User-agent: *\nDisallow: /decisions/education/\n',
    });
    const s = await crawl({ from: '2024-01-01', to: '2024-01-31' });
    // Policy, not a failure of the site: skipped, and not counted towards stopping the crawl.
    // The five are not pending: each has a failure row with the reason, tried again next crawl
    // (the archive's "failed" state, archive/totals.ts).
    expect(s).toMatchObject({ fetched: 0, failed: 0, skippedRobots: 5, pending: 0 });
    expect(archive.counts()).toMatchObject({ pending: 0, failed: 5 });
    expect(site.decisionRequests()).toEqual([]);
    const failures = archive.failures().filter((f) => f.kind === 'decision');
    expect(failures).toHaveLength(5);
    expect(failures.every((f) => /disallowed by robots\.txt/.test(f.lastError) && !f.permanent)).toBe(true);
  });

  it('stops with SearchShellError when the listing is an empty search shell', async () => {
    const { crawl } = await setup({ dates: spread(5, '2024-01-10', 10), shell: true });
    await expect(crawl()).rejects.toBeInstanceOf(SearchShellError);
  });
});
