/**
 * Frontier and windows: the decisions found in listings (what exists, for resuming and for
 * counting what is left) and the listing windows already walked to their end.
 * @module
 */
import {
  type ArchiveContext,
  type DiscoveredInput,
  type DiscoveredRow,
  ITER_PAGE,
  now,
  type WindowInput,
  type WindowRow,
} from './types.js';

export class Frontier {
  private readonly stmts;

  constructor(private readonly ctx: ArchiveContext) {
    const db = ctx.conn;
    this.stmts = {
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
      getWindow: db.prepare<[string], WindowRow>(
        `SELECT key, from_date AS "from", to_date AS "to", organisation, total, pages, completed_at AS completedAt
         FROM windows WHERE key = ?`,
      ),
    };
  }

  /** Adds listing items to the frontier (deduped by refKey); returns how many were new. */
  addDiscovered(items: readonly DiscoveredInput[]): number {
    const at = now();
    let added = 0;
    // Read (exists?) then write: IMMEDIATE, or a concurrent crawl's write makes this throw SQLITE_BUSY.
    this.ctx.write(() => {
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
}
