import { afterEach, describe, expect, it } from 'vitest';
import { testPrefix, testRedis } from '../test/helpers/queue.js';
import { RunStats } from './run-stats.js';

describe('RunStats', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('parallel reservations never queue more than the run limit', async () => {
    const prefix = testPrefix();
    const r = await testRedis(prefix);
    cleanups.push(r.cleanup);
    const stats = new RunStats(r.redis, prefix);
    const granted = await Promise.all(Array.from({ length: 20 }, () => stats.reserve('run-1', 7, 50)));
    expect(granted.reduce((a, b) => a + b, 0)).toBe(50);
    expect(await stats.queued('run-1')).toBe(50);
    expect(await stats.reserve('run-1', 5, 50)).toBe(0);
  });

  it('counts from several workers add up, and the planned run becomes the last run', async () => {
    const prefix = testPrefix();
    const r = await testRedis(prefix);
    cleanups.push(r.cleanup);
    const stats = new RunStats(r.redis, prefix);
    await Promise.all([stats.add('run-2', { fetched: 2, saved: 1 }), stats.add('run-2', { fetched: 3 })]);
    await stats.markPlanned('run-2', 12);
    expect(await stats.get('run-2')).toMatchObject({
      planned: true,
      windowsPlanned: 12,
      fetched: 5,
      saved: 1,
      failed: 0,
    });
    expect(await stats.lastRunId()).toBe('run-2');
  });
});
