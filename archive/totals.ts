/**
 * Totals: what the archive holds, counted in SQLite.
 * @module
 */
import type { ArchiveContext, ArchiveCounts } from './types.js';

export function counts(ctx: ArchiveContext): ArchiveCounts {
  const n = (sql: string) => (ctx.conn.prepare(sql).get() as { n: number }).n;
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
