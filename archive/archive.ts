/**
 * The archive of record: one SQLite file (`${dataDir}/archive.sqlite`, WAL) holding every fetched
 * page verbatim (brotli, content-addressed by the sha256 of the raw bytes), the fetch log, one row
 * per decision with its parsed record, every page version of a decision, quarantined pages, failed
 * URLs, the discovered frontier and the listing windows already walked.
 *
 * All methods are synchronous (better-sqlite3); whatever changes several rows runs in a transaction,
 * and every transaction that writes is BEGIN IMMEDIATE: it takes the write lock when it begins, so
 * a second process waits for it (busy_timeout). A deferred one that read first and then wrote would
 * fail at once with "database is locked" when another process had written meanwhile: SQLite cannot
 * upgrade a read snapshot that is no longer the newest, and does not wait in that case.
 * The search index is derived from this file and can always be rebuilt from it.
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { ErrorCode, LgscoError } from '../core/errors.js';
import { type ArchivedDecision, Decision, type DecisionVersion } from '../core/record.js';
import {
  acquireCrawlLock,
  type CrawlKind,
  type CrawlLock,
  type CrawlLockHolder,
  crawlLockHolder,
  type LockEnv,
  systemLockEnv,
} from './crawl-lock.js';
import { migrate } from './schema.js';

/** Something the archive cannot do (unknown blob, bad input); code LGSCO_ERR_ARCHIVE. */
export class ArchiveError extends LgscoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.ARCHIVE, message, options);
  }
}

export type PageKind = 'listing' | 'decision' | 'robots' | 'other';

export interface StorePageInput {
  url: string;
  kind: PageKind;
  status: number;
  body: Buffer;
  etag?: string | null;
  lastModified?: string | null;
  contentType?: string | null;
  refKey?: string | null;
  /** ISO timestamp; default now. */
  fetchedAt?: string;
}

export interface FetchErrorInput {
  url: string;
  kind: PageKind;
  /** HTTP status when there was a response (e.g. 404), else undefined. */
  status?: number;
  error: string;
  refKey?: string | null;
  fetchedAt?: string;
}

export interface FailureInput {
  url: string;
  kind: PageKind;
  tries: number;
  error: string;
  refKey?: string | null;
  status?: number | null;
  /** 404/410/other 4xx: later crawls do not try the URL again. */
  permanent?: boolean;
}

export interface FailureRow {
  url: string;
  kind: PageKind;
  refKey: string | null;
  status: number | null;
  permanent: boolean;
  tries: number;
  lastError: string;
  firstAt: string;
  lastAt: string;
}

export interface QuarantineInput {
  url: string;
  refKey?: string | null;
  pageHash?: string | null;
  reason: string;
}

export interface QuarantineRow {
  id: number;
  url: string;
  refKey: string | null;
  pageHash: string | null;
  reason: string;
  at: string;
}

/** A decision link found in a listing (the subset of the parser's ListingItem the archive keeps). */
export interface DiscoveredInput {
  refKey: string;
  url: string;
  organisation?: string | null;
  /** Decision date shown in the listing (yyyy-mm-dd), if any. */
  decisionDate?: string | null;
  /** Outcome shown in the listing, if any. */
  outcome?: string | null;
}

export interface DiscoveredRow {
  refKey: string;
  url: string;
  organisation: string | null;
  listingDate: string | null;
  /** Outcome shown in the listing (null for rows from before migration 3, or when unreadable). */
  outcome: string | null;
  firstSeenAt: string;
}

/** The newest stored decision page of a refKey (status 200, body kept). */
export interface StoredDecisionPage {
  refKey: string;
  url: string;
  pageHash: string;
  contentType: string | null;
  fetchedAt: string;
  etag: string | null;
  lastModified: string | null;
}

/** An archived decision due for a re-check at the source. */
/**
 * A stored page to parse again (`reparseSources`): the newest stored page of a decision, or a
 * quarantined page of a decision the archive has no record for. The body is as stored (compressed).
 */
export interface ReparseSource {
  /** `decision`: a decision with a record; `quarantined`: a quarantined page with no record. */
  from: 'decision' | 'quarantined';
  refKey: string | null;
  url: string;
  pageHash: string;
  contentType: string | null;
  fetchedAt: string;
  /** Blob encoding ("br") and the stored bytes. */
  encoding: string;
  stored: Buffer;
  /** Decisions: the current record (JSON), its hash and the hash the index holds. */
  recordJson: string | null;
  recordHash: string | null;
  indexedHash: string | null;
  /** Quarantine rows of this page (the reasons given then). */
  quarantine: { id: number; reason: string }[];
}

export interface RecheckTarget {
  refKey: string;
  url: string;
  pageHash: string;
  removedAt: string | null;
  /** When the source was last asked (fetched or answered 304/404). */
  checkedAt: string;
}

/** A record on its way to the search index, with the archive's view of the source. */
export type IndexableDecision = Decision & {
  /** Present (true) only while the page is gone from the Ombudsman's site. */
  removedFromSource?: true;
};

