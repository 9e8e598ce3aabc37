/**
 * Opens what the long-running commands share: the archive, Meilisearch (embedded or external)
 * and the decisions index. `close()` releases them in reverse order and is idempotent.
 *
 * With `watch` (serve, demo) the search index heals by itself: every WATCH_INTERVAL_MS the
 * Meilisearch in use is checked, and when it is gone (the embedded server's process died, or
 * another lgsco process started a new one after it died), an external one comes back after not
 * answering, or the index holds fewer decisions than the archive marked indexed (a server back
 * between two checks on an empty database), the index is reconnected — to the server now running, or to one started here — the
 * same DecisionIndex objects (the API's included) are pointed at it, the settings applied, and the
 * archive (the record of truth) caught up: every decision not marked indexed, or every decision
 * when the index holds fewer documents than the archive says it should (a server started on an
 * empty database).
 * @module
 */
import { Archive } from '../archive/index.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { DecisionIndex, ensureMeili, type MeiliHandle } from '../indexer/index.js';

/** How often `watch` looks at Meilisearch. */
export const WATCH_INTERVAL_MS = 2_000;
/** Every this many checks (~10 s), `watch` also indexes what the archive has unindexed. */
const CATCH_UP_EVERY = 5;

export interface ServicesOptions {
  /** Keep the search index connected and caught up (see the module comment). Default false. */
  watch?: boolean;
  /** Default WATCH_INTERVAL_MS. */
  watchIntervalMs?: number;
}

export interface Services {
  config: Readonly<Config>;
  archive: Archive;
  /** The Meilisearch in use now (a new handle after a reconnect). */
  readonly meili: MeiliHandle;
  index: DecisionIndex;
  log: Logger;
  /** Sends records to the index and marks them indexed in the archive. */
  indexRecords(records: Decision[]): Promise<void>;
  /** Indexes every archived decision whose current record is not yet in the index. */
  catchUpIndex(): Promise<number>;
  close(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

export async function openServices(
  config: Readonly<Config>,
  log: Logger,
  options: ServicesOptions = {},
): Promise<Services> {
  const archive = Archive.open(config.dataDir);
  let meili: MeiliHandle;
  try {
    meili = await ensureMeili(config, { log });
  } catch (e) {
    archive.close();
    throw e;
  }
  const index = new DecisionIndex(meili.client, { log });
  await index.ensureSettings();

  const indexRecords = async (records: Decision[]) => {
    if (records.length === 0) return;
    await index.upsert(records);
    archive.markIndexed(records.map((r) => r.refKey));
  };

  const catchUpIndex = async () => {
    let total = 0;
    let batch: Decision[] = [];
    for (const record of archive.decisionsNeedingIndex()) {
      batch.push(record);
      if (batch.length >= 1000) {
        await indexRecords(batch);
        total += batch.length;
        batch = [];
      }
    }
    await indexRecords(batch);
    return total + batch.length;
  };

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  /** An external server stopped answering: reconnect once it answers again. */
  let externalDown = false;

  /** Reconnects to the server running now (started here if none) and catches the index up. */
  const reconnect = async (why: string) => {
    log.warn({ url: meili.url, why }, 'search index lost; reconnecting');
    const next = await ensureMeili(config, { log });
    if (closed) {
      await next.release();
      return;
    }
    const old = meili;
    meili = next;
    await index.repoint(next.client);
    // Our lease on the new server is taken first, so giving the old handle back stops nothing.
    if (old !== next) await old.release().catch(() => {});
    await index.ensureSettings();
    const expected = archive.indexedDecisions();
    const held = await index.count();
    if (held < expected) {
      log.warn(
        { held, expected },
        'the index holds fewer decisions than the archive marked indexed; indexing all',
      );
      archive.clearIndexed();
    }
    const caughtUp = await catchUpIndex();
    log.warn({ url: next.url, pid: next.pid, caughtUp }, 'search index reconnected and caught up');
  };

  const lostDocuments = () =>
    indexLostDocuments(
      () => index.count(),
      () => archive.indexedDecisions(),
    );

  let checks = 0;
  const check = async () => {
    if (closed) return;
    try {
      checks++;
      if (!meili.isCurrent()) await reconnect('the embedded Meilisearch is gone');
      else if (!meili.embedded) {
        const up = await answers(meili.url);
        if (!up && !externalDown) log.warn({ url: meili.url }, 'Meilisearch (MEILI_URL) is not answering');
        if (up && externalDown) await reconnect('Meilisearch (MEILI_URL) answers again');
        externalDown = !up;
      }
      // A server that came back between two checks, on an empty or older database (or an index
      // deleted by hand): the index holds fewer decisions than the archive marked indexed.
      if (!externalDown && (await lostDocuments()))
        await reconnect('the index holds fewer decisions than the archive marked indexed');
      // Now and then, decisions another process archived but could not index (a crawl that lost
      // Meilisearch for a moment), unless a crawl runs: it indexes its own records.
      if (!externalDown && checks % CATCH_UP_EVERY === 0 && !archive.crawlLockHolder()) {
        if (archive.counts().needingIndex > 0) {
          const caughtUp = await catchUpIndex();
          if (caughtUp > 0)
            log.info({ decisions: caughtUp }, 'indexed archived decisions missing from the index');
        }
      }
    } catch (e) {
      // Tried again at the next check; requests meanwhile answer 503 "try again shortly".
      if (meili.embedded || !externalDown)
        log.error(
          { err: e instanceof Error ? e.message : String(e) },
          'reconnecting the search index failed',
        );
      if (!meili.embedded) externalDown = true;
    }
    if (!closed) timer = setTimeout(check, options.watchIntervalMs ?? WATCH_INTERVAL_MS).unref();
  };
  if (options.watch) timer = setTimeout(check, options.watchIntervalMs ?? WATCH_INTERVAL_MS).unref();

  let closing: Promise<void> | undefined;
  return {
    config,
    archive,
    get meili() {
      return meili;
    },
    index,
    log,
    indexRecords,
    catchUpIndex,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      closing ??= (async () => {
        await meili.release();
        archive.close();
      })();
      return closing;
    },
  };
}

/**
 * True when the index answers with fewer documents than the archive marked indexed. The archive
 * is read first: a batch indexed while the count is on its way only adds to both, so reading it
 * after the answer could count that batch as marked but not held (a crawl at load 15 once saw its
 * index "lost" that way and indexed everything again). Not answering is not a loss here.
 */
export async function indexLostDocuments(
  count: () => Promise<number>,
  indexedDecisions: () => number,
): Promise<boolean> {
  const expected = indexedDecisions();
  try {
    return (await count()) < expected;
  } catch {
    return false; // not answering: isCurrent / answers above decide what that means
  }
}
