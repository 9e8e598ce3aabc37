/**
 * Two `lgsco crawl` processes started together on one DATA_DIR against a slow replica (overlapping
 * cron runs): one crawls, the other refuses at once with one line and exit code 4. No page is
 * fetched twice, nothing is left pending, no SqliteError. A crawl started afterwards finds nothing
 * to do. (Before the crawl lock and BEGIN IMMEDIATE, both crawled, pages were fetched twice, and one
 * crashed with `SqliteError: database is locked`, leaving decisions pending.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { LGSCO_BIN, runCli } from '../helpers/cli.js';
import { decisionFetchCounts, decisionRequests } from '../helpers/replica-crawl.js';
import { tempDir } from '../helpers/tmp.js';

const N = 300;

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('two crawls on one DATA_DIR', () => {
  const tmp = tempDir('lgsco-e2e-lock-');
  let replica: ReplicaServer;
  let runs: Done[];
  const env = () => ({
    ...process.env,
    DATA_DIR: tmp.dir,
    LGSCO_BASE_URL: replica.url,
    LGSCO_RATE: '200',
    LGSCO_CONCURRENCY: '2',
    LOG_LEVEL: 'warn',
  });
  const crawl = (): { child: ChildProcess; done: Promise<Done> } => {
    const child = spawn(process.execPath, [LGSCO_BIN, 'crawl', '--no-index', '--from', '2016-01-01'], {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    return { child, done: new Promise((r) => child.on('close', (code) => r({ code, stdout, stderr }))) };
  };

  beforeAll(async () => {
    // Slow enough (≈ N × 40 ms / 2 in flight ≈ 6 s of decision pages) that the two runs overlap.
    replica = await startReplica({ seed: 16, decisions: N, latencyMs: [20, 60] });
    runs = await Promise.all([crawl().done, crawl().done]);
  }, 180_000);

  afterAll(async () => {
    await replica?.close();
    tmp.cleanup();
  });

  it('one crawls to the end; the other refuses with one clear line and exit code 4', () => {
    const ok = runs.filter((r) => r.code === 0);
    const refused = runs.filter((r) => r.code === 4);
    expect(ok, runs.map((r) => `${r.code}: ${r.stderr}`).join('\n')).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const line = refused[0]!.stderr.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(
      /^lgsco: LGSCO_ERR_BUSY: another crawl \(pid \d+, since .+\) is running on the archive .+archive\.sqlite; nothing was fetched/,
    );
    for (const r of runs) {
      expect(r.stderr).not.toMatch(/SqliteError|database is locked|\n\s+at /);
    }
    expect(ok[0]!.stdout).toMatch(new RegExp(`${N} decision pages fetched`));
  });

  it('fetched every decision page exactly once and left nothing pending', async () => {
    const counts = decisionFetchCounts(replica);
    expect(counts.size).toBe(N);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const status = await runCli(['status', '--json'], { DATA_DIR: tmp.dir });
    expect(status.code, status.stderr).toBe(0);
    const s = JSON.parse(status.stdout) as { decisions: number; pending: number };
    expect(s).toMatchObject({ decisions: N, pending: 0 });
  });

  it('a crawl after them fetches nothing again', async () => {
    const before = decisionRequests(replica).length;
    const again = await crawl().done;
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/: 0 decision pages fetched, /);
    expect(decisionRequests(replica).length).toBe(before);
  });
});
