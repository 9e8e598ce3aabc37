/** `lgsco schedule` against real Redis, as separate processes. */
import { afterAll, describe, expect, it } from 'vitest';
import { CrawlQueues, DAILY_SCHEDULER_ID } from '../../queue/index.js';
import { runCli } from '../helpers/cli.js';
import { TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/queue.js';
import { tempDir } from '../helpers/tmp.js';

describe('lgsco schedule', () => {
  const prefix = testPrefix();
  const tmp = tempDir('lgsco-schedule-');
  const env = {
    REDIS_URL: TEST_REDIS_URL,
    LGSCO_QUEUE_PREFIX: prefix,
    DATA_DIR: tmp.dir,
    LGSCO_BASE_URL: 'http://127.0.0.1:3100',
  };
  const queues = new CrawlQueues({ redisUrl: TEST_REDIS_URL, prefix });

  afterAll(async () => {
    await queues.close();
    await (await testRedis(prefix)).cleanup();
    tmp.cleanup();
  });

  it('--daily 06:00 creates one scheduler at 06:00 London time; running it again adds no second; --off removes it', async () => {
    const first = await runCli(['schedule', '--daily', '06:00'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/daily incremental crawl at 06:00 Europe\/London \(cron "0 6 \* \* \*"\)/);
    const again = await runCli(['schedule', '--daily', '06:00'], env);
    expect(again.code).toBe(0);
    expect(await queues.schedule.getJobSchedulersCount()).toBe(1);
    expect(await queues.schedule.getJobScheduler(DAILY_SCHEDULER_ID)).toMatchObject({
      pattern: '0 6 * * *',
      tz: 'Europe/London',
      template: { data: { kind: 'daily-incremental', baseUrl: 'http://127.0.0.1:3100' } },
    });
    expect((await queues.schedule.getDelayed()).length).toBe(1);

    const shown = await runCli(['schedule', '--json'], env);
    expect(JSON.parse(shown.stdout).schedule).toMatchObject({ time: '06:00', pattern: '0 6 * * *' });
    const status = await runCli(['status'], env);
    expect(status.stdout).toMatch(/daily crawl: 06:00 Europe\/London/);

    const off = await runCli(['schedule', '--off'], env);
    expect(off.stdout).toMatch(/daily crawl removed/);
    expect(await queues.schedule.getJobSchedulersCount()).toBe(0);
    expect(await queues.schedule.getDelayed()).toHaveLength(0);
    expect((await runCli(['schedule'], env)).stdout).toMatch(/no daily crawl scheduled/);
  });

  it('refuses a bad time, and needs REDIS_URL', async () => {
    const bad = await runCli(['schedule', '--daily', '25:00'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/HH:MM/);
    const noRedis = await runCli(['schedule', '--daily', '06:00'], { ...env, REDIS_URL: '' });
    expect(noRedis.code).toBe(2);
    expect(noRedis.stderr).toMatch(/REDIS_URL/);
  });
});
