/**
 * Issue #14 point 17 in a real browser (Debian's Chromium through playwright-core), on a phone
 * (390 px) and a desktop (1280 px), against the real stack (replica → crawl → archive → Meilisearch
 * → API + web): no page scrolls sideways and nothing sticks out past the right edge (a citation's
 * long address wraps); every table wider than its box scrolls inside it with a visible cue, and
 * only then; figure tiles stay inside the screen and hold their figures; every chart legend shows
 * values, never "—" — on the search, decision, status, organisations, organisation and national
 * pages. Full-page screenshots of the search, decision, status and organisations pages at both
 * widths go to test-artifacts/ (git-ignored; the national and organisation pages' own tests take
 * theirs).
 */
import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../crawler/index.js';
import { parseDecisionText } from '../../parser/index.js';
import { CHROMIUM, chromiumMissing, requireNothingMissing, skipUnless } from '../helpers/requirements.js';
import { type ServedReplica, serveCrawledReplica } from '../helpers/served-replica.js';
import { tempDir } from '../helpers/tmp.js';

const DECISIONS = 200;
const ARTIFACTS = 'test-artifacts';
const WIDTHS = [390, 1280] as const;
/** A figure no replica organisation reaches: its tile must still fit. */
const BIG_REMEDY = 1_234_567.89;
/** An address with a 90-character path segment: no line break opportunity inside it. */
const LONG_SEGMENT =
  'specialeducationalneedsandtransportforchildrenwithadditionalneedsanddisabilitiesinschools';

/**
 * The page globals the probe below uses, typed just enough: it runs in Chromium, and the project's
 * tsconfig has no DOM lib (adding it would change every module's globals).
 */
interface Rect {
  left: number;
  right: number;
  width: number;
  height: number;
}
interface PageElement {
  tagName: string;
  id: string;
  hidden: boolean;
  textContent: string | null;
  parentElement: PageElement | null;
  previousElementSibling: PageElement | null;
  children: Iterable<PageElement>;
  scrollWidth: number;
  clientWidth: number;
  scrollLeft: number;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  matches(selector: string): boolean;
  closest(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  getBoundingClientRect(): Rect;
}
interface TextNode {
  textContent: string | null;
  parentElement: PageElement | null;
}
declare const document: {
  scrollingElement: PageElement;
  documentElement: PageElement;
  body: PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): TextNode | null };
  createRange(): { selectNodeContents(node: TextNode): void; getClientRects(): Iterable<Rect> };
};
declare function requestAnimationFrame(callback: () => void): number;
declare function getComputedStyle(element: PageElement): {
  overflowX: string;
  maskImage: string;
  visibility: string;
};

interface TableLayout {
  /** The caption or the first header cell: which table. */
  name: string;
  /** In a `.table-scroll` box that scrolls sideways. */
  inBox: boolean;
  /** Wider than the box (or, outside a box, than its parent). */
  wider: boolean;
  /** The box is marked as overflowing. */
  marked: boolean;
  /** The "Scroll sideways" hint above the box is shown. */
  hint: boolean;
  /** The box fades out on a side (CSS mask). */
  faded: boolean;
  /** The box can take the keyboard focus (tabindex 0) to scroll. */
  focusable: boolean;
}
interface Layout {
  scrollWidth: number;
  clientWidth: number;
  /** Elements and text past the right edge, outside any scroll box that itself fits. */
  pastEdge: string[];
  tables: TableLayout[];
  tiles: { text: string; inside: boolean; holds: boolean }[];
  /** Each chart legend's value cells. */
  legends: string[][];
}

