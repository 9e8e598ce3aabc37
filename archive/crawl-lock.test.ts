import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers/tmp.js';
import { STALE_MS } from './crawl-lock.js';
import { ARCHIVE_FILE, Archive, CrawlLockedError, type LockEnv } from './index.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function openArchive(): { archive: Archive; dir: string } {
  const tmp = tempDir('lgsco-lock-');
  const archive = Archive.open(tmp.dir);
  cleanups.push(() => {
    archive.close();
    tmp.cleanup();
  });
  return { archive, dir: tmp.dir };
}

/** A fake world: processes by pid with their start times, one clock, one host per env. */
function world() {
  const processes = new Map<number, string>();
  let clock = Date.parse('2026-12-07T10:00:00Z');
  const env = (pid: number, host = 'here'): LockEnv => ({
    now: () => clock,
    pid,
    host,
    processStart: (p) => processes.get(p),
  });
  return {
    processes,
    env,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('crawl lock', () => {
  it('refuses a second crawl while the first holder runs, naming it; free again after release', () => {
    const { archive } = openArchive();
    const w = world();
    w.processes.set(100, 'start-100');
    w.processes.set(200, 'start-200');
    const first = archive.acquireCrawlLock('crawl', w.env(100));
    let caught: unknown;
    try {
      archive.acquireCrawlLock('crawl', w.env(200));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CrawlLockedError);
    expect((caught as CrawlLockedError).code).toBe('LGSCO_ERR_BUSY');
    expect((caught as Error).message).toMatch(
      /another crawl \(pid 100, since .*\) is running on the archive/,
    );
    expect((caught as Error).message).toMatch(/nothing was fetched/);
    expect(archive.crawlLockHolder(w.env(200))).toMatchObject({ pid: 100, kind: 'crawl' });
    first.release();
    expect(archive.crawlLockHolder(w.env(200))).toBeUndefined();
    archive.acquireCrawlLock('recheck', w.env(200)).release();
  });

  it('takes over the lock of a holder that died (killed: no release), and of a reused pid', () => {
    const { archive } = openArchive();
    const w = world();
    w.processes.set(100, 'start-100');
    w.processes.set(200, 'start-200');
    archive.acquireCrawlLock('crawl', w.env(100)); // never released
    w.processes.delete(100); // SIGKILL
    const second = archive.acquireCrawlLock('crawl', w.env(200));
    expect(archive.crawlLockHolder(w.env(300))).toMatchObject({ pid: 200 });
    // pid 200 exits and the pid is given to an unrelated process: not a holder.
    w.processes.set(200, 'another-process');
    expect(archive.crawlLockHolder(w.env(300))).toBeUndefined();
    w.processes.set(300, 'start-300');
    archive.acquireCrawlLock('crawl', w.env(300));
    // The first taker's late release does not free the new holder's lock.
    second.release();
    expect(archive.crawlLockHolder(w.env(400))).toMatchObject({ pid: 300 });
  });

  it('on another host, trusts the heartbeat until it is STALE_MS old', () => {
    const { archive } = openArchive();
    const w = world();
    w.processes.set(100, 'start-100');
    archive.acquireCrawlLock('crawl', w.env(100, 'other-host'));
    expect(() => archive.acquireCrawlLock('crawl', w.env(100, 'here'))).toThrow(/pid 100 on other-host/);
    w.advance(STALE_MS + 1);
    expect(archive.crawlLockHolder(w.env(100, 'here'))).toBeUndefined();
    archive.acquireCrawlLock('crawl', w.env(100, 'here'));
  });

  it('is shared by two processes’ connections to one archive file', () => {
    const { archive, dir } = openArchive();
    const other = Archive.open(dir);
    cleanups.push(() => other.close());
    const w = world();
    w.processes.set(100, 'a');
    w.processes.set(200, 'b');
    const lock = archive.acquireCrawlLock('crawl', w.env(100));
    expect(() => other.acquireCrawlLock('crawl', w.env(200))).toThrow(CrawlLockedError);
    lock.release();
    other.acquireCrawlLock('crawl', w.env(200)).release();
  });
});

describe('write transactions', () => {
  it('addDiscovered does not fail with "database is locked" when another process writes between its read and its write', () => {
    const { archive, dir } = openArchive();
    const other = new BetterSqlite3(path.join(dir, ARCHIVE_FILE));
    other.pragma('busy_timeout = 0');
    cleanups.push(() => other.close());
    let otherWrote: boolean | undefined;
    const item = {
      refKey: '24-000-001',
      // Read when the insert is bound: after addDiscovered's existence check (a read) and before its
      // write. A deferred transaction would hold a read snapshot here that the other write makes
      // stale, and its insert would throw SQLITE_BUSY_SNAPSHOT; an IMMEDIATE one holds the write
      // lock, so the other process is the one that waits.
      get url() {
        try {
          other
            .prepare(
              `INSERT INTO discovered (ref_key, url, first_seen_at, last_seen_at) VALUES ('24-000-002', 'u2', 'x', 'x')`,
            )
            .run();
          otherWrote = true;
        } catch (e) {
          otherWrote = false;
          expect((e as Error).message).toMatch(/locked|busy/);
        }
        return 'https://www.lgo.org.uk/decisions/a/b/24-000-001';
      },
    };
    expect(archive.addDiscovered([item])).toBe(1);
    expect(otherWrote).toBe(false);
  });
});
