/**
 * What the archive does not hold, said rather than left silent: decisions the Ombudsman's listings
 * showed that are not in the archive (not fetched yet, failed to fetch, gone from the site, or
 * kept but failing to parse), and the listing date ranges no crawl has walked to the end.
 *
 * Read from the crawl's own tables (discovered, failures, quarantine, windows) through the
 * read-only analysis connection, with the archive's one definition of each state (archive/totals.ts,
 * also behind `archive.counts()`, GET /health and the status page); shared by GET /api/coverage, the web pages and `lgsco status`.
 * @module
 */

import { z } from 'zod';
import { MISSING_DECISIONS_SQL as MISSING_CTE, MISSING_STATES } from '../../archive/index.js';
import { defaultRegistry } from '../../registry/index.js';
import type { AnalysisStore } from './store.js';

export { MISSING_STATES };

export const MissingDecisionSchema = z.object({
  refKey: z.string(),
  /** The decision page's address on the Ombudsman's site. */
  url: z.string(),
  /** As the listing showed it; null when the decision is known only from its page. */
  organisation: z.string().nullable(),
  /** Decision date as the listing showed it (yyyy-mm-dd), if it did. */
  listingDate: z.string().nullable(),
  /** The state, by the archive's one definition (archive/totals.ts MISSING_STATES). */
  state: z.enum(MISSING_STATES),
  /** Why: the quarantine reason or the last fetch error; null when pending. */
  reason: z.string().nullable(),
  /** When that last happened (ISO 8601); null when pending. */
  at: z.string().nullable(),
});
export type MissingDecision = z.infer<typeof MissingDecisionSchema>;

const DateRange = z.object({ from: z.string(), to: z.string() });

export const CoverageSchema = z.object({
  /** The organisation asked about, or null for the whole archive. */
  organisation: z.string().nullable(),
  /** Decisions in the archive (for an organisation: under its name). */
  archived: z.number().int(),
  /** Decisions listed by the Ombudsman (or known from a page) that are not in the archive. */
  missing: z.object({
    total: z.number().int(),
    pending: z.number().int(),
    failed: z.number().int(),
    gone: z.number().int(),
    unparsed: z.number().int(),
    /** Newest listing date first, at most `limit`. */
    items: z.array(MissingDecisionSchema),
  }),
  /** Archived decisions whose newest page version failed to parse: the record is the previous version's. */
  staleVersions: z.number().int(),
  /**
   * Council-like organisation names (with "Council", "Borough" …) that the organisation registry
   * does not know (issue #17), most decisions first, each with the closest councils: they get no
   * ONS code, kind or population until the registry learns the name.
   */
  unmatchedOrganisations: z.array(
    z.object({
      name: z.string(),
      decisions: z.number().int(),
      candidates: z.array(z.object({ code: z.string(), name: z.string(), distance: z.number().int() })),
    }),
  ),
  /**
   * Listing walks of the whole site (not filtered by organisation or outcome): the span walked to
   * the end; `gaps`, the date ranges inside it that no crawl walked to the end; `incomplete`, the
   * windows a crawl walked that ended before the total the listing announced (they are in `gaps`
   * too, and are walked again by the next crawl).
   */
  listings: z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    gaps: z.array(DateRange),
    incomplete: z.array(DateRange.extend({ total: z.number().int().nullable() })),
  }),
});
export type Coverage = z.infer<typeof CoverageSchema>;

interface MissingRow {
  refKey: string;
  url: string;
  organisation: string | null;
  listingDate: string | null;
  state: MissingDecision['state'];
  reason: string | null;
  at: string | null;
}

const dayNumber = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / 86_400_000);
const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/**
 * The date ranges inside [first from, last to] of `walked` that no range covers (ranges are
 * inclusive days).
 */
export function uncovered(walked: readonly { from: string; to: string }[]): { from: string; to: string }[] {
  const spans = walked.map((w) => [dayNumber(w.from), dayNumber(w.to)] as const).sort((a, b) => a[0] - b[0]);
  const gaps: { from: string; to: string }[] = [];
  let reached = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    if (reached !== Number.NEGATIVE_INFINITY && from > reached + 1)
      gaps.push({ from: isoDay(reached + 1), to: isoDay(from - 1) });
    reached = Math.max(reached, to);
  }
  return gaps;
}

