/**
 * `lgsco crawl --recheck` on the queues, all real: the replica over HTTP, Redis, two `lgsco worker`
 * processes, SQLite and Meilisearch. After a queued crawl, the replica changes 5 pages and removes
 * 3; the queued re-check stores 5 new versions (old ones kept) and re-indexes them, flags the 3
 * removed with the date (kept), sends one conditional GET per decision (the rest answer 304) and
 * changes nothing else. `lgsco status` shows the re-check as the last run.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../archive/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { type CliResult, type LongRunning, runCli, startCli } from '../helpers/cli.js';
import { TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/queue.js';
import { decisionRequests } from '../helpers/replica-crawl.js';
import { tempDir } from '../helpers/tmp.js';

const N = 100;

describe('queued crawl --recheck', () => {
  const tmp = tempDir('lgsco-queue-recheck-');
  const prefix = testPrefix();
  let replica: ReplicaServer;
  let cleanupRedis: () => Promise<void>;
  let changed: string[];
  let removed: string[];
  let crawl: CliResult;
  let recheck: CliResult;
  let status: CliResult;
  let requestsBefore: number;
  let archive: Archive;
  const recordsBefore = new Map<string, string>();

  beforeAll(async () => {
    replica = await startReplica({ port: 0, seed: 43, decisions: N });
    cleanupRedis = (await testRedis(prefix)).cleanup;
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      LGSCO_QUEUE_PREFIX: prefix,
      DATA_DIR: path.join(tmp.dir, 'data'),
      LGSCO_BASE_URL: replica.url,
      LGSCO_RATE: '400',
      LGSCO_CONCURRENCY: '6',
    };
    const workers: LongRunning[] = await Promise.all([0, 1].map(() => startCli(['worker'], /ready on/, env)));
    try {
      crawl = await runCli(['crawl'], env, 60_000);
      if (crawl.code !== 0) throw new Error(`crawl failed\n${crawl.stdout}\n${crawl.stderr}`);
      const before = Archive.open(env.DATA_DIR, { readonly: true });
      for (const d of before.iterateDecisions()) recordsBefore.set(d.refKey, JSON.stringify(d));
      before.close();
      const keys = replica.corpus.decisions.map((d) => d.refKey);
      changed = keys.slice(10, 15);
      removed = keys.slice(40, 43);
      for (const k of changed) replica.changeDecision(k);
      replica.removeDecision(removed[0]!, 404);
      replica.removeDecision(removed[1]!, 410);
      replica.removeDecision(removed[2]!, 410);
      requestsBefore = replica.requestLog.length;
      recheck = await runCli(['crawl', '--recheck', '--older-than', '0m'], env, 60_000);
      status = await runCli(['status'], env, 30_000);
    } finally {
      expect(await Promise.all(workers.map((w) => w.stop()))).toEqual([0, 0]);
    }
    archive = Archive.open(env.DATA_DIR, { readonly: true });
  }, 120_000);

  afterAll(async () => {
    archive?.close();
    await replica?.close();
    await cleanupRedis?.();
    tmp.cleanup();
  });

  it('reports the re-check in the in-process words: 5 changed, 3 removed, the rest not modified', () => {
    expect(recheck.code, recheck.stderr).toBe(0);
    expect(recheck.stdout).toMatch(
      new RegExp(
        `recheck run \\S+ finished in [\\d.]+ s: ${N} checked, ${N - 8} not modified, 0 unchanged, ` +
          '5 changed \\(new versions\\), 3 removed from the source, 0 still removed, 0 restored, ' +
          '0 quarantined, 0 failed; 8 indexed\\.',
      ),
    );
    expect(status.stdout).toMatch(
      new RegExp(`last run recheck-\\S+ \\(recheck\\): checked ${N}/${N}, not modified ${N - 8}, `),
    );
  });

  it('asks the site once per archived decision, with conditional headers', () => {
    const rechecks = decisionRequests(replica).filter((r) => replica.requestLog.indexOf(r) >= requestsBefore);
    expect(rechecks).toHaveLength(N);
    expect(new Set(rechecks.map((r) => r.path)).size).toBe(N);
    const byStatus = (st: number) => rechecks.filter((r) => r.status === st).length;
    expect([byStatus(304), byStatus(200), byStatus(404), byStatus(410)]).toEqual([N - 8, 5, 1, 2]);
  });

  it('keeps the old version of each changed page and saves the record parsed from the new one', () => {
    for (const k of changed) {
      const d = archive.getDecision(k)!;
      expect(d.archive.versions, k).toHaveLength(2);
      expect(d.archive.pageHash).toBe(archive.storedDecisionPage(k)!.pageHash);
      const old = d.archive.versions.find((v) => v.pageHash !== d.archive.pageHash)!;
      expect(archive.getPageBody(old.pageHash).length).toBeGreaterThan(0);
      const { archive: _a, ...record } = d;
      expect(JSON.stringify(record)).not.toBe(recordsBefore.get(k));
      expect(d.archive.removedAt).toBeNull();
    }
  });

  it('flags the removed decisions with the date and keeps them; nothing else changes; all indexed', () => {
    for (const k of removed) {
      const d = archive.getDecision(k)!;
      expect(d, k).toBeDefined();
      expect(d.archive.removedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(d.archive.versions).toHaveLength(1);
    }
    const touched = new Set([...changed, ...removed]);
    let untouched = 0;
    for (const d of archive.iterateDecisions()) {
      if (touched.has(d.refKey)) continue;
      const { removedFromSource, ...record } = d;
      expect(removedFromSource).toBeUndefined();
      expect(JSON.stringify(record)).toBe(recordsBefore.get(d.refKey));
      expect(archive.getDecision(d.refKey)!.archive.versions).toHaveLength(1);
      untouched++;
    }
    expect(untouched).toBe(N - 8);
    expect(archive.counts()).toMatchObject({ decisions: N, removed: 3, needingIndex: 0 });
  });
});
