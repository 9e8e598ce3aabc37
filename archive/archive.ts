/**
 * The archive of record: one SQLite file (`${dataDir}/archive.sqlite`, WAL) holding every fetched
 * page verbatim, the fetch log, one row per decision with its parsed record, every page version of
 * a decision, quarantined pages, failed URLs, the discovered frontier and the listing windows
 * already walked.
 *
 * `Archive` is a facade: it opens and migrates the file and hands each call to the part that owns
 * it — pages.ts (bodies, fetch log), decisions.ts (records, versions, index state),
 * reparse-sources.ts, failures.ts (quarantine and failures), frontier.ts (discovered, windows) and
 * totals.ts. Types live in types.ts.
 *
 * All methods are synchronous (better-sqlite3); whatever changes several rows runs in a transaction,
 * and every transaction that writes is BEGIN IMMEDIATE: it takes the write lock when it begins, so
 * a second process waits for it (busy_timeout). A deferred one that read first and then wrote would
 * fail at once with "database is locked" when another process had written meanwhile: SQLite cannot
 * upgrade a read snapshot that is no longer the newest, and does not wait in that case.
 * The search index is derived from this file and can always be rebuilt from it.
 * @module
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { LgscoError } from '../core/errors.js';
import type { ArchivedDecision, Decision } from '../core/record.js';
import {
  acquireCrawlLock,
  type CrawlKind,
  type CrawlLock,
  type CrawlLockHolder,
  crawlLockHolder,
  type LockEnv,
  systemLockEnv,
} from './crawl-lock.js';
import { Decisions, recordHash } from './decisions.js';
import { Failures } from './failures.js';
import { Frontier } from './frontier.js';
import { type LastFetch, Pages } from './pages.js';
import { reparseSources } from './reparse-sources.js';
import { migrate } from './schema.js';
import { counts } from './totals.js';
import {
  ARCHIVE_FILE,
  type ArchiveContext,
  type ArchiveCounts,
  ArchiveError,
  type ArchiveOptions,
  type DiscoveredInput,
  type DiscoveredRow,
  type FailureInput,
  type FailureRow,
  type FetchErrorInput,
  type IndexableDecision,
  type QuarantineInput,
  type QuarantineRow,
  type RecheckTarget,
  type ReparseSource,
  type StoredDecisionPage,
  type StorePageInput,
  type WindowInput,
  type WindowRow,
} from './types.js';

export * from './types.js';

export class Archive implements ArchiveContext {
  readonly file: string;
  private db: BetterSqlite3.Database | undefined;
  private readonly pages: Pages;
  private readonly decisions: Decisions;
  private readonly failuresPart: Failures;
  private readonly frontier: Frontier;

  private constructor(file: string, db: BetterSqlite3.Database, options: ArchiveOptions) {
    this.file = file;
    this.db = db;
    this.pages = new Pages(this, options.brotliQuality ?? 6);
    this.decisions = new Decisions(this, this.pages);
    this.failuresPart = new Failures(this);
    this.frontier = new Frontier(this);
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

  /** The open connection; throws ArchiveError once closed. */
  get conn(): BetterSqlite3.Database {
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

  /** Runs `fn` in one write transaction (many saves at a time are much faster than one each). */
  transaction<T>(fn: () => T): T {
    return this.write(fn);
  }

  /** BEGIN IMMEDIATE … COMMIT (a savepoint when nested): see the module comment. */
  write<T>(fn: () => T): T {
    return this.conn.transaction(fn).immediate();
  }

  // ---- crawl lock (crawl-lock.ts) ------------------------------------------------------------

  /**
   * Takes the archive's crawl lock (one crawl or re-check at a time per archive) or throws
   * CrawlLockedError (LGSCO_ERR_BUSY) naming the live holder.
   */
  acquireCrawlLock(kind: CrawlKind, env: LockEnv = systemLockEnv): CrawlLock {
    return acquireCrawlLock(this.conn, this.file, kind, env);
  }

  /** The crawl or re-check holding the archive now, if any. */
  crawlLockHolder(env: LockEnv = systemLockEnv): CrawlLockHolder | undefined {
    return crawlLockHolder(this.conn, env);
  }

  // ---- pages (pages.ts) ----------------------------------------------------------------------

  /** Stores a body if new (content-addressed) and adds a fetch-log row; returns the body's hash. */
  storePage(input: StorePageInput): { hash: string; newBlob: boolean } {
    return this.pages.storePage(input);
  }
  /** Logs a fetch that produced no body worth keeping (e.g. 404, 304, a network error). */
  logFetch(input: FetchErrorInput): void {
    this.pages.logFetch(input);
  }
  /** The raw body stored under `hash`, byte for byte. Throws ArchiveError when unknown. */
  getPageBody(hash: string): Buffer {
    return this.pages.getPageBody(hash);
  }
  /** The body stored under `hash` as stored (encoding "br" and the compressed bytes). */
  getStoredPage(hash: string): { encoding: string; body: Buffer } {
    return this.pages.getStoredPage(hash);
  }
  /** The last stored response for a URL, for conditional GETs (etag / last-modified). */
  lastFetch(url: string): LastFetch | undefined {
    return this.pages.lastFetch(url);
  }
  /** A decision page for this refKey was fetched (200) and kept, parsed or not. */
  decisionPageFetched(refKey: string): boolean {
    return this.pages.decisionPageFetched(refKey);
  }
  /** The newest stored 200 page of a decision, with the validators for a conditional GET. */
  storedDecisionPage(refKey: string): StoredDecisionPage | undefined {
    return this.pages.storedDecisionPage(refKey);
  }
  /** Decision pages kept but neither parsed nor quarantined (a crash between fetch and parse). */
  unparsedDecisionPages(): StoredDecisionPage[] {
    return this.pages.unparsedDecisionPages();
  }

  // ---- decisions (decisions.ts) --------------------------------------------------------------

  hasDecision(refKey: string): boolean {
    return this.decisions.hasDecision(refKey);
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
    return this.decisions.saveDecision(record, pageHash, opts);
  }
  /**
   * Writes a re-parsed record that differs from the stored one in its parser version only (see
   * decisions.ts); returns its new record hash.
   */
  restampDecision(refKey: string, recordJson: string, parserVersion: string): string {
    return this.decisions.restampDecision(refKey, recordJson, parserVersion);
  }
  /** The stored record with its archive history, or undefined. */
  getDecision(refKey: string): ArchivedDecision | undefined {
    return this.decisions.getDecision(refKey);
  }
  /** The decision's record as the search index should see it now (with the removed flag), if archived. */
  indexableDecision(refKey: string): IndexableDecision | undefined {
    return this.decisions.indexableDecision(refKey);
  }
  /**
   * Marks a decision as taken down by the source (its page answers 404/410), keeping the first
   * date; the decision is kept and needs indexing again (with `removedFromSource`). False when it
   * was already marked or is unknown.
   */
  markRemoved(refKey: string, at?: string): boolean {
    return this.decisions.markRemoved(refKey, at);
  }
  /** The page is back at the source: clears the removed flag (and queues the index update). */
  clearRemoved(refKey: string): boolean {
    return this.decisions.clearRemoved(refKey);
  }
  /** Records that the source was asked about a decision (a 304, an unchanged page, a 404). */
  touchChecked(refKey: string, at?: string): void {
    this.decisions.touchChecked(refKey, at);
  }
  /** Archived decisions last asked about before `before` (ISO time), least recently checked first. */
  dueForRecheck(before: string, limit?: number): RecheckTarget[] {
    return this.decisions.dueForRecheck(before, limit);
  }
  /** The latest decision date in the archive (yyyy-mm-dd), or undefined when it is empty. */
  newestDecisionDate(): string | undefined {
    return this.decisions.newestDecisionDate();
  }
  /** Every decision record, by refKey; constant memory (keyset pages), safe to write while iterating. */
  iterateDecisions(): Generator<IndexableDecision> {
    return this.decisions.iterateDecisions();
  }
  /** Decisions whose index document is out of date (safe to markIndexed while iterating). */
  decisionsNeedingIndex(): Generator<IndexableDecision> {
    return this.decisions.decisionsNeedingIndex();
  }
  /**
   * Records that the index holds a decision's record. With `hash`, that exact record hash (one
   * refKey); without, the record currently stored (one refKey or many).
   */
  markIndexed(refKeys: string | readonly string[], hash?: string): void {
    this.decisions.markIndexed(refKeys, hash);
  }
  /** Decisions whose current record the index holds (the index should hold at least this many). */
  indexedDecisions(): number {
    return this.decisions.indexedDecisions();
  }
  /** Forgets what was indexed (after the index was cleared): every decision needs indexing again. */
  clearIndexed(): void {
    this.decisions.clearIndexed();
  }
  /** Derives every row of the facts tables again from the stored records (they are derived data). */
  rebuildFacts(): void {
    this.decisions.rebuildFacts();
  }
  /** The hash identifying a record's content, as stored in decisions.record_hash / indexed_hash. */
  static recordHash(record: Decision): string {
    return recordHash(record);
  }

  // ---- reparse sources (reparse-sources.ts) --------------------------------------------------

  /** The stored pages `lgsco reparse` parses again (see reparse-sources.ts). */
  reparseSources(opts: {
    all: boolean;
    parserVersion: string;
    skipReasonSuffix?: string;
  }): Generator<ReparseSource> {
    return reparseSources(this, opts);
  }

  // ---- quarantine and failures (failures.ts) -------------------------------------------------

  quarantine(input: QuarantineInput): void {
    this.failuresPart.quarantine(input);
  }
  /** True when this page of the decision was quarantined (it is not parsed again until the parser changes). */
  isQuarantined(refKey: string, pageHash: string): boolean {
    return this.failuresPart.isQuarantined(refKey, pageHash);
  }
  /** Removes quarantine rows (a page that now parses); returns how many went. */
  unquarantine(ids: readonly number[]): number {
    return this.failuresPart.unquarantine(ids);
  }
  quarantined(): QuarantineRow[] {
    return this.failuresPart.quarantined();
  }
  /** Adds (or updates, adding the tries) a URL that failed after all tries. */
  recordFailure(input: FailureInput): void {
    this.failuresPart.recordFailure(input);
  }
  /** True when the URL answered 404/410 (or another permanent error) before. */
  isPermanentFailure(url: string): boolean {
    return this.failuresPart.isPermanentFailure(url);
  }
  clearFailure(url: string): void {
    this.failuresPart.clearFailure(url);
  }
  failures(): FailureRow[] {
    return this.failuresPart.failures();
  }

  // ---- frontier and windows (frontier.ts) ----------------------------------------------------

  /** Adds listing items to the frontier (deduped by refKey); returns how many were new. */
  addDiscovered(items: readonly DiscoveredInput[]): number {
    return this.frontier.addDiscovered(items);
  }
  /** Discovered decisions whose page is not archived yet, oldest listing date first. */
  pendingDiscovered(opts: { includePermanentFailures?: boolean } = {}): Generator<DiscoveredRow> {
    return this.frontier.pendingDiscovered(opts);
  }
  markWindow(input: WindowInput): void {
    this.frontier.markWindow(input);
  }
  getWindow(key: string): WindowRow | undefined {
    return this.frontier.getWindow(key);
  }
  isWindowComplete(key: string): boolean {
    return this.frontier.isWindowComplete(key);
  }

  // ---- totals (totals.ts) --------------------------------------------------------------------

  counts(): ArchiveCounts {
    return counts(this);
  }
}
