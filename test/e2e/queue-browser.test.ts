/**
 * The search-shell fallback on the queues, all real: the replica serves an empty search shell to
 * non-browser clients, Redis, two `lgsco worker` processes (LGSCO_BROWSER=auto, Debian's Chromium)
 * and the `lgsco crawl` producer. The discovery worker meets the shell once over plain HTTP,
 * switches the run to Chromium (primed on /decisions, recorded in the run's Redis hash) and
 * archives every decision; decision pages stay on the plain client. Skipped without Chromium.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../archive/index.js';
import { openRedis, RunStats } from '../../queue/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { type CliResult, type LongRunning, runCli, startCli } from '../helpers/cli.js';
import { TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/queue.js';
import { decisionRequests, listingRequests } from '../helpers/replica-crawl.js';
import { CHROMIUM, chromiumMissing, requireNothingMissing, skipUnless } from '../helpers/requirements.js';
import { tempDir } from '../helpers/tmp.js';

const BROWSER_UA = /^Mozilla\/5\.0 .*HeadlessChrome\/.* lgsco-archive\//;

describe.skipIf(skipUnless(chromiumMissing()))(
  'queued crawl through Chromium when the listing is a search shell',
  () => {
    const DECISIONS = 90;
    const tmp = tempDir('lgsco-queue-browser-');
    const prefix = testPrefix();
    let replica: ReplicaServer;
    let cleanupRedis: () => Promise<void>;
    let out: CliResult;
    let runId: string;
    let recordedSwitch: boolean;
    let archive: Archive;

    beforeAll(async () => {
      requireNothingMissing(chromiumMissing());
      replica = await startReplica({ port: 0, seed: 31, decisions: DECISIONS, shellForNonBrowsers: true });
      cleanupRedis = (await testRedis(prefix)).cleanup;
      const env = {
        REDIS_URL: TEST_REDIS_URL,
        LGSCO_QUEUE_PREFIX: prefix,
        DATA_DIR: path.join(tmp.dir, 'data'),
        LGSCO_BASE_URL: replica.url,
        LGSCO_RATE: '200',
        LGSCO_CONCURRENCY: '6',
        LGSCO_BROWSER: 'auto',
        LGSCO_CHROMIUM: CHROMIUM,
      };
      const workers: LongRunning[] = await Promise.all(
        [0, 1].map(() => startCli(['worker'], /ready on/, env)),
      );
      try {
        out = await runCli(['crawl'], env, 90_000);
        runId = /crawl run (\S+) finished/.exec(out.stdout)?.[1] ?? '';
        const redis = await openRedis(TEST_REDIS_URL);
        recordedSwitch = await new RunStats(redis, prefix).usesBrowser(runId);
        await redis.quit();
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

    it('archives every decision of the replica, and says the listing went through Chromium', () => {
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout).toMatch(
        new RegExp(`${DECISIONS} decision pages fetched, ${DECISIONS} saved, 0 quarantined, 0 failed`),
      );
      expect(out.stdout).toContain('(through Chromium)');
      expect([...archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual(
        replica.corpus.decisions.map((d) => d.refKey).sort(),
      );
      expect(archive.counts()).toMatchObject({ decisions: DECISIONS, pending: 0, needingIndex: 0 });
      expect(recordedSwitch).toBe(true);
    });

    it('meets the shell once over HTTP, primes Chromium on /decisions, then walks every listing page in it', () => {
      const listings = listingRequests(replica);
      const plain = listings.filter((r) => !BROWSER_UA.test(r.userAgent ?? ''));
      // The first window's first page is the shell; the other window job in flight may meet it too
      // before the switch, but never more than the two discovery jobs running at once.
      expect(plain.length).toBeGreaterThanOrEqual(1);
      expect(plain.length).toBeLessThanOrEqual(2);
      expect(plain.every((r) => listings.indexOf(r) < 2)).toBe(true);
      const viaBrowser = listings.filter((r) => BROWSER_UA.test(r.userAgent ?? ''));
      // At least one listing page per monthly window since 2016.
      expect(viaBrowser.length).toBeGreaterThan(100);
      const primes = replica.requestLog.filter((r) => r.path === '/decisions');
      expect(primes).toHaveLength(1);
      expect(primes[0]!.userAgent).toMatch(BROWSER_UA);
      expect(replica.requestLog.indexOf(primes[0]!)).toBeLessThan(replica.requestLog.indexOf(viaBrowser[0]!));
    });

    it('keeps decision pages on the plain HTTP client, once each', () => {
      const pages = decisionRequests(replica);
      expect(pages).toHaveLength(DECISIONS);
      expect(pages.every((r) => !BROWSER_UA.test(r.userAgent ?? ''))).toBe(true);
      expect(new Set(pages.map((r) => r.path)).size).toBe(DECISIONS);
    });
  },
);