export interface WindowInput {
  key: string;
  from: string;
  to: string;
  organisation?: string | null;
  total: number | null;
  pages?: number;
  /** Default true: the window was walked to its end. */
  complete?: boolean;
}

export interface WindowRow {
  key: string;
  from: string;
  to: string;
  organisation: string | null;
  total: number | null;
  pages: number | null;
  completedAt: string | null;
}

export interface ArchiveCounts {
  decisions: number;
  /** Fetch-log rows that kept a body. */
  pages: number;
  /** Distinct bodies stored. */
  blobs: number;
  quarantined: number;
  failures: number;
  discovered: number;
  /** Discovered decisions whose page is not archived yet (and not permanently gone). */
  pending: number;
  /** Decisions whose current record is not in the search index. */
  needingIndex: number;
  /** Decisions whose page is gone from the source (kept, flagged). */
  removed: number;
}

export interface ArchiveOptions {
  /** Brotli quality 0–11 for stored bodies (default 6: ~10× on HTML at a fraction of 11's CPU cost). */
  brotliQuality?: number;
  /** Open an existing archive read-only (no migrations, no writes). */
  readonly?: boolean;
}

export const ARCHIVE_FILE = 'archive.sqlite';

export type { ArchivedDecision, DecisionVersion };

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const now = () => new Date().toISOString();

interface DecisionRow {
  ref_key: string;
  record_json: string;
  record_hash: string;
  page_hash: string;
  first_fetched_at: string;
  last_fetched_at: string;
  removed_at: string | null;
}

type IndexRow = { ref_key: string; record_json: string; removed_at: string | null };

/** Page size of the keyset-paged iterators: bounded memory, and no statement left open across yields. */
const ITER_PAGE = 500;

export class Archive {
  readonly file: string;
  private db: BetterSqlite3.Database | undefined;
  private readonly quality: number;
  private readonly stmts: ReturnType<Archive['prepare']>;

  private constructor(file: string, db: BetterSqlite3.Database, options: ArchiveOptions) {
    this.file = file;
    this.db = db;
    this.quality = options.brotliQuality ?? 6;
    this.stmts = this.prepare(db);
  }

