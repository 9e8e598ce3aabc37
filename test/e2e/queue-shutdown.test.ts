/**
 * SIGTERM to a worker in the middle of a crawl: it exits 0 within a few seconds, leaves no job
 * active, and a new worker finishes the crawl with every decision archived once.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE, Archive } from '../../archive/index.js';
import { CRAWL_QUEUES, CrawlQueues, openRedis, RunStats, waitForRun } from '../../queue/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { runCli, startCli } from '../helpers/cli.js';
import { TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/queue.js';
import { tempDir } from '../helpers/tmp.js';

describe('a worker stopped mid-crawl', () => {
  const DECISIONS = 150;
  const tmp = tempDir('lgsco-queue-term-');
  const prefix = testPrefix();
  let replica: ReplicaServer;
  let cleanupRedis: () => Promise<void>;
  const env = () => ({
    REDIS_URL: TEST_REDIS_URL,
    LGSCO_QUEUE_PREFIX: prefix,
    DATA_DIR: tmp.dir,
    LGSCO_BASE_URL: replica.url,
    LGSCO_RATE: '60',
    LGSCO_CONCURRENCY: '4',
  });

  beforeAll(async () => {
    replica = await startReplica({ port: 0, seed: 23, decisions: DECISIONS, latencyMs: [30, 80] });
    cleanupRedis = (await testRedis(prefix)).cleanup;
  });

  afterAll(async () => {
    await replica?.close();
    await cleanupRedis?.();
    tmp.cleanup();
  });

  it('exits 0 within a few seconds, leaves no job active, and a new worker finishes the crawl', async () => {
    const redis = await openRedis(TEST_REDIS_URL);
    const queues = new CrawlQueues({ redisUrl: TEST_REDIS_URL, prefix });
    const stats = new RunStats(redis, prefix);
    try {
      const first = await startCli(['worker'], /ready on/, env());
      const queued = await runCli(['crawl', '--no-wait'], env());
      expect(queued.code, queued.stderr).toBe(0);
      const runId = /queued crawl run (\S+)/.exec(queued.stdout)![1]!;

      // Mid-crawl: some decisions fetched, many still to go.
      for (let i = 0; i < 300 && (await stats.get(runId)).fetched < 30; i++) await sleep(50);
      expect((await stats.get(runId)).fetched).toBeGreaterThanOrEqual(30);
      // From now on the site never answers: the jobs in flight cannot finish in the grace period
      // and must be handed back to the queue rather than left active or failed.
      replica.setFaults({ hangRate: 1 });
      await sleep(300);
      const t0 = Date.now();
      const code = await first.stop();
      const tookMs = Date.now() - t0;
      expect(code).toBe(0);
      expect(tookMs).toBeLessThan(6_000);
      // It waited the grace period for the hanging requests, then handed their jobs back.
      expect(tookMs).toBeGreaterThanOrEqual(2_500);

      const after = await Promise.all(CRAWL_QUEUES.map((q) => queues[q].getJobCounts('active', 'waiting')));
      expect(after.map((c) => c.active)).toEqual(CRAWL_QUEUES.map(() => 0));
      expect(after.reduce((n, c) => n + (c.waiting ?? 0), 0)).toBeGreaterThan(0);

      replica.setFaults({});
      const second = await startCli(['worker'], /ready on/, env());
      const done = await waitForRun(queues, stats, runId, { intervalMs: 200 });
      expect(await second.stop()).toBe(0);
      expect(done.run).toMatchObject({ failed: 0, quarantined: 0 });
      expect(done.queues.fetch.failed + done.queues.store.failed + done.queues.discovery.failed).toBe(0);
    } finally {
      await queues.close();
      await redis.quit();
    }

    const archive = Archive.open(tmp.dir, { readonly: true });
    try {
      expect(archive.counts()).toMatchObject({ decisions: DECISIONS, pending: 0, needingIndex: 0 });
    } finally {
      archive.close();
    }
    // No decision page kept twice (read straight from the archive's fetch log).
    const db = new BetterSqlite3(path.join(tmp.dir, ARCHIVE_FILE), { readonly: true });
    try {
      const twice = db
        .prepare(
          `SELECT ref_key, COUNT(*) AS n FROM fetches WHERE kind = 'decision' AND status = 200 AND hash IS NOT NULL
           GROUP BY ref_key HAVING n > 1`,
        )
        .all();
      expect(twice).toEqual([]);
    } finally {
      db.close();
    }
  }, 120_000);
});
