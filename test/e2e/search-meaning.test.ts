/**
 * What a search means, end to end on the replica (crawl → archive → Meilisearch → API, CLI, web):
 * every word must match, synonyms work every way and whatever their punctuation, and the count
 * of the result list, /api/stats, the exports and `lgsco stats --q` are the same set. Each figure
 * is compared with one computed here from the archived records (plain regular expressions).
 */

import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../cli/services.js';
import type { Decision } from '../../core/record.js';
import { CHROMIUM_ARGS } from '../../crawler/index.js';
import { runCli, startCli } from '../helpers/cli.js';
import { CHROMIUM, chromiumMissing } from '../helpers/requirements.js';
import { type ServedReplica, serveCrawledReplica } from '../helpers/served-replica.js';
import { tempDir } from '../helpers/tmp.js';

const DECISIONS = 400;

/** The text the index searches, as the archive holds it. */
const textOf = (d: Decision) =>
  [
    d.ref,
    d.organisation,
    d.category,
    d.subcategory ?? '',
    d.summary,
    ...d.sections.map((s) => `${s.heading}\n${s.text}`),
  ].join('\n');
/** Any spelling of the EHC plan group (synonyms.ts), punctuation as the text writes it. */
const EHC_PLAN = /\behcps?\b|\behc plans?\b|\beducation,? health and care plans?\b/i;

