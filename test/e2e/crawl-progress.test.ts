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
