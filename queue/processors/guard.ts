/**
 * What every processor shares: parse `job.data` with the queue's schema first, hand the job back
 * to the queue (not fail it) when the worker is shutting down, and keep our error codes in the
 * failed reason BullMQ stores (`LGSCO_ERR_…: message`), which is what `lgsco status` prints.
 * @module
 */
import { type Job, type Processor, UnrecoverableError, WaitingError } from 'bullmq';
import type { z } from 'zod';
import type { Archive } from '../../archive/index.js';
import { ConfigError, LgscoError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { HttpClient } from '../../crawler/index.js';
import type { CrawlQueues } from '../crawl-queues.js';
import { QueuePayloadError } from '../errors/queue-payload-error.js';
import { QueueStageError } from '../errors/queue-stage-error.js';
import type { RunStats } from '../run-stats.js';

/** The processor body: the parsed payload, the job (for attempts), and an abort signal for shutdown. */
export type StageProcessor<P, R> = (payload: P, job: Job, signal: AbortSignal) => Promise<R>;

/** A BullMQ processor running `body` on `schema`-checked data. */
export function guardProcessor<P, R>(
  queue: string,
  schema: z.ZodType<P>,
  body: StageProcessor<P, R>,
): Processor<unknown, R> {
  // Three parameters: BullMQ only hands a processor an abort signal when it declares one.
  return async (job, token, signal) => {
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw unrecoverable(
        new QueuePayloadError(
          queue,
          job.id,
          `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
        ),
      );
    }
    const abort = signal ?? new AbortController().signal;
    try {
      return await body(parsed.data, job, abort);
    } catch (e) {
      if (abort.aborted && token) {
        // Shutdown: the work was not done; put the job back for another worker, attempts untouched.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (e instanceof UnrecoverableError) throw e;
      if (e instanceof QueueStageError) throw unrecoverable(e);
      if (e instanceof LgscoError) throw withCode(e);
      throw e;
    }
  };
}

/** Fails the job at once, without retries, keeping the code in the reason. */
export function unrecoverable(e: LgscoError): UnrecoverableError {
  const err = new UnrecoverableError(`${e.code}: ${e.message}`);
  err.cause = e;
  return err;
}

function withCode(e: LgscoError): Error {
  const err = new Error(`${e.code}: ${e.message}`, { cause: e });
  err.name = e.name;
  return err;
}

/** True on the job's last allowed attempt (a failure now is final). */
export function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** What the processors that ask the site and write the archive share (discovery, re-check). */
export interface SiteJobDeps {
  /** The site this worker was configured for (see checkSite). */
  baseUrl: string;
  archive: Archive;
  http: HttpClient;
  queues: CrawlQueues;
  stats: RunStats;
  log: Logger;
}

/**
 * A worker crawls the site it was configured for (its User-Agent contact was checked against it):
 * a job naming another site fails at once.
 */
export function checkSite(workerBaseUrl: string, url: string): void {
  const want = new URL(workerBaseUrl).origin;
  const got = new URL(url).origin;
  if (want !== got) {
    throw unrecoverable(
      new ConfigError('LGSCO_BASE_URL / --base-url', `this worker crawls ${want}; the job asks for ${got}`),
    );
  }
}
