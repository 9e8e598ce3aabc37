/**
 * The archive's shared vocabulary: the input and row types of its parts, its error, and the
 * context every part works through (one connection, IMMEDIATE write transactions).
 * @module
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { ErrorCode, LgscoError } from '../core/errors.js';
import type { ArchivedDecision, Decision, DecisionVersion } from '../core/record.js';

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
  /**
   * Decisions: the page the stored record was made from and the record's fetch window, so a
   * re-parse that reads the same from the same page can leave the row as it is.
   */
  record?: { pageHash: string; firstFetchedAt: string; lastFetchedAt: string };
  /** Quarantine rows of this page (the reasons given then). */
  quarantine: { id: number; reason: string }[];
}

/** An archived decision due for a re-check at the source. */
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

/** The archive's totals (archive/totals.ts); the decision states are MISSING_STATES' definitions. */
export interface ArchiveCounts {
  /** Decisions with a record. */
  decisions: number;
  /** Fetch-log rows that kept a body. */
  pages: number;
  /** Distinct bodies stored. */
  blobs: number;
  /** Decisions found in listings. */
  discovered: number;
  /** Known decisions not archived yet with no failed fetch (not fetched, or fetched and not parsed yet). */
  pending: number;
  /** Known decisions whose fetch failed after every try (tried again next crawl). */
  failed: number;
  /** Known decisions whose page answered 404/410 or another permanent error. */
  gone: number;
  /** Known decisions with no record whose page is kept but does not parse (quarantined). */
  unparsed: number;
  /** Listing pages that failed after every try (their window is walked again next crawl). */
  failedListingPages: number;
  /** Quarantine rows (pages kept that did not parse, including newer pages of archived decisions). */
  quarantined: number;
  /** URLs that failed after every try, of any kind (decision and listing pages). */
  failures: number;
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

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
export const now = () => new Date().toISOString();

/** Page size of the keyset-paged iterators: bounded memory, and no statement left open across yields. */
export const ITER_PAGE = 500;

/** What each part of the archive works through: the open connection and the write transaction. */
export interface ArchiveContext {
  readonly file: string;
  /** The open connection (throws ArchiveError once the archive is closed). */
  readonly conn: BetterSqlite3.Database;
  /** BEGIN IMMEDIATE … COMMIT (a savepoint when nested): see archive.ts. */
  write<T>(fn: () => T): T;
}
