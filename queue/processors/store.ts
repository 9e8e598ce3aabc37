/**
 * The store queue's processor (archive machine): replays a fetch job's journal into the archive,
 * parses the kept page with the crawler's `parseStoredDecision` (saved, or quarantined with the
 * reason) and waits until the record is in the search index.
 *
 * Idempotent, because BullMQ delivers at least once: a page already archived for the decision is
 * not kept again, and a retried job (say Meilisearch was down) re-sends the saved record instead
 * of parsing again.
 * @module
 */
import type { Archive } from '../../archive/index.js';
import type { Logger } from '../../core/log.js';
import type { Decision } from '../../core/record.js';
import { PAGE_TOO_LARGE, parseStoredDecision } from '../../crawler/index.js';
import { replayJournal } from '../archive-journal.js';
import type { IndexBatcher } from '../index-batcher.js';
import { QueueName } from '../names.js';
import { StorePayload } from '../payloads.js';
import type { RunStats } from '../run-stats.js';
import { guardProcessor } from './guard.js';

export interface StoreDeps {
  archive: Archive;
  /** Absent with `--no-index`-like setups: records are archived and indexed later by catch-up. */
  index?: IndexBatcher;
  stats: RunStats;
  log: Logger;
}

export type StoreResult = { status: 'saved' | 'quarantined' | 'duplicate' | 'recorded' };

export function storeProcessor(deps: StoreDeps) {
  return guardProcessor(QueueName.store, StorePayload, async (p): Promise<StoreResult> => {
    const { archive } = deps;
    const { outcome } = p;
    if (outcome.status !== 'stored') {
      // A failure or a removed page: only the records the fetch stage wrote.
      replayJournal(archive, p.journal);
      // A page refused as over the size cap is quarantined with the reason, as in-process.
      if (outcome.status === 'gone' && outcome.error.startsWith(PAGE_TOO_LARGE)) {
        archive.quarantine({ url: p.url, refKey: p.refKey, reason: outcome.error });
        return { status: 'quarantined' };
      }
      return { status: 'recorded' };
    }
    const alreadyKept = archive.decisionPageFetched(p.refKey);
    if (!alreadyKept) replayJournal(archive, p.journal);
    const existing = archive.getDecision(p.refKey);
    let record: Decision;
    if (existing && existing.archive.pageHash === outcome.pageHash) {
      // A retry of this very job (the record was saved, indexing failed): index it again.
      const { archive: _history, ...saved } = existing;
      record = saved;
    } else if (alreadyKept) {
      // Another job kept a page of this decision first (a re-delivered fetch): nothing to add.
      await deps.stats.add(p.runId, { duplicates: 1 });
      return { status: 'duplicate' };
    } else {
      const parsed = parseStoredDecision(
        { archive, log: deps.log },
        {
          refKey: p.refKey,
          url: outcome.url,
          pageHash: outcome.pageHash,
          contentType: outcome.contentType,
          fetchedAt: outcome.fetchedAt,
        },
      );
      if (parsed.status === 'quarantined') {
        await deps.stats.add(p.runId, { quarantined: 1 });
        return { status: 'quarantined' };
      }
      record = parsed.record;
      await deps.stats.add(p.runId, { saved: 1 });
    }
    if (deps.index) {
      await deps.index.add(record);
      await deps.stats.add(p.runId, { indexed: 1 });
    }
    return { status: 'saved' };
  });
}
