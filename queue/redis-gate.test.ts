import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { testPrefix, testRedis } from '../test/helpers/queue.js';
import { openRedis } from './connection.js';
import { RedisGate } from './redis-gate.js';

describe('RedisGate', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** Two gates on two connections, as two worker processes would have. */
  async function twoGates(rate: number) {
    const prefix = testPrefix();
    const a = await testRedis(prefix);
    const b = await openRedis('redis://127.0.0.1:6379');
    cleanups.push(a.cleanup, () => b.quit());
    return [
      new RedisGate({ redis: a.redis, prefix, rate }),
      new RedisGate({ redis: b, prefix, rate }),
    ] as const;
  }

  it('spaces starts evenly across gates sharing a prefix: no burst, total time set by the rate', async () => {
    const [g1, g2] = await twoGates(100); // 10 ms apart
    const starts: number[] = [];
    const takeMany = (g: RedisGate, n: number) =>
      Promise.all(Array.from({ length: n }, () => g.take().then(() => starts.push(performance.now()))));
    const t0 = performance.now();
    await Promise.all([takeMany(g1, 20), takeMany(g2, 20)]);
    starts.sort((x, y) => x - y);
    // Checked where the spacing is decided: Redis hands out distinct slots 10 ms apart from the
    // first call on, and a caller never starts before its slot (event-loop stalls only make starts
    // later, never earlier), so the j-th start comes at least j intervals after t0. A burst, or a
    // slot handed out twice, breaks this at once; 1 ms allows for clock rounding.
    starts.forEach((t, j) => {
      expect(t - t0, `start ${j}`).toBeGreaterThanOrEqual(j * 10 - 1);
    });
    // And the total is set by the rate: 40 starts at 10 ms.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(389);
  });

  it('a pause set through one gate (Retry-After) holds the other', async () => {
    const [g1, g2] = await twoGates(1000);
    await g2.take();
    g1.pauseFor(300);
    await sleep(20); // the pause is sent fire-and-forget
    const t0 = performance.now();
    await g2.take();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it('an idle gate banks no credit: after a quiet spell the next starts are still spaced', async () => {
    const [g1] = await twoGates(50); // 20 ms
    await g1.take();
    await sleep(200);
    const t0 = performance.now();
    await Promise.all([g1.take(), g1.take(), g1.take()]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(35);
  });

  it('take() stops waiting when its signal aborts', async () => {
    const [g1] = await twoGates(1); // 1 s apart
    await g1.take();
    const ac = new AbortController();
    const p = g1.take(ac.signal);
    setTimeout(() => ac.abort(), 50);
    await expect(p).rejects.toThrow();
  });
});
