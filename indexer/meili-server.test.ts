import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MeiliStartError } from '../core/errors.js';
import { ensureMeili, type MeiliHandle } from './meili-server.js';
import { pidAlive, waitForExit } from './process-util.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const childScript = path.join(repoRoot, 'test', 'helpers', 'meili-child.ts');

const tempDirs: string[] = [];
const handles: MeiliHandle[] = [];
const children: ChildProcess[] = [];

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lgsco-meili-'));
  tempDirs.push(dir);
  return dir;
}

async function track(p: Promise<MeiliHandle>): Promise<MeiliHandle> {
  const h = await p;
  handles.push(h);
  return h;
}

interface Child {
  proc: ChildProcess;
  info: { pid: number; url: string; masterKey: string };
  /** Next stdout line. */
  line(): Promise<string>;
}

async function startChild(dataDir: string, mode = ''): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx/esm', childScript, dataDir, mode], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(proc);
  const lines = readline.createInterface({ input: proc.stdout! })[Symbol.asyncIterator]();
  const line = async () => {
    const r = await lines.next();
    if (r.done) throw new Error('child closed stdout');
    return r.value;
  };
  const info = JSON.parse(await line()) as Child['info'];
  return { proc, info, line };
}

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once('exit', () => resolve()));
}

async function health(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function leases(dataDir: string): string[] {
  return fs.readdirSync(path.join(dataDir, 'meili', 'clients'));
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(children.map(exited));
  for (const h of handles) await h.release();
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('ensureMeili (embedded)', () => {
  it('starts, persists the key, shares the server with a second process, stops after the last release', async () => {
    const dataDir = tempDataDir();
    const t0 = Date.now();
    const a = await track(ensureMeili({ dataDir }));
    const startupMs = Date.now() - t0;
    console.info(`[measure] embedded Meilisearch cold start: ${startupMs} ms`);

    expect(a.embedded).toBe(true);
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await health(a.url)).toBe(true);
    expect((await a.client.getVersion()).pkgVersion).toBe('1.21.0');
    expect(a.pid && pidAlive(a.pid)).toBe(true);

    const keyFile = path.join(dataDir, 'meili', 'master-key');
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(a.masterKey);
    expect(a.masterKey.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const state = JSON.parse(fs.readFileSync(path.join(dataDir, 'meili', 'server.json'), 'utf8'));
    expect(state).toMatchObject({ pid: a.pid, url: a.url });
    // The key goes by environment, not argv (argv is world-readable).
    expect(fs.readFileSync(`/proc/${a.pid}/cmdline`, 'utf8')).not.toContain(a.masterKey);

    // A real second process attaches to the same server.
    const t1 = Date.now();
    const b = await startChild(dataDir);
    console.info(`[measure] second process attach (incl. node+tsx startup): ${Date.now() - t1} ms`);
    expect(b.info).toEqual({ pid: a.pid, url: a.url, masterKey: a.masterKey });
    expect(leases(dataDir)).toHaveLength(2);

    // First releases: the server stays for the second.
    await a.release();
    await a.release(); // idempotent
    expect(pidAlive(a.pid!)).toBe(true);
    expect(await health(a.url)).toBe(true);
    expect(leases(dataDir)).toHaveLength(1);

    // Last releases: the server goes.
    b.proc.stdin!.write('release\n');
    expect(await b.line()).toBe('released');
    await exited(b.proc);
    expect(await waitForExit(a.pid!, 12_000)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'meili', 'server.json'))).toBe(false);
    expect(leases(dataDir)).toHaveLength(0);

    // Restart: a new server on the same data, with the same key.
    const c = await track(ensureMeili({ dataDir }));
    expect(c.pid).not.toBe(a.pid);
    expect(c.masterKey).toBe(a.masterKey);
    expect(await health(c.url)).toBe(true);
    await c.release();
    expect(await waitForExit(c.pid!, 12_000)).toBe(true);
  }, 90_000);

  it('starts exactly one server when several processes and calls race on a fresh DATA_DIR', async () => {
    const dataDir = tempDataDir();
    const [b, c, a1, a2] = await Promise.all([
      startChild(dataDir),
      startChild(dataDir),
      track(ensureMeili({ dataDir })),
      track(ensureMeili({ dataDir })),
    ]);
    expect(new Set([b.info.pid, c.info.pid, a1.pid, a2.pid]).size).toBe(1);
    expect(leases(dataDir)).toHaveLength(4);
    await a1.release();
    b.proc.stdin!.write('release\n');
    c.proc.stdin!.write('release\n');
    await Promise.all([exited(b.proc), exited(c.proc)]);
    expect(pidAlive(a2.pid!)).toBe(true);
    await a2.release();
    expect(await waitForExit(a2.pid!, 12_000)).toBe(true);
  }, 60_000);

  it('ignores a lease of a process that died without releasing', async () => {
    const dataDir = tempDataDir();
    const a = await track(ensureMeili({ dataDir }));
    const b = await startChild(dataDir);
    expect(b.info.pid).toBe(a.pid);
    b.proc.kill('SIGKILL');
    await exited(b.proc);
    expect(leases(dataDir)).toHaveLength(2); // the dead one is still on disk
    await a.release();
    expect(await waitForExit(a.pid!, 12_000)).toBe(true);
    expect(leases(dataDir)).toHaveLength(0);
  }, 60_000);

  it('releaseOnExit stops the server when the last holder is ended by SIGTERM', async () => {
    const dataDir = tempDataDir();
    const a = await track(ensureMeili({ dataDir }));
    const b = await startChild(dataDir, 'on-exit');
    await a.release();
    expect(pidAlive(a.pid!)).toBe(true);
    b.proc.kill('SIGTERM');
    await exited(b.proc);
    expect(b.proc.signalCode).toBe('SIGTERM'); // re-raised after release: ends as it would have
    expect(await waitForExit(a.pid!, 12_000)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'meili', 'server.json'))).toBe(false);
  }, 60_000);

  it('starts anew when server.json names a dead process', async () => {
    const dataDir = tempDataDir();
    const dead = spawn('true');
    await exited(dead);
    fs.mkdirSync(path.join(dataDir, 'meili'), { recursive: true });
    fs.writeFileSync(
      path.join(dataDir, 'meili', 'server.json'),
      JSON.stringify({ pid: dead.pid, port: 1, url: 'http://127.0.0.1:1', startedAt: '', dbPath: '' }),
    );
    // And a stale lock left by that dead process.
    fs.writeFileSync(path.join(dataDir, 'meili', 'server.lock'), `${dead.pid} deadbeef`);
    const h = await track(ensureMeili({ dataDir }));
    expect(h.pid).not.toBe(dead.pid);
    expect(await health(h.url)).toBe(true);
    await h.release();
    expect(await waitForExit(h.pid!, 12_000)).toBe(true);
  }, 60_000);

  it('reports a binary that exits at startup with the tail of its log, after making it executable', async () => {
    const dataDir = tempDataDir();
    const fake = path.join(dataDir, 'fake-meili.sh');
    fs.writeFileSync(fake, '#!/bin/sh\necho "fake meilisearch: cannot open database" >&2\nexit 3\n', {
      mode: 0o644,
    });
    const err = await ensureMeili({ dataDir, meiliBinary: fake }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeiliStartError);
    expect(String((err as Error).message)).toMatch(/exited during startup/);
    expect(String((err as Error).message)).toContain('fake meilisearch: cannot open database');
    expect(fs.statSync(fake).mode & 0o111).not.toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'meili', 'server.lock'))).toBe(false);

    const missing = await ensureMeili({ dataDir, meiliBinary: path.join(dataDir, 'nope') }).catch((e) => e);
    expect(missing).toBeInstanceOf(MeiliStartError);
    expect(String(missing.message)).toContain('MEILI_BINARY');
  });
});

