/**
 * Quarantine and failures: pages kept verbatim that did not parse (with the reason), and URLs that
 * failed after every try (permanent ones, 404/410/other 4xx, are not tried again).
 * @module
 */
import {
  type ArchiveContext,
  type FailureInput,
  type FailureRow,
  now,
  type QuarantineInput,
  type QuarantineRow,
} from './types.js';

export class Failures {
  private readonly stmts;

  constructor(private readonly ctx: ArchiveContext) {
    const db = ctx.conn;
    this.stmts = {
      insertQuarantine: db.prepare(
        'INSERT INTO quarantine (url, ref_key, page_hash, reason, at) VALUES (?, ?, ?, ?, ?)',
      ),
      quarantinedPage: db.prepare<[string, string], { x: number }>(
        'SELECT 1 AS x FROM quarantine WHERE ref_key = ? AND page_hash = ? LIMIT 1',
      ),
      deleteQuarantine: db.prepare('DELETE FROM quarantine WHERE id = ?'),
      quarantined: db.prepare<[], QuarantineRow>(
        'SELECT id, url, ref_key AS refKey, page_hash AS pageHash, reason, at FROM quarantine ORDER BY id',
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
      failures: db.prepare<[], Omit<FailureRow, 'permanent'> & { permanent: number }>(
        `SELECT url, kind, ref_key AS refKey, status, permanent, tries, last_error AS lastError,
                first_at AS firstAt, last_at AS lastAt FROM failures ORDER BY url`,
      ),
    };
  }

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
    let n = 0;
    this.ctx.write(() => {
      for (const id of ids) n += this.stmts.deleteQuarantine.run(id).changes;
    });
    return n;
  }

  quarantined(): QuarantineRow[] {
    return this.stmts.quarantined.all();
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
    return this.stmts.failures.all().map((r) => ({ ...r, permanent: r.permanent === 1 }));
  }
}
