/**
 * The queued crawl end to end, all real: the replica over HTTP, Redis, two `lgsco worker`
 * processes, the `lgsco crawl` producer, SQLite and Meilisearch. It must archive exactly what the
 * in-process crawl archives, and the two workers together must keep one rate limit.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../archive/index.js';
import { openServices } from '../../cli/services.js';
import { loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/log.js';
import { runCrawl } from '../../crawler/index.js';
import { CrawlQueues } from '../../queue/index.js';
import { type ReplicaRequest, type ReplicaServer, startReplica } from '../../replica/index.js';
import { type LongRunning, runCli, startCli } from '../helpers/cli.js';
import { TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/queue.js';
import { tempDir } from '../helpers/tmp.js';

const isDecisionPage = (p: string) => p.startsWith('/decisions/') && p.split('/').length === 5;

/** Everything in an archived decision but the fetch times. */
function withoutFetchTimes(archive: Archive, refKey: string) {
  const d = archive.getDecision(refKey);
  if (!d) return undefined;
  const { archive: history, ...record } = d;
  return { record, pageHash: history.pageHash, versions: history.versions.map((v) => v.pageHash) };
}

async function startWorkers(n: number, env: NodeJS.ProcessEnv): Promise<LongRunning[]> {
  return Promise.all(Array.from({ length: n }, () => startCli(['worker'], /ready on/, env)));
}

describe('BullMQ crawl with two worker processes', () => {
  const DECISIONS = 120;
  const tmp = tempDir('lgsco-queue-e2e-');
  const prefix = testPrefix();
  let replica: ReplicaServer;
  let cleanupRedis: () => Promise<void>;
  let inProcess: Archive;
  let queued: Archive;
  let queuedRequests: ReplicaRequest[];
  let crawlOut: { code: number | null; stdout: string };
  let processedBy: Set<string>;

  beforeAll(async () => {
    replica = await startReplica({ port: 0, seed: 21, decisions: DECISIONS });
    cleanupRedis = (await testRedis(prefix)).cleanup;

    // 1. The in-process runner.
    const dirA = path.join(tmp.dir, 'in-process');
    const config = loadConfig(
      { dataDir: dirA, baseUrl: replica.url, rate: 400, concurrency: 8, logLevel: 'silent' },
      {},
    );
    const services = await openServices(config, silentLogger);
    await runCrawl({
      config,
      archive: services.archive,
      log: silentLogger,
      onRecords: (r) => services.indexRecords(r),
    });
    await services.close();

    // 2. The same crawl through the queues, two worker processes.
    const mark = replica.requestLog.length;
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      LGSCO_QUEUE_PREFIX: prefix,
      DATA_DIR: path.join(tmp.dir, 'queued'),
      LGSCO_BASE_URL: replica.url,
      LGSCO_RATE: '400',
      LGSCO_CONCURRENCY: '8',
    };
    const workers = await startWorkers(2, env);
    try {
      crawlOut = await runCli(['crawl'], env, 120_000);
      const queues = new CrawlQueues({ redisUrl: TEST_REDIS_URL, prefix });
      const done = await queues.fetch.getCompleted(0, -1);
      processedBy = new Set(done.map((j) => j.processedBy ?? ''));
      await queues.close();
    } finally {
      const codes = await Promise.all(workers.map((w) => w.stop()));
      expect(codes).toEqual([0, 0]);
    }
    queuedRequests = replica.requestLog.slice(mark);
    inProcess = Archive.open(dirA, { readonly: true });
    queued = Archive.open(env.DATA_DIR, { readonly: true });
  }, 240_000);

  afterAll(async () => {
    inProcess?.close();
    queued?.close();
    await replica?.close();
    await cleanupRedis?.();
    tmp.cleanup();
  });

  it('finishes, reporting every decision fetched, saved and indexed', () => {
    expect(crawlOut.code).toBe(0);
    expect(crawlOut.stdout).toMatch(
      new RegExp(`${DECISIONS} decision pages fetched, ${DECISIONS} saved, 0 quarantined, 0 failed`),
    );
    expect(crawlOut.stdout).toMatch(new RegExp(`; ${DECISIONS} indexed\\.`));
    expect(queued.counts()).toMatchObject({ decisions: DECISIONS, pending: 0, needingIndex: 0, failures: 0 });
  });

  it('archives exactly the decisions the in-process runner archives, with the same records and pages', () => {
    const keys = (a: Archive) => [...a.iterateDecisions()].map((d) => d.refKey).sort();
    expect(keys(queued)).toEqual(keys(inProcess));
    expect(keys(queued)).toEqual(replica.corpus.decisions.map((d) => d.refKey).sort());
    for (const refKey of keys(inProcess)) {
      expect(withoutFetchTimes(queued, refKey), refKey).toEqual(withoutFetchTimes(inProcess, refKey));
    }
  });

  it('fetches each decision page once, and both workers did part of the fetching', () => {
    const pages = queuedRequests.filter((r) => isDecisionPage(r.path));
    expect(pages).toHaveLength(DECISIONS);
    expect(new Set(pages.map((r) => r.path)).size).toBe(DECISIONS);
    expect(processedBy.size).toBe(2);
  });
});

