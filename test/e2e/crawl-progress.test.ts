/**
 * What `lgsco crawl` reports when its output is not a terminal: structured pino progress lines on
 * stderr and a truthful summary on stdout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../archive/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { type CliResult, runCli } from '../helpers/cli.js';
import { decisionRequests } from '../helpers/replica-crawl.js';
import { tempDir } from '../helpers/tmp.js';

const N = 60;

describe('lgsco crawl progress and summary (no terminal)', () => {
  const tmp = tempDir();
  let replica: ReplicaServer;
  let run: CliResult;

  beforeAll(async () => {
    replica = await startReplica({ seed: 5, decisions: N });
    replica.removeDecision(replica.corpus.decisions[3]!.refKey, 410);
    run = await runCli(['crawl', '--no-index', '--base-url', replica.url], {
      DATA_DIR: tmp.dir,
      LGSCO_RATE: '400',
      LOG_LEVEL: 'info',
    });
  }, 120_000);

  afterAll(async () => {
    await replica?.close();
    tmp.cleanup();
  });

  it('logs progress as structured lines with counts, rate and ETA', () => {
    const lines = run.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const final = lines.find((l) => l.msg === 'progress (final)');
    expect(final).toMatchObject({ progress: 'crawl', done: N, total: N, fetched: N - 1, failed: 1 });
    expect(typeof final!.perSecond).toBe('number');
    expect(final!.perSecond as number).toBeGreaterThan(0);
    expect(final).toHaveProperty('etaSeconds');
  });

  it('prints a summary that matches the archive and the request log', () => {
    // One page answered 410: the crawl reports it and exits 1.
    expect(run.code).toBe(1);
    const archive = Archive.open(tmp.dir, { readonly: true });
    try {
      expect(archive.counts().decisions).toBe(N - 1);
      expect(run.stdout).toContain(`${N - 1} decision pages fetched, 0 already archived`);
      expect(run.stdout).toContain('0 quarantined, 1 failed (1 gone)');
      expect(run.stdout).toContain(`archive: ${N - 1} decisions`);
      expect(decisionRequests(replica)).toHaveLength(N);
    } finally {
      archive.close();
    }
  });
});

describe('lgsco crawl at a concurrency above 10', () => {
  const tmp = tempDir();
  let replica: ReplicaServer;

  afterAll(async () => {
    await replica?.close();
    tmp.cleanup();
  });

  it('writes no Node warning: the abort listeners of requests in flight are not a leak', async () => {
    // Enough decisions per month that 16 fetches overlap (a crawl of 60 does not get there).
    replica = await startReplica({ seed: 9, decisions: 300 });
    const run = await runCli(['crawl', '--no-index', '--base-url', replica.url], {
      DATA_DIR: tmp.dir,
      LGSCO_RATE: '400',
      LGSCO_CONCURRENCY: '16',
    });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/MaxListenersExceededWarning|Warning:/);
    expect(decisionRequests(replica)).toHaveLength(300);
  }, 120_000);
});
