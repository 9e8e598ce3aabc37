/**
 * Re-check against the replica, with the real Meilisearch: after the site changes 5 pages and
 * removes 3, a re-check stores 5 new versions (old ones kept), flags 3 decisions removed (kept,
 * still searchable, `removedFromSource` in the index), and touches nothing else, because the
 * unchanged pages answer 304 to the conditional headers. A removed page that comes back is unflagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices, type Services } from '../../cli/services.js';
import { loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/log.js';
import { type RecheckSummary, runCrawl, runRecheck } from '../../crawler/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { decisionRequests } from '../helpers/replica-crawl.js';
import { tempDir } from '../helpers/tmp.js';

const N = 120;

describe('crawl --recheck', () => {
  const tmp = tempDir();
  let replica: ReplicaServer;
  let services: Services;
  let changed: string[];
  let removed: string[];
  let summary: RecheckSummary;
  let requestsBefore: number;
  const recordsBefore = new Map<string, string>();

  const doc = (refKey: string) =>
    services.meili.client.index(services.index.uid).getDocument(refKey) as Promise<Record<string, unknown>>;
  const recheck = (olderThanMs: number) =>
    runRecheck({
      config: services.config,
      archive: services.archive,
      log: silentLogger,
      olderThanMs,
      onRecords: (r) => services.indexRecords(r),
    });

  beforeAll(async () => {
    replica = await startReplica({ seed: 17, decisions: N });
    const config = loadConfig(
      { dataDir: tmp.dir, baseUrl: replica.url, rate: 400, concurrency: 4, logLevel: 'silent' },
      {},
    );
    services = await openServices(config, silentLogger);
    const s = await runCrawl({
      config,
      archive: services.archive,
      log: silentLogger,
      onRecords: (r) => services.indexRecords(r),
    });
    expect(s.fetched).toBe(N);
    for (const d of services.archive.iterateDecisions()) recordsBefore.set(d.refKey, JSON.stringify(d));
    const keys = replica.corpus.decisions.map((d) => d.refKey);
    changed = keys.slice(10, 15);
    removed = keys.slice(40, 43);
    for (const k of changed) replica.changeDecision(k);
    replica.removeDecision(removed[0]!, 404);
    replica.removeDecision(removed[1]!, 410);
    replica.removeDecision(removed[2]!, 410);
    requestsBefore = replica.requestLog.length;
    summary = await recheck(0);
  }, 180_000);

  afterAll(async () => {
    await services?.close();
    await replica?.close();
    tmp.cleanup();
  });

  it('sends conditional headers, so unchanged pages answer 304', () => {
    expect(summary).toMatchObject({
      total: N,
      notModified: N - 8,
      unchanged: 0,
      changed: 5,
      removed: 3,
      failed: 0,
      quarantined: 0,
    });
    // One request per archived decision, plus robots.txt for the re-check's own client.
    const since = replica.requestLog.slice(requestsBefore);
    expect(since.map((r) => r.path).filter((p) => p === '/robots.txt')).toHaveLength(1);
    expect(since).toHaveLength(N + 1);
    const rechecks = decisionRequests(replica).slice(-N);
    const byStatus = (st: number) => rechecks.filter((r) => r.status === st).length;
    expect([byStatus(304), byStatus(200), byStatus(404), byStatus(410)]).toEqual([N - 8, 5, 1, 2]);
  });

  it('keeps the old version of a changed page and re-parses the new one', () => {
    for (const k of changed) {
      const d = services.archive.getDecision(k)!;
      expect(d.archive.versions, k).toHaveLength(2);
      // The record now comes from the newest page; the first version is still listed (and stored).
      expect(d.archive.pageHash).toBe(services.archive.storedDecisionPage(k)!.pageHash);
      const old = d.archive.versions.find((v) => v.pageHash !== d.archive.pageHash)!;
      expect(services.archive.getPageBody(old.pageHash).length).toBeGreaterThan(0);
      const { archive: _a, ...record } = d;
      expect(JSON.stringify(record)).not.toBe(recordsBefore.get(k));
      expect(d.archive.removedAt).toBeNull();
    }
  });

  it('flags removed decisions with the date and keeps them; nothing else changes', () => {
    for (const k of removed) {
      const d = services.archive.getDecision(k)!;
      expect(d, k).toBeDefined();
      expect(d.archive.removedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(d.archive.versions).toHaveLength(1);
    }
    const touched = new Set([...changed, ...removed]);
    for (const d of services.archive.iterateDecisions()) {
      if (touched.has(d.refKey)) continue;
      const { removedFromSource, ...record } = d;
      expect(removedFromSource).toBeUndefined();
      expect(JSON.stringify(record)).toBe(recordsBefore.get(d.refKey));
      expect(services.archive.getDecision(d.refKey)!.archive.versions).toHaveLength(1);
    }
    expect(services.archive.counts()).toMatchObject({ decisions: N, removed: 3, needingIndex: 0 });
  });

  it('re-indexes changed and removed decisions; removed ones stay searchable, flagged', async () => {
    for (const k of removed) expect((await doc(k)).removedFromSource, k).toBe(true);
    for (const k of changed) {
      const d = services.archive.getDecision(k)!;
      const indexed = await doc(k);
      expect(indexed.removedFromSource).toBe(false);
      expect(indexed.summary).toBe(d.summary);
    }
    expect(await services.index.count()).toBe(N);
  });

  it('checks nothing younger than the given age, and unflags a page that comes back', async () => {
    const none = await recheck(30 * 86_400_000);
    expect(none.total).toBe(0);
    replica.restoreDecision(removed[1]!);
    const again = await recheck(0);
    expect(again).toMatchObject({ restored: 1, stillRemoved: 2, removed: 0, changed: 0, failed: 0 });
    expect(services.archive.getDecision(removed[1]!)!.archive.removedAt).toBeNull();
    expect((await doc(removed[1]!)).removedFromSource).toBe(false);
    expect((await doc(removed[0]!)).removedFromSource).toBe(true);
    expect(services.archive.counts().removed).toBe(2);
  });
});
