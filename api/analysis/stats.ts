/**
 * Exact statistics over the archive (never the search index): counts, rates, remedy sums,
 * medians and maxima per group, computed from `decision_facts` in one pass. Money is summed in
 * whole pence so totals are exact; medians are exact (sorted values, mean of the two middle ones).
 * @module
 */
import { z } from 'zod';
import { DELAY_SUBJECTS, type DelaySubject, delaySubjectColumn } from '../../core/facts-columns.js';
import type { DecisionFilters } from '../../indexer/index.js';
import {
  COUNCIL_KINDS,
  type EntityKind,
  EntityKind as EntityKindSchema,
  EntityLink,
} from '../../registry/index.js';
import { type CouncilSet, PerResidentCalc, PerResidentSchema } from './per-resident.js';
import type { RegistryFilters } from './registry-filters.js';
import { type AnalysisStore, where } from './store.js';

export const GROUP_BYS = [
  'none',
  'organisation',
  'category',
  'subcategory',
  'outcome',
  'finding',
  'year',
  'quarter',
  'month',
  'organisationCode',
  'organisationKind',
  'region',
] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/**
 * The group key of decisions whose page states no outcome or no decision date (header lines
 * missing): counted in the totals, shown as their own group, after the dated ones.
 */
export const NOT_STATED = '(not stated)';

const GROUP_EXPR: Record<GroupBy, string> = {
  none: "'all'",
  organisation: 'f.organisation',
  category: 'f.category',
  subcategory: "COALESCE(f.subcategory, '(none)')",
  outcome: `COALESCE(f.outcome, '${NOT_STATED}')`,
  finding: 'f.finding',
  year: `COALESCE(f.decision_year, '${NOT_STATED}')`,
  quarter: `COALESCE(f.decision_quarter, '${NOT_STATED}')`,
  month: `COALESCE(f.decision_month, '${NOT_STATED}')`,
  // The registry, joined at read time (registry-filters.ts registers these on the connection).
  organisationCode: `COALESCE(org_code(f.organisation), '${NOT_STATED}')`,
  organisationKind: 'org_kind(f.organisation)',
  region: `COALESCE(org_region(f.organisation), '${NOT_STATED}')`,
};
const TIME_GROUPS: ReadonlySet<GroupBy> = new Set(['year', 'quarter', 'month']);

export const StatsRowSchema = z.object({
  /** The group's value (organisation name, year, "2024-Q2", "2024-05", …); "all" for the total. */
  key: z.union([z.string(), z.number()]),
  decisions: z.number().int(),
  /** Outcome "Upheld". */
  upheld: z.number().int(),
  upheldRate: z.number().nullable(),
  /** Finding fault_injustice or fault_no_injustice. */
  faultFound: z.number().int(),
  faultRate: z.number().nullable(),
  /** Decisions with a remedy payment (remedyTotal > 0). */
  withPayment: z.number().int(),
  /** Remedy payments (agreed, recommended or already paid) across the decisions. */
  payments: z.number().int(),
  /** Sum of the decisions' remedy totals, pounds. */
  remedyTotal: z.number(),
  /** Median remedy total of the decisions with a payment; null when none. */
  remedyMedian: z.number().nullable(),
  /** Largest remedy total of one decision, and that decision's reference. */
  remedyMax: z.number().nullable(),
  remedyMaxRef: z.string().nullable(),
  /** Decisions with a delay found. */
  withDelay: z.number().int(),
  /** Median of each decision's longest delay, days, over decisions with a delay; null when none. */
  medianDelayDays: z.number().nullable(),
  /**
   * Per subject of delay (ehc_plan, annual_review, assessment, complaint_response, education_provision,
   * other): decisions with a delay about it, and the median of each one's longest delay about it
   * (days; null when none). An EHC plan delay counts the days beyond the 20-week limit.
   */
  delaysBySubject: z.object(
    Object.fromEntries(
      DELAY_SUBJECTS.map((s) => [
        s,
        z.object({ withDelay: z.number().int(), medianDelayDays: z.number().nullable() }),
      ]),
    ) as Record<
      DelaySubject,
      z.ZodObject<{ withDelay: z.ZodNumber; medianDelayDays: z.ZodNullable<z.ZodNumber> }>
    >,
  ),
  /** Decisions with a period of missed education or provision found. */
  withMissedEducation: z.number().int(),
  /**
   * Median of each decision's longest missed-education period with a length, days (as stated, else
   * the whole months between its dates × 30), over the decisions with one; null when none.
   */
  medianMissedEducationDays: z.number().nullable(),
  /** Decisions whose record carries no extracted facts yet (parsed before facts existed): finding "unknown". */
  withoutFacts: z.number().int(),
  /** Decisions removed from the Ombudsman's site (kept, flagged). */
  removed: z.number().int(),
  /**
   * Decisions whose page lacked a header line (Category, Decision or Decision date): outcome or date
   * may be null, so they count in no year and, without a Decision line, not as upheld.
   */
  headerIncomplete: z.number().int(),
  /** Decisions whose Decision line and summary disagree about the finding (see the record's findingConflict). */
  findingConflicts: z.number().int(),
  firstDecisionDate: z.string().nullable(),
  lastDecisionDate: z.string().nullable(),
  /**
   * Decisions and upheld decisions per 100,000 residents of the councils the row is about (one
   * council, a kind or region of councils, or the councils the filters select), with the
   * population year used; null when the row is not about a set of councils with a population.
   */
  perResident: PerResidentSchema,
});
export type StatsRow = z.infer<typeof StatsRowSchema>;

