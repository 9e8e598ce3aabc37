/**
 * The fetch queue's processor (any machine): runs the crawler's own `fetchDecisionPage` against an
 * ArchiveJournal, then hands the outcome and the journaled writes (page body included) to the
 * store queue. A page that could not be fetched fails the job, so it is retried and, at the end,
 * kept in the failed set with its reason; a page that is gone (404/410) is recorded, not an error.
 * @module
 */

import { RetryableFetchError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { fetchDecisionPage, type HttpClient } from '../../crawler/index.js';
import { ArchiveJournal } from '../archive-journal.js';
import type { CrawlQueues } from '../crawl-queues.js';
import { QueueStageError } from '../errors/queue-stage-error.js';
import { jobIds, QueueName } from '../names.js';
import { type FetchOutcomePayload, FetchPayload } from '../payloads.js';
import type { RunStats } from '../run-stats.js';
import { checkSite, guardProcessor, isLastAttempt } from './guard.js';

export interface FetchDeps {
  /** The site this worker was configured for. */
  baseUrl: string;
  http: HttpClient;
  queues: CrawlQueues;
  stats: RunStats;
  log: Logger;
}

export function fetchProcessor(deps: FetchDeps) {
  return guardProcessor(QueueName.fetch, FetchPayload, async (p, job, signal) => {
    checkSite(deps.baseUrl, p.url);
    const journal = new ArchiveJournal();
    const outcome = await fetchDecisionPage(
      { http: deps.http, archive: journal.asArchive(), log: deps.log, signal },
      { refKey: p.refKey, url: p.url },
    );
    if (outcome.status === 'already-archived')
      throw new QueueStageError(`the journal answered "already archived" for ${p.refKey}`);
    const data = {
      runId: p.runId,
      refKey: p.refKey,
      url: p.url,
      // As data: a refused oversized page travels as "gone" (its permanent failure is in the journal),
      // a page robots.txt forbids as "failed".
      outcome: (outcome.status === 'gone'
        ? { status: 'gone', httpStatus: outcome.httpStatus, error: outcome.error }
        : outcome.status === 'failed'
          ? { status: 'failed', error: outcome.error }
          : outcome) as FetchOutcomePayload,
      journal: journal.ops,
    };
    // A kept page has one store job per decision; failure records are each their own job, so a
    // waiting failure record can never shadow the page of a later, successful attempt.
    await deps.queues.store.add(
      'store',
      data,
      outcome.status === 'stored' ? { jobId: jobIds.store(p.refKey) } : {},
    );
    switch (outcome.status) {
      case 'stored':
        await deps.stats.add(p.runId, { fetched: 1 });
        break;
      case 'gone':
        await deps.stats.add(p.runId, { gone: 1 });
        break;
      case 'failed':
        if (isLastAttempt(job)) await deps.stats.add(p.runId, { failed: 1 });
        // The stage's message ends with the URL already; the error adds it again.
        throw new RetryableFetchError(p.url, outcome.error.replace(` (${p.url})`, ''));
    }
    return { status: outcome.status };
  });
}
