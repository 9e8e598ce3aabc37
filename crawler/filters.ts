/**
 * What a crawl selects: organisation and outcome go to the listing (`aname`, `dc`); category has
 * no known listing parameter (sourceProfile.listing.categoryParam is null), so it is matched
 * against the category slug in each decision URL (/decisions/<cat>/<subcat>/<ref>). The same
 * predicate decides which frontier rows a filtered crawl resumes.
 * @module
 */
import { slugify, sourceProfile } from '../core/source-profile.js';

export interface CrawlFilter {
  /** Exact organisation name, as printed (listing `aname`). */
  organisation?: string;
  /** "Housing", "housing", "housing/homelessness" or "Housing > Homelessness". */
  category?: string;
  /** Outcomes as printed ("Upheld", "Not upheld", …; any case); listing `dc`. */
  outcomes?: readonly string[];
}

/** The listing's name for an outcome (case-insensitive), or a RangeError naming the known ones. */
export function canonicalOutcome(outcome: string): string {
  const known = Object.keys(sourceProfile.listing.decisionCodes);
  const hit = known.find((k) => k.toLowerCase() === outcome.trim().toLowerCase());
  if (!hit) throw new RangeError(`unknown outcome ${JSON.stringify(outcome)} (known: ${known.join(', ')})`);
  return hit;
}

/** The `dc` value for some outcomes: each code followed by "+", e.g. "nu+u+". */
export function decisionCodesFor(outcomes: readonly string[]): string {
  const codes = sourceProfile.listing.decisionCodes;
  return [...new Set(outcomes.map(canonicalOutcome))].map((o) => `${codes[o]}+`).join('');
}

/** [category slug, subcategory slug?] of a category filter. */
export function categorySlugs(category: string): [string, string | undefined] {
  const [cat, sub, ...rest] = category.split(/[/>]/).map((p) => slugify(p));
  if (!cat || rest.length > 0 || sub === '')
    throw new RangeError(
      `category must be "Category" or "Category/Subcategory" (got ${JSON.stringify(category)})`,
    );
  return [cat, sub];
}

/** True when a decision URL lies under the category (and subcategory) of the filter. */
export function urlInCategory(url: string, slugs: [string, string | undefined]): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  const m = sourceProfile.decisionPage.pathPattern.exec(path);
  if (!m) return false;
  return m[1]!.toLowerCase() === slugs[0] && (slugs[1] === undefined || m[2]!.toLowerCase() === slugs[1]);
}

/** A frontier row or listing item as the filter sees it. */
export interface Selectable {
  url: string;
  organisation?: string | null;
  outcome?: string | null;
  /** Listing date, yyyy-mm-dd; null when the listing showed none. */
  date?: string | null;
}

/**
 * The predicate a crawl applies to what it would fetch. An unknown date matches. An unknown
 * outcome matches only with `unknownOutcomeMatches` (a listing the site already filtered by `dc`);
 * a frontier row with none is left to an unfiltered crawl.
 */
export function selector(
  filter: CrawlFilter,
  range?: { from: string; to: string },
  opts: { unknownOutcomeMatches?: boolean } = {},
): (item: Selectable) => boolean {
  const slugs = filter.category ? categorySlugs(filter.category) : undefined;
  const outcomes = filter.outcomes?.length ? new Set(filter.outcomes.map(canonicalOutcome)) : undefined;
  return (it) =>
    (!filter.organisation || it.organisation === filter.organisation) &&
    (!outcomes || (it.outcome ? outcomes.has(it.outcome) : opts.unknownOutcomeMatches === true)) &&
    (!slugs || urlInCategory(it.url, slugs)) &&
    (!range || !it.date || (it.date >= range.from && it.date <= range.to));
}
