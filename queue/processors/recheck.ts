/**
 * The recheck queue's processor (archive machine). A `plan` job lists the archived decisions last
 * checked before the cut-off (least recently checked first, up to the limit) and queues one
 * `decision` job each, with an id from the refKey, so a decision is never queued twice while it
 * waits or runs. A `decision` job is the crawler's own `recheckDecision`: a conditional GET through
 * the worker's HttpClient (the shared Redis rate gate), a changed page kept as a new version (the
 * old one stays) and parsed, 404/410 flagging the decision removed from the source with the date,
 * a page back again unflagged; what changed for the search index is re-indexed before the job
 * completes.
 *
 * It runs where the archive is because a re-check reads the stored page's validators and writes
 * its answer in one step, and the shared rate limit (not the number of machines) sets its pace.
 * A page that could not be fetched is an answer, not a job failure: counted as failed and left
 * due for the next run, as in-process.
 * @module
 */
import type { Job } from 'bullmq';
import { type RecheckOutcome, recheckDecision, tallyRecheck } from '../../crawler/index.js';
import type { IndexBatcher } from '../index-batcher.js';
import { jobIds, QueueName } from '../names.js';
import { type RecheckDecisionPayload, RecheckPayload, type RecheckPlanPayload } from '../payloads.js';
import type { RunCounter } from '../run-stats.js';
import { checkSite, guardProcessor, type SiteJobDeps } from './guard.js';

export interface RecheckDeps extends SiteJobDeps {
  /** Absent: changed records wait in the archive for the next index catch-up. */
  index?: IndexBatcher;
}

export type RecheckResult =
  | { kind: 'plan'; due: number; before: string }
  | { kind: 'decision'; status: RecheckOutcome['status']; indexed: boolean };

/** Jobs are added in chunks: one Redis round trip each, bounded memory on a big archive. */
const ADD_CHUNK = 500;

export function recheckProcessor(deps: RecheckDeps) {
  return guardProcessor(QueueName.recheck, RecheckPayload, async (p, job, signal) => {
    checkSite(deps.baseUrl, p.kind === 'plan' ? p.baseUrl : p.url);
    return p.kind === 'plan' ? plan(deps, p) : recheckOne(deps, p, job, signal);
  });
}

async function plan(deps: RecheckDeps, p: RecheckPlanPayload): Promise<RecheckResult> {
  const before = new Date(Date.now() - p.olderThanMs).toISOString();
  const due = deps.archive.dueForRecheck(before, p.limit);
  // A decision whose earlier re-check job failed (the archive or the index, after all attempts)
  // still holds its job id: this run's job supersedes it.
  const failed = await deps.queues.recheck.getFailed();
  await Promise.all(failed.filter((j) => j.data.kind === 'decision').map((j) => j.remove()));
  for (let i = 0; i < due.length; i += ADD_CHUNK) {
    await deps.queues.recheck.addBulk(
      due.slice(i, i + ADD_CHUNK).map((t) => ({
        name: 'decision',
        data: {
          kind: 'decision' as const,
          runId: p.runId,
          refKey: t.refKey,
          url: t.url,
          pageHash: t.pageHash,
        },
        // Queued by another run and still waiting: that job re-checks it; not added twice.
        opts: { jobId: jobIds.recheck(t.refKey) },
      })),
    );
  }
  await deps.stats.markRecheckPlanned(p.runId, due.length);
  deps.log.info({ runId: p.runId, due: due.length, before }, 're-check run planned');
  return { kind: 'plan', due: due.length, before };
}

/** Job progress once the answer is counted: a retry (the index failed) does not count it again. */
const COUNTED = 1;

async function recheckOne(
  deps: RecheckDeps,
  p: RecheckDecisionPayload,
  job: Job,
  signal: AbortSignal,
): Promise<RecheckResult> {
  const out = await recheckDecision(
    { http: deps.http, archive: deps.archive, log: deps.log, signal },
    {
      refKey: p.refKey,
      url: p.url,
      pageHash: p.pageHash,
      removedAt: null,
      checkedAt: '',
    },
  );
  const { counts: answer, touchesIndex: reindex } = tallyRecheck(out);
  const counts: Partial<Record<RunCounter, number>> = { rechecked: 1, ...answer };
  const retry = job.progress === COUNTED;
  if (!retry) {
    await deps.stats.add(p.runId, counts);
    await job.updateProgress(COUNTED);
  }
  // The site answers a retry with 304 (its change is archived already): send the record again anyway.
  let indexed = false;
  if ((reindex || retry) && deps.index) {
    const record = deps.archive.indexableDecision(p.refKey);
    if (record) {
      // A failed batch fails the job, which is retried; the record stays in decisionsNeedingIndex.
      await deps.index.add(record);
      await deps.stats.add(p.runId, { indexed: 1 });
      indexed = true;
    }
  }
  return { kind: 'decision', status: out.status, indexed };
}
