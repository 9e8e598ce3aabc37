/**
 * Meilisearch (MEILI_URL, a server lgsco does not own) is killed in the middle of `lgsco crawl`:
 * the crawl archives every page but must not report success. The summary says how many decisions
 * are not searchable, the exit code is 3 ("archived but not indexed"), `lgsco status` says it, and
 * once Meilisearch is back the next crawl indexes them and exits 0. (Before: exit 0, "0 failed",
 * and only `indexErrors` in the JSON log told that most decisions were not searchable.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { LGSCO_BIN, runCli } from '../helpers/cli.js';
import { type ExternalMeili, startExternalMeili } from '../helpers/meili.js';
import { tempDir } from '../helpers/tmp.js';

const N = 400;

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('crawl when the search index dies mid-crawl', () => {
  const data = tempDir('lgsco-e2e-idxfail-');
  const meiliDir = tempDir('lgsco-e2e-idxfail-meili-');
  let replica: ReplicaServer;
  let meili: ExternalMeili;
  let first: Done;
  let indexedAtKill: number | undefined;

  const env = () => ({
    ...process.env,
    DATA_DIR: data.dir,
    LGSCO_BASE_URL: replica.url,
    LGSCO_RATE: '200',
    LGSCO_CONCURRENCY: '4',
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    LOG_LEVEL: 'warn',
  });
  const crawl = (): { child: ChildProcess; done: Promise<Done> } => {
    const child = spawn(process.execPath, [LGSCO_BIN, 'crawl', '--from', '2016-01-01'], {
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
    replica = await startReplica({ seed: 3, decisions: N, latencyMs: [5, 20] });
    meili = await startExternalMeili(meiliDir.dir);
    const run = crawl();
    // Kill Meilisearch once the first decisions are searchable, with most pages still to come.
    const deadline = Date.now() + 120_000;
    while (((await meili.count()) ?? 0) === 0 && run.child.exitCode === null && Date.now() < deadline)
      await sleep(20);
    indexedAtKill = await meili.count();
    await meili.kill();
    first = await run.done;
  }, 180_000);

  afterAll(async () => {
    await meili?.kill();
    await replica?.close();
    data.cleanup();
    meiliDir.cleanup();
  });

  it('archives everything but exits 3 and says how many decisions are not searchable', () => {
    expect(first.code, `${first.stdout}\n${first.stderr}`).toBe(3);
    const m = /search index: (\d+) archived decisions are NOT searchable — indexing failed/.exec(
      first.stdout,
    );
    expect(m, first.stdout).not.toBeNull();
    const notSearchable = Number(m![1]);
    expect(notSearchable).toBeGreaterThan(0);
    // Counted from the archive: a batch whose task Meilisearch finished but the crawl could not see
    // finish is counted too (the archive cannot know it is searchable; the next run re-sends it).
    expect(indexedAtKill).toBeGreaterThan(0);
    expect(notSearchable).toBeLessThanOrEqual(N);
    expect(first.stdout).toMatch(
      new RegExp(`${N} decision pages fetched, .*0 failed \\(0 gone\\), ${notSearchable} not searchable;`),
    );
    expect(first.stdout).toMatch(/exit code 3/);
    expect(first.stderr).not.toMatch(/\n\s+at /);
  });

  it('lgsco status says so, in text and JSON', async () => {
    const text = await runCli(['status'], { DATA_DIR: data.dir });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/search index: \d+ archived decisions are NOT searchable/);
    const json = await runCli(['status', '--json'], { DATA_DIR: data.dir });
    const s = JSON.parse(json.stdout) as { decisions: number; needingIndex: number };
    expect(s.decisions).toBe(N);
    expect(s.needingIndex).toBeGreaterThan(0);
  });

  it('once Meilisearch is back, the next crawl indexes them and exits 0', async () => {
    await meili.start();
    const again = await crawl().done;
    expect(again.code, `${again.stdout}\n${again.stderr}`).toBe(0);
    expect(again.stdout).not.toMatch(/NOT searchable/);
    expect(await meili.count()).toBe(N);
    const status = await runCli(['status'], { DATA_DIR: data.dir });
    expect(status.stdout).toMatch(/search index: every archived decision is searchable/);
  });
});

describe('crawl when its embedded Meilisearch is killed mid-crawl', () => {
  const data = tempDir('lgsco-e2e-idxheal-');
  let replica: ReplicaServer;
  let done: Done;

  beforeAll(async () => {
    replica = await startReplica({ seed: 4, decisions: N, latencyMs: [5, 20] });
    const child = spawn(process.execPath, [LGSCO_BIN, 'crawl', '--from', '2016-01-01'], {
      env: {
        ...process.env,
        DATA_DIR: data.dir,
        LGSCO_BASE_URL: replica.url,
        LGSCO_RATE: '200',
        LGSCO_CONCURRENCY: '4',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const finished = new Promise<Done>((r) => child.on('close', (code) => r({ code, stdout, stderr })));
    // Once a quarter of the decision pages are in, kill the Meilisearch the crawl started.
    const deadline = Date.now() + 120_000;
    while (
      replica.requestLog.filter((q) => q.path.split('/').length === 5).length < N / 4 &&
      child.exitCode === null &&
      Date.now() < deadline
    )
      await sleep(20);
    const state = JSON.parse(fs.readFileSync(path.join(data.dir, 'meili', 'server.json'), 'utf8')) as {
      pid: number;
    };
    process.kill(state.pid, 'SIGKILL');
    done = await finished;
  }, 180_000);

  afterAll(async () => {
    await replica?.close();
    data.cleanup();
  });

  it('starts a new one, indexes everything and exits 0', async () => {
    expect(done.code, `${done.stdout}\n${done.stderr}`).toBe(0);
    expect(done.stdout).not.toMatch(/NOT searchable/);
    const status = await runCli(['status', '--json'], { DATA_DIR: data.dir });
    expect(JSON.parse(status.stdout)).toMatchObject({ decisions: N, needingIndex: 0 });
  });
});
