import type { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.js';
import { silentLogger } from '../core/log.js';
import { sourceProfile } from '../core/source-profile.js';
import { HttpClient, runCrawl } from '../crawler/index.js';
import { startReplica } from '../replica/index.js';
import { TEST_REDIS_URL, testPrefix, testRedis } from '../test/helpers/queue.js';
import { tempDir } from '../test/helpers/tmp.js';
import { CrawlQueues } from './crawl-queues.js';
import { jobIds } from './names.js';
import { discoveryProcessor } from './processors/discovery.js';
import { scheduleProcessor } from './processors/schedule.js';
import { RunStats } from './run-stats.js';

describe('the daily incremental crawl', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('an incremental plan starts at the newest archived decision date minus the overlap, walking settled windows again', async () => {
    const tmp = tempDir();
    const archive = Archive.open(tmp.dir);
    const replica = await startReplica({ port: 0, seed: 4, decisions: 12 });
    const prefix = testPrefix();
    const r = await testRedis(prefix);
    const queues = new CrawlQueues({ redisUrl: TEST_REDIS_URL, prefix });
    cleanups.push(
      () => tmp.cleanup(),
      () => archive.close(),
      () => replica.close(),
      r.cleanup,
      () => queues.close(),
    );
    const http = new HttpClient({
      userAgent: 'lgsco-test',
      rate: 500,
      concurrency: 4,
      timeoutMs: 5000,
      maxTries: 2,
    });
    await runCrawl({
      config: {
        baseUrl: replica.url,
        userAgent: 'lgsco-test',
        rate: 500,
        concurrency: 4,
        timeoutMs: 5000,
        maxTries: 2,
      },
      archive,
      http,
      log: silentLogger,
    });
    const plan = discoveryProcessor({
      baseUrl: replica.url,
      archive,
      http,
      queues,
      stats: new RunStats(r.redis, prefix),
      log: silentLogger,
    });
    const to = new Date().toISOString().slice(0, 10);
    const out = await plan(
      {
        id: 'p',
        data: { kind: 'plan', runId: 'inc', baseUrl: replica.url, incremental: true },
        attemptsMade: 0,
        opts: {},
      } as unknown as Job,
      undefined,
      undefined,
    );
    const newest = replica.corpus.decisions
      .map((d) => d.decisionDate)
      .sort()
      .at(-1)!;
    const back = new Date(Date.parse(newest) - sourceProfile.listing.incrementalOverlapDays * 86_400_000);
    expect(out).toMatchObject({ kind: 'plan', from: back.toISOString().slice(0, 10), to });
    const windows = await queues.discovery.getWaiting();
    expect(windows.length).toBeGreaterThan(0);
    expect(windows.every((j) => j.data.kind === 'window' && j.data.refresh === true)).toBe(true);
  });

  it('each scheduler firing queues one incremental plan for the day, however often it fires', async () => {
    const prefix = testPrefix();
    const r = await testRedis(prefix);
    const queues = new CrawlQueues({ redisUrl: TEST_REDIS_URL, prefix });
    cleanups.push(r.cleanup, () => queues.close());
    const fire = scheduleProcessor({ queues, log: silentLogger });
    const job = {
      id: 'repeat-1',
      data: { kind: 'daily-incremental', baseUrl: 'http://127.0.0.1:9/' },
      attemptsMade: 0,
      opts: {},
    };
    const a = await fire(job as unknown as Job, undefined, undefined);
    await fire(job as unknown as Job, undefined, undefined);
    const runId = `daily-${new Date().toISOString().slice(0, 10)}`;
    expect(a).toEqual({ runId });
    const plans = await queues.discovery.getWaiting();
    expect(plans).toHaveLength(1);
    expect(plans[0]!.id).toBe(jobIds.plan(runId));
    expect(plans[0]!.data).toMatchObject({ kind: 'plan', incremental: true, baseUrl: 'http://127.0.0.1:9/' });
  });
});
