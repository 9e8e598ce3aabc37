/**
 * ArchiveJournal lets the crawler's own fetch stage (`fetchDecisionPage`) run on a machine without
 * the archive: it stands in for the archive, records every write the stage makes (page kept, fetch
 * logged, failure recorded …) as plain data, and `replayJournal` applies those writes to the real
 * archive in the store worker. The stage code is the crawler's, unchanged; only the archive it
 * talks to is deferred.
 *
 * Page bodies travel brotli-compressed and base64-encoded inside the store job's payload (a
 * decision page of ~30 kB becomes ~8 kB), and are removed from Redis when the store job completes.
 * @module
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import { z } from 'zod';
import type { Archive, FailureInput, FetchErrorInput, StorePageInput } from '../archive/index.js';
import { QueueStageError } from './errors/queue-stage-error.js';

const PageKind = z.enum(['listing', 'decision', 'robots', 'other']);
const nullableString = z.string().nullable().optional();

/** One recorded archive write. */
export const JournalOp = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('storePage'),
    url: z.string(),
    kind: PageKind,
    status: z.number().int(),
    /** sha256 of the raw body, checked again on replay. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** Raw body, brotli, base64. */
    body: z.string(),
    etag: nullableString,
    lastModified: nullableString,
    contentType: nullableString,
    refKey: nullableString,
    fetchedAt: z.string().optional(),
  }),
  z.strictObject({
    op: z.literal('logFetch'),
    url: z.string(),
    kind: PageKind,
    status: z.number().int().optional(),
    error: z.string(),
    refKey: nullableString,
    fetchedAt: z.string(),
  }),
  z.strictObject({
    op: z.literal('recordFailure'),
    url: z.string(),
    kind: PageKind,
    tries: z.number().int(),
    error: z.string(),
    refKey: nullableString,
    status: z.number().int().nullable().optional(),
    permanent: z.boolean().optional(),
  }),
  z.strictObject({ op: z.literal('clearFailure'), url: z.string() }),
  z.strictObject({ op: z.literal('markRemoved'), refKey: z.string(), at: z.string() }),
]);
export type JournalOp = z.infer<typeof JournalOp>;

/** The archive methods `fetchDecisionPage` calls; anything else is refused loudly (see asArchive). */
type JournaledMethods =
  | 'decisionPageFetched'
  | 'storePage'
  | 'logFetch'
  | 'recordFailure'
  | 'clearFailure'
  | 'markRemoved';
const JOURNALED = new Set<string>([
  'decisionPageFetched',
  'storePage',
  'logFetch',
  'recordFailure',
  'clearFailure',
  'markRemoved',
]);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Records the archive writes of one fetch stage. */
export class ArchiveJournal implements Pick<Archive, JournaledMethods> {
  readonly ops: JournalOp[] = [];

  /**
   * Always false: the discovery worker (which has the archive) filters archived decisions before
   * queueing, and the store worker checks again before replaying, so a page is never kept twice.
   */
  decisionPageFetched(_refKey: string): boolean {
    return false;
  }

  storePage(input: StorePageInput): { hash: string; newBlob: boolean } {
    const hash = sha256(input.body);
    this.ops.push({
      op: 'storePage',
      url: input.url,
      kind: input.kind,
      status: input.status,
      hash,
      body: compress(input.body).toString('base64'),
      etag: input.etag ?? null,
      lastModified: input.lastModified ?? null,
      contentType: input.contentType ?? null,
      refKey: input.refKey ?? null,
      // Keep the fetch time of this machine, not the replay time.
      fetchedAt: input.fetchedAt ?? new Date().toISOString(),
    });
    return { hash, newBlob: true };
  }

  logFetch(input: FetchErrorInput): void {
    this.ops.push({ op: 'logFetch', ...input, fetchedAt: input.fetchedAt ?? new Date().toISOString() });
  }

  recordFailure(input: FailureInput): void {
    this.ops.push({ op: 'recordFailure', ...input });
  }

  clearFailure(url: string): void {
    this.ops.push({ op: 'clearFailure', url });
  }

  markRemoved(refKey: string, at: string = new Date().toISOString()): boolean {
    this.ops.push({ op: 'markRemoved', refKey, at });
    return true;
  }

  /**
   * This journal typed as the Archive the stage expects. Only the methods above exist; if the
   * crawler's fetch stage starts using another archive method, the fetch job fails with
   * QueueStageError naming it, instead of silently writing nowhere.
   */
  asArchive(): Archive {
    return new Proxy(this, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && !JOURNALED.has(prop) && prop !== 'ops') {
          throw new QueueStageError(
            `the fetch stage called archive.${prop}, which a fetch worker without the archive cannot record; ` +
              'teach queue/archive-journal.ts about it',
          );
        }
        return Reflect.get(target, prop, receiver);
      },
    }) as unknown as Archive;
  }
}

/** Applies recorded writes to the real archive, in order. Throws QueueStageError if a body does not match its hash. */
export function replayJournal(archive: Archive, ops: readonly JournalOp[]): void {
  for (const op of ops) {
    switch (op.op) {
      case 'storePage': {
        const { op: _op, hash, body, ...rest } = op;
        const raw = brotliDecompressSync(Buffer.from(body, 'base64'));
        const arrived = sha256(raw);
        // Checked before keeping it: the archive must never hold a page other than the one fetched.
        if (arrived !== hash)
          throw new QueueStageError(`page ${op.url} arrived with hash ${arrived}, fetched as ${hash}`);
        archive.storePage({ ...rest, body: raw });
        break;
      }
      case 'logFetch': {
        const { op: _op, ...input } = op;
        archive.logFetch(input);
        break;
      }
      case 'recordFailure': {
        const { op: _op, ...input } = op;
        archive.recordFailure(input);
        break;
      }
      case 'clearFailure':
        archive.clearFailure(op.url);
        break;
      case 'markRemoved':
        archive.markRemoved(op.refKey, op.at);
        break;
    }
  }
}

/** Brotli at quality 4: most of the size win of higher qualities at a small fraction of the CPU. */
function compress(body: Buffer): Buffer {
  return brotliCompressSync(body, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: 4,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}
