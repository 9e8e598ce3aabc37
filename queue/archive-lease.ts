/**
 * ArchiveLease: at most one process per queue prefix writes the archive (runs the discovery and
 * store roles). SQLite takes one writer at a time, and one prefix must feed one archive: two store
 * workers on two machines would split the decisions between two archives.
 *
 * A Redis key with a TTL, renewed while held; whoever starts later waits as a standby and takes
 * over within `ttlMs` of the holder dying (or at once when it shuts down and releases).
 * @module
 */
import os from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/log.js';
import { redisKeys } from './names.js';

// KEYS: lease. ARGV: holder, ttl ms. 1 when the holder still owns it (ttl renewed), else 0.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;
// KEYS: lease. ARGV: holder. Deletes only our own lease.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface ArchiveLeaseOptions {
  redis: Redis;
  prefix: string;
  /** Where this process's archive is; shown to the standby. */
  dataDir: string;
  /** @default 15000 */
  ttlMs?: number;
  log: Logger;
}

export class ArchiveLease {
  readonly holder: string;
  private readonly key: string;
  private readonly ttlMs: number;
  private timer: NodeJS.Timeout | undefined;
  private held = false;
  private stopped = false;
  private transitions: Promise<void> = Promise.resolve();

  constructor(private readonly o: ArchiveLeaseOptions) {
    this.key = redisKeys.archiveLease(o.prefix);
    this.ttlMs = o.ttlMs ?? 15_000;
    this.holder = `${os.hostname()}:${process.pid}:${o.dataDir}`;
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Tries once; true when this process now holds the lease. */
  async tryAcquire(): Promise<boolean> {
    const ok = await this.o.redis.set(this.key, this.holder, 'PX', this.ttlMs, 'NX');
    this.held = ok === 'OK';
    return this.held;
  }

  /** Who holds it now (hostname:pid:dataDir), if anyone. */
  async currentHolder(): Promise<string | undefined> {
    return (await this.o.redis.get(this.key)) ?? undefined;
  }

  /**
   * Keeps trying until acquired (or stop()), then renews every third of the TTL and calls `onLost`
   * if another process owns it at a renewal (this one stalled past the TTL).
   */
  hold(handlers: { onAcquired: () => Promise<void>; onLost: () => Promise<void> }): void {
    const every = Math.max(200, Math.floor(this.ttlMs / 3));
    let announced = false;
    // Starting the roles (Meilisearch, the archive) can outlast a renewal period: run the handlers
    // one after another, off the renewal loop, so renewals keep their rhythm.
    const run = (fn: () => Promise<void>) => {
      this.transitions = this.transitions.then(fn).catch((e: unknown) => {
        this.o.log.error({ err: (e as Error)?.message }, 'archive roles could not be started or stopped');
      });
    };
    const tick = async () => {
      if (this.stopped) return;
      try {
        if (!this.held) {
          if (await this.tryAcquire()) {
            this.o.log.info({ holder: this.holder }, 'archive lease acquired: running discovery and store');
            run(handlers.onAcquired);
          } else if (!announced) {
            announced = true;
            this.o.log.info(
              { holder: await this.currentHolder() },
              'another process writes the archive; standing by for its roles',
            );
          }
        } else if (Number(await this.o.redis.eval(RENEW, 1, this.key, this.holder, this.ttlMs)) !== 1) {
          this.held = false;
          this.o.log.error({ holder: await this.currentHolder() }, 'archive lease lost; stopping its roles');
          run(handlers.onLost);
        }
      } catch (e) {
        this.o.log.error({ err: (e as Error)?.message }, 'archive lease check failed');
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), every);
    };
    void tick();
  }

  /** Resolves when the last started or stopped roles have finished starting or stopping. */
  settled(): Promise<void> {
    return this.transitions;
  }

  /**
   * Stops trying and renewing (the lease, if held, stays until its TTL or release()), and waits
   * for roles being started or stopped. Call before shutting the roles down.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.transitions;
  }

  /** Gives the lease up (if held), so a standby takes over at once. Call once the archive is closed. */
  async release(): Promise<void> {
    await this.stop();
    if (this.held) {
      this.held = false;
      await this.o.redis.eval(RELEASE, 1, this.key, this.holder);
    }
  }
}
