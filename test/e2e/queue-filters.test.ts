/**
 * `lgsco crawl --category` and `--outcome` on the queues, all real: the replica over HTTP, Redis,
 * two `lgsco worker` processes per run and the `lgsco crawl` producer. Each queued run must archive
 * exactly the refKeys the in-process crawl archives with the same filter, and that set must be the
 * replica's ground truth for the filter: not empty, and not the whole corpus.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../archive/index.js';
import { silentLogger } from '../../core/log.js';
import { type CrawlOptions, runCrawl } from '../../crawler/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { type CliResult, runCli, startCli } from '../helpers/cli.js';
import { TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/queue.js';
import { CRAWLER_UA, listingRequests } from '../helpers/replica-crawl.js';
import { tempDir } from '../helpers/tmp.js';

const DECISIONS = 160;
const FROM = '2020-01-01';

const refKeys = (dir: string) => {
  const a = Archive.open(dir, { readonly: true });
  try {
    return [...a.iterateDecisions()].map((d) => d.refKey).sort();
  } finally {
    a.close();
  }
};

describe('queued crawls with --category and --outcome', () => {
  const tmp = tempDir('lgsco-queue-filters-');
  let replica: ReplicaServer;
  const cleanups: Array<() => Promise<void>> = [];

  /** The in-process crawl with `filter` into its own archive; returns the archived refKeys. */
  async function inProcess(name: string, filter: Partial<CrawlOptions>): Promise<string[]> {
    const dir = path.join(tmp.dir, `in-process-${name}`);
    const archive = Archive.open(dir);
    try {
      await runCrawl({
        config: {
          baseUrl: replica.url,
          userAgent: CRAWLER_UA,
          rate: 400,
          concurrency: 6,
          timeoutMs: 5000,
          maxTries: 3,
          browser: 'never',
        },
        archive,
        log: silentLogger,
        from: FROM,
        ...filter,
      });
    } finally {
      archive.close();
    }
    return refKeys(dir);
  }

  /** The same through the queues: two workers on their own prefix and archive, then `lgsco crawl ARGS`. */
  async function queued(name: string, args: string[]): Promise<{ out: CliResult; keys: string[] }> {
    const prefix = testPrefix();
    cleanups.push((await testRedis(prefix)).cleanup);
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      LGSCO_QUEUE_PREFIX: prefix,
      DATA_DIR: path.join(tmp.dir, `queued-${name}`),
      LGSCO_BASE_URL: replica.url,
      LGSCO_RATE: '400',
      LGSCO_CONCURRENCY: '6',
      LGSCO_BROWSER: 'never',
    };
    const workers = await Promise.all([0, 1].map(() => startCli(['worker'], /ready on/, env)));
    let out: CliResult;
    try {
      out = await runCli(['crawl', '--from', FROM, ...args], env, 60_000);
    } finally {
      expect(await Promise.all(workers.map((w) => w.stop()))).toEqual([0, 0]);
    }
    return { out, keys: refKeys(env.DATA_DIR) };
  }

  beforeAll(async () => {
    replica = await startReplica({ port: 0, seed: 41, decisions: DECISIONS });
  });

  afterAll(async () => {
    for (const c of cleanups) await c();
    await replica?.close();
    tmp.cleanup();
  });

  const inRange = () => replica.corpus.decisions.filter((d) => d.decisionDate >= FROM);

  it('--category archives the same set as the in-process crawl: the category, nothing else', async () => {
    const truth = inRange()
      .filter((d) => d.catSlug === 'education')
      .map((d) => d.refKey)
      .sort();
    expect(truth.length).toBeGreaterThan(0);
    expect(truth.length).toBeLessThan(inRange().length);
    const expected = await inProcess('category', { category: 'Education' });
    expect(expected).toEqual(truth);
    const { out, keys } = await queued('category', ['--category', 'Education']);
    expect(out.code, out.stderr).toBe(0);
    expect(keys).toEqual(expected);
    expect(out.stdout).toMatch(new RegExp(`${truth.length} decision pages fetched, ${truth.length} saved`));
  }, 60_000);

  it('--outcome archives the same set as the in-process crawl, asking the listing for those outcomes', async () => {
    const truth = inRange()
      .filter((d) => d.outcome === 'Upheld' || d.outcome === 'Not upheld')
      .map((d) => d.refKey)
      .sort();
    expect(truth.length).toBeGreaterThan(0);
    expect(truth.length).toBeLessThan(inRange().length);
    const expected = await inProcess('outcome', { outcomes: ['Upheld', 'Not upheld'] });
    expect(expected).toEqual(truth);
    const mark = replica.requestLog.length;
    const { out, keys } = await queued('outcome', ['--outcome', 'upheld,Not upheld']);
    expect(out.code, out.stderr).toBe(0);
    expect(keys).toEqual(expected);
    const listings = listingRequests(replica).filter((r) => replica.requestLog.indexOf(r) >= mark);
    expect(listings.length).toBeGreaterThan(0);
    for (const r of listings) expect(new URLSearchParams(r.query).get('dc')).toBe('u+nu+');
  }, 60_000);
});