describe('a search means every word, synonyms every way', () => {
  const tmp = tempDir('lgsco-search-meaning-');
  let stack: ServedReplica | undefined;
  let services: Services;
  let app: FastifyInstance;
  let records: Decision[] = [];
  let base: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    stack = await serveCrawledReplica({
      dataDir: tmp.dir,
      seed: 1,
      decisions: DECISIONS,
      env: { LGSCO_API_RATE_LIMIT: '0' },
    });
    ({ services, app, base } = stack);
    records = [...services.archive.iterateDecisions()];
    if (!chromiumMissing())
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    tmp.cleanup();
  });

  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res;
  };
  const total = async (q: string, extra = '') =>
    (await get(`/api/search?q=${encodeURIComponent(q)}&limit=1&facets=none${extra}`)).json().total as number;
  const statsOf = async (q: string, extra = '') =>
    (await get(`/api/stats?q=${encodeURIComponent(q)}${extra}`)).json().total as {
      decisions: number;
      remedyTotal: number;
    };
  const csvRows = async (q: string, extra = '') =>
    (await get(`/api/export.csv?q=${encodeURIComponent(q)}${extra}`)).body.trim().split('\n').length - 1;

  it('synonyms give the same set whichever spelling is typed, the comma included', async () => {
    const truth = records.filter((d) => EHC_PLAN.test(textOf(d))).length;
    // The corpus writes both "EHC Plan" and "Education, Health and Care Plan", not always together.
    expect(truth).toBeGreaterThan(records.filter((d) => /\bEHC plans?\b/i.test(textOf(d))).length);
    for (const q of [
      'EHC plan',
      'EHCP',
      'Education, Health and Care Plan',
      'education health and care plan',
    ]) {
      expect(await total(q), q).toBe(truth);
      expect((await statsOf(q)).decisions, q).toBe(truth);
    }
  });

  it('every word must match: a word no decision has leaves nothing, in the list, stats, exports and CLI', async () => {
    expect(records.some((d) => /xylophone/i.test(textOf(d)))).toBe(false);
    expect(await total('EHC plan')).toBeGreaterThan(0);
    expect(await total('EHC plan xylophone')).toBe(0);
    expect((await statsOf('EHC plan xylophone')).decisions).toBe(0);
    expect(await csvRows('EHC plan xylophone')).toBe(0);
    const cli = await runCli(['stats', '--q', 'EHC plan xylophone', '--json'], {
      DATA_DIR: tmp.dir,
      LOG_LEVEL: 'silent',
    });
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).total.decisions).toBe(0);
  });

  it('the search box example (one council, "EHC plan delay") counts decisions with both, and only those', async () => {
    const matches = (d: Decision) => EHC_PLAN.test(textOf(d)) && /\bdelay/i.test(textOf(d));
    const byOrg = new Map<string, number>();
    for (const d of records.filter(matches)) byOrg.set(d.organisation, (byOrg.get(d.organisation) ?? 0) + 1);
    const [org] = [...byOrg].sort((a, b) => b[1] - a[1])[0]!;
    const all = records.filter((d) => d.organisation === org);
    const truth = all.filter(matches);
    expect(truth.length).toBeLessThan(all.length);
    const extra = `&organisation=${encodeURIComponent(org)}`;
    expect(await total('EHC plan delay', extra)).toBe(truth.length);
    const stats = await statsOf('EHC plan delay', extra);
    expect(stats.decisions).toBe(truth.length);
    expect(await csvRows('EHC plan delay', extra)).toBe(truth.length);
    const cli = await runCli(['stats', '--q', 'EHC plan delay', '--organisation', org, '--json'], {
      DATA_DIR: tmp.dir,
      LOG_LEVEL: 'silent',
    });
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).total).toEqual(stats);
  });

  it('a quoted phrase matches as a phrase; the list pages through the same set with snippets and facets', async () => {
    const phrase = records.filter((d) => /\bEHC plan\b/i.test(textOf(d))).length;
    expect(await total('"EHC plan"')).toBe(phrase);
    const truth = records.filter((d) => EHC_PLAN.test(textOf(d)));
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      const body = (await get(`/api/search?q=EHCP&limit=25&page=${page}`)).json();
      expect(Object.values(body.facets.category as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
        truth.length,
      );
      for (const h of body.hits) seen.add(h.refKey);
      if (page === 1)
        expect(
          body.hits.filter((h: { snippet: string }) => h.snippet?.includes('<mark>')).length,
        ).toBeGreaterThan(0);
      if (page >= body.totalPages) break;
    }
    expect([...seen].sort()).toEqual(truth.map((d) => d.refKey).sort());
    const newest = (await get('/api/search?q=EHCP&limit=5&sort=date:desc&facets=none')).json();
    const dates = truth
      .map((d) => d.decisionDate ?? '')
      .sort()
      .reverse()
      .slice(0, 5);
    expect(newest.hits.map((h: { decisionDate: string }) => h.decisionDate)).toEqual(dates);
  });

  it('Atom feed: typed links to the archived page (alternate), the source (related) and the record (enclosure); author; updated = first archived', async () => {
    const org = records[0]!.organisation;
    const res = await get(`/api/feeds/search.atom?organisation=${encodeURIComponent(org)}&q=council&limit=5`);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const $ = cheerio.load(res.body, { xml: true });
    const feed = $('feed');
    expect(feed.attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
    expect(feed.children('author').children('name').text()).toBe(
      'Local Government and Social Care Ombudsman',
    );
    const web = new URL(feed.children('link[rel="alternate"]').attr('href')!);
    expect(web.pathname).toBe('/');
    expect([...web.searchParams]).toEqual([
      ['organisation', org],
      ['q', 'council'],
    ]);
    expect(feed.children('link[rel="alternate"]').attr('type')).toBe('text/html');
    const entries = feed.children('entry').toArray();
    expect(entries.length).toBeGreaterThan(0);
    const updates: string[] = [];
    for (const e of entries) {
      const entry = $(e);
      const links = entry
        .children('link')
        .toArray()
        .map((l) => ($(l).attr() ?? {}) as { rel: string; type: string; href: string });
      // Every link carries a real media type (type/subtype).
      for (const l of links) expect(l.type, JSON.stringify(l)).toMatch(/^(text\/html|application\/json)$/);
      const alternate = links.find((l) => l.rel === 'alternate')!;
      const refKey = alternate.href.split('/decisions/')[1]!;
      const d = services.archive.getDecision(refKey)!;
      expect(d.organisation).toBe(org);
      expect(new URL(alternate.href).pathname).toBe(`/decisions/${refKey}`);
      expect(links.find((l) => l.rel === 'related')?.href).toBe(d.url);
      expect(new URL(links.find((l) => l.rel === 'enclosure')!.href).pathname).toBe(
        `/api/decisions/${refKey}`,
      );
      const updated = entry.children('updated').text();
      expect(updated).toBe(new Date(d.archive.firstFetchedAt).toISOString());
      // The archived page exists.
      expect((await app.inject({ method: 'GET', url: `/decisions/${refKey}` })).statusCode).toBe(200);
      updates.push(updated);
    }
    expect(feed.children('updated').text()).toBe([...updates].sort().at(-1));
  });

  it('an organisation the archive does not hold is refused with the closest names (API and CLI)', async () => {
    expect(records.some((d) => d.organisation === 'Northmere County Council')).toBe(true);
    for (const path of [
      '/api/search',
      '/api/stats',
      '/api/export.csv',
      '/api/feeds/search.atom',
      '/api/organisations',
    ]) {
      const res = await app.inject({ method: 'GET', url: `${path}?organisation=Northmere` });
      expect(res.statusCode, path).toBe(400);
      const body = res.json();
      expect(body.code).toBe('LGSCO_ERR_BAD_REQUEST');
      expect(body.message).toMatch(
        /organisation "Northmere" matches no decision in the archive; closest names: "Northmere County Council"/,
      );
    }
    // The filter's own rule (whole value, case-insensitive, trimmed) still answers.
    const exact = await get('/api/stats?organisation=%20northmere%20county%20COUNCIL');
    expect(exact.json().total.decisions).toBe(
      records.filter((d) => d.organisation === 'Northmere County Council').length,
    );
    const cli = await runCli(['stats', '--organisation', 'Northmere'], {
      DATA_DIR: tmp.dir,
      LOG_LEVEL: 'silent',
    });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('closest names: "Northmere County Council"');
  });

  it('a CLI command on an empty archive says so and names where it looked (and where the demo keeps its own)', async () => {
    const empty = tempDir('lgsco-empty-');
    try {
      const first = await runCli(['stats'], { DATA_DIR: empty.dir, LOG_LEVEL: 'silent' });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toContain('the archive holds no decisions');
      expect(first.stderr).toContain(path.join(empty.dir, 'archive.sqlite'));
      expect(first.stderr).toContain(`\`lgsco demo\` keeps its archive in ${path.join(empty.dir, 'demo')}`);
      // With a demo archive there, the note says how to read it.
      mkdirSync(path.join(empty.dir, 'demo'));
      copyFileSync(path.join(tmp.dir, 'archive.sqlite'), path.join(empty.dir, 'demo', 'archive.sqlite'));
      const again = await runCli(['export'], { DATA_DIR: empty.dir, LOG_LEVEL: 'silent' });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain(`run with DATA_DIR=${path.join(empty.dir, 'demo')} to read it`);
      // The archive full of decisions says nothing of the kind.
      const full = await runCli(['stats'], { DATA_DIR: tmp.dir, LOG_LEVEL: 'silent' });
      expect(full.stderr).not.toContain('no decisions');
    } finally {
      empty.cleanup();
    }
  });

  it('npm run demo prints the web page address first', async () => {
    const dataDir = tempDir('lgsco-demo-first-');
    const demo = await startCli(
      ['demo', '--decisions', '20', '--port', '0'],
      /\[demo\] open (http:\/\/localhost:\d+)\/ in a browser/,
      { DATA_DIR: dataDir.dir, LOG_LEVEL: 'silent' },
    );
    try {
      expect(demo.output().split('\n')[0]).toMatch(
        /^\[demo\] open http:\/\/localhost:\d+\/ in a browser — the web page/,
      );
      const page = await fetch(`${demo.match[1]}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<input id="q"');
    } finally {
      await demo.stop();
      dataDir.cleanup();
    }
  });

  // ---- the web page (Debian's Chromium), desktop and phone widths ------------------------------

  /** The page once its count shows, and that count. */
  async function openSearch(path: string, width: number): Promise<{ page: Page; count: number }> {
    const page = await browser!.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${base}${path}`);
    await page.waitForFunction(() => {
      const t =
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { textContent: string | null } | null };
          }
        ).document.querySelector('#count')?.textContent ?? '';
      return /decisions? *$|No decisions match/.test(t);
    });
    const text = (await page.locator('#count').textContent()) ?? '';
    return { page, count: /No decisions/.test(text) ? 0 : Number(text.replace(/[^0-9]/g, '')) };
  }

  it.skipIf(chromiumMissing() !== undefined)(
    'web: the count and the summary line mean every word, any spelling',
    async () => {
      const truth = records.filter((d) => EHC_PLAN.test(textOf(d)));
      for (const width of [1280, 390]) {
        const { page, count } = await openSearch(
          `/?q=${encodeURIComponent('Education, Health and Care Plan')}`,
          width,
        );
        expect(count, `width ${width}`).toBe(truth.length);
        await page.waitForFunction(() =>
          /Of these/.test(
            (
              globalThis as unknown as {
                document: { querySelector(s: string): { textContent: string | null } | null };
              }
            ).document.querySelector('#summary')?.textContent ?? '',
          ),
        );
        const upheld = truth.filter((d) => d.outcome === 'Upheld').length;
        expect(await page.locator('#summary').textContent()).toContain(
          `${upheld.toLocaleString('en-GB')} upheld`,
        );
        await page.close();
        const none = await openSearch('/?q=EHC+plan+xylophone', width);
        expect(none.count).toBe(0);
        await none.page.close();
      }
    },
    180_000,
  );

  it.skipIf(chromiumMissing() !== undefined)(
    'web: every API filter is settable; an address parameter is applied or reported, never silently dropped',
    async () => {
      const all = records.length;
      const api = async (qs: string) =>
        (await get(`/api/search?${qs}&limit=1&facets=none`)).json().total as number;
      expect(await api('organisationKind=county')).toBeLessThan(all);
      for (const width of [1280, 390]) {
        // A filter without a control of its own: applied, and shown with a way to remove it.
        const delayed = await openSearch('/?organisationKind=county', width);
        expect(delayed.count, `width ${width}`).toBe(await api('organisationKind=county'));
        expect(await delayed.page.locator('#extra-list li').first().textContent()).toContain(
          'organisationKind=county',
        );
        expect(await delayed.page.locator('#param-notice').isHidden()).toBe(true);
        // A flag with the other value than its checkbox's (hasPayment=false) is applied too.
        const unpaid = await openSearch('/?hasPayment=false', width);
        expect(unpaid.count).toBe(await api('hasPayment=false'));
        expect(unpaid.count).toBe(records.filter((d) => !(d.remedyTotal > 0)).length);
        // A misspelt parameter: reported, kept in the address, the search runs without it.
        const typo = await openSearch('/?minDely=300', width);
        expect(typo.count).toBe(all);
        await typo.page.waitForFunction(() => {
          const n = (
            globalThis as unknown as {
              document: { querySelector(s: string): { hidden: boolean; textContent: string | null } | null };
            }
          ).document.querySelector('#param-notice');
          return n && !n.hidden;
        });
        expect(await typo.page.locator('#param-notice').textContent()).toContain('minDely=300');
        expect(new URL(typo.page.url()).searchParams.get('minDely')).toBe('300');
        await typo.page.screenshot({
          path: `test-artifacts/web-search-unknown-param-${width}.png`,
          fullPage: true,
        });
        // Any API filter can be set from the page: maxDelay=0 through "More filters".
        const page = delayed.page;
        // On a phone the filters start folded.
        if (width < 760) await page.locator('#filters summary').click();
        await page.locator('#extra-list button').first().click();
        await page.waitForFunction(
          (n) =>
            (
              globalThis as unknown as {
                document: { querySelector(s: string): { textContent: string | null } | null };
              }
            ).document.querySelector('#count')?.textContent === `${n} decisions`,
          all.toLocaleString('en-GB'),
        );
        const names = await page.locator('#extra-name option').allTextContents();
        for (const f of [
          'minDelay',
          'maxDelay',
          'removed',
          'hasPayment',
          'headerComplete',
          'findingConflict',
          'organisation',
        ])
          expect(names, f).toContain(f);
        await page.locator('#extra-name').selectOption('maxDelay');
        await page.locator('#extra-value').fill('0');
        await page.locator('#extra-add').click();
        const expected = await api('maxDelay=0');
        await page.waitForFunction(
          (n) =>
            (
              globalThis as unknown as {
                document: { querySelector(s: string): { textContent: string | null } | null };
              }
            ).document.querySelector('#count')?.textContent === `${n} decision${n === '1' ? '' : 's'}`,
          expected.toLocaleString('en-GB'),
        );
        expect(new URL(page.url()).searchParams.get('maxDelay')).toBe('0');
        await page.screenshot({
          path: `test-artifacts/web-search-more-filters-${width}.png`,
          fullPage: true,
        });
        for (const p of [delayed.page, unpaid.page, typo.page]) await p.close();
      }
    },
    180_000,
  );
});