/** Measures the page as it is on screen (runs in Chromium). */
function probe(): Layout {
  const vw = document.documentElement.clientWidth;
  const name = (e: PageElement) =>
    `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.getAttribute('class') ? `.${e.getAttribute('class')?.trim().replace(/\s+/g, '.')}` : ''}`;
  /** Inside a box that clips or scrolls sideways and itself ends inside the screen. */
  const contained = (e: PageElement | null) => {
    for (let p = e; p && p !== document.body; p = p.parentElement)
      if (
        /auto|scroll|hidden|clip/.test(getComputedStyle(p).overflowX) &&
        p.getBoundingClientRect().right <= vw + 0.5
      )
        return true;
    return false;
  };
  const pastEdge: string[] = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') continue;
    if (r.right > vw + 0.5 && !contained(e.parentElement))
      pastEdge.push(
        `${name(e)} ends at ${Math.round(r.right)} px: "${(e.textContent ?? '').trim().slice(0, 50)}"`,
      );
  }
  // Text that runs out of its element (a long word in a box of fixed width).
  const walker = document.createTreeWalker(document.body, 4);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.textContent?.trim() || contained(t.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    for (const r of range.getClientRects())
      if (r.width > 0 && r.right > vw + 0.5) {
        pastEdge.push(
          `text in ${t.parentElement ? name(t.parentElement) : '?'} ends at ${Math.round(r.right)} px: "${t.textContent.trim().slice(0, 50)}"`,
        );
        break;
      }
  }
  const tables: TableLayout[] = [];
  for (const table of document.querySelectorAll('table:not(.u-legend)')) {
    const r = table.getBoundingClientRect();
    if (r.width === 0) continue;
    const box = table.closest('.table-scroll');
    const outer = box ?? table.parentElement;
    const hint = box?.previousElementSibling;
    const label =
      table.querySelectorAll('caption')[Symbol.iterator]().next().value?.textContent ??
      table.querySelectorAll('th')[Symbol.iterator]().next().value?.textContent ??
      '';
    tables.push({
      name: `${name(table)} "${label.trim().slice(0, 40)}"`,
      inBox: !!box && /auto|scroll/.test(getComputedStyle(box).overflowX),
      wider: !!outer && r.width > outer.clientWidth + 1,
      marked: !!box?.hasAttribute('data-overflow'),
      hint:
        !!hint?.matches('.scroll-cue') &&
        !hint.hidden &&
        hint.getBoundingClientRect().height > 0 &&
        /scroll sideways/i.test(hint.textContent ?? ''),
      faded: !!box && getComputedStyle(box).maskImage.includes('gradient'),
      focusable: box?.getAttribute('tabindex') === '0',
    });
  }
  const tiles = [...document.querySelectorAll('.stat')].map((tile) => {
    const r = tile.getBoundingClientRect();
    const kids = [...tile.children].map((k) => k.getBoundingClientRect());
    return {
      text: (tile.textContent ?? '').trim(),
      inside: r.left >= -0.5 && r.right <= vw + 0.5,
      holds: tile.scrollWidth <= tile.clientWidth + 1 && kids.every((k) => k.right <= r.right + 0.5),
    };
  });
  const legends = [...document.querySelectorAll('.u-legend')].map((legend) =>
    [...legend.querySelectorAll('.u-value')].map((v) => (v.textContent ?? '').trim()),
  );
  return {
    scrollWidth: document.scrollingElement.scrollWidth,
    clientWidth: document.scrollingElement.clientWidth,
    pastEdge,
    tables,
    tiles,
    legends,
  };
}

