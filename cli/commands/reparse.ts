/**
 * `lgsco reparse [--all] [--workers N]`: parses the archive's stored pages again with the current
 * parser. Each decision's newest stored page is parsed (without --all only records another parser
 * version made), and so are quarantined pages of decisions with no record. A page that now parses
 * is saved (a quarantined one leaves quarantine); a decision page that now fails keeps its last
 * good record and gets a quarantine row. Only records whose content changed need indexing again:
 * a record that says the same as before (parser version aside) keeps its index entry. The index is
 * then brought up to date through the archive's needs-index mechanism (services.catchUpIndex()).
 * @module
 */
import type { Command } from 'commander';
import { Archive, type ReparseSource } from '../../archive/index.js';
import { createLogger } from '../../core/log.js';
import type { Decision } from '../../core/record.js';
import type { ReparseJob, ReparseResult } from '../../parser/reparse/job.js';
import { defaultWorkers, ParsePool } from '../../parser/reparse/pool.js';
import { PARSER_VERSION } from '../../parser/version.js';
import { configFrom } from '../flags.js';
import { runCommand } from '../run.js';

export interface ReparseOptions {
  /** Every decision, not only records made by another parser version. @default false */
  all?: boolean;
  /** Worker threads; 0 parses on the main thread. @default one per core (none for a run of 256 pages or fewer) */
  workers?: number;
  /** Pages per batch sent to a worker. @default 64 */
  batchSize?: number;
  /** Called after each saved batch with the running counts. */
  onProgress?: (s: ReparseSummary) => void;
}

export interface ReparseSummary {
  /** Pages parsed again. */
  reparsed: number;
  /** Records saved with different content (they need indexing again). */
  changed: number;
  /** Records whose content is the same (only the parser version moved). */
  unchanged: number;
  /** Decision pages that no longer parse (the decision keeps its last good record). */
  newlyQuarantined: number;
  /** Quarantined pages that now parse and were saved. */
  recovered: number;
  /** Quarantined pages (with or without a record) that still do not parse. */
  stillQuarantined: number;
  workers: number;
  ms: number;
  decisionsPerSecond: number;
}

/** Suffix of the reasons reparse writes, so a later run without --all skips what this version failed. */
export const QUARANTINE_TAG = ` [parser ${PARSER_VERSION}]`;

const DEFAULT_BATCH = 64;
/**
 * Starting worker threads costs a few hundred ms of CPU each (loading and warming up the parser):
 * a run of at most this many pages is parsed on the main thread instead.
 */
const INLINE_UP_TO = 256;

function toJob(id: number, s: ReparseSource): ReparseJob {
  return {
    id,
    url: s.url,
    contentType: s.contentType,
    encoding: s.encoding,
    // A copy with its own ArrayBuffer: it is transferred to the worker.
    stored: new Uint8Array(s.stored),
    recordJson: s.recordJson,
  };
}

/** Re-parses the archive's stored pages (see the module comment); resolves to the summary. */
export async function reparseArchive(
  archive: Archive,
  options: ReparseOptions = {},
): Promise<ReparseSummary> {
  const all = options.all ?? false;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const workers = options.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 0)
    throw new RangeError(`workers must be a whole number ≥ 0, got ${workers}`);
  const started = performance.now();
  const summary: ReparseSummary = {
    reparsed: 0,
    changed: 0,
    unchanged: 0,
    newlyQuarantined: 0,
    recovered: 0,
    stillQuarantined: 0,
    workers,
    ms: 0,
    decisionsPerSecond: 0,
  };
  let pool: ParsePool | undefined;
  try {
    const sources = archive
      .reparseSources({
        all,
        parserVersion: PARSER_VERSION,
        skipReasonSuffix: QUARANTINE_TAG,
      })
      [Symbol.iterator]();
    // Read a little ahead to learn whether the run is large enough for worker threads: one
    // parser warmed up on the main thread as well as in each worker would cost more than it saves.
    const head: ReparseSource[] = [];
    for (let n = sources.next(); !n.done; n = sources.next()) {
      head.push(n.value);
      if (head.length > INLINE_UP_TO) break;
    }
    pool = new ParsePool(head.length > INLINE_UP_TO ? workers : 0);
    // Keep every worker busy: up to two batches each in flight; saves happen in reading order.
    const inFlight: Promise<{ batch: ReparseSource[]; results: ReparseResult[] }>[] = [];
    const maxInFlight = Math.max(1, workers * 2);
    let batch: ReparseSource[] = [];
    const send = () => {
      const b = batch;
      batch = [];
      inFlight.push(pool!.run(b.map((s, i) => toJob(i, s))).then((results) => ({ batch: b, results })));
    };
    const drainOne = async () => {
      const { batch: b, results } = await inFlight.shift()!;
      archive.transaction(() => {
        for (const r of results) apply(archive, b[r.id]!, r, summary);
      });
      options.onProgress?.(summary);
    };
    const queue = (function* () {
      yield* head;
      for (let n = sources.next(); !n.done; n = sources.next()) yield n.value;
    })();
    for (const source of queue) {
      batch.push(source);
      if (batch.length >= batchSize) {
        send();
        // Sources are read lazily: finish a batch before reading far ahead.
        if (inFlight.length >= maxInFlight) await drainOne();
      }
    }
    if (batch.length > 0) send();
    while (inFlight.length > 0) await drainOne();
  } finally {
    await pool?.close();
  }
  summary.workers = pool?.size ?? 0;
  summary.ms = Math.round(performance.now() - started);
  summary.decisionsPerSecond = summary.ms > 0 ? Math.round((summary.reparsed / summary.ms) * 1000) : 0;
  return summary;
}

