/**
 * One crawl at a time per archive: a lock row in the archive itself (`crawl_lock`, one row), taken
 * and checked in one BEGIN IMMEDIATE transaction, so two processes cannot both see it free.
 *
 * Why a row in SQLite and not a lock file: the archive file is what the lock protects (two DATA_DIR
 * paths naming one directory share it), taking it is atomic with SQLite's own write lock, and
 * `lgsco status` can say who holds it. The row is operational state, not archive data, so it is
 * created on first use rather than by a migration.
 *
 * A holder is alive while, on this host, its pid runs and is the same process (its start time in
 * /proc matches, so a reused pid does not keep a dead crawl's lock); on another host (an archive on
 * shared storage), while its heartbeat, written every HEARTBEAT_MS, is younger than STALE_MS. A dead
 * holder's row is taken over: a crawl killed with SIGKILL never blocks the next one.
 * @module
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';
import { BusyError } from '../core/errors.js';

export const HEARTBEAT_MS = 10_000;
/** A holder on another host whose heartbeat is older than this is taken for dead. */
export const STALE_MS = 120_000;

export type CrawlKind = 'crawl' | 'recheck';

export interface CrawlLockHolder {
  kind: CrawlKind;
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: string;
}

/** Another crawl holds the archive: nothing was fetched. Code LGSCO_ERR_BUSY. */
export class CrawlLockedError extends BusyError {
  readonly holder: CrawlLockHolder;
  constructor(file: string, holder: CrawlLockHolder, localHost: string = os.hostname()) {
    super(
      `another ${holder.kind} (pid ${holder.pid}${holder.host === localHost ? '' : ` on ${holder.host}`}, ` +
        `since ${holder.startedAt}) is running on the archive ${file}; nothing was fetched — ` +
        'run again when it has finished',
    );
    this.holder = holder;
  }
}

export interface CrawlLock {
  readonly holder: CrawlLockHolder;
  /** Gives the lock back (only if still ours); stops the heartbeat. Idempotent. */
  release(): void;
}

/** Seams for tests: the clock, this process, and what is known about other processes. */
export interface LockEnv {
  now(): number;
  pid: number;
  host: string;
  /** A process's start time (from /proc), or undefined when it is not running. null: cannot tell. */
  processStart(pid: number): string | null | undefined;
}

interface Row {
  kind: CrawlKind;
  pid: number;
  host: string;
  proc_start: string | null;
  token: string;
  started_at: string;
  heartbeat_at: string;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined when not running. */
export function procStart(pid: number): string | null | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined; // zombie: gone
    return fields[19] ?? null;
  } catch {
    // No /proc entry: not running, or no /proc at all (then signal 0 decides).
  }
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? null : undefined;
  }
  return fs.existsSync('/proc/self') ? undefined : null;
}

export const systemLockEnv: LockEnv = {
  now: () => Date.now(),
  pid: process.pid,
  host: os.hostname(),
  processStart: procStart,
};

function ensureTable(db: BetterSqlite3.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS crawl_lock (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    kind         TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    host         TEXT NOT NULL,
    proc_start   TEXT,
    token        TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
  ) STRICT`);
}

function holderOf(r: Row): CrawlLockHolder {
  return { kind: r.kind, pid: r.pid, host: r.host, startedAt: r.started_at, heartbeatAt: r.heartbeat_at };
}

function alive(r: Row, env: LockEnv): boolean {
  if (r.host === env.host) {
    const start = env.processStart(r.pid);
    if (start === undefined) return false;
    // Same pid, another process (the pid was reused): the holder is gone.
    if (start !== null && r.proc_start !== null && start !== r.proc_start) return false;
    return true;
  }
  return env.now() - Date.parse(r.heartbeat_at) < STALE_MS;
}

/** The live holder of the lock, if any (a dead holder's row counts as free). */
export function crawlLockHolder(
  db: BetterSqlite3.Database,
  env: LockEnv = systemLockEnv,
): CrawlLockHolder | undefined {
  let row: Row | undefined;
  try {
    row = db.prepare<[], Row>('SELECT * FROM crawl_lock WHERE id = 1').get();
  } catch {
    return undefined; // no table yet (or a read-only archive from before it existed)
  }
  return row && alive(row, env) ? holderOf(row) : undefined;
}

/**
 * Takes the crawl lock or throws CrawlLockedError naming the live holder. While held, a heartbeat
 * timer (unref'd) refreshes it; `release()` (or the process ending) gives it back.
 */
export function acquireCrawlLock(
  db: BetterSqlite3.Database,
  file: string,
  kind: CrawlKind,
  env: LockEnv = systemLockEnv,
  opts: { heartbeat?: boolean } = {},
): CrawlLock {
  ensureTable(db);
  const token = randomBytes(12).toString('hex');
  const iso = () => new Date(env.now()).toISOString();
  const row: Row = {
    kind,
    pid: env.pid,
    host: env.host,
    proc_start: env.processStart(env.pid) ?? null,
    token,
    started_at: iso(),
    heartbeat_at: iso(),
  };
  db.transaction(() => {
    const current = db.prepare<[], Row>('SELECT * FROM crawl_lock WHERE id = 1').get();
    if (current && alive(current, env)) throw new CrawlLockedError(file, holderOf(current), env.host);
    db.prepare(
      `INSERT OR REPLACE INTO crawl_lock (id, kind, pid, host, proc_start, token, started_at, heartbeat_at)
       VALUES (1, @kind, @pid, @host, @proc_start, @token, @started_at, @heartbeat_at)`,
    ).run(row);
  }).immediate();

  const beat = db.prepare('UPDATE crawl_lock SET heartbeat_at = ? WHERE id = 1 AND token = ?');
  const timer =
    opts.heartbeat === false
      ? undefined
      : setInterval(() => {
          try {
            if (db.open) beat.run(iso(), token);
          } catch {
            // Busy for longer than busy_timeout: the next beat tries again.
          }
        }, HEARTBEAT_MS).unref();
  let released = false;
  return {
    holder: holderOf(row),
    release() {
      if (released) return;
      released = true;
      if (timer) clearInterval(timer);
      if (db.open) db.prepare('DELETE FROM crawl_lock WHERE id = 1 AND token = ?').run(token);
    },
  };
}
