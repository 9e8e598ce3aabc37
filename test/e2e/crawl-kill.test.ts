/**
 * Resume after kill -9: `lgsco crawl` runs as a child process against a replica with latency and
 * is killed at random moments; the same command is run again each time. At the end the archive
 * must equal the ground truth (all present, none twice), and each decision page must have been
 * fetched at most once, apart from requests in flight at a kill.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../archive/index.js';
import { silentLogger } from '../../core/log.js';
import { runCrawl } from '../../crawler/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { LGSCO_BIN } from '../helpers/cli.js';
import { decisionRequests } from '../helpers/replica-crawl.js';
import { tempDir } from '../helpers/tmp.js';

const N = 200;
const KILLS = 4;
const CONCURRENCY = 4;

describe('crawl resumes after kill -9', () => {
  const tmp = tempDir();
  let replica: ReplicaServer;
  let kills = 0;
  const moments: number[] = [];
  let last: { code: number | null; stdout: string; stderr: string };

  const start = (): { child: ChildProcess; done: Promise<typeof last> } => {
    const child = spawn(process.execPath, [LGSCO_BIN, 'crawl', '--no-index', '--base-url', replica.url], {
      env: {
        ...process.env,
        DATA_DIR: tmp.dir,
        LGSCO_RATE: '300',
        LGSCO_CONCURRENCY: String(CONCURRENCY),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const done = new Promise<typeof last>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr })),
    );
    return { child, done };
  };

  beforeAll(async () => {
    replica = await startReplica({ seed: 31, decisions: N, latencyMs: [10, 50] });
    for (let i = 0; i < KILLS; i++) {
      const before = replica.requestLog.length;
      const { child, done } = start();
      // Start the clock once the child is talking to the site, then kill it at a random moment.
      while (replica.requestLog.length === before && child.exitCode === null) await sleep(10);
      const wait = Math.floor(100 + Math.random() * 900);
      await sleep(wait);
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        kills++;
        moments.push(wait);
      }
      await done;
    }
    last = await start().done;
  }, 180_000);

  afterAll(async () => {
    await replica?.close();
    tmp.cleanup();
  });

  it('finishes the crawl on the last run', () => {
    console.log(
      `kill test: ${kills} kills at +${moments.join(', +')} ms after the first request; ` +
        `${decisionRequests(replica).filter((r) => r.status === 200).length} decision-page 200s for ${N} decisions`,
    );
    expect(kills).toBeGreaterThanOrEqual(2);
    expect(last.code, last.stderr).toBe(0);
    expect(last.stdout).toMatch(/crawl 2016-01-01\.\.\S+ finished/);
  });

  it('archives every decision exactly once', () => {
    const archive = Archive.open(tmp.dir, { readonly: true });
    try {
      const truth = replica.corpus.decisions.map((d) => d.refKey).sort();
      expect([...archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual(truth);
      expect(archive.counts()).toMatchObject({ decisions: N, discovered: N, pending: 0, quarantined: 0 });
      for (const k of truth) expect(archive.getDecision(k)!.archive.versions, k).toHaveLength(1);
      expect(archive.unparsedDecisionPages()).toEqual([]);
    } finally {
      archive.close();
    }
  });

  it('fetches no decision page twice, except those in flight at a kill', () => {
    const ok = decisionRequests(replica).filter((r) => r.status === 200);
    expect(new Set(ok.map((r) => r.path)).size).toBe(N);
    expect(ok.length).toBeLessThanOrEqual(N + kills * CONCURRENCY);
  });

  it('parses a page kept before a crash from the archive instead of fetching it again', async () => {
    const dir = tempDir();
    const archive = Archive.open(dir.dir);
    try {
      const d = replica.corpus.decisions[7]!;
      const url = `${replica.url}${d.path}`;
      const res = await fetch(url);
      // The state a kill between "page kept" and "record saved" leaves behind.
      archive.storePage({
        url,
        kind: 'decision',
        status: 200,
        body: Buffer.from(await res.arrayBuffer()),
        contentType: res.headers.get('content-type'),
        refKey: d.refKey,
      });
      archive.addDiscovered([{ refKey: d.refKey, url, decisionDate: d.decisionDate }]);
      expect(archive.unparsedDecisionPages()).toHaveLength(1);
      const before = decisionRequests(replica).length;
      const s = await runCrawl({
        config: {
          baseUrl: replica.url,
          userAgent: 'lgsco-archive/test',
          rate: 300,
          concurrency: 4,
          timeoutMs: 5000,
          maxTries: 3,
        },
        archive,
        log: silentLogger,
        from: d.decisionDate,
        to: d.decisionDate,
      });
      expect(s.parsedFromArchive).toBe(1);
      expect(archive.getDecision(d.refKey)?.organisation).toBe(d.organisation);
      expect(
        decisionRequests(replica)
          .slice(before)
          .filter((r) => r.path === d.path),
      ).toEqual([]);
    } finally {
      archive.close();
      dir.cleanup();
    }
  });
});