export const StatsResultSchema = z.object({
  groupBy: z.enum(GROUP_BYS),
  groups: z.array(StatsRowSchema),
  total: StatsRowSchema,
});
export type StatsResult = z.infer<typeof StatsResultSchema>;

interface FactRow {
  k: string | number;
  [subjectColumn: `longest_delay_days_${string}`]: number;
  ref: string;
  outcome: string;
  finding: string;
  remedy_total: number;
  remedy_payment_count: number;
  max_delay_days: number;
  missed_education_count: number;
  longest_missed_education_days: number | null;
  has_facts: number;
  removed: number;
  decision_date: string | null;
  header_complete: number;
  finding_conflict: number;
  org: string;
}

class Acc {
  decisions = 0;
  upheld = 0;
  faultFound = 0;
  withPayment = 0;
  payments = 0;
  pence = 0;
  remedies: number[] = [];
  remedyMax: number | null = null;
  remedyMaxRef: string | null = null;
  delays: number[] = [];
  subjectDelays = new Map<DelaySubject, number[]>(DELAY_SUBJECTS.map((s) => [s, []]));
  withMissedEducation = 0;
  missedEducation: number[] = [];
  withoutFacts = 0;
  removed = 0;
  headerIncomplete = 0;
  findingConflicts = 0;
  first: string | null = null;
  last: string | null = null;

  add(r: FactRow): void {
    this.decisions++;
    if (r.outcome === 'Upheld') this.upheld++;
    if (r.finding === 'fault_injustice' || r.finding === 'fault_no_injustice') this.faultFound++;
    if (r.remedy_total > 0) {
      this.withPayment++;
      this.remedies.push(r.remedy_total);
      if (this.remedyMax === null || r.remedy_total > this.remedyMax) {
        this.remedyMax = r.remedy_total;
        this.remedyMaxRef = r.ref;
      }
    }
    this.payments += r.remedy_payment_count;
    this.pence += Math.round(r.remedy_total * 100);
    if (r.max_delay_days > 0) this.delays.push(r.max_delay_days);
    for (const [subject, days] of this.subjectDelays) {
      const d = r[`longest_delay_days_${subject}`] ?? 0;
      if (d > 0) days.push(d);
    }
    if (r.missed_education_count > 0) this.withMissedEducation++;
    if (r.longest_missed_education_days !== null) this.missedEducation.push(r.longest_missed_education_days);
    if (!r.has_facts) this.withoutFacts++;
    if (r.removed) this.removed++;
    if (!r.header_complete) this.headerIncomplete++;
    if (r.finding_conflict) this.findingConflicts++;
    const d = r.decision_date;
    if (d !== null && (this.first === null || d < this.first)) this.first = d;
    if (d !== null && (this.last === null || d > this.last)) this.last = d;
  }

