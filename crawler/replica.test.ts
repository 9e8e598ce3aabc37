/**
 * The crawler against the real replica (replica/) over HTTP on 127.0.0.1, with the real parser and
 * archive: every decision archived exactly once, nothing fetched twice, faults survived.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.js';
import { SearchShellError } from '../core/errors.js';
import { silentLogger } from '../core/log.js';
import { type ReplicaServer, startReplica } from '../replica/index.js';
import { tempDir } from '../test/helpers/tmp.js';
import { type CrawlOptions, runCrawl } from './crawl.js';

const isDecisionPage = (path: string) => path.startsWith('/decisions/') && path.split('/').length === 5;

describe('runCrawl against the replica', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(replicaOptions: Parameters<typeof startReplica>[0]) {
    const replica = await startReplica(replicaOptions);
    const tmp = tempDir('lgsco-crawl-replica-');
    const archive = Archive.open(tmp.dir);
    cleanups.push(
      () => replica.close(),
      () => tmp.cleanup(),
      () => archive.close(),
    );
    const crawl = (extra: Partial<CrawlOptions> = {}) =>
      runCrawl({
        config: {
          baseUrl: replica.url,
          userAgent: 'lgsco-archive/0.1.0 (decision archive crawler; replica test)',
          rate: 200,
          concurrency: 4,
          timeoutMs: 5000,
          maxTries: 5,
        },
        archive,
        log: silentLogger,
        httpOptions: { backoffBaseMs: 10, backoffCapMs: 100 },
        ...extra,
      });
    return { replica, archive, crawl };
  }

  const decisionRequests = (r: ReplicaServer) => r.requestLog.filter((q) => isDecisionPage(q.path));

  it('archives every replica decision exactly once, and a second crawl fetches no decision page', async () => {
    const { replica, archive, crawl } = await setup({ port: 0, seed: 3, decisions: 120 });
    const truth = replica.corpus.decisions;
    expect(truth).toHaveLength(120);

    const first = await crawl();
    expect(first).toMatchObject({ fetched: 120, saved: 120, quarantined: 0, failed: 0, pending: 0 });
    expect([...archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual(
      truth.map((d) => d.refKey).sort(),
    );
    const pages = decisionRequests(replica);
    expect(pages).toHaveLength(120);
    expect(new Set(pages.map((r) => r.path)).size).toBe(120);
    expect(replica.requestLog.every((r) => r.userAgent.startsWith('lgsco-archive/'))).toBe(true);
    expect(replica.requestLog.filter((r) => r.path === '/robots.txt')).toHaveLength(1);

    // The records carry what the site printed.
    for (const t of truth) {
      const d = archive.getDecision(t.refKey)!;
      expect(d, t.refKey).toBeDefined();
      // A page printed without its header lines shows neither outcome nor date.
      const shown = replica.corpus.full(t.index).headerLines;
      expect({ ...d, archive: undefined }).toMatchObject({
        ref: t.ref,
        organisation: t.organisation,
        category: t.category,
        outcome: shown ? t.outcome : null,
        decisionDate: shown ? t.decisionDate : null,
        headerComplete: shown,
        kind: t.kind,
      });
    }

    // The rate holds against the replica too (server-side timestamps, ms resolution).
    const at = replica.requestLog.map((r) => r.at);
    const span = Math.max(...at) - Math.min(...at);
    const achieved = ((at.length - 1) / span) * 1000;
    console.log(
      `replica crawl: ${at.length} requests (${first.listingPages} listing pages over ${first.windows} windows, ` +
        `120 decision pages) in ${span} ms server-side → ${achieved.toFixed(1)} req/s at rate 200; ` +
        `client reports ${first.requestsPerSecond.toFixed(1)} req/s over ${first.durationMs} ms`,
    );
    expect(achieved).toBeLessThanOrEqual(205);

    const second = await crawl();
    expect(second.fetched).toBe(0);
    expect(decisionRequests(replica)).toHaveLength(120);
    expect(archive.counts().decisions).toBe(120);
  });

  it('gets every decision through errors, throttling, hangs and truncated bodies', async () => {
    const { replica, archive, crawl } = await setup({
      port: 0,
      seed: 5,
      decisions: 80,
      faults: {
        errorRate: 0.08,
        throttleRate: 0.01,
        retryAfterSeconds: 1,
        hangRate: 0.02,
        truncateRate: 0.05,
      },
    });
    const s = await crawl({
      config: {
        baseUrl: replica.url,
        userAgent: 'lgsco-archive/test',
        rate: 200,
        concurrency: 4,
        timeoutMs: 400,
        maxTries: 8,
      },
    });
    expect(s).toMatchObject({ fetched: 80, failed: 0, quarantined: 0 });
    expect(s.http.retried).toBeGreaterThan(0);
    expect(archive.counts().decisions).toBe(80);
    const codes = new Set(replica.requestLog.map((r) => r.status));
    expect(codes.has(200)).toBe(true);
    console.log(
      `faulty replica: ${replica.requestLog.length} requests, statuses ${[...codes].sort().join(',')}; ` +
        `retried ${s.http.retried}, throttled ${s.http.throttled}, ${s.durationMs} ms`,
    );
  }, 60_000);

  it('records decisions the site has taken down, and does not ask for them again', async () => {
    const { replica, archive, crawl } = await setup({ port: 0, seed: 9, decisions: 30 });
    const [a, b] = replica.corpus.decisions;
    replica.removeDecision(a!.refKey, 410);
    replica.removeDecision(b!.refKey, 404);
    const s = await crawl();
    expect(s).toMatchObject({ fetched: 28, gone: 2, failed: 2 });
    expect(
      archive
        .failures()
        .map((f) => [f.refKey, f.status, f.permanent])
        .sort(),
    ).toEqual(
      [
        [a!.refKey, 410, true],
        [b!.refKey, 404, true],
      ].sort(),
    );
    const before = decisionRequests(replica).length;
    const again = await crawl({ refresh: true });
    expect(again).toMatchObject({ fetched: 0, failed: 0, skippedGone: 2 });
    expect(decisionRequests(replica)).toHaveLength(before);
  });

  it('splits months the listing cannot page through, and still finds every decision in range', async () => {
    // ~23 decisions a month; the replica serves only page 1 (10 items) of any listing.
    const { replica, archive, crawl } = await setup({ port: 0, seed: 4, decisions: 3000, maxPages: 1 });
    const from = '2020-01-01';
    const to = '2020-04-30';
    const inRange = replica.corpus.decisions.filter((d) => d.decisionDate >= from && d.decisionDate <= to);
    expect(inRange.length).toBeGreaterThan(60);
    const s = await crawl({
      from,
      to,
      limits: { pageSize: 10, maxPages: 1 },
      config: {
        baseUrl: replica.url,
        userAgent: 'lgsco-archive/test',
        rate: 1000,
        concurrency: 8,
        timeoutMs: 5000,
        maxTries: 3,
      },
    });
    expect(s.fetched).toBe(inRange.length);
    expect([...archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual(
      inRange.map((d) => d.refKey).sort(),
    );
    const windows = new Set(
      replica.requestLog.filter((r) => r.path === '/Decisions/SearchResults').map((r) => r.query),
    );
    expect(windows.size).toBeGreaterThan(4 * 2);
    for (const m of ['2020-01', '2020-02', '2020-03', '2020-04'])
      expect(archive.isWindowComplete(m)).toBe(true);
  }, 60_000);

  it('stops with SearchShellError, keeping the shell page, when the listing is an empty search shell', async () => {
    const { replica, archive, crawl } = await setup({
      port: 0,
      seed: 3,
      decisions: 20,
      shellForNonBrowsers: true,
    });
    const err = await crawl().catch((e) => e);
    expect(err).toBeInstanceOf(SearchShellError);
    expect(err.message).toMatch(/search shell/);
    expect(decisionRequests(replica)).toHaveLength(0);
    expect(archive.counts().pages).toBeGreaterThanOrEqual(1);
  });
});
