/**
 * The re-check plan on a real Redis and a real archive (crawled from the replica): one job per
 * due decision with an id from its refKey, so two runs planned while the first one's jobs wait
 * queue each decision once; least recently checked first under a limit; a window dedup id that
 * keeps an unfiltered crawl from being swallowed by a category-filtered one.
 */
import type { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.js';
import { silentLogger } from '../core/log.js';
import { HttpClient, runCrawl } from '../crawler/index.js';
import { startReplica } from '../replica/index.js';
import { TEST_REDIS_URL, testPrefix, testRedis } from '../test/helpers/queue.js';
import { tempDir } from '../test/helpers/tmp.js';
import { CrawlQueues } from './crawl-queues.js';
import { countsOf } from './crawl-run.js';
import { jobIds } from './names.js';
import { discoveryProcessor } from './processors/discovery.js';
import { recheckProcessor } from './processors/recheck.js';
import { RunStats } from './run-stats.js';

const jobOf = (data: unknown, id = 'test-job') =>
  ({ id, data, attemptsMade: 0, opts: { attempts: 1 } }) as unknown as Job;

describe('queued re-check plan and filtered windows', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(decisions: number) {
    const prefix = testPrefix();
    const r = await testRedis(prefix);
    const queues = new CrawlQueues({ redisUrl: TEST_REDIS_URL, prefix });
    const tmp = tempDir();
    const archive = Archive.open(tmp.dir);
    const replica = await startReplica({ port: 0, seed: 5, decisions });
    cleanups.push(
      r.cleanup,
      () => queues.close(),
      () => tmp.cleanup(),
      () => archive.close(),
      () => replica.close(),
    );
    const config = {
      baseUrl: replica.url,
      userAgent: 'lgsco-test',
      rate: 500,
      concurrency: 4,
      timeoutMs: 5000,
      maxTries: 2,
    };
    const http = new HttpClient(config);
    await runCrawl({ config, archive, http, log: silentLogger });
    const stats = new RunStats(r.redis, prefix);
    const deps = { baseUrl: replica.url, archive, http, queues, stats, log: silentLogger };
    return { queues, archive, stats, replica, deps };
  }

  it('two re-check runs planned at once queue each due decision once, by refKey', async () => {
    const { queues, archive, stats, replica, deps } = await setup(12);
    const process = recheckProcessor(deps);
    const plan = (runId: string) =>
      process(jobOf({ kind: 'plan', runId, baseUrl: replica.url, olderThanMs: 0 }), undefined, undefined);
    expect(await plan('recheck-a')).toMatchObject({ kind: 'plan', due: 12 });
    expect(await plan('recheck-b')).toMatchObject({ kind: 'plan', due: 12 });
    expect((await countsOf(queues.recheck)).waiting).toBe(12);
    const keys = [...archive.iterateDecisions()].map((d) => d.refKey);
    for (const k of keys) {
      const job = await queues.recheck.getJob(jobIds.recheck(k));
      expect(job?.data, k).toMatchObject({ kind: 'decision', runId: 'recheck-a', refKey: k });
    }
    expect(await stats.get('recheck-b')).toMatchObject({ kind: 'recheck', planned: true, queued: 12 });
    expect(await stats.lastRunId()).toBe('recheck-b');
  });

  it('queues nothing younger than the age, and the least recently checked first under a limit', async () => {
    const { queues, archive, replica, deps } = await setup(6);
    const keys = [...archive.iterateDecisions()].map((d) => d.refKey).sort();
    // Checked just now, except two checked long ago.
    for (const k of keys) archive.touchChecked(k, new Date().toISOString());
    archive.touchChecked(keys[4]!, '2020-01-01T00:00:00.000Z');
    archive.touchChecked(keys[2]!, '2021-01-01T00:00:00.000Z');
    const process = recheckProcessor(deps);
    const plan = (runId: string, olderThanMs: number, limit?: number) =>
      process(
        jobOf({ kind: 'plan', runId, baseUrl: replica.url, olderThanMs, ...(limit ? { limit } : {}) }),
        undefined,
        undefined,
      );
    expect(await plan('young', 86_400_000, 1)).toMatchObject({ due: 1 });
    const waiting = await queues.recheck.getWaiting();
    expect(waiting.map((j) => j.data.kind === 'decision' && j.data.refKey)).toEqual([keys[4]]);
    expect(await plan('rest', 86_400_000)).toMatchObject({ due: 2 });
    expect((await countsOf(queues.recheck)).waiting).toBe(2);
  });

  it('a category-filtered crawl and an unfiltered one over the same months both queue their windows', async () => {
    const { queues, replica, deps } = await setup(3);
    const process = discoveryProcessor(deps);
    const base = { kind: 'plan', baseUrl: replica.url, from: '2024-01-01', to: '2024-03-31' };
    await process(jobOf({ ...base, runId: 'filtered', category: 'Education' }), undefined, undefined);
    await process(jobOf({ ...base, runId: 'filtered-again', category: 'education' }), undefined, undefined);
    await process(jobOf({ ...base, runId: 'plain' }), undefined, undefined);
    // Three months for the category (once, however it is spelt), three for the unfiltered run.
    expect((await countsOf(queues.discovery)).waiting).toBe(6);
  });

  it('refuses a plan with an unknown outcome or a malformed category, without retries', async () => {
    const { replica, deps } = await setup(1);
    const process = discoveryProcessor(deps);
    const base = { kind: 'plan', runId: 'bad', baseUrl: replica.url };
    await expect(
      process(jobOf({ ...base, outcomes: ['Maybe'] }), undefined, undefined),
    ).rejects.toMatchObject({
      name: 'UnrecoverableError',
      message: expect.stringMatching(/^LGSCO_ERR_QUEUE_PAYLOAD: .*outcomes\.0/),
    });
    await expect(process(jobOf({ ...base, category: 'a/b/c' }), undefined, undefined)).rejects.toMatchObject({
      name: 'UnrecoverableError',
      message: expect.stringMatching(/^LGSCO_ERR_QUEUE_PAYLOAD: .*category/),
    });
  });
});