  row(key: string | number): Omit<StatsRow, 'perResident'> {
    const rate = (n: number) =>
      this.decisions === 0 ? null : Math.round((n / this.decisions) * 10_000) / 10_000;
    const remedyMedian = median(this.remedies);
    const delayMedian = median(this.delays);
    return {
      key,
      decisions: this.decisions,
      upheld: this.upheld,
      upheldRate: rate(this.upheld),
      faultFound: this.faultFound,
      faultRate: rate(this.faultFound),
      withPayment: this.withPayment,
      payments: this.payments,
      remedyTotal: this.pence / 100,
      remedyMedian: remedyMedian === null ? null : Math.round(remedyMedian * 100) / 100,
      remedyMax: this.remedyMax,
      remedyMaxRef: this.remedyMaxRef,
      withDelay: this.delays.length,
      medianDelayDays: round1(delayMedian),
      delaysBySubject: Object.fromEntries(
        [...this.subjectDelays].map(([subject, days]) => [
          subject,
          { withDelay: days.length, medianDelayDays: round1(median(days)) },
        ]),
      ) as StatsRow['delaysBySubject'],
      withMissedEducation: this.withMissedEducation,
      medianMissedEducationDays: round1(median(this.missedEducation)),
      withoutFacts: this.withoutFacts,
      removed: this.removed,
      headerIncomplete: this.headerIncomplete,
      findingConflicts: this.findingConflicts,
      firstDecisionDate: this.first,
      lastDecisionDate: this.last,
    };
  }
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** Exact median: the middle value, or the mean of the two middle values; null for no values. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Statistics for the decisions matching `filters` (and, with a full-text query, only those in
 * `refKeys`), grouped by `groupBy`. Time groups come oldest first; the others by decisions, most first.
 */
export function computeStats(
  store: AnalysisStore,
  groupBy: GroupBy,
  filters: DecisionFilters & RegistryFilters,
  refKeys?: readonly string[],
): StatsResult {
  const w = where(filters, refKeys);
  const stmt = store.db.prepare<unknown[], FactRow>(
    `SELECT ${GROUP_EXPR[groupBy]} AS k, f.ref, f.outcome, f.finding, f.remedy_total, f.remedy_payment_count,
            f.max_delay_days, ${DELAY_SUBJECTS.map((s) => `f.${delaySubjectColumn(s)}`).join(', ')},
            f.missed_education_count, f.longest_missed_education_days, f.has_facts, (f.removed_at IS NOT NULL) AS removed, f.decision_date,
            f.header_complete, f.finding_conflict, f.organisation AS org
     FROM decision_facts f ${w.sql}`,
  );
  const groups = new Map<string | number, Acc>();
  const total = new Acc();
  for (const r of stmt.iterate(...w.params)) {
    let acc = groups.get(r.k);
    if (!acc) {
      acc = new Acc();
      groups.set(r.k, acc);
    }
    acc.add(r);
    total.add(r);
  }
  const calc = new PerResidentCalc(archiveOrganisations(store));
  const organisation = filters.organisation === undefined ? undefined : [filters.organisation].flat();
  const filterSet = calc.councilsOfFilters({ ...filters, organisation });
  const councilsOf = (key: string | number): CouncilSet => {
    const k = String(key);
    const one = (e: ReturnType<typeof calc.registry.get>) =>
      e && COUNCIL_KINDS.has(e.kind) ? [e] : undefined;
    switch (groupBy) {
      case 'organisation':
        return one(calc.registry.entityFor(k));
      case 'organisationCode':
        return one(calc.registry.get(k));
      case 'organisationKind':
        return COUNCIL_KINDS.has(k as EntityKind)
          ? calc.councilsMatching({ ...filters, organisationKind: [k as EntityKind] })
          : undefined;
      case 'region':
        return k === NOT_STATED ? undefined : calc.councilsMatching({ ...filters, region: [k] });
      default:
        return filterSet;
    }
  };
  // The population of the row's year (time groups), else of its latest decision's year.
  const yearOf = (key: string | number, acc: Acc): number => {
    if (TIME_GROUPS.has(groupBy) && key !== NOT_STATED) return Number(String(key).slice(0, 4));
    return acc.last ? Number(acc.last.slice(0, 4)) : new Date().getUTCFullYear();
  };
  const withResidents = (key: string | number, acc: Acc, councils: CouncilSet): StatsRow => ({
    ...acc.row(key),
    perResident: calc.figures(councils, yearOf(key, acc), acc.decisions, acc.upheld),
  });
  const rows = [...groups.entries()].map(([k, acc]) => withResidents(k, acc, councilsOf(k)));
  // Time groups oldest first, the undated last.
  const timeKey = (k: string | number) => (k === NOT_STATED ? '\uffff' : String(k));
  if (TIME_GROUPS.has(groupBy))
    rows.sort((a, b) => (timeKey(a.key) < timeKey(b.key) ? -1 : timeKey(a.key) > timeKey(b.key) ? 1 : 0));
  else rows.sort((a, b) => b.decisions - a.decisions || String(a.key).localeCompare(String(b.key)));
  return {
    groupBy,
    groups: groupBy === 'none' ? [] : rows,
    total: withResidents('all', total, filterSet),
  };
}

/** Every organisation name the archive holds (to tell the real site's registry from the replica's). */
function archiveOrganisations(store: AnalysisStore): string[] {
  return store.db.prepare('SELECT DISTINCT organisation FROM decision_facts').pluck().all() as string[];
}

export const OrganisationSchema = z.object({
  organisation: z.string(),
  decisions: z.number().int(),
  upheld: z.number().int(),
  faultFound: z.number().int(),
  withPayment: z.number().int(),
  remedyTotal: z.number(),
  /** null when none of its decisions has a readable date. */
  firstDecisionDate: z.string().nullable(),
  latestDecisionDate: z.string().nullable(),
  removed: z.number().int(),
  withoutFacts: z.number().int(),
  /** The organisation registry's fields (issue #17): ONS GSS code (null when no council matches). */
  organisationCode: z.string().nullable(),
  /** The registry's official name when it differs from the name as printed. */
  registryName: z.string().nullable(),
  organisationKind: EntityKindSchema,
  region: z.string().nullable(),
  /** Latest population figure of the council. */
  population: z.object({ year: z.number().int(), residents: z.number().int() }).nullable(),
  predecessors: z.array(EntityLink),
  successors: z.array(EntityLink),
  /** Its decisions (matching the filters) per 100,000 residents, population of its latest decision's year. */
  perResident: PerResidentSchema,
});
export type Organisation = z.infer<typeof OrganisationSchema>;

/** Every organisation with at least one matching decision, alphabetically. */
export function listOrganisations(
  store: AnalysisStore,
  filters: DecisionFilters & RegistryFilters,
  refKeys?: readonly string[],
): Organisation[] {
  const w = where(filters, refKeys);
  const calc = new PerResidentCalc(archiveOrganisations(store));
  return store.db
    .prepare<
      unknown[],
      Omit<
        Organisation,
        | 'organisationCode'
        | 'registryName'
        | 'organisationKind'
        | 'region'
        | 'population'
        | 'predecessors'
        | 'successors'
        | 'perResident'
      > & { remedyPence: number }
    >(
      `SELECT f.organisation AS organisation, COUNT(*) AS decisions,
              SUM(COALESCE(f.outcome = 'Upheld', 0)) AS upheld,
              SUM(f.finding IN ('fault_injustice', 'fault_no_injustice')) AS faultFound,
              SUM(f.has_payment) AS withPayment,
              SUM(CAST(ROUND(f.remedy_total * 100) AS INTEGER)) AS remedyPence,
              MIN(f.decision_date) AS firstDecisionDate, MAX(f.decision_date) AS latestDecisionDate,
              SUM(f.removed_at IS NOT NULL) AS removed, SUM(f.has_facts = 0) AS withoutFacts
       FROM decision_facts f ${w.sql}
       GROUP BY f.organisation ORDER BY f.organisation`,
    )
    .all(...w.params)
    .map(({ remedyPence, ...o }) => {
      const r = calc.registry.resolve(o.organisation);
      const entity = r.code ? calc.registry.get(r.code) : undefined;
      const year = o.latestDecisionDate
        ? Number(o.latestDecisionDate.slice(0, 4))
        : new Date().getUTCFullYear();
      return {
        ...o,
        remedyTotal: remedyPence / 100,
        organisationCode: r.code,
        registryName: r.registryName && r.registryName !== o.organisation ? r.registryName : null,
        organisationKind: r.kind,
        region: r.region,
        population: r.population,
        predecessors: r.predecessors,
        successors: r.successors,
        perResident:
          entity && COUNCIL_KINDS.has(entity.kind)
            ? calc.figures([entity], year, o.decisions, o.upheld)
            : null,
      };
    });
}
