/**
 * The search-shell fallback through Debian's Chromium: the replica gives non-browser clients an
 * empty shell on the listing; the crawl switches listing pages to Chromium (primed on /decisions,
 * same rate gate, robots obeyed) and still archives everything, decision pages going through the
 * plain HTTP client. Without Chromium: skipped with the reason, or failed with it in CI
 * (test/helpers/requirements.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchShellError } from '../../core/errors.js';
import type { CrawlSummary } from '../../crawler/index.js';
import {
  CRAWLER_UA,
  decisionRequests,
  listingRequests,
  type ReplicaCrawl,
  replicaCrawl,
} from '../helpers/replica-crawl.js';
import { CHROMIUM, chromiumMissing, requireNothingMissing, skipUnless } from '../helpers/requirements.js';

const FROM = '2025-01-01';

describe.skipIf(skipUnless(chromiumMissing()))(
  'crawl through Chromium when the listing is a search shell',
  () => {
    let t: ReplicaCrawl;
    let s: CrawlSummary;
    let inRange: string[];

    beforeAll(async () => {
      requireNothingMissing(chromiumMissing());
      t = await replicaCrawl(
        { seed: 21, decisions: 200, shellForNonBrowsers: true },
        { browser: 'auto', chromiumPath: CHROMIUM, rate: 100 },
      );
      inRange = t.replica.corpus.decisions.filter((d) => d.decisionDate >= FROM).map((d) => d.refKey);
      s = await t.crawl({ from: FROM });
    }, 120_000);

    afterAll(() => t?.close());

    it('archives every decision in range', () => {
      expect(s).toMatchObject({ fetched: inRange.length, failed: 0, browser: true });
      expect([...t.archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual([...inRange].sort());
    });

    it('gets the shell once over HTTP, then fetches listings with the browser UA after priming', () => {
      const listings = listingRequests(t.replica);
      const first = listings[0]!;
      expect(first.userAgent).toBe(CRAWLER_UA);
      const rest = listings.slice(1);
      expect(rest.length).toBeGreaterThan(1);
      for (const r of rest) {
        expect(r.userAgent).toMatch(/^Mozilla\/5\.0 .*HeadlessChrome\/.* lgsco-archive\//);
      }
      const prime = t.replica.requestLog.findIndex((r) => r.path === '/decisions');
      const firstBrowserListing = t.replica.requestLog.indexOf(rest[0]!);
      expect(prime).toBeGreaterThan(-1);
      expect(prime).toBeLessThan(firstBrowserListing);
      expect(t.replica.requestLog[prime]!.userAgent).toMatch(/HeadlessChrome/);
    });

    it('keeps decision pages on the plain HTTP client, once each', () => {
      const pages = decisionRequests(t.replica);
      expect(pages).toHaveLength(inRange.length);
      expect(pages.every((r) => r.userAgent === CRAWLER_UA)).toBe(true);
    });

    it('sends the browser through the same rate gate as everything else', () => {
      // 100 req/s: any 11 consecutive arrivals span ≥ 100 ms, less a little arrival jitter.
      const at = t.replica.requestLog.map((r) => r.at).sort((a, b) => a - b);
      let tightest = Number.POSITIVE_INFINITY;
      for (let i = 0; i + 10 < at.length; i++) tightest = Math.min(tightest, at[i + 10]! - at[i]!);
      expect(tightest).toBeGreaterThanOrEqual(80);
    });

    it('keeps the listing pages it got through Chromium in the archive', () => {
      expect(t.archive.counts().pages).toBeGreaterThanOrEqual(
        listingRequests(t.replica).length + inRange.length,
      );
    });

    it('stops with SearchShellError when the fallback is off', async () => {
      const off = await replicaCrawl(
        { seed: 21, decisions: 20, shellForNonBrowsers: true },
        { browser: 'never' },
      );
      try {
        await expect(off.crawl({ from: FROM })).rejects.toBeInstanceOf(SearchShellError);
        expect(listingRequests(off.replica).every((r) => r.userAgent === CRAWLER_UA)).toBe(true);
      } finally {
        await off.close();
      }
    });
  },
);