describe.skipIf(skipUnless(chromiumMissing()))('pages on a phone (390 px) and a desktop (1280 px)', () => {
  const tmp = tempDir();
  let stack: ServedReplica | undefined;
  let base: string;
  let browser: Browser;
  const problems: string[] = [];
  /** The decision stored with a long address and a large payment, and its organisation. */
  let longRef = '';
  let bigOrganisation = '';
  /** That organisation's remedy total with the large payment, as the page writes money. */
  let bigTotal = '';
  /** A replica decision with at least two payments (evidence links to highlight). */
  let paidRef = '';

  beforeAll(async () => {
    requireNothingMissing(chromiumMissing());
    mkdirSync(ARTIFACTS, { recursive: true });
    // Two decisions gone from the site, so the status page lists what the archive lacks.
    stack = await serveCrawledReplica({
      dataDir: tmp.dir,
      seed: 7,
      decisions: DECISIONS,
      config: { apiRateLimit: 0 },
      beforeCrawl: (replica) => {
        replica.removeDecision(replica.corpus.decisions[4]!.refKey, 410);
        replica.removeDecision(replica.corpus.decisions[9]!.refKey, 410);
      },
    });
    ({ base } = stack);
    const { archive } = stack.services;
    const records = [...archive.iterateDecisions()];
    // The organisation with the most decisions gets a decision whose address cannot break and
    // whose payment makes its remedy total a long figure.
    const perOrganisation = new Map<string, number>();
    for (const r of records)
      perOrganisation.set(r.organisation, (perOrganisation.get(r.organisation) ?? 0) + 1);
    bigOrganisation = [...perOrganisation].sort((a, b) => b[1] - a[1])[0]![0];
    paidRef = records.find((r) => r.payments.length >= 2)!.refKey;
    const text = [
      `URL: https://www.lgo.org.uk/decisions/education/${LONG_SEGMENT}/26-990-017`,
      `${bigOrganisation} (26 990 017)`,
      'Category : Education > Special educational needs',
      'Decision : Upheld',
      'Decision date : 05 Mar 2026',
      "The Ombudsman's final decision:",
      `Summary: Mrs B complains the Council delayed issuing her son’s EHC plan. The Council was at fault and this caused injustice. The Council will apologise and pay Mrs B £1,234,567.89.`,
      'Agreed action',
      'Within one month of my final decision the Council will apologise to Mrs B and pay her £1,234,567.89 to acknowledge the distress caused.',
    ].join('\n');
    const record = parseDecisionText(text);
    expect(record.remedyTotal).toBe(BIG_REMEDY);
    expect(record.url).toContain(LONG_SEGMENT);
    const { hash } = archive.storePage({
      url: record.url,
      kind: 'decision',
      status: 200,
      body: Buffer.from(text),
      contentType: 'text/plain; charset=utf-8',
      refKey: record.refKey,
    });
    archive.saveDecision(record, hash);
    await stack.services.indexRecords([record]);
    longRef = record.refKey;
    const pence = records
      .filter((r) => r.organisation === bigOrganisation)
      .reduce((sum, r) => sum + Math.round(r.remedyTotal * 100), Math.round(BIG_REMEDY * 100));
    bigTotal = `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    tmp.cleanup();
    expect(problems).toEqual([]);
  });

  async function open(path: string, width: number, ready: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('pageerror', (e) => problems.push(`pageerror ${path}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
        problems.push(`CSP ${path}: ${m.text()}`);
    });
    await page.goto(`${base}${path}`);
    await page.waitForSelector(ready, { timeout: 30_000 });
    return page;
  }

  /** The layout once the page has settled (fonts, charts, the tables' cues). */
  async function layout(page: Page): Promise<Layout> {
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        }),
    );
    return page.evaluate(probe);
  }

  /** Point 17 on one page at one width. */
  function expectFits(l: Layout, where: string): void {
    expect(l.pastEdge, `${where}: past the right edge`).toEqual([]);
    expect(l.scrollWidth, `${where}: sideways scroll`).toBeLessThanOrEqual(l.clientWidth);
    for (const t of l.tables) {
      if (t.wider) {
        // Wider than the screen: scrolls in its own box, which says so and fades on its far side.
        expect(t, `${where}: ${t.name}`).toMatchObject({
          inBox: true,
          marked: true,
          hint: true,
          faded: true,
          focusable: true,
        });
      } else {
        // It fits: no hint, no fade.
        expect(t, `${where}: ${t.name}`).toMatchObject({ marked: false, hint: false, faded: false });
      }
    }
    for (const tile of l.tiles) expect(tile, `${where}: tile`).toMatchObject({ inside: true, holds: true });
    for (const legend of l.legends)
      for (const cell of legend) {
        expect(cell, `${where}: legend ${legend.join(' | ')}`).not.toBe('—');
        expect(cell, `${where}: legend ${legend.join(' | ')}`).toMatch(/\d/);
      }
  }

  it('search: results, filters open, More filters with a long unknown parameter, facets and downloads', async () => {
    const unknown = `zzz=${'x'.repeat(80)}`;
    for (const width of WIDTHS) {
      const page = await open(`/?q=EHC%20plan&${unknown}`, width, '#hits li');
      await page.evaluate(() => {
        const details = document.querySelector('#filters') as unknown as { open: boolean };
        details.open = true;
      });
      await page.waitForSelector('#facets input[type="checkbox"]', { timeout: 30_000 });
      await page.waitForSelector('#extra-list li.unknown');
      expect(await page.locator('#param-notice').isVisible()).toBe(true);
      expect(await page.locator('#csv-link').isVisible()).toBe(true);
      expectFits(await layout(page), `search ${width}`);
      await page.screenshot({ path: `${ARTIFACTS}/search-${width}.png`, fullPage: true });
      await page.close();
    }
  });

  it('decision: a citation address without a break opportunity wraps; highlighted evidence fits', async () => {
    for (const width of WIDTHS) {
      const long = await open(`/decisions/${longRef}`, width, '#citation-text');
      expect(await long.locator('#citation-text').textContent()).toContain(LONG_SEGMENT);
      const l = await layout(long);
      expectFits(l, `decision ${longRef} ${width}`);
      // The tile-free page still has the figure: the payment row shows the long figure.
      expect(await long.locator('.payments').textContent()).toContain('£1,234,567.89');
      await long.screenshot({ path: `${ARTIFACTS}/decision-long-address-${width}.png`, fullPage: true });
      await long.close();

      const page = await open(`/decisions/${paidRef}`, width, '#fact-payment-0');
      await page.locator('#fact-payment-0').click();
      await page.waitForSelector('mark.evidence-hl');
      expectFits(await layout(page), `decision ${paidRef} ${width}`);
      await page.screenshot({ path: `${ARTIFACTS}/decision-${width}.png`, fullPage: true });
      await page.close();
    }
  });

  it('status: the decisions the archive lacks, in a table that scrolls with a cue when it must', async () => {
    for (const width of WIDTHS) {
      const page = await open('/status', width, 'table.missing tbody tr');
      expect(await page.locator('table.missing tbody tr').count()).toBe(2);
      const l = await layout(page);
      expectFits(l, `status ${width}`);
      expect(l.tiles.length).toBeGreaterThan(0);
      await page.screenshot({ path: `${ARTIFACTS}/status-${width}.png`, fullPage: true });
      await page.close();
    }
  });

  it('organisations list: the table scrolls with a cue on a phone and has none on a desktop', async () => {
    const wider: Record<number, boolean> = {};
    for (const width of WIDTHS) {
      const page = await open('/organisations', width, '#org-rows tr');
      const l = await layout(page);
      expectFits(l, `organisations ${width}`);
      const list = l.tables.find((t) => t.name.startsWith('table.org-list'));
      expect(list, 'the organisations table').toBeDefined();
      wider[width] = list!.wider;
      if (list!.wider) {
        // Scrolled to its end, the fade moves to the side that now has more to show.
        const box = page.locator('.table-scroll:has(table.org-list)');
        await box.evaluate((b: { scrollLeft: number; scrollWidth: number }) => {
          b.scrollLeft = b.scrollWidth;
        });
        await page.waitForSelector('.table-scroll[data-scrolled][data-at-end]:has(table.org-list)');
      }
      await page.screenshot({ path: `${ARTIFACTS}/organisations-${width}.png`, fullPage: true });
      await page.close();
    }
    // The cue is there because the table is wider than a phone, and not on a desktop, where it fits.
    expect(wider).toEqual({ 390: true, 1280: false });
  });

  it('national view: tables cue when they must, tiles fit, chart legends show values', async () => {
    for (const width of WIDTHS) {
      const page = await open('/national', width, '#unpaid-categories tbody tr');
      await page.waitForSelector('#chart-unpaid .u-legend .u-value', { timeout: 30_000 });
      const l = await layout(page);
      expect(l.legends.length).toBeGreaterThanOrEqual(3);
      expect(l.tiles.length).toBeGreaterThan(0);
      expectFits(l, `national ${width}`);
      await page.close();
    }
  });

  it('organisation: a long remedy total stays in its tile, wide tables cue, legends show values', async () => {
    for (const width of WIDTHS) {
      const page = await open(
        `/organisations/${encodeURIComponent(bigOrganisation)}`,
        width,
        '.u-legend .u-value',
      );
      await page.waitForSelector('table.peers', { timeout: 30_000 });
      const l = await layout(page);
      expect(l.tiles.map((t) => t.text).join(' ')).toContain(bigTotal);
      expect(l.legends.length).toBeGreaterThan(0);
      expectFits(l, `organisation ${width}`);
      if (width === 390) expect(l.tables.some((t) => t.wider)).toBe(true);
      // The pointer over a chart and away again: the legend goes back to values, not dashes.
      const plot = page.locator('.u-over').first();
      await plot.hover();
      await page.mouse.move(0, 0);
      const after = await layout(page);
      for (const cell of after.legends.flat()) expect(cell).toMatch(/\d/);
      await page.screenshot({ path: `${ARTIFACTS}/organisation-phone-fit-${width}.png`, fullPage: true });
      await page.close();
    }
  });
});