/** Saves, quarantines or recovers one re-parsed page and counts it. */
function apply(archive: Archive, s: ReparseSource, r: ReparseResult, summary: ReparseSummary): void {
  summary.reparsed++;
  const fail = (reason: string) => {
    // A decision whose newest page no longer parses keeps its last good record.
    if (s.from !== 'quarantined' && s.quarantine.length === 0) summary.newlyQuarantined++;
    else summary.stillQuarantined++;
    // Note that this parser version failed too, so a run without --all skips it next time.
    if (!s.quarantine.some((q) => q.reason.endsWith(QUARANTINE_TAG)))
      archive.quarantine({
        url: s.url,
        refKey: s.refKey,
        pageHash: s.pageHash,
        reason: reason + QUARANTINE_TAG,
      });
  };
  if (!r.ok) {
    fail(r.error);
    return;
  }
  if (s.refKey !== null && r.refKey !== s.refKey) {
    fail(`page is decision ${r.refKey}, but it was archived as ${s.refKey}`);
    return;
  }
  let hash: string | null = null;
  try {
    // The same record from the page it was made from, inside the record's fetch window: the
    // decisions row would be written as it is, so it is left alone (or only restamped).
    const samePage =
      s.record !== undefined &&
      s.record.pageHash === s.pageHash &&
      s.fetchedAt >= s.record.firstFetchedAt &&
      s.fetchedAt <= s.record.lastFetchedAt;
    if (r.same === 'identical' && samePage) hash = s.recordHash;
    else if (r.same === 'version' && samePage)
      hash = archive.restampDecision(r.refKey, r.recordJson, r.parserVersion);
    else {
      const record =
        r.same === 'identical'
          ? (JSON.parse(s.recordJson!) as Decision)
          : r.same === 'version'
            ? (JSON.parse(r.recordJson) as Decision)
            : r.record;
      archive.saveDecision(record, s.pageHash, { fetchedAt: s.fetchedAt });
      if (r.same !== 'no') hash = Archive.recordHash(record);
    }
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
    return;
  }
  if (s.quarantine.length > 0) {
    archive.unquarantine(s.quarantine.map((q) => q.id));
    summary.recovered++;
  }
  if (s.from === 'quarantined') return;
  if (r.same !== 'no') {
    summary.unchanged++;
    // Same content: the index entry made from the old record still says the same.
    if (hash !== null && s.indexedHash !== null && s.indexedHash === s.recordHash && hash !== s.indexedHash)
      archive.markIndexed(s.refKey!, hash);
  } else summary.changed++;
}

/** One summary line for people. */
export function formatReparseSummary(s: ReparseSummary): string {
  return (
    `re-parsed ${s.reparsed} pages in ${(s.ms / 1000).toFixed(1)} s (${s.decisionsPerSecond} decisions/s, ` +
    `${s.workers === 0 ? 'main thread' : `${s.workers} worker${s.workers === 1 ? '' : 's'}`}): ` +
    `${s.changed} changed, ${s.unchanged} unchanged, ${s.newlyQuarantined} newly quarantined, ` +
    `${s.recovered} recovered from quarantine, ${s.stillQuarantined} still quarantined`
  );
}

export function registerReparse(program: Command): void {
  program
    .command('reparse')
    .description(
      'Parse the archived pages again with the current parser and store the new records (and the\n' +
        'parser version); only records whose content changed are sent to the search index again.\n' +
        'Quarantined pages that now parse are saved; decision pages that now fail keep their last\n' +
        'good record and are quarantined.',
    )
    .option('--all', `every decision (default: only records not made by parser ${PARSER_VERSION})`, false)
    .option('--workers <n>', 'parser worker threads (default: one per core; 0 = main thread)')
    .option('--no-index', 'do not update the search index now (the next crawl or reindex catches up)')
    .action(async (opts: { all: boolean; workers?: string; index: boolean }, cmd: Command) =>
      runCommand(async () => {
        const config = configFrom(cmd);
        const log = createLogger(config.logLevel, 'reparse');
        let workers: number | undefined;
        if (opts.workers !== undefined) {
          workers = Number(opts.workers);
          if (!Number.isInteger(workers) || workers < 0) {
            process.stderr.write(
              `lgsco reparse: --workers must be a whole number ≥ 0, got ${opts.workers}\n`,
            );
            process.exitCode = 2;
            return;
          }
        }
        // Meilisearch only when the index is to be updated.
        const services = opts.index
          ? await (await import('../services.js')).openServices(config, log)
          : undefined;
        const archive = services?.archive ?? Archive.open(config.dataDir);
        try {
          const summary = await reparseArchive(archive, {
            all: opts.all,
            ...(workers !== undefined ? { workers } : {}),
          });
          process.stdout.write(`${formatReparseSummary(summary)}\n`);
          if (services) {
            const t0 = Date.now();
            const n = await services.catchUpIndex();
            process.stdout.write(`indexed ${n} decisions in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
          }
        } finally {
          if (services) await services.close();
          else archive.close();
        }
      }),
    );
}