/** What the archive (or one organisation's part of it) is missing; `limit` caps the listed items. */
export function computeCoverage(
  store: AnalysisStore,
  opts: { organisation?: string; limit: number },
): Coverage {
  const db = store.db;
  const organisation = opts.organisation ?? null;
  const counts = Object.fromEntries(
    db
      .prepare<[{ organisation: string | null }], { state: string; n: number }>(
        `${MISSING_CTE} SELECT state, COUNT(*) AS n FROM missing GROUP BY state`,
      )
      .all({ organisation })
      .map((r) => [r.state, r.n]),
  ) as Partial<Record<MissingDecision['state'], number>>;
  const items = db
    .prepare<[{ organisation: string | null; limit: number }], MissingRow>(
      `${MISSING_CTE} SELECT * FROM missing
       ORDER BY listingDate IS NULL, listingDate DESC, refKey LIMIT @limit`,
    )
    .all({ organisation, limit: opts.limit });
  const count = (s: MissingDecision['state']) => counts[s] ?? 0;
  const archived = (
    db
      .prepare<[{ organisation: string | null }], { n: number }>(
        `SELECT COUNT(*) AS n FROM decision_facts f
         WHERE @organisation IS NULL OR lower(trim(f.organisation)) = lower(trim(@organisation))`,
      )
      .get({ organisation }) as { n: number }
  ).n;
  // An archived decision whose newest quarantined page is newer than the page its record came from.
  const staleVersions = (
    db
      .prepare<[{ organisation: string | null }], { n: number }>(
        `SELECT COUNT(*) AS n FROM decisions d
         JOIN decision_facts f ON f.ref_key = d.ref_key
         WHERE EXISTS (SELECT 1 FROM quarantine q WHERE q.ref_key = d.ref_key AND q.at > d.last_fetched_at)
           AND (@organisation IS NULL OR lower(trim(f.organisation)) = lower(trim(@organisation)))`,
      )
      .get({ organisation }) as { n: number }
  ).n;
  // Whole-site windows only: a filtered walk (key prefixed "aname=…|" or "dc=…|") lists a part.
  const windows = db
    .prepare<[], { from: string; to: string; total: number | null; complete: number }>(
      `SELECT from_date AS "from", to_date AS "to", total, completed_at IS NOT NULL AS complete
       FROM windows WHERE key NOT LIKE '%|%' ORDER BY from_date`,
    )
    .all();
  const walked = windows.filter((w) => w.complete === 1);
  const registry = defaultRegistry();
  const unmatchedOrganisations = db
    .prepare<[{ organisation: string | null }], { name: string; decisions: number }>(
      `SELECT f.organisation AS name, COUNT(*) AS decisions FROM decision_facts f
       WHERE @organisation IS NULL OR lower(trim(f.organisation)) = lower(trim(@organisation))
       GROUP BY f.organisation ORDER BY decisions DESC, f.organisation`,
    )
    .all({ organisation })
    .filter((o) => registry.isUnmatchedCouncil(o.name))
    .map((o) => ({ ...o, candidates: registry.resolve(o.name).candidates ?? [] }));
  return {
    organisation,
    archived,
    missing: {
      total: MISSING_STATES.reduce((n, st) => n + count(st), 0),
      pending: count('pending'),
      failed: count('failed'),
      gone: count('gone'),
      unparsed: count('unparsed'),
      items,
    },
    staleVersions,
    unmatchedOrganisations,
    listings: {
      from: walked[0]?.from ?? null, // ordered by from_date
      to:
        walked
          .map((w) => w.to)
          .sort()
          .at(-1) ?? null,
      gaps: uncovered(walked),
      incomplete: windows.filter((w) => w.complete === 0).map(({ from, to, total }) => ({ from, to, total })),
    },
  };
}
