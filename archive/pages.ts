/**
 * Pages: every fetched body verbatim (brotli, content-addressed by the sha256 of the raw bytes)
 * and the fetch log, with the look-ups the crawl needs for conditional GETs and resumption.
 * @module
 */
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import {
  type ArchiveContext,
  ArchiveError,
  type FetchErrorInput,
  now,
  type StoredDecisionPage,
  type StorePageInput,
  sha256,
} from './types.js';

export interface LastFetch {
  status: number | null;
  hash: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: string;
}

export class Pages {
  private readonly stmts;

  constructor(
    private readonly ctx: ArchiveContext,
    private readonly quality: number,
  ) {
    const db = ctx.conn;
    this.stmts = {
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
      decisionPageFetched: db.prepare<[string], { x: number }>(
        `SELECT 1 AS x FROM fetches WHERE ref_key = ? AND kind = 'decision' AND status = 200 AND hash IS NOT NULL LIMIT 1`,
      ),
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
    };
  }

  /** Stores a body if new (content-addressed) and adds a fetch-log row; returns the body's hash. */
  storePage(input: StorePageInput): { hash: string; newBlob: boolean } {
    const hash = sha256(input.body);
    const fetchedAt = input.fetchedAt ?? now();
    // Compress outside the transaction, and only when the body is not stored yet.
    const compressed = this.hasBlob(hash) ? undefined : this.compress(input.body);
    let newBlob = false;
    this.ctx.write(() => {
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

  hasBlob(hash: string): boolean {
    return this.stmts.blobExists.get(hash) !== undefined;
  }

  /** When the body `hash` was last fetched, if it ever was. */
  lastFetchedAt(hash: string): string | undefined {
    return this.stmts.lastFetchOfHash.get(hash)?.fetched_at;
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
  lastFetch(url: string): LastFetch | undefined {
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

  /**
   * True when a decision page for this refKey was fetched (200) and kept, whether or not it parsed:
   * a quarantined page is re-parsed from the archive, never fetched again.
   */
  decisionPageFetched(refKey: string): boolean {
    return this.stmts.decisionPageFetched.get(refKey) !== undefined;
  }

  /** The newest stored 200 page of a decision, with the validators for a conditional GET. */
  storedDecisionPage(refKey: string): StoredDecisionPage | undefined {
    return this.stmts.storedDecisionPage.get(refKey);
  }

  /** Decision pages kept but neither parsed nor quarantined (a crash between fetch and parse). */
  unparsedDecisionPages(): StoredDecisionPage[] {
    return this.stmts.unparsedPages.all();
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
}
