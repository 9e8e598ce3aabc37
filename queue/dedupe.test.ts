/**
 * Job ids derived from refKeys and window keys: the same decision or window queued twice is one
 * job, and a page delivered twice to the store worker is archived once.
 */
import type { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.js';
import { silentLogger } from '../core/log.js';
import { fetchDecisionPage, HttpClient } from '../crawler/index.js';
import { startReplica } from '../replica/index.js';
import { TEST_REDIS_URL, testPrefix, testRedis } from '../test/helpers/queue.js';
import { tempDir } from '../test/helpers/tmp.js';
import { ArchiveJournal } from './archive-journal.js';
import { CrawlQueues } from './crawl-queues.js';
import { countsOf, enqueueCrawl } from './crawl-run.js';
import { jobIds } from './names.js';
import { discoveryProcessor } from './processors/discovery.js';
import { storeProcessor } from './processors/store.js';
import { RunStats } from './run-stats.js';

/** Just what the processors read from a BullMQ job. */
const jobOf = (data: unknown, id = 'test-job') =>
  ({ id, data, attemptsMade: 0, opts: { attempts: 1 } }) as unknown as Job;

describe('job ids and deduplication', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const prefix = testPrefix();
    const r = await testRedis(prefix);
    const queues = new CrawlQueues({ redisUrl: TEST_REDIS_URL, prefix });
    const tmp = tempDir();
    const archive = Archive.open(tmp.dir);
    cleanups.push(
      r.cleanup,
      () => queues.close(),
      () => tmp.cleanup(),
      () => archive.close(),
    );
    const stats = new RunStats(r.redis, prefix);
    const http = new HttpClient({
      userAgent: 'lgsco-test',
      rate: 500,
      concurrency: 2,
      timeoutMs: 5000,
      maxTries: 2,
    });
    return { queues, archive, stats, http };
  }

  it('the same run enqueued twice is one plan job', async () => {
    const { queues } = await setup();
    const o = { runId: 'same-run', baseUrl: 'http://127.0.0.1:9/' };
    await enqueueCrawl(queues, o);
    await enqueueCrawl(queues, o);
    expect((await countsOf(queues.discovery)).waiting).toBe(1);
    expect(await queues.discovery.getJobState(jobIds.plan('same-run'))).toBe('waiting');
  });

  it('two runs over the same months queue each window once while it waits, and each decision once', async () => {
    const { queues, archive, stats, http } = await setup();
    archive.addDiscovered([
      {
        refKey: '24-001-001',
        url: 'http://127.0.0.1:9/decisions/a/b/24-001-001',
        decisionDate: '2024-03-02',
      },
      {
        refKey: '24-001-002',
        url: 'http://127.0.0.1:9/decisions/a/b/24-001-002',
        decisionDate: '2024-03-05',
      },
    ]);
    const process = discoveryProcessor({
      baseUrl: 'http://127.0.0.1:9/',
      archive,
      http,
      queues,
      stats,
      log: silentLogger,
    });
    const plan = (runId: string) =>
      process(
        jobOf({ kind: 'plan', runId, baseUrl: 'http://127.0.0.1:9/', from: '2024-01-01', to: '2024-06-30' }),
        undefined,
        undefined,
      );
    await plan('run-a');
    await plan('run-b');
    // Six months → six window jobs, not twelve; the two pending decisions → two fetch jobs, not four.
    expect((await countsOf(queues.discovery)).waiting).toBe(6);
    expect((await countsOf(queues.fetch)).waiting).toBe(2);
    expect(await queues.fetch.getJobState(jobIds.fetch('24-001-001'))).toBe('waiting');
    expect(await stats.queued('run-a')).toBe(2);
  });

  it('a page delivered twice to the store worker is archived once', async () => {
    const { archive, stats } = await setup();
    const replica = await startReplica({ port: 0, seed: 9, decisions: 3 });
    cleanups.push(() => replica.close());
    const d = replica.corpus.decisions[0]!;
    const url = new URL(d.path, replica.url).href;
    const http = new HttpClient({
      userAgent: 'lgsco-test',
      rate: 500,
      concurrency: 2,
      timeoutMs: 5000,
      maxTries: 2,
    });
    // Two fetches of the same decision (a re-delivered fetch job), the page reworded in between.
    const payloads = [];
    for (let i = 0; i < 2; i++) {
      if (i === 1) replica.changeDecision(d.refKey);
      const journal = new ArchiveJournal();
      const outcome = await fetchDecisionPage(
        { http, archive: journal.asArchive(), log: silentLogger },
        { refKey: d.refKey, url },
      );
      payloads.push({ runId: 'run-s', refKey: d.refKey, url, outcome, journal: journal.ops });
    }
    const process = storeProcessor({ archive, stats, log: silentLogger });
    expect(await process(jobOf(payloads[0]), undefined, undefined)).toEqual({ status: 'saved' });
    // The same job again (at-least-once delivery), then the second fetch's job.
    expect(await process(jobOf(payloads[0]), undefined, undefined)).toEqual({ status: 'saved' });
    expect(await process(jobOf(payloads[1]), undefined, undefined)).toEqual({ status: 'duplicate' });
    expect(archive.counts()).toMatchObject({ decisions: 1, pages: 1 });
    expect(archive.getDecision(d.refKey)?.archive.versions).toHaveLength(1);
  });

  it('a job whose data does not match its queue schema fails without retries, with the code', async () => {
    const { archive, stats } = await setup();
    const process = storeProcessor({ archive, stats, log: silentLogger });
    await expect(process(jobOf({ refKey: 'nope' }), undefined, undefined)).rejects.toMatchObject({
      name: 'UnrecoverableError',
      message: expect.stringMatching(/^LGSCO_ERR_QUEUE_PAYLOAD: job test-job in queue "store" has bad data/),
    });
  });
});
