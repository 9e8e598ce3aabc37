/**
 * The national view (issue #14 point 12): three questions a researcher asks of the whole archive,
 * answered exactly from `decision_facts` in one pass, each figure with the web search that lists
 * its decisions.
 *
 * - Which categories (and subcategories) draw the largest remedies: decisions, decisions with a
 *   payment, remedy total, median, mean and largest (with its reference), ranked by `rankBy`
 *   (default the remedy total).
 * - How remedy amounts moved over the years: the same figures per decision year.
 * - How often upheld decisions carry no payment: upheld decisions whose remedy total is 0, overall
 *   and per year, with their share of the upheld decisions.
 *
 * "A payment" is what the remedy total counts (core/facts.ts `countedInTotal`: agreed,
 * recommended, already paid, or an offer the Ombudsman found enough; not a declined or
 * insufficient offer): a decision has a payment when its remedy total is above 0 — the same rule
 * as the `hasPayment` filter and `withPayment` of /api/stats, so every count here is what the
 * search with `hasPayment=true`/`false` finds.
 * @module
 */
import { z } from 'zod';
import type { DecisionFilters } from '../../indexer/index.js';
import type { FilterQuery } from './query.js';
import type { RegistryFilters } from './registry-filters.js';
import { median } from './stats.js';
import { type AnalysisStore, where } from './store.js';

export const RANK_BYS = ['remedyTotal', 'remedyMedian', 'remedyMean', 'remedyMax'] as const;
export type RankBy = (typeof RANK_BYS)[number];

/** Web search addresses (`/?…`) listing the decisions behind a row's figures; null when no search expresses the set. */
export const NationalLinksSchema = z.object({
  /** Every decision of the row. */
  decisions: z.string().nullable(),
  /** The decisions with a payment: the ones the remedy total, median, mean and largest are over. */
  withPayment: z.string().nullable(),
  /** The upheld decisions (outcome "Upheld"). */
  upheld: z.string().nullable(),
  /** The upheld decisions without a payment (outcome=Upheld&hasPayment=false). */
  upheldWithoutPayment: z.string().nullable(),
  /** The decision page of the largest remedy. */
  remedyMax: z.string().nullable(),
});
export type NationalLinks = z.infer<typeof NationalLinksSchema>;

const figures = {
  decisions: z.number().int(),
  /** Decisions with a payment (remedy total > 0). */
  withPayment: z.number().int(),
  /** Sum of the remedy totals, pounds (summed in whole pence). */
  remedyTotal: z.number(),
  /** Median remedy total of the decisions with a payment (exact); null when none. */
  remedyMedian: z.number().nullable(),
  /** Mean remedy total of the decisions with a payment (remedyTotal / withPayment, to the penny); null when none. */
  remedyMean: z.number().nullable(),
  /** Largest remedy total of one decision, and its reference; null when none. */
  remedyMax: z.number().nullable(),
  remedyMaxRef: z.string().nullable(),
  /** Outcome "Upheld". */
  upheld: z.number().int(),
  /** Upheld decisions with no payment (remedy total 0). */
  upheldWithoutPayment: z.number().int(),
  /** upheldWithoutPayment / upheld, 4 decimal places; null when none upheld. */
  upheldWithoutPaymentShare: z.number().nullable(),
  search: NationalLinksSchema,
};

export const NationalRowSchema = z.object(figures);
export type NationalRow = z.infer<typeof NationalRowSchema>;

export const NationalSubcategorySchema = z.object({
  /** null: the decisions of the category without a subcategory (no search filter selects them alone). */
  subcategory: z.string().nullable(),
  ...figures,
});
export const NationalCategorySchema = z.object({
  category: z.string(),
  ...figures,
  /** Its subcategories, ranked the same way. */
  subcategories: z.array(NationalSubcategorySchema),
});
export const NationalYearSchema = z.object({
  /** Decision year; null for decisions whose page states no date (counted in no year). */
  year: z.number().int().nullable(),
  ...figures,
});

export const NationalResultSchema = z.object({
  /** What "largest remedies" ranks categories by. */
  rankBy: z.enum(RANK_BYS),
  /** Every matching decision. */
  total: NationalRowSchema,
  /** Categories, largest first by rankBy (ties: more decisions first, then by name). */
  categories: z.array(NationalCategorySchema),
  /** Decision years, oldest first; the undated last. */
  years: z.array(NationalYearSchema),
});
export type NationalResult = z.infer<typeof NationalResultSchema>;

interface Row {
  ref: string;
  refKey: string;
  category: string;
  subcategory: string | null;
  year: number | null;
  upheld: number;
  pounds: number;
  pence: number;
}

class Acc {
  decisions = 0;
  upheld = 0;
  upheldWithoutPayment = 0;
  pence = 0;
  remedies: number[] = [];
  maxPence: number | null = null;
  maxRef: string | null = null;
  maxRefKey: string | null = null;

  add(r: Row): void {
    this.decisions++;
    if (r.upheld) {
      this.upheld++;
      if (r.pence === 0) this.upheldWithoutPayment++;
    }
    if (r.pence > 0) {
      this.pence += r.pence;
      this.remedies.push(r.pounds);
      if (this.maxPence === null || r.pence > this.maxPence) {
        this.maxPence = r.pence;
        this.maxRef = r.ref;
        this.maxRefKey = r.refKey;
      }
    }
  }