describe('ensureMeili (external)', () => {
  it('uses MEILI_URL with its key, never stops it, and rejects a bad key or an unreachable URL', async () => {
    const dataDir = tempDataDir();
    const embedded = await track(ensureMeili({ dataDir }));
    const ext = await track(
      ensureMeili({
        dataDir: tempDataDir(),
        meiliUrl: `${embedded.url}/`,
        meiliMasterKey: embedded.masterKey,
      }),
    );
    expect(ext.embedded).toBe(false);
    expect(ext.pid).toBeUndefined();
    expect(ext.url).toBe(embedded.url);
    expect((await ext.client.health()).status).toBe('available');
    await ext.release();
    expect(await health(embedded.url)).toBe(true);

    const badKey = await ensureMeili({
      dataDir,
      meiliUrl: embedded.url,
      meiliMasterKey: 'x'.repeat(32),
    }).catch((e) => e);
    expect(badKey).toBeInstanceOf(MeiliStartError);
    expect(String(badKey.message)).toMatch(/rejected MEILI_MASTER_KEY/);

    const unreachable = await ensureMeili({
      dataDir,
      meiliUrl: 'http://127.0.0.1:1',
      meiliMasterKey: 'k',
    }).catch((e) => e);
    expect(unreachable).toBeInstanceOf(MeiliStartError);
    expect(String(unreachable.message)).toMatch(/not reachable/);

    await embedded.release();
    expect(await waitForExit(embedded.pid!, 12_000)).toBe(true);
  }, 60_000);
});
