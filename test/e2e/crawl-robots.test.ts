/**
 * robots.txt is obeyed: a disallowed category path is never requested, its decisions are recorded
 * as skipped with the reason, and everything else is archived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrawlSummary } from '../../crawler/index.js';
import { decisionRequests, type ReplicaCrawl, replicaCrawl } from '../helpers/replica-crawl.js';

const FROM = '2022-01-01';
const DISALLOWED = '/decisions/housing/';

describe('crawl with a robots.txt that disallows a category', () => {
  let t: ReplicaCrawl;
  let s: CrawlSummary;

  beforeAll(async () => {
    t = await replicaCrawl({
      seed: 21,
      decisions: 200,
      robotsTxt: `User-agent: *\nDisallow: /admin/\nDisallow: ${DISALLOWED}\n`,
    });
    s = await t.crawl({ from: FROM });
  }, 60_000);

  afterAll(() => t?.close());

  it('never requests a disallowed path', () => {
    const inRange = t.replica.corpus.decisions.filter((d) => d.decisionDate >= FROM);
    expect(inRange.some((d) => d.path.startsWith(DISALLOWED))).toBe(true);
    expect(t.replica.requestLog.filter((r) => r.path.startsWith(DISALLOWED))).toEqual([]);
    expect(t.replica.requestLog.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
  });

  it('records the disallowed decisions as skipped with the reason, and archives the rest', () => {
    const inRange = t.replica.corpus.decisions.filter((d) => d.decisionDate >= FROM);
    const blocked = inRange.filter((d) => d.path.startsWith(DISALLOWED)).map((d) => d.refKey);
    const allowed = inRange.filter((d) => !d.path.startsWith(DISALLOWED)).map((d) => d.refKey);
    expect(s).toMatchObject({
      fetched: allowed.length,
      skippedRobots: blocked.length,
      failed: 0,
      // Not pending: each has a failure row with the reason and is tried again by the next crawl
      // (the archive's one "failed" state, archive/totals.ts; robots is policy, so not in `failed`).
      pending: 0,
    });
    expect(t.archive.counts()).toMatchObject({ pending: 0, failed: blocked.length });
    expect([...t.archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual(allowed.sort());
    expect(decisionRequests(t.replica)).toHaveLength(allowed.length);
    const failures = t.archive.failures();
    expect(failures.map((f) => f.refKey).sort()).toEqual(blocked.sort());
    for (const f of failures) {
      expect(f.lastError).toMatch(/disallowed by robots\.txt/);
      expect(f.permanent).toBe(false); // robots.txt is read again by every crawl
    }
  });
});
