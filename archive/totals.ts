/**
 * Totals: what the archive holds, counted in SQLite, and the one definition of the state of a
 * decision the archive knows of but does not hold. `lgsco status`, GET /health, GET /api/coverage
 * and the status page all count with `MISSING_DECISIONS_SQL`, so they cannot disagree.
 * @module
 */
import type { ArchiveContext, ArchiveCounts } from './types.js';

/**
 * Why a decision the listings showed (or a quarantined page named) is not in the archive:
 * - pending: no fetch of it failed, and it is not fetched yet (or its page is fetched and waits to
 *   be parsed: a crawl stopped in between; the next run parses it without fetching);
 * - failed: fetching failed after every try (a 5xx, a time-out, a cut-off body): tried again by the next crawl;
 * - gone: the page answered 404/410 or another permanent 4xx: not tried again;
 * - unparsed: the page is kept verbatim but does not parse (quarantined; parsed again when the parser changes).
 * A decision with a record is archived, whatever older pages or failures it had.
 */
export const MISSING_STATES = ['pending', 'failed', 'gone', 'unparsed'] as const;
export type MissingState = (typeof MISSING_STATES)[number];

/**
 * A `missing` CTE: every refKey known from a listing or from a quarantined page, minus those in
 * the archive, with its state (above) and why, from its newest quarantine row and its failure row.
 * `@organisation` is the organisation (NULL for all). The state and reason are worked out here so
 * that counting and capping the list happen in SQLite, not over every row in memory.
 */
export const MISSING_DECISIONS_SQL = `
  WITH known AS (
    SELECT ref_key, url, organisation, listing_date FROM discovered
    UNION ALL
    SELECT q.ref_key, q.url, NULL, NULL FROM quarantine q
    WHERE q.ref_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM discovered d WHERE d.ref_key = q.ref_key)
    GROUP BY q.ref_key
  ),
  missing AS (
    SELECT k.ref_key AS refKey, k.url, k.organisation, k.listing_date AS listingDate,
      CASE WHEN q.id IS NOT NULL THEN 'unparsed'
           WHEN x.url IS NOT NULL AND x.permanent = 1 THEN 'gone'
           WHEN x.url IS NOT NULL THEN 'failed'
           ELSE 'pending' END AS state,
      CASE WHEN q.id IS NOT NULL THEN q.reason
           WHEN x.url IS NOT NULL AND x.status IS NOT NULL THEN 'HTTP ' || x.status || ': ' || x.last_error
           ELSE x.last_error END AS reason,
      COALESCE(q.at, x.last_at) AS at
    FROM known k
    LEFT JOIN quarantine q ON q.id = (SELECT MAX(id) FROM quarantine WHERE ref_key = k.ref_key)
    LEFT JOIN failures x ON x.url = k.url
    WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.ref_key = k.ref_key)
      AND (@organisation IS NULL OR lower(trim(k.organisation)) = lower(trim(@organisation)))
  )`;

export function counts(ctx: ArchiveContext): ArchiveCounts {
  const n = (sql: string) => (ctx.conn.prepare(sql).get() as { n: number }).n;
  const missing = new Map(
    (
      ctx.conn
        .prepare(`${MISSING_DECISIONS_SQL} SELECT state, COUNT(*) AS n FROM missing GROUP BY state`)
        .all({ organisation: null }) as { state: MissingState; n: number }[]
    ).map((r) => [r.state, r.n]),
  );
  return {
    decisions: n('SELECT COUNT(*) AS n FROM decisions'),
    pages: n('SELECT COUNT(*) AS n FROM fetches WHERE hash IS NOT NULL'),
    blobs: n('SELECT COUNT(*) AS n FROM blobs'),
    discovered: n('SELECT COUNT(*) AS n FROM discovered'),
    pending: missing.get('pending') ?? 0,
    failed: missing.get('failed') ?? 0,
    gone: missing.get('gone') ?? 0,
    unparsed: missing.get('unparsed') ?? 0,
    failedListingPages: n("SELECT COUNT(*) AS n FROM failures WHERE kind = 'listing'"),
    quarantined: n('SELECT COUNT(*) AS n FROM quarantine'),
    failures: n('SELECT COUNT(*) AS n FROM failures'),
    needingIndex: n(
      'SELECT COUNT(*) AS n FROM decisions WHERE indexed_hash IS NULL OR indexed_hash <> record_hash',
    ),
    removed: n('SELECT COUNT(*) AS n FROM decisions WHERE removed_at IS NOT NULL'),
  };
}
