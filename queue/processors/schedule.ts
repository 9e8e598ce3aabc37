/**
 * The schedule queue's processor: each job the daily scheduler makes starts an incremental crawl
 * run (a `plan` job with `incremental: true`). The run id is the day, so a scheduler firing twice
 * on one day (a restart, a hand-triggered job) starts one run.
 * @module
 */
import type { Logger } from '../../core/log.js';
import type { CrawlQueues } from '../crawl-queues.js';
import { jobIds, QueueName } from '../names.js';
import { SchedulePayload } from '../payloads.js';
import { guardProcessor } from './guard.js';

export interface ScheduleDeps {
  queues: CrawlQueues;
  log: Logger;
}

export function scheduleProcessor(deps: ScheduleDeps) {
  return guardProcessor(QueueName.schedule, SchedulePayload, async (p) => {
    const runId = `daily-${new Date().toISOString().slice(0, 10)}`;
    await deps.queues.discovery.add(
      'plan',
      { kind: 'plan', runId, baseUrl: p.baseUrl, incremental: true, organisation: p.organisation },
      { jobId: jobIds.plan(runId) },
    );
    deps.log.info({ runId }, 'daily incremental crawl queued');
    return { runId };
  });
}