  /** Opens (creating the directory and file if needed) and migrates `${dataDir}/archive.sqlite`. */
  static open(dataDir: string, options: ArchiveOptions = {}): Archive {
    const file = path.join(path.resolve(dataDir), ARCHIVE_FILE);
    if (!options.readonly) mkdirSync(path.dirname(file), { recursive: true });
    let db: BetterSqlite3.Database;
    try {
      db = new BetterSqlite3(file, {
        readonly: options.readonly ?? false,
        fileMustExist: options.readonly ?? false,
      });
    } catch (e) {
      throw new ArchiveError(`cannot open the archive at ${file}: ${(e as Error).message}`, { cause: e });
    }
    try {
      // Another process (a crawl while `serve` runs, a second crawl opening the same fresh archive)
      // may hold the write lock briefly: wait for it, from the first statement on (WAL set-up
      // and migrations included).
      db.pragma('busy_timeout = 10000');
      if (!options.readonly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('foreign_keys = ON');
      if (!options.readonly) migrate(db);
      return new Archive(file, db, options);
    } catch (e) {
      db.close();
      throw e instanceof LgscoError
        ? e
        : new ArchiveError(`cannot prepare the archive at ${file}: ${(e as Error).message}`, { cause: e });
    }
  }

  private prepare(db: BetterSqlite3.Database) {
    return {
      blobExists: db.prepare<[string], { x: number }>('SELECT 1 AS x FROM blobs WHERE hash = ?'),
      insertBlob: db.prepare('INSERT OR IGNORE INTO blobs (hash, encoding, size, body) VALUES (?, ?, ?, ?)'),
      getBlob: db.prepare<[string], { encoding: string; size: number; body: Buffer }>(
        'SELECT encoding, size, body FROM blobs WHERE hash = ?',
      ),
      insertFetch: db.prepare(
        `INSERT INTO fetches (url, kind, status, fetched_at, hash, etag, last_modified, content_type, ref_key, error)
         VALUES (@url, @kind, @status, @fetchedAt, @hash, @etag, @lastModified, @contentType, @refKey, @error)`,
      ),
      lastFetchOfHash: db.prepare<[string], { fetched_at: string }>(
        'SELECT fetched_at FROM fetches WHERE hash = ? ORDER BY id DESC LIMIT 1',
      ),
      lastFetchOfUrl: db.prepare<
        [string],
        {
          status: number | null;
          hash: string | null;
          etag: string | null;
          last_modified: string | null;
          fetched_at: string;
        }
      >(
        'SELECT status, hash, etag, last_modified, fetched_at FROM fetches WHERE url = ? AND hash IS NOT NULL ORDER BY id DESC LIMIT 1',
      ),
      hasDecision: db.prepare<[string], { x: number }>('SELECT 1 AS x FROM decisions WHERE ref_key = ?'),
      decisionPageFetched: db.prepare<[string], { x: number }>(
        `SELECT 1 AS x FROM fetches WHERE ref_key = ? AND kind = 'decision' AND status = 200 AND hash IS NOT NULL LIMIT 1`,
      ),
      getDecisionRow: db.prepare<[string], DecisionRow>(
        `SELECT ref_key, record_json, record_hash, page_hash, first_fetched_at, last_fetched_at, removed_at
         FROM decisions WHERE ref_key = ?`,
      ),
      insertDecision: db.prepare(
        `INSERT INTO decisions (ref_key, ref, url, organisation, category, subcategory, outcome, decision_date, kind,
           record_json, record_hash, parser_version, page_hash, first_fetched_at, last_fetched_at)
         VALUES (@refKey, @ref, @url, @organisation, @category, @subcategory, @outcome, @decisionDate, @kind,
           @recordJson, @recordHash, @parserVersion, @pageHash, @fetchedAt, @fetchedAt)`,
      ),
      updateDecision: db.prepare(
        `UPDATE decisions SET ref = @ref, url = @url, organisation = @organisation, category = @category,
           subcategory = @subcategory, outcome = @outcome, decision_date = @decisionDate, kind = @kind,
           record_json = @recordJson, record_hash = @recordHash, parser_version = @parserVersion,
           page_hash = @pageHash,
           last_fetched_at = MAX(last_fetched_at, @fetchedAt),
           first_fetched_at = MIN(first_fetched_at, @fetchedAt)
         WHERE ref_key = @refKey`,
      ),
      insertVersion: db.prepare(
        'INSERT OR IGNORE INTO decision_versions (ref_key, page_hash, fetched_at) VALUES (?, ?, ?)',
      ),
      versions: db.prepare<[string], { page_hash: string; fetched_at: string }>(
        'SELECT page_hash, fetched_at FROM decision_versions WHERE ref_key = ? ORDER BY fetched_at, page_hash',
      ),
      insertQuarantine: db.prepare(
        'INSERT INTO quarantine (url, ref_key, page_hash, reason, at) VALUES (?, ?, ?, ?, ?)',
      ),
      upsertFailure: db.prepare(
        `INSERT INTO failures (url, kind, ref_key, status, permanent, tries, last_error, first_at, last_at)
         VALUES (@url, @kind, @refKey, @status, @permanent, @tries, @error, @at, @at)
         ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, ref_key = COALESCE(excluded.ref_key, failures.ref_key),
           status = excluded.status, permanent = excluded.permanent, tries = failures.tries + excluded.tries,
           last_error = excluded.last_error, last_at = excluded.last_at`,
      ),
      clearFailure: db.prepare('DELETE FROM failures WHERE url = ?'),
      permanentFailure: db.prepare<[string], { x: number }>(
        'SELECT 1 AS x FROM failures WHERE url = ? AND permanent = 1',
      ),
      insertDiscovered: db.prepare(
        `INSERT INTO discovered (ref_key, url, organisation, listing_date, outcome, first_seen_at, last_seen_at)
         VALUES (@refKey, @url, @organisation, @listingDate, @outcome, @at, @at)
         ON CONFLICT(ref_key) DO UPDATE SET last_seen_at = excluded.last_seen_at,
           outcome = COALESCE(discovered.outcome, excluded.outcome)`,
      ),
      discoveredExists: db.prepare<[string], { x: number }>(
        'SELECT 1 AS x FROM discovered WHERE ref_key = ?',
      ),
      pending: db.prepare<[string, number], DiscoveredRow & { seq: string }>(
        `SELECT ref_key AS refKey, url, organisation, listing_date AS listingDate, outcome, first_seen_at AS firstSeenAt,
                COALESCE(listing_date, '') || '|' || ref_key AS seq
         FROM discovered d
         WHERE (COALESCE(listing_date, '') || '|' || ref_key) > ?
           AND NOT EXISTS (SELECT 1 FROM fetches f WHERE f.ref_key = d.ref_key AND f.kind = 'decision'
                           AND f.status = 200 AND f.hash IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM failures x WHERE x.url = d.url AND x.permanent = 1 AND ? = 0)
         ORDER BY seq
         LIMIT ${ITER_PAGE}`,
      ),
      upsertWindow: db.prepare(
        `INSERT INTO windows (key, from_date, to_date, organisation, total, pages, completed_at)
         VALUES (@key, @from, @to, @organisation, @total, @pages, @completedAt)
         ON CONFLICT(key) DO UPDATE SET from_date = excluded.from_date, to_date = excluded.to_date,
           organisation = excluded.organisation, total = excluded.total, pages = excluded.pages,
           completed_at = excluded.completed_at`,
      ),
      getWindow: db.prepare<
        [string],
        {
          key: string;
          from: string;
          to: string;
          organisation: string | null;
          total: number | null;
          pages: number | null;
          completedAt: string | null;
        }
      >(
        `SELECT key, from_date AS "from", to_date AS "to", organisation, total, pages, completed_at AS completedAt
         FROM windows WHERE key = ?`,
      ),
      decisionsAfter: db.prepare<[string], IndexRow>(
        `SELECT ref_key, record_json, removed_at FROM decisions WHERE ref_key > ? ORDER BY ref_key LIMIT ${ITER_PAGE}`,
      ),
      needingIndexAfter: db.prepare<[string], IndexRow>(
        `SELECT ref_key, record_json, removed_at FROM decisions
         WHERE ref_key > ? AND (indexed_hash IS NULL OR indexed_hash <> record_hash)
         ORDER BY ref_key LIMIT ${ITER_PAGE}`,
      ),
      markIndexedCurrent: db.prepare('UPDATE decisions SET indexed_hash = record_hash WHERE ref_key = ?'),
      markIndexedHash: db.prepare('UPDATE decisions SET indexed_hash = ? WHERE ref_key = ?'),
      clearIndexed: db.prepare('UPDATE decisions SET indexed_hash = NULL'),
      // A change of the removed flag changes the index document: it needs indexing again.
      markRemoved: db.prepare(
        'UPDATE decisions SET removed_at = ?, indexed_hash = NULL WHERE ref_key = ? AND removed_at IS NULL',
      ),
      clearRemoved: db.prepare(
        'UPDATE decisions SET removed_at = NULL, indexed_hash = NULL WHERE ref_key = ? AND removed_at IS NOT NULL',
      ),
      quarantinedPage: db.prepare<[string, string], { x: number }>(
        'SELECT 1 AS x FROM quarantine WHERE ref_key = ? AND page_hash = ? LIMIT 1',
      ),
      touchChecked: db.prepare('UPDATE decisions SET last_checked_at = ? WHERE ref_key = ?'),
      storedDecisionPage: db.prepare<[string], StoredDecisionPage>(
        `SELECT ref_key AS refKey, url, hash AS pageHash, content_type AS contentType, fetched_at AS fetchedAt,
                etag, last_modified AS lastModified
         FROM fetches WHERE ref_key = ? AND kind = 'decision' AND status = 200 AND hash IS NOT NULL
         ORDER BY id DESC LIMIT 1`,
      ),
      // Pages kept but never turned into a decision row nor quarantined: a crash between the two steps.
      unparsedPages: db.prepare<[], StoredDecisionPage>(
        `SELECT f.ref_key AS refKey, f.url, f.hash AS pageHash, f.content_type AS contentType,
                f.fetched_at AS fetchedAt, f.etag, f.last_modified AS lastModified
         FROM fetches f
         WHERE f.kind = 'decision' AND f.status = 200 AND f.hash IS NOT NULL AND f.ref_key IS NOT NULL
           AND f.id = (SELECT MAX(g.id) FROM fetches g WHERE g.ref_key = f.ref_key AND g.kind = 'decision'
                       AND g.status = 200 AND g.hash IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.ref_key = f.ref_key)
           AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.ref_key = f.ref_key AND q.page_hash = f.hash)
         ORDER BY f.id`,
      ),
      dueForRecheck: db.prepare<[string, number], RecheckTarget>(
        `SELECT ref_key AS refKey, url, page_hash AS pageHash, removed_at AS removedAt,
                COALESCE(last_checked_at, last_fetched_at) AS checkedAt
         FROM decisions WHERE COALESCE(last_checked_at, last_fetched_at) < ?
         ORDER BY COALESCE(last_checked_at, last_fetched_at), ref_key LIMIT ?`,
      ),
      newestDecisionDate: db.prepare<[], { d: string | null }>(
        'SELECT MAX(decision_date) AS d FROM decisions',
      ),
    };
  }

  private get conn(): BetterSqlite3.Database {
    if (!this.db) throw new ArchiveError(`the archive at ${this.file} is closed`);
    return this.db;
  }

  /** Closes the database (checkpointing the WAL). Safe to call twice. */
  close(): void {
    const db = this.db;
    this.db = undefined;
    if (db?.open) db.close();
  }

  get isOpen(): boolean {
    return this.db?.open ?? false;
  }

  /** The journal mode in force ("wal" for a writable archive). */
  journalMode(): string {
    return String(this.conn.pragma('journal_mode', { simple: true }));
  }

  // ---- pages ---------------------------------------------------------------------------------

  /** Stores a body if new (content-addressed) and adds a fetch-log row; returns the body's hash. */
  storePage(input: StorePageInput): { hash: string; newBlob: boolean } {
    const hash = sha256(input.body);
    const fetchedAt = input.fetchedAt ?? now();
    // Compress outside the transaction, and only when the body is not stored yet.
    const compressed = this.stmts.blobExists.get(hash) ? undefined : this.compress(input.body);
    let newBlob = false;
    this.write(() => {
      if (compressed)
        newBlob = this.stmts.insertBlob.run(hash, 'br', input.body.length, compressed).changes > 0;
      this.stmts.insertFetch.run({
        url: input.url,
        kind: input.kind,
        status: input.status,
        fetchedAt,
        hash,
        etag: input.etag ?? null,
        lastModified: input.lastModified ?? null,
        contentType: input.contentType ?? null,
        refKey: input.refKey ?? null,
        error: null,
      });
    });
    return { hash, newBlob };
  }

  /** Logs a fetch that produced no body worth keeping (e.g. 404, 304, a network error). */
  logFetch(input: FetchErrorInput): void {
    this.stmts.insertFetch.run({
      url: input.url,
      kind: input.kind,
      status: input.status ?? null,
      fetchedAt: input.fetchedAt ?? now(),
      hash: null,
      etag: null,
      lastModified: null,
      contentType: null,
      refKey: input.refKey ?? null,
      error: input.error,
    });
  }

  /** The raw body stored under `hash`, byte for byte. Throws ArchiveError when unknown. */
  getPageBody(hash: string): Buffer {
    const row = this.stmts.getBlob.get(hash);
    if (!row) throw new ArchiveError(`no page body with hash ${hash}`);
    if (row.encoding !== 'br')
      throw new ArchiveError(`page body ${hash} has unknown encoding ${row.encoding}`);
    return brotliDecompressSync(row.body);
  }

  /** The body stored under `hash` as stored (encoding "br" and the compressed bytes). */
  getStoredPage(hash: string): { encoding: string; body: Buffer } {
    const row = this.stmts.getBlob.get(hash);
    if (!row) throw new ArchiveError(`no page body with hash ${hash}`);
    return { encoding: row.encoding, body: row.body };
  }

  /** The last stored response for a URL, for conditional GETs (etag / last-modified). */
  lastFetch(url: string):
    | {
        status: number | null;
        hash: string;
        etag: string | null;
        lastModified: string | null;
        fetchedAt: string;
      }
    | undefined {
    const r = this.stmts.lastFetchOfUrl.get(url);
    return r
      ? {
          status: r.status,
          hash: r.hash!,
          etag: r.etag,
          lastModified: r.last_modified,
          fetchedAt: r.fetched_at,
        }
      : undefined;
  }

  private compress(body: Buffer): Buffer {
    return brotliCompressSync(body, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: this.quality,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
  }

  // ---- decisions -----------------------------------------------------------------------------

  hasDecision(refKey: string): boolean {
    return this.stmts.hasDecision.get(refKey) !== undefined;
  }

  /**
   * True when a decision page for this refKey was fetched (200) and kept, whether or not it parsed:
   * a quarantined page is re-parsed from the archive, never fetched again.
   */
  decisionPageFetched(refKey: string): boolean {
    return this.stmts.decisionPageFetched.get(refKey) !== undefined;
  }

  /**
   * Upserts the decision parsed from the stored page `pageHash` (validated against the Decision
   * schema) and records the page version. `inserted`: a new decision; `changed`: an existing one
   * whose record or page differs from what was stored.
   */
  saveDecision(
    record: Decision,
    pageHash: string,
    opts: { fetchedAt?: string } = {},
  ): { inserted: boolean; changed: boolean } {
    const parsed = Decision.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ArchiveError(
        `record ${JSON.stringify((record as { refKey?: unknown })?.refKey)} is not a valid Decision: ` +
          `${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
        { cause: parsed.error },
      );
    }
    const d = parsed.data;
    const recordJson = JSON.stringify(d);
    const recordHash = sha256(recordJson);
    return this.write(() => {
      if (!this.stmts.blobExists.get(pageHash))
        throw new ArchiveError(`no stored page with hash ${pageHash}`);
      const fetchedAt = opts.fetchedAt ?? this.stmts.lastFetchOfHash.get(pageHash)?.fetched_at ?? now();
      const params = {
        refKey: d.refKey,
        ref: d.ref,
        url: d.url,
        organisation: d.organisation,
        category: d.category,
        subcategory: d.subcategory,
        outcome: d.outcome,
        decisionDate: d.decisionDate,
        kind: d.kind,
        recordJson,
        recordHash,
        parserVersion: d.parserVersion,
        pageHash,
        fetchedAt,
      };
      const existing = this.stmts.getDecisionRow.get(d.refKey);
      if (existing) this.stmts.updateDecision.run(params);
      else this.stmts.insertDecision.run(params);
      this.stmts.insertVersion.run(d.refKey, pageHash, fetchedAt);
      return {
        inserted: !existing,
        changed: !!existing && (existing.record_hash !== recordHash || existing.page_hash !== pageHash),
      };
    });
  }

  /**
   * The pages `lgsco reparse` parses again, in refKey order, keyset-paged (constant memory): the
   * newest stored page of every decision (`all`), or only of decisions whose record was made by
   * another parser version than `parserVersion`; then quarantined pages of decisions with no record
   * (every one with `all`, else those whose reason does not end with `skipReasonSuffix`).
   */
  *reparseSources(opts: {
    all: boolean;
    parserVersion: string;
    skipReasonSuffix?: string;
  }): Generator<ReparseSource> {
    const db = this.conn;
    const decisions = db.prepare<
      [string, number, string],
      {
        ref_key: string;
        url: string;
        hash: string;
        content_type: string | null;
        fetched_at: string;
        record_json: string;
        record_hash: string;
        indexed_hash: string | null;
        encoding: string;
        body: Buffer;
      }
    >(
      `SELECT d.ref_key, f.url, f.hash, f.content_type, f.fetched_at, d.record_json, d.record_hash,
              d.indexed_hash, b.encoding, b.body
       FROM decisions d
       JOIN fetches f ON f.id = (SELECT MAX(g.id) FROM fetches g WHERE g.ref_key = d.ref_key
                                 AND g.kind = 'decision' AND g.status = 200 AND g.hash IS NOT NULL)
       JOIN blobs b ON b.hash = f.hash
       WHERE d.ref_key > ? AND (? = 1 OR d.parser_version <> ?)
       ORDER BY d.ref_key LIMIT ${ITER_PAGE}`,
    );
    const quarantineOf = db.prepare<[string, string], { id: number; reason: string }>(
      'SELECT id, reason FROM quarantine WHERE ref_key = ? AND page_hash = ? ORDER BY id',
    );
    let after = '';
    for (;;) {
      const rows = decisions.all(after, opts.all ? 1 : 0, opts.parserVersion);
      for (const r of rows) {
        yield {
          from: 'decision',
          refKey: r.ref_key,
          url: r.url,
          pageHash: r.hash,
          contentType: r.content_type,
          fetchedAt: r.fetched_at,
          encoding: r.encoding,
          stored: r.body,
          recordJson: r.record_json,
          recordHash: r.record_hash,
          indexedHash: r.indexed_hash,
          quarantine: quarantineOf.all(r.ref_key, r.hash),
        };
      }
      if (rows.length < ITER_PAGE) break;
      after = rows.at(-1)!.ref_key;
    }
    // Quarantined pages with no record: one per (refKey, page), its rows grouped.
    const quarantined = db.prepare<
      [number],
      {
        id: number;
        url: string;
        ref_key: string | null;
        page_hash: string;
        reason: string;
        content_type: string | null;
        fetched_at: string | null;
        encoding: string;
        body: Buffer;
      }
    >(
      `SELECT q.id, q.url, q.ref_key, q.page_hash, q.reason, b.encoding, b.body,
              (SELECT f.content_type FROM fetches f WHERE f.hash = q.page_hash ORDER BY f.id DESC LIMIT 1) AS content_type,
              (SELECT f.fetched_at FROM fetches f WHERE f.hash = q.page_hash ORDER BY f.id DESC LIMIT 1) AS fetched_at
       FROM quarantine q JOIN blobs b ON b.hash = q.page_hash
       WHERE q.id > ? AND (q.ref_key IS NULL OR NOT EXISTS (SELECT 1 FROM decisions d WHERE d.ref_key = q.ref_key))
       ORDER BY q.id LIMIT ${ITER_PAGE}`,
    );
    const seen = new Set<string>();
    let afterId = 0;
    for (;;) {
      const rows = quarantined.all(afterId);
      for (const r of rows) {
        const key = `${r.ref_key ?? ''}|${r.page_hash}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const same =
          r.ref_key === null ? [{ id: r.id, reason: r.reason }] : quarantineOf.all(r.ref_key, r.page_hash);
        const suffix = opts.skipReasonSuffix;
        if (!opts.all && suffix && same.some((q) => q.reason.endsWith(suffix))) continue;
        yield {
          from: 'quarantined',
          refKey: r.ref_key,
          url: r.url,
          pageHash: r.page_hash,
          contentType: r.content_type,
          fetchedAt: r.fetched_at ?? now(),
          encoding: r.encoding,
          stored: r.body,
          recordJson: null,
          recordHash: null,
          indexedHash: null,
          quarantine: same,
        };
      }
      if (rows.length < ITER_PAGE) return;
      afterId = rows.at(-1)!.id;
    }
  }

  /** Runs `fn` in one write transaction (many saves at a time are much faster than one each). */
  transaction<T>(fn: () => T): T {
    return this.write(fn);
  }

  /** BEGIN IMMEDIATE … COMMIT (a savepoint when nested): see the module comment. */
  private write<T>(fn: () => T): T {
    return this.conn.transaction(fn).immediate();
  }

  // ---- crawl lock ----------------------------------------------------------------------------

  /**
   * Takes the archive's crawl lock (one crawl or re-check at a time per archive) or throws
   * CrawlLockedError (LGSCO_ERR_BUSY) naming the live holder. See crawl-lock.ts.
   */
  acquireCrawlLock(kind: CrawlKind, env: LockEnv = systemLockEnv): CrawlLock {
    return acquireCrawlLock(this.conn, this.file, kind, env);
  }

  /** The crawl or re-check holding the archive now, if any. */
  crawlLockHolder(env: LockEnv = systemLockEnv): CrawlLockHolder | undefined {
    return crawlLockHolder(this.conn, env);
  }

  /** The stored record with its archive history, or undefined. */
  getDecision(refKey: string): ArchivedDecision | undefined {
    const row = this.stmts.getDecisionRow.get(refKey);
    if (!row) return undefined;
    const record = JSON.parse(row.record_json) as Decision;
    return {
      ...record,
      archive: {
        firstFetchedAt: row.first_fetched_at,
        lastFetchedAt: row.last_fetched_at,
        removedAt: row.removed_at,
        pageHash: row.page_hash,
        versions: this.stmts.versions
          .all(refKey)
          .map((v) => ({ pageHash: v.page_hash, fetchedAt: v.fetched_at })),
      },
    };
  }

  /** The decision's record as the search index should see it now (with the removed flag), if archived. */
  indexableDecision(refKey: string): IndexableDecision | undefined {
    const d = this.getDecision(refKey);
    if (!d) return undefined;
    const { archive: state, ...record } = d;
    return state.removedAt ? { ...record, removedFromSource: true } : record;
  }

  /**
   * Marks a decision as taken down by the source (its page answers 404/410), keeping the first
   * date; the decision is kept and needs indexing again (with `removedFromSource`). False when it
   * was already marked or is unknown.
   */
  markRemoved(refKey: string, at: string = now()): boolean {
    return this.stmts.markRemoved.run(at, refKey).changes > 0;
  }

  /** The page is back at the source: clears the removed flag (and queues the index update). */
  clearRemoved(refKey: string): boolean {
    return this.stmts.clearRemoved.run(refKey).changes > 0;
  }

  /** Records that the source was asked about a decision (a 304, an unchanged page, a 404). */
  touchChecked(refKey: string, at: string = now()): void {
    this.stmts.touchChecked.run(at, refKey);
  }

  /** Archived decisions last asked about before `before` (ISO time), least recently checked first. */
  dueForRecheck(before: string, limit: number = Number.MAX_SAFE_INTEGER): RecheckTarget[] {
    return this.stmts.dueForRecheck.all(before, limit);
  }

  /** The newest stored 200 page of a decision, with the validators for a conditional GET. */
  storedDecisionPage(refKey: string): StoredDecisionPage | undefined {
    return this.stmts.storedDecisionPage.get(refKey);
  }

  /** Decision pages kept but neither parsed nor quarantined (a crash between fetch and parse). */
  unparsedDecisionPages(): StoredDecisionPage[] {
    return this.stmts.unparsedPages.all();
  }

  /** The latest decision date in the archive (yyyy-mm-dd), or undefined when it is empty. */
  newestDecisionDate(): string | undefined {
    return this.stmts.newestDecisionDate.get()?.d ?? undefined;
  }

  /** Every decision record, by refKey; constant memory (keyset pages), safe to write while iterating. */
  *iterateDecisions(): Generator<IndexableDecision> {
    yield* this.keyset(this.stmts.decisionsAfter);
  }

  /** Decisions whose index document is out of date (safe to markIndexed while iterating). */
  *decisionsNeedingIndex(): Generator<IndexableDecision> {
    yield* this.keyset(this.stmts.needingIndexAfter);
  }

  private *keyset(stmt: BetterSqlite3.Statement<[string], IndexRow>): Generator<IndexableDecision> {
    let after = '';
    for (;;) {
      const rows = stmt.all(after);
      for (const r of rows) {
        const record = JSON.parse(r.record_json) as IndexableDecision;
        if (r.removed_at !== null) record.removedFromSource = true;
        yield record;
      }
      if (rows.length < ITER_PAGE) return;
      after = rows.at(-1)!.ref_key;
    }
  }

  /**
   * Records that the index holds a decision's record. With `hash`, that exact record hash (one
   * refKey); without, the record currently stored (one refKey or many).
   */
  markIndexed(refKeys: string | readonly string[], hash?: string): void {
    const keys = typeof refKeys === 'string' ? [refKeys] : refKeys;
    if (hash !== undefined && keys.length !== 1)
      throw new ArchiveError('markIndexed with a hash takes one refKey');
    this.write(() => {
      for (const k of keys) {
        if (hash !== undefined) this.stmts.markIndexedHash.run(hash, k);
        else this.stmts.markIndexedCurrent.run(k);
      }
    });
  }

  /** Decisions whose current record the index holds (the index should hold at least this many). */
  indexedDecisions(): number {
    return (
      this.conn.prepare('SELECT COUNT(*) AS n FROM decisions WHERE indexed_hash = record_hash').get() as {
        n: number;
      }
    ).n;
  }

  /** Forgets what was indexed (after the index was cleared): every decision needs indexing again. */
  clearIndexed(): void {
    this.stmts.clearIndexed.run();
  }

  /** The hash identifying a record's content, as stored in decisions.record_hash / indexed_hash. */
  static recordHash(record: Decision): string {
    return sha256(JSON.stringify(Decision.parse(record)));
  }

  // ---- quarantine and failures ---------------------------------------------------------------

  quarantine(input: QuarantineInput): void {
    this.stmts.insertQuarantine.run(
      input.url,
      input.refKey ?? null,
      input.pageHash ?? null,
      input.reason,
      now(),
    );
  }

  /** True when this page of the decision was quarantined (it is not parsed again until the parser changes). */
  isQuarantined(refKey: string, pageHash: string): boolean {
    return this.stmts.quarantinedPage.get(refKey, pageHash) !== undefined;
  }

  /** Removes quarantine rows (a page that now parses); returns how many went. */
  unquarantine(ids: readonly number[]): number {
    const del = this.conn.prepare('DELETE FROM quarantine WHERE id = ?');
    let n = 0;
    this.write(() => {
      for (const id of ids) n += del.run(id).changes;
    });
    return n;
  }

  quarantined(): QuarantineRow[] {
    return this.conn
      .prepare<[], QuarantineRow>(
        'SELECT id, url, ref_key AS refKey, page_hash AS pageHash, reason, at FROM quarantine ORDER BY id',
      )
      .all();
  }

  /** Adds (or updates, adding the tries) a URL that failed after all tries. */
  recordFailure(input: FailureInput): void {
    this.stmts.upsertFailure.run({
      url: input.url,
      kind: input.kind,
      refKey: input.refKey ?? null,
      status: input.status ?? null,
      permanent: input.permanent ? 1 : 0,
      tries: input.tries,
      error: input.error,
      at: now(),
    });
  }

  /** True when the URL answered 404/410 (or another permanent error) before. */
  isPermanentFailure(url: string): boolean {
    return this.stmts.permanentFailure.get(url) !== undefined;
  }

  clearFailure(url: string): void {
    this.stmts.clearFailure.run(url);
  }

  failures(): FailureRow[] {
    return this.conn
      .prepare<[], Omit<FailureRow, 'permanent'> & { permanent: number }>(
        `SELECT url, kind, ref_key AS refKey, status, permanent, tries, last_error AS lastError,
                first_at AS firstAt, last_at AS lastAt FROM failures ORDER BY url`,
      )
      .all()
      .map((r) => ({ ...r, permanent: r.permanent === 1 }));
  }

  // ---- frontier and windows ------------------------------------------------------------------

  /** Adds listing items to the frontier (deduped by refKey); returns how many were new. */
  addDiscovered(items: readonly DiscoveredInput[]): number {
    const at = now();
    let added = 0;
    // Read (exists?) then write: IMMEDIATE, or a concurrent crawl's write makes this throw SQLITE_BUSY.
    this.write(() => {
      for (const it of items) {
        const existed = this.stmts.discoveredExists.get(it.refKey) !== undefined;
        this.stmts.insertDiscovered.run({
          refKey: it.refKey,
          url: it.url,
          organisation: it.organisation ?? null,
          listingDate: it.decisionDate ?? null,
          outcome: it.outcome ?? null,
          at,
        });
        if (!existed) added++;
      }
    });
    return added;
  }

  /**
   * Discovered decisions whose page is not archived yet, oldest listing date first (the order the
   * crawl saves them in; undated ones last). Skips URLs that failed permanently unless `includePermanentFailures`.
   */
  *pendingDiscovered(opts: { includePermanentFailures?: boolean } = {}): Generator<DiscoveredRow> {
    let after = '';
    const include = opts.includePermanentFailures ? 1 : 0;
    for (;;) {
      const rows = this.stmts.pending.all(after, include);
      for (const { seq: _seq, ...r } of rows) yield r;
      if (rows.length < ITER_PAGE) return;
      after = rows.at(-1)!.seq;
    }
  }

  markWindow(input: WindowInput): void {
    this.stmts.upsertWindow.run({
      key: input.key,
      from: input.from,
      to: input.to,
      organisation: input.organisation ?? null,
      total: input.total,
      pages: input.pages ?? null,
      completedAt: input.complete === false ? null : now(),
    });
  }

  getWindow(key: string): WindowRow | undefined {
    return this.stmts.getWindow.get(key);
  }

  isWindowComplete(key: string): boolean {
    return !!this.stmts.getWindow.get(key)?.completedAt;
  }

  // ---- totals --------------------------------------------------------------------------------

  counts(): ArchiveCounts {
    const n = (sql: string) => (this.conn.prepare(sql).get() as { n: number }).n;
    return {
      decisions: n('SELECT COUNT(*) AS n FROM decisions'),
      pages: n('SELECT COUNT(*) AS n FROM fetches WHERE hash IS NOT NULL'),
      blobs: n('SELECT COUNT(*) AS n FROM blobs'),
      quarantined: n('SELECT COUNT(*) AS n FROM quarantine'),
      failures: n('SELECT COUNT(*) AS n FROM failures'),
      discovered: n('SELECT COUNT(*) AS n FROM discovered'),
      pending: n(
        `SELECT COUNT(*) AS n FROM discovered d
         WHERE NOT EXISTS (SELECT 1 FROM fetches f WHERE f.ref_key = d.ref_key AND f.kind = 'decision'
                           AND f.status = 200 AND f.hash IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM failures x WHERE x.url = d.url AND x.permanent = 1)`,
      ),
      needingIndex: n(
        'SELECT COUNT(*) AS n FROM decisions WHERE indexed_hash IS NULL OR indexed_hash <> record_hash',
      ),
      removed: n('SELECT COUNT(*) AS n FROM decisions WHERE removed_at IS NOT NULL'),
    };
  }
}
