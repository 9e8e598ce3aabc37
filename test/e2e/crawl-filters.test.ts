/**
 * Incremental crawls (`--since`), the organisation / outcome / category filters, and canonical
 * dedupe (one decision listed under two category paths is one decision, fetched once).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decisionCodesFor } from '../../crawler/index.js';
import { runCli } from '../helpers/cli.js';
import {
  decisionFetchCounts,
  decisionRequests,
  listingRequests,
  type ReplicaCrawl,
  replicaCrawl,
} from '../helpers/replica-crawl.js';

const OVERLAP_DAYS = 42;
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('incremental crawls and filters', () => {
  const open: ReplicaCrawl[] = [];
  const setup = async (decisions = 200) => {
    const t = await replicaCrawl({ seed: 21, decisions });
    open.push(t);
    return t;
  };
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });

  it('--since without a date walks only the windows from the newest archived date minus the overlap', async () => {
    const t = await setup();
    const cut = '2025-06-30';
    const first = await t.crawl({ from: '2024-01-01', to: cut });
    const newest = t.archive.newestDecisionDate()!;
    expect(newest <= cut).toBe(true);
    const before = t.replica.requestLog.length;

    const r = await runCli(
      ['crawl', '--since', '--no-index', '--base-url', t.replica.url],
      { DATA_DIR: t.dir, LGSCO_RATE: '400', LOG_LEVEL: 'warn' },
      60_000,
    );
    expect(r.code, r.stderr).toBe(0);
    const since = addDays(newest, -OVERLAP_DAYS);
    expect(r.stdout).toContain(`crawl ${since}..`);

    const later = t.replica.requestLog.slice(before);
    const listings = later.filter((q) => q.path === '/Decisions/SearchResults');
    expect(listings.length).toBeGreaterThan(0);
    for (const q of listings) expect(new URLSearchParams(q.query).get('fd')! >= since).toBe(true);
    // Only the decisions after the first crawl's range were fetched, each once.
    const expected = t.replica.corpus.decisions.filter((d) => d.decisionDate > cut).map((d) => d.refKey);
    const fetchedNow = later.filter(
      (q) => q.path.split('/').length === 5 && q.path.startsWith('/decisions/'),
    );
    expect(fetchedNow.map((q) => q.path.split('/')[4]).sort()).toEqual([...expected].sort());
    expect(t.archive.counts().decisions).toBe(first.fetched + expected.length);
    expect([...decisionFetchCounts(t.replica).values()].every((n) => n === 1)).toBe(true);
  });

  it('passes the organisation filter to the listing and fetches only that organisation', async () => {
    const t = await setup();
    const org = 'Northmere County Council';
    const s = await t.crawl({ organisation: org });
    const truth = t.replica.corpus.decisions.filter((d) => d.organisation === org).map((d) => d.refKey);
    expect(truth.length).toBeGreaterThan(5);
    expect(s).toMatchObject({ fetched: truth.length, failed: 0 });
    expect([...t.archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual(truth.sort());
    expect(listingRequests(t.replica).every((q) => new URLSearchParams(q.query).get('aname') === org)).toBe(
      true,
    );
  });

  it('passes the outcome filter to the listing as decision codes', async () => {
    const t = await setup();
    const s = await t.crawl({ from: '2022-01-01', outcomes: ['upheld', 'Not upheld'] });
    const truth = t.replica.corpus.decisions
      .filter((d) => d.decisionDate >= '2022-01-01' && d.outcome !== 'Closed after initial enquiries')
      .map((d) => d.refKey);
    expect(s).toMatchObject({ fetched: truth.length, failed: 0, filteredOut: 0 });
    expect([...t.archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual(truth.sort());
    expect(decisionCodesFor(['upheld', 'Not upheld'])).toBe('u+nu+');
    for (const q of listingRequests(t.replica)) {
      expect(q.query).toContain('dc=u%2Bnu%2B');
      expect(new URLSearchParams(q.query).get('dc')).toBe('u+nu+');
    }
  });

  it('filters by category on the decision URL, and a later unfiltered crawl fetches only the rest', async () => {
    const t = await setup();
    const from = '2022-01-01';
    const inRange = t.replica.corpus.decisions.filter((d) => d.decisionDate >= from);
    const education = inRange.filter((d) => d.catSlug === 'education').map((d) => d.refKey);
    const s = await t.crawl({ from, category: 'Education' });
    expect(s).toMatchObject({
      fetched: education.length,
      filteredOut: inRange.length - education.length,
      failed: 0,
    });
    expect([...t.archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual([...education].sort());

    const rest = await t.crawl({ from });
    expect(rest.fetched).toBe(inRange.length - education.length);
    expect(t.archive.counts().decisions).toBe(inRange.length);
    expect(decisionRequests(t.replica)).toHaveLength(inRange.length);
  });

  it('treats one decision listed under two category paths as one decision', async () => {
    const t = await setup();
    const from = '2024-01-01';
    const inRange = t.replica.corpus.decisions.filter((d) => d.decisionDate >= from);
    const twice = inRange[3]!;
    const second = t.replica.listAlsoUnder(twice.refKey, 'health', 'other');
    expect(second).not.toBe(twice.path);
    const s = await t.crawl({ from });
    expect(s).toMatchObject({ fetched: inRange.length, discovered: inRange.length, failed: 0 });
    expect(t.archive.counts()).toMatchObject({ decisions: inRange.length, discovered: inRange.length });
    const pages = decisionRequests(t.replica).filter((q) => q.path.endsWith(`/${twice.refKey}`));
    expect(pages).toHaveLength(1);
    // The listing counted both entries; the window is still complete, so it is not walked again.
    const month = twice.decisionDate.slice(0, 7);
    expect(t.archive.isWindowComplete(month)).toBe(true);
    const again = await t.crawl({ from });
    expect(again.fetched).toBe(0);
    expect(decisionRequests(t.replica).filter((q) => q.path.endsWith(`/${twice.refKey}`))).toHaveLength(1);
  });
});
