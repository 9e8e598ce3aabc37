import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/log.js';
import { testPrefix, testRedis } from '../test/helpers/queue.js';
import { ArchiveLease } from './archive-lease.js';

describe('ArchiveLease', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function leases(ttlMs: number) {
    const prefix = testPrefix();
    const r = await testRedis(prefix);
    cleanups.push(r.cleanup);
    const make = (dataDir: string) =>
      new ArchiveLease({ redis: r.redis, prefix, dataDir, ttlMs, log: silentLogger });
    return [make('/a'), make('/b')] as const;
  }

  it('one holder at a time; a standby takes over once the holder releases', async () => {
    const [a, b] = await leases(2000);
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    let bGot = false;
    b.hold({
      onAcquired: async () => {
        bGot = true;
      },
      onLost: async () => {},
    });
    await sleep(300);
    expect(bGot).toBe(false);
    await a.release();
    for (let i = 0; i < 20 && !bGot; i++) await sleep(100);
    expect(bGot).toBe(true);
    expect(await b.currentHolder()).toBe(b.holder);
    await b.release();
    expect(await a.currentHolder()).toBeUndefined();
  });

  it('a held lease is renewed past its TTL', async () => {
    const [a, b] = await leases(600);
    let acquired = false;
    a.hold({
      onAcquired: async () => {
        acquired = true;
      },
      onLost: async () => {},
    });
    await sleep(1500);
    expect(acquired).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    await a.release();
  });
});
