import { afterEach, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, testPrefix, testRedis } from '../test/helpers/queue.js';
import { CrawlQueues } from './crawl-queues.js';
import { dailyPattern, getDailySchedule, removeDailySchedule, setDailySchedule } from './daily-schedule.js';

describe('daily schedule', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('turns HH:MM into a daily cron pattern and refuses anything else', () => {
    expect(dailyPattern('06:00')).toBe('0 6 * * *');
    expect(dailyPattern('23:45')).toBe('45 23 * * *');
    expect(dailyPattern('7:05')).toBe('5 7 * * *');
    for (const bad of ['24:00', '6', '06:60', 'six', '06:00:00'])
      expect(() => dailyPattern(bad)).toThrow(RangeError);
  });

  it('setting it twice keeps one scheduler (updated), and removing it leaves none', async () => {
    const prefix = testPrefix();
    const r = await testRedis(prefix);
    const queues = new CrawlQueues({ redisUrl: TEST_REDIS_URL, prefix });
    cleanups.push(r.cleanup, () => queues.close());
    const job = { kind: 'daily-incremental' as const, baseUrl: 'http://127.0.0.1:9/' };
    await setDailySchedule(queues, '06:00', job);
    const s = await setDailySchedule(queues, '07:30', job);
    expect(await queues.schedule.getJobSchedulersCount()).toBe(1);
    expect(s).toMatchObject({ time: '07:30', pattern: '30 7 * * *', tz: 'Europe/London' });
    // One delayed job: the next run, at 07:30 London time.
    const delayed = await queues.schedule.getDelayed();
    expect(delayed).toHaveLength(1);
    const at = new Date(delayed[0]!.timestamp + delayed[0]!.delay);
    const london = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(london.format(at)).toBe('07:30');
    expect(await removeDailySchedule(queues)).toBe(true);
    expect(await getDailySchedule(queues)).toBeUndefined();
    expect(await queues.schedule.getJobSchedulersCount()).toBe(0);
  });
});
