/**
 * The daily incremental crawl as a BullMQ job scheduler on the `schedule` queue: a cron pattern in
 * Europe/London time (the Ombudsman's clock; 06:00 stays 06:00 across BST), one scheduler id, so
 * setting it again updates it instead of adding a second.
 * @module
 */
import type { CrawlQueues } from './crawl-queues.js';
import { DAILY_SCHEDULER_ID } from './names.js';
import type { SchedulePayload } from './payloads.js';

export const SCHEDULE_TIME_ZONE = 'Europe/London';

export interface DailySchedule {
  /** "06:00" */
  time: string;
  /** Cron pattern, e.g. "0 6 * * *". */
  pattern: string;
  tz: string;
  /** Next run, epoch ms (if BullMQ knows it). */
  next?: number;
  baseUrl?: string;
  organisation?: string;
}

/** "06:00" → the cron pattern "0 6 * * *"; RangeError naming the expected form otherwise. */
export function dailyPattern(time: string): string {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!m)
    throw new RangeError(`--daily takes a time of day written HH:MM, 24-hour (got ${JSON.stringify(time)})`);
  return `${Number(m[2])} ${Number(m[1])} * * *`;
}

function timeOf(pattern: string): string {
  const [min, hour] = pattern.split(' ');
  return `${String(hour).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** Creates or updates the daily scheduler. */
export async function setDailySchedule(
  queues: CrawlQueues,
  time: string,
  job: SchedulePayload,
): Promise<DailySchedule> {
  const pattern = dailyPattern(time);
  await queues.schedule.upsertJobScheduler(
    DAILY_SCHEDULER_ID,
    { pattern, tz: SCHEDULE_TIME_ZONE },
    { name: 'daily-incremental', data: job },
  );
  return (await getDailySchedule(queues)) ?? { time: timeOf(pattern), pattern, tz: SCHEDULE_TIME_ZONE };
}

/** Removes the daily scheduler; false when there was none. */
export function removeDailySchedule(queues: CrawlQueues): Promise<boolean> {
  return queues.schedule.removeJobScheduler(DAILY_SCHEDULER_ID);
}

/** The daily scheduler, if set. */
export async function getDailySchedule(queues: CrawlQueues): Promise<DailySchedule | undefined> {
  const s = await queues.schedule.getJobScheduler(DAILY_SCHEDULER_ID);
  if (!s?.pattern) return undefined;
  const data = s.template?.data;
  return {
    time: timeOf(s.pattern),
    pattern: s.pattern,
    tz: s.tz ?? SCHEDULE_TIME_ZONE,
    next: s.next,
    baseUrl: data?.baseUrl,
    organisation: data?.organisation,
  };
}
