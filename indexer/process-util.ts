/**
 * Small process and file helpers for the embedded Meilisearch: pid liveness, an exclusive
 * lock file with stale-lock recovery, and waiting for a process to exit. No dependencies.
 * @module
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { MeiliStartError } from '../core/errors.js';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** True when a process with this pid exists and is not a zombie. */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    if (errno(e) !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
  } catch {
    // No /proc (not Linux) or the process just went away: kill(0) said it exists.
  }
  return true;
}

/**
 * The argv of a live process, from /proc. Undefined when it cannot be read (not Linux, gone,
 * or not ours to read).
 */
export function processArgv(pid: number): string[] | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** Waits until the pid is gone; true when it went within the time. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pidAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

/** SIGTERM, wait up to `graceMs`, then SIGKILL. True when the process is gone afterwards. */
export async function terminate(pid: number, graceMs = 10_000): Promise<boolean> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch (e) {
    if (errno(e) === 'ESRCH') return true;
    throw e;
  }
  if (await waitForExit(pid, graceMs)) return true;
  try {
    process.kill(pid, 'SIGKILL');
  } catch (e) {
    if (errno(e) === 'ESRCH') return true;
    throw e;
  }
  return waitForExit(pid, 5_000);
}

export interface FileLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

export interface LockOptions {
  timeoutMs: number;
  pollMs?: number;
  /** A lock file with no readable pid older than this is considered abandoned. */
  emptyStaleMs?: number;
}

function tryCreate(lockPath: string): FileLock | undefined {
  const token = `${process.pid} ${randomBytes(8).toString('hex')}`;
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx', 0o600);
  } catch (e) {
    if (errno(e) === 'EEXIST') return undefined;
    throw e;
  }
  try {
    fs.writeSync(fd, token);
  } finally {
    fs.closeSync(fd);
  }
  let released = false;
  return {
    path: lockPath,
    release() {
      if (released) return;
      released = true;
      try {
        if (fs.readFileSync(lockPath, 'utf8') === token) fs.unlinkSync(lockPath);
      } catch {
        // Already gone.
      }
    },
  };
}

function readHolder(
  lockPath: string,
): { content: string; pid: number | undefined; mtimeMs: number } | undefined {
  try {
    const content = fs.readFileSync(lockPath, 'utf8');
    const mtimeMs = fs.statSync(lockPath).mtimeMs;
    const pid = Number.parseInt(content.split(' ')[0] ?? '', 10);
    return { content, pid: Number.isInteger(pid) && pid > 0 ? pid : undefined, mtimeMs };
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Removes the lock if its holder is dead (or it has no pid and is old). The lock is first
 * renamed to a private name, so two processes breaking the same stale lock cannot remove a
 * fresh lock taken in between; if the renamed file turns out to be a fresh lock, it is put back.
 */
function breakIfStale(lockPath: string, emptyStaleMs: number): boolean {
  const holder = readHolder(lockPath);
  if (!holder) return true; // vanished: retry at once
  const stale = holder.pid === undefined ? Date.now() - holder.mtimeMs > emptyStaleMs : !pidAlive(holder.pid);
  if (!stale) return false;
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (e) {
    if (errno(e) === 'ENOENT') return true;
    throw e;
  }
  try {
    if (fs.readFileSync(aside, 'utf8') !== holder.content) {
      try {
        fs.linkSync(aside, lockPath);
      } catch {
        // Someone took the lock in between; the rare double holder resolves on their release.
      }
    }
  } finally {
    fs.rmSync(aside, { force: true });
  }
  return true;
}

/** Takes the lock, waiting (polling) for the holder to release it or die. */
export async function acquireLock(lockPath: string, opts: LockOptions): Promise<FileLock> {
  const pollMs = opts.pollMs ?? 50;
  const emptyStaleMs = opts.emptyStaleMs ?? 5_000;
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const lock = tryCreate(lockPath);
    if (lock) return lock;
    if (breakIfStale(lockPath, emptyStaleMs)) continue;
    if (Date.now() >= deadline) {
      const holder = readHolder(lockPath);
      throw new MeiliStartError(
        `timed out after ${opts.timeoutMs} ms waiting for the lock ${lockPath}` +
          (holder?.pid ? ` held by pid ${holder.pid}` : '') +
          '; if no lgsco process is running, delete that file',
      );
    }
    await sleep(pollMs);
  }
}

/** One attempt (with stale-lock recovery), for synchronous exit paths. */
export function tryAcquireLockSync(lockPath: string, emptyStaleMs = 5_000): FileLock | undefined {
  for (let i = 0; i < 3; i++) {
    const lock = tryCreate(lockPath);
    if (lock) return lock;
    if (!breakIfStale(lockPath, emptyStaleMs)) return undefined;
  }
  return undefined;
}
