/**
 * Reads and runs a SearchResults query (param names from core/source-profile) against the corpus.
 * @module
 */
import { sourceProfile } from '../core/source-profile.js';
import type { DecisionMeta, ReplicaCorpus } from './corpus.js';
import { daysFromIso } from './format.js';

export interface ListingQuery {
  /** Inclusive day bounds (days since epoch); undefined = unbounded. */
  fromDay?: number;
  toDay?: number;
  page: number;
  organisation?: string;
  /** Outcomes allowed; undefined = all. */
  outcomes?: ReadonlySet<string>;
  descending: boolean;
  /** The query to repeat in pagination links (known params only, no page, no display params). */
  linkQuery: URLSearchParams;
}

/** A query the replica answers with 400. */
export class BadListingQuery extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`);
    this.name = 'BadListingQuery';
  }
}

const P = sourceProfile.listing.params;
const CODE_TO_OUTCOME = new Map(
  Object.entries(sourceProfile.listing.decisionCodes).map(([outcome, code]) => [code, outcome]),
);

function dateParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name)?.trim();
  if (!raw) return undefined;
  if (raw === sourceProfile.listing.openFromDate) return undefined;
  const days = daysFromIso(raw);
  if (days === undefined) throw new BadListingQuery(name, `not a date (YYYY-MM-DD): ${JSON.stringify(raw)}`);
  return days;
}

/** Parses the listing parameters; throws BadListingQuery for values the site would reject. */
export function parseListingQuery(params: URLSearchParams): ListingQuery {
  const fromDay = dateParam(params, P.from);
  const toDay = dateParam(params, P.to);
  const pageRaw = params.get(P.page)?.trim() || '1';
  if (!/^\d{1,7}$/.test(pageRaw) || Number(pageRaw) < 1) {
    throw new BadListingQuery(P.page, `must be a whole number from 1: ${JSON.stringify(pageRaw)}`);
  }
  const organisation = params.get(P.organisation) ?? undefined;
  let outcomes: Set<string> | undefined;
  const dc = params.get(P.decisionCodes);
  if (dc?.trim()) {
    // "c+nu+u+" arrives as "c nu u " when the client did not encode "+" as %2B.
    outcomes = new Set();
    for (const code of dc.split(/[+\s]+/).filter(Boolean)) {
      const outcome = CODE_TO_OUTCOME.get(code.toLowerCase());
      if (!outcome)
        throw new BadListingQuery(P.decisionCodes, `unknown decision code ${JSON.stringify(code)}`);
      outcomes.add(outcome);
    }
  }
  const sort =
    (params.get(P.sortOrder) ?? sourceProfile.listing.sortOrder).trim().toLowerCase() || 'descending';
  if (sort !== 'descending' && sort !== 'ascending') {
    throw new BadListingQuery(P.sortOrder, `must be descending or ascending: ${JSON.stringify(sort)}`);
  }
  const linkQuery = new URLSearchParams();
  for (const name of [P.from, P.to, P.organisation, P.decisionCodes, P.sortOrder]) {
    const v = params.get(name);
    if (v !== null) linkQuery.set(name, v);
  }
  return {
    ...(fromDay !== undefined && { fromDay }),
    ...(toDay !== undefined && { toDay }),
    page: Number(pageRaw),
    ...(organisation ? { organisation } : {}),
    ...(outcomes && { outcomes }),
    descending: sort === 'descending',
    linkQuery,
  };
}

/** First index whose dateDays >= day (decisions are sorted by date). */
function lowerBound(ds: readonly DecisionMeta[], day: number): number {
  let lo = 0;
  let hi = ds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ds[mid] as DecisionMeta).dateDays < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices of matching decisions in result order (newest first unless ascending). */
export function runListingQuery(corpus: ReplicaCorpus, q: ListingQuery): number[] {
  const ds = corpus.decisions;
  const start = q.fromDay === undefined ? 0 : lowerBound(ds, q.fromDay);
  const end = q.toDay === undefined ? ds.length : lowerBound(ds, q.toDay + 1);
  const out: number[] = [];
  for (let i = start; i < end; i++) {
    const d = ds[i] as DecisionMeta;
    if (q.organisation !== undefined && d.organisation !== q.organisation) continue;
    if (q.outcomes && !q.outcomes.has(d.outcome)) continue;
    out.push(i);
  }
  if (q.descending) out.reverse();
  return out;
}
