/**
 * Reparse sources: the stored pages `lgsco reparse` parses again — the newest page of each
 * decision, then quarantined pages of decisions the archive has no record for.
 * @module
 */
import { type ArchiveContext, ITER_PAGE, now, type ReparseSource } from './types.js';

/**
 * The pages `lgsco reparse` parses again, in refKey order, keyset-paged (constant memory): the
 * newest stored page of every decision (`all`), or only of decisions whose record was made by
 * another parser version than `parserVersion`; then quarantined pages of decisions with no record
 * (every one with `all`, else those whose reason does not end with `skipReasonSuffix`).
 */
export function* reparseSources(
  ctx: ArchiveContext,
  opts: { all: boolean; parserVersion: string; skipReasonSuffix?: string },
): Generator<ReparseSource> {
  const db = ctx.conn;
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
      page_hash: string;
      first_fetched_at: string;
      last_fetched_at: string;
      encoding: string;
      body: Buffer;
    }
  >(
    `SELECT d.ref_key, f.url, f.hash, f.content_type, f.fetched_at, d.record_json, d.record_hash,
            d.indexed_hash, d.page_hash, d.first_fetched_at, d.last_fetched_at, b.encoding, b.body
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
        record: {
          pageHash: r.page_hash,
          firstFetchedAt: r.first_fetched_at,
          lastFetchedAt: r.last_fetched_at,
        },
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