describe('the rate limit shared by two worker processes', () => {
  const tmp = tempDir('lgsco-queue-rate-');
  const prefix = testPrefix();
  let replica: ReplicaServer;
  let cleanupRedis: () => Promise<void>;

  beforeAll(async () => {
    replica = await startReplica({ port: 0, seed: 22, decisions: 150, latencyMs: [20, 60] });
    cleanupRedis = (await testRedis(prefix)).cleanup;
  });

  afterAll(async () => {
    await replica?.close();
    await cleanupRedis?.();
    tmp.cleanup();
  });

  it('holds 20 requests/s across both: ≤ 21 req/s achieved, and 10 consecutive starts span 450 ms (no burst)', async () => {
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      LGSCO_QUEUE_PREFIX: prefix,
      DATA_DIR: tmp.dir,
      LGSCO_BASE_URL: replica.url,
      LGSCO_RATE: '20',
      LGSCO_CONCURRENCY: '6',
    };
    const workers = await startWorkers(2, env);
    let out: { code: number | null; stdout: string; stderr: string };
    let processedBy: Set<string>;
    try {
      out = await runCli(['crawl', '--limit', '70'], env, 120_000);
      const queues = new CrawlQueues({ redisUrl: TEST_REDIS_URL, prefix });
      processedBy = new Set((await queues.fetch.getCompleted(0, -1)).map((j) => j.processedBy ?? ''));
      await queues.close();
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(out.code, out.stderr).toBe(0);
    const starts = replica.requestLog.map((r) => r.at).sort((a, b) => a - b);
    expect(starts.length).toBeGreaterThanOrEqual(60);
    const achieved = ((starts.length - 1) / (starts.at(-1)! - starts[0]!)) * 1000;
    expect(achieved).toBeLessThanOrEqual(21);
    // 10 consecutive starts cover 9 slots of 50 ms. The slots are exact; the arrivals carry the
    // event-loop delay of the worker that starts a request late (parsing, SQLite) and of this
    // process stamping them, and a late first start shortens one span. Measured on 2 cores: alone
    // min 427 / p10 448 / median 450 ms; beside another test file min 318 / p10 436 / median 454.
    // So: the typical span is the full 450 ms, 90 % are within 25 ms of it, and none is a burst
    // (the 12 requests the workers may have in flight at once would make a span of ~0 ms).
    const spans: number[] = [];
    for (let i = 0; i + 9 < starts.length; i++) spans.push(starts[i + 9]! - starts[i]!);
    spans.sort((a, b) => a - b);
    const shown = `10-start spans (ms): min ${spans[0]}, p10 ${spans[Math.floor(spans.length * 0.1)]}, median ${spans[Math.floor(spans.length / 2)]}`;
    expect(spans[Math.floor(spans.length * 0.1)], shown).toBeGreaterThanOrEqual(425);
    expect(spans[Math.floor(spans.length / 2)], shown).toBeGreaterThanOrEqual(445);
    expect(spans[0], shown).toBeGreaterThanOrEqual(300);
    // The limit held, and the workload really was shared: both processes fetched decision pages.
    expect(out.stdout).toMatch(/70 decision pages fetched/);
    expect(processedBy.size).toBe(2);
  });
});