  figures(links: Omit<NationalLinks, 'remedyMax'>): NationalRow {
    const n = this.remedies.length;
    const med = median(this.remedies);
    return {
      decisions: this.decisions,
      withPayment: n,
      remedyTotal: this.pence / 100,
      // As /api/stats rounds its median, so that the two never differ by a penny.
      remedyMedian: med === null ? null : Math.round(med * 100) / 100,
      remedyMean: n === 0 ? null : Math.round(this.pence / n) / 100,
      remedyMax: this.maxPence === null ? null : this.maxPence / 100,
      remedyMaxRef: this.maxRef,
      upheld: this.upheld,
      upheldWithoutPayment: this.upheldWithoutPayment,
      upheldWithoutPaymentShare:
        this.upheld === 0 ? null : Math.round((this.upheldWithoutPayment / this.upheld) * 10_000) / 10_000,
      search: {
        ...links,
        remedyMax: this.maxRefKey === null ? null : `/decisions/${encodeURIComponent(this.maxRefKey)}`,
      },
    };
  }
}

/** The text filters a figure narrows (the query's values, compared as the filters compare them). */
type Narrowing = {
  category?: string;
  subcategory?: string;
  outcome?: string;
  year?: number;
  hasPayment?: boolean;
};

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The web search for `query` narrowed by `extra`: the query's own filters, each of `extra`'s
 * replacing the same filter's values when it is one of them (a category row of a query for two
 * categories lists that one); null when `extra` is outside the query (the set is empty, and a
 * search with both values would be their union).
 */
export function searchHref(query: FilterQuery, extra: Narrowing): string | null {
  const p = new URLSearchParams();
  const narrowed = new Set<string>();
  for (const key of ['category', 'subcategory', 'outcome'] as const) {
    const v = extra[key];
    if (v === undefined) continue;
    const given = query[key];
    if (given && !given.some((g) => same(g, v))) return null;
    narrowed.add(key);
  }
  if (extra.year !== undefined) {
    if (query.year && !query.year.includes(extra.year)) return null;
    narrowed.add('year');
  }
  if (extra.hasPayment !== undefined) {
    if (query.hasPayment !== undefined && query.hasPayment !== extra.hasPayment) return null;
    narrowed.add('hasPayment');
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || narrowed.has(key)) continue;
    for (const v of Array.isArray(value) ? value : [value]) p.append(key, String(v));
  }
  for (const key of ['category', 'subcategory', 'outcome', 'year', 'hasPayment'] as const)
    if (extra[key] !== undefined) p.append(key, String(extra[key]));
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

/** The four searches of a row narrowed by `by` (null throughout when no filter expresses the row). */
function linksOf(query: FilterQuery, by: Narrowing | null): Omit<NationalLinks, 'remedyMax'> {
  if (by === null) return { decisions: null, withPayment: null, upheld: null, upheldWithoutPayment: null };
  return {
    decisions: searchHref(query, by),
    withPayment: searchHref(query, { ...by, hasPayment: true }),
    upheld: searchHref(query, { ...by, outcome: 'Upheld' }),
    upheldWithoutPayment: searchHref(query, { ...by, outcome: 'Upheld', hasPayment: false }),
  };
}

/**
 * The national figures for the decisions `filters` select (with a full-text query, only those in
 * `refKeys`); `query` is the request's parsed query, for the search links.
 */
export function computeNational(
  store: AnalysisStore,
  query: FilterQuery,
  filters: DecisionFilters & RegistryFilters,
  refKeys: readonly string[] | undefined,
  rankBy: RankBy = 'remedyTotal',
): NationalResult {
  const w = where(filters, refKeys);
  const rows = store.db
    .prepare<unknown[], Row>(
      `SELECT f.ref, f.ref_key AS refKey, f.category, f.subcategory, f.decision_year AS year,
              COALESCE(f.outcome = 'Upheld', 0) AS upheld, f.remedy_total AS pounds,
              CAST(ROUND(f.remedy_total * 100) AS INTEGER) AS pence
       FROM decision_facts f ${w.sql}`,
    )
    .iterate(...w.params);
  const total = new Acc();
  const categories = new Map<string, { acc: Acc; subs: Map<string | null, Acc> }>();
  const years = new Map<number | null, Acc>();
  const accOf = <K>(m: Map<K, Acc>, k: K) => {
    const a = m.get(k) ?? new Acc();
    m.set(k, a);
    return a;
  };
  for (const r of rows) {
    total.add(r);
    const c = categories.get(r.category) ?? { acc: new Acc(), subs: new Map<string | null, Acc>() };
    categories.set(r.category, c);
    c.acc.add(r);
    accOf(c.subs, r.subcategory).add(r);
    accOf(years, r.year).add(r);
  }
  const rank = <T extends NationalRow>(list: T[], name: (t: T) => string) =>
    list.sort(
      (a, b) =>
        (b[rankBy] ?? -1) - (a[rankBy] ?? -1) || b.decisions - a.decisions || name(a).localeCompare(name(b)),
    );
  const categoryRows = [...categories].map(([category, { acc, subs }]) => ({
    category,
    ...acc.figures(linksOf(query, { category })),
    subcategories: rank(
      [...subs].map(([subcategory, s]) => ({
        subcategory,
        ...s.figures(linksOf(query, subcategory === null ? null : { category, subcategory })),
      })),
      (s) => s.subcategory ?? '\uffff',
    ),
  }));
  const yearRows = [...years]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
    .map(([year, acc]) => ({ year, ...acc.figures(linksOf(query, year === null ? null : { year })) }));
  return {
    rankBy,
    total: total.figures(linksOf(query, {})),
    categories: rank(categoryRows, (c) => c.category),
    years: yearRows,
  };
}
