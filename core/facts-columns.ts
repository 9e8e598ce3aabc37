/**
 * The facts tables, defined once: every column of the decision table and of its item tables
 * (payments, delays, missed education, service improvements, finding conflicts) with its SQL type,
 * how it is computed from the record (the rules of core/facts.ts, e.g. `countedInTotal`), what it
 * means, and how the search index uses it. From this one list come the archive's facts tables and
 * the INSERTs that fill them (archive/facts-table.ts), the CSV/NDJSON columns
 * (api/analysis/export.ts), the SQLite download and its `columns` notes table
 * (api/analysis/sqlite-export.ts), and the search document's fact fields (indexer/document.ts).
 *
 * Adding a column to every export is one entry in `DECISION_COLUMNS` (or in an item table's list);
 * the archive derives its facts tables again on the next open because their definition changed.
 * @module
 */
import { defaultRegistry } from '../registry/index.js';
import { countedInTotal, DelayAbout, type Evidence, type MissedEducation } from './facts.js';
import type { Decision } from './record.js';

export type SqlType = 'TEXT' | 'INTEGER' | 'REAL';
export type SqlValue = string | number | null;

/** How a column shows in the search index (indexer/document.ts, decision-index.ts). */
export interface IndexUse {
  /** The search document's field name. */
  field: string;
  /** 0/1 columns become true/false in the index. */
  boolean?: boolean;
  /** Filter by equality only, or also by range (numbers). */
  filter: 'equality' | 'comparison';
  sortable?: boolean;
}

export interface Column<S> {
  name: string;
  type: SqlType;
  notNull?: boolean;
  /** How the value is computed from the source (the record and its archive row). */
  value: (s: S) => SqlValue;
  /** What it means, for the SQLite download's `columns` table and the docs. */
  note: string;
  /** `archive`: only in the archive's table (filters, grouping); default: exported too. */
  scope?: 'archive' | 'export';
  index?: IndexUse;
  /**
   * Pounds, computed from the `<name>_pence` column beside it (whole pence, INTEGER): exact to the
   * penny, so a sum never shows 643546.8999999999. CSV and the SQLite download write it as decimal
   * text with two places ("643546.90"); NDJSON as a number.
   */
  money?: true;
}

/** Whole pence of an amount in pounds (amounts are stated to the penny). */
export const pence = (pounds: number): number => Math.round(pounds * 100);

/** A sum of money as two columns: `<name>_pence` (INTEGER, the stored truth) and `<name>` in pounds. */
function moneyColumns<S>(
  name: string,
  opts: { notNull?: boolean; pence: (s: S) => number | null; note: string; index?: IndexUse },
): Column<S>[] {
  return [
    {
      name,
      type: 'REAL',
      notNull: opts.notNull,
      money: true,
      value: (s) => {
        const p = opts.pence(s);
        return p === null ? null : p / 100;
      },
      note: `Pounds (${name}_pence / 100, to the penny): ${opts.note}`,
      index: opts.index,
    },
    {
      name: `${name}_pence`,
      type: 'INTEGER',
      notNull: opts.notNull,
      value: opts.pence,
      note: `Whole pence: ${opts.note}; sum this column for exact totals`,
    },
  ];
}

/** A stored record as read back: records from before the facts were extracted lack them. */
export type StoredRecord = Omit<Decision, 'headerComplete' | keyof FactsFields> &
  Partial<Pick<Decision, keyof FactsFields | 'headerComplete'>> & { parseWarnings?: string[] };

type FactsFields = Pick<
  Decision,
  | 'finding'
  | 'findingRules'
  | 'findingConflict'
  | 'notInvestigatedReason'
  | 'payments'
  | 'remedyTotal'
  | 'apology'
  | 'serviceImprovements'
  | 'deadlineDays'
  | 'delays'
  | 'missedEducation'
>;

/** The decisions row a decision's facts come from: the header columns and the archive's own. */
export interface DecisionRow {
  ref_key: string;
  ref: string;
  url: string;
  organisation: string;
  category: string;
  subcategory: string | null;
  outcome: string | null;
  decision_date: string | null;
  kind: string;
  parser_version: string;
  record_json: string;
  page_hash: string;
  first_fetched_at: string;
  last_fetched_at: string;
  removed_at: string | null;
}

/** One decision as the facts are computed from it: its archive row and its record. */
export interface FactsSource {
  row: Omit<DecisionRow, 'record_json'>;
  record: StoredRecord;
}

const bool = (v: boolean | null | undefined): number | null => (v == null ? null : v ? 1 : 0);
const year = (date: string | null) => (date === null ? null : Number(date.slice(0, 4)));

/** The payments in the remedy total (core/facts.ts countedInTotal). */
const counted = (r: StoredRecord) => (r.payments ?? []).filter((p) => countedInTotal(p));

/** What a delay can be about (core/facts.ts DelayAbout): the subjects of the per-subject delay columns. */
export const DELAY_SUBJECTS = DelayAbout.options;
export type DelaySubject = (typeof DELAY_SUBJECTS)[number];

/** The facts column of the longest delay about one subject: `longest_delay_days_ehc_plan`, … */
export const delaySubjectColumn = (s: DelaySubject): string => `longest_delay_days_${s}`;

/** Its search index field: `maxDelayDaysEhcPlan`, … */
export const delaySubjectField = (s: DelaySubject): string =>
  `maxDelayDays${s.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase())}`;

const SUBJECT_WORDS: Record<DelaySubject, string> = {
  ehc_plan: 'an EHC plan (days beyond the 20-week limit)',
  annual_review: 'an annual review',
  assessment: 'an assessment',
  complaint_response: "the body's reply to the complaint",
  education_provision: 'education provision',
  other: 'anything else',
};

function delaySubjectColumns(): Column<FactsSource>[] {
  return DELAY_SUBJECTS.map((s) => ({
    name: delaySubjectColumn(s),
    type: 'REAL' as const,
    notNull: true,
    value: (src: FactsSource) =>
      Math.max(0, ...(src.record.delays ?? []).filter((d) => d.about === s).map((d) => d.days ?? 0)),
    note: `Longest delay about ${SUBJECT_WORDS[s]}, days (0 when none)`,
    index: { field: delaySubjectField(s), filter: 'comparison' as const },
  }));
}

/**
 * The length of one missed-education period in days: the length as stated (terms 91, months 30, …),
 * else, when only dates are given, the whole months from `from` to `to` × 30; null when neither.
 */
export function missedEducationDays(m: Pick<MissedEducation, 'days' | 'from' | 'to'>): number | null {
  if (m.days != null) return m.days;
  if (!m.from || !m.to) return null;
  const months = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7));
  const n = months(m.to) - months(m.from);
  return n > 0 ? n * 30 : null;
}

/** The longest missed-education period of a record with a length, days; null when none has one. */
function longestMissedEducation(r: StoredRecord): number | null {
  const lengths = (r.missedEducation ?? [])
    .map((m) => missedEducationDays(m))
    .filter((d): d is number => d !== null);
  return lengths.length === 0 ? null : Math.max(...lengths);
}

/** Columns of decision_facts (one row per decision), in export order. */
export const DECISION_COLUMNS: readonly Column<FactsSource>[] = [
  { name: 'ref', type: 'TEXT', notNull: true, value: (s) => s.row.ref, note: 'Reference as printed' },
  {
    name: 'ref_key',
    type: 'TEXT',
    notNull: true,
    value: (s) => s.row.ref_key,
    note: 'Canonical reference (the key of every table)',
  },
  {
    name: 'url',
    type: 'TEXT',
    notNull: true,
    value: (s) => s.row.url,
    note: "Page on the Ombudsman's site",
  },
  {
    name: 'organisation',
    type: 'TEXT',
    notNull: true,
    value: (s) => s.row.organisation,
    note: 'Body complained about, as printed',
  },
  {
    name: 'organisation_code',
    type: 'TEXT',
    value: (s) => defaultRegistry().resolve(s.row.organisation).code,
    note: 'ONS GSS code of the organisation in the organisation registry (registry/; E99… for the replica’s invented councils); null when no council matches the name',
  },
  {
    name: 'organisation_kind',
    type: 'TEXT',
    notNull: true,
    value: (s) => defaultRegistry().resolve(s.row.organisation).kind,
    note: 'Kind in the organisation registry: county, unitary, metropolitan_borough, london_borough, district, city_of_london, isles_of_scilly, care_provider, school, nhs or other',
  },
  { name: 'category', type: 'TEXT', notNull: true, value: (s) => s.row.category, note: 'Category' },
  {
    name: 'subcategory',
    type: 'TEXT',
    value: (s) => s.row.subcategory,
    note: 'Subcategory; null when none',
  },
  {
    name: 'outcome',
    type: 'TEXT',
    value: (s) => s.row.outcome,
    note: 'Decision line as printed; null when the page has none',
  },
  { name: 'kind', type: 'TEXT', notNull: true, value: (s) => s.row.kind, note: 'statement or report' },
  {
    name: 'decision_date',
    type: 'TEXT',
    value: (s) => s.row.decision_date,
    note: 'yyyy-mm-dd; null when the page has no readable date',
  },
  {
    name: 'decision_year',
    type: 'INTEGER',
    value: (s) => year(s.row.decision_date),
    note: 'Year of decision_date',
  },
  {
    name: 'decision_quarter',
    type: 'TEXT',
    scope: 'archive',
    value: (s) => {
      const d = s.row.decision_date;
      return d === null ? null : `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) + 2) / 3)}`;
    },
    note: 'yyyy-Qn of decision_date',
  },
  {
    name: 'decision_month',
    type: 'TEXT',
    scope: 'archive',
    value: (s) => s.row.decision_date?.slice(0, 7) ?? null,
    note: 'yyyy-mm of decision_date',
  },
  {
    name: 'has_facts',
    type: 'INTEGER',
    notNull: true,
    scope: 'archive',
    value: (s) => (s.record.finding === undefined ? 0 : 1),
    note: '0 for records parsed before facts were extracted',
  },
  {
    name: 'finding',
    type: 'TEXT',
    notNull: true,
    value: (s) => s.record.finding ?? 'unknown',
    note: "Extracted finding; 'unknown' also for records parsed before facts were extracted",
    index: { field: 'finding', filter: 'equality' },
  },
  {
    name: 'not_investigated_reason',
    type: 'TEXT',
    value: (s) => s.record.notInvestigatedReason ?? null,
    note: 'Why not investigated; null unless finding is not_investigated',
  },
  ...moneyColumns<FactsSource>('remedy_total', {
    notNull: true,
    pence: (s) => pence(s.record.remedyTotal ?? 0),
    note: 'the sum of the payments with counted_in_total = 1',
    index: { field: 'remedyTotal', filter: 'comparison', sortable: true },
  }),
  {
    name: 'has_payment',
    type: 'INTEGER',
    notNull: true,
    scope: 'archive',
    value: (s) => ((s.record.remedyTotal ?? 0) > 0 ? 1 : 0),
    note: '1 when remedy_total > 0',
    index: { field: 'hasPayment', boolean: true, filter: 'equality' },
  },
  {
    name: 'payment_count',
    type: 'INTEGER',
    notNull: true,
    scope: 'archive',
    value: (s) => s.record.payments?.length ?? 0,
    note: 'Payments extracted (in the total or not)',
  },
  {
    name: 'remedy_payment_count',
    type: 'INTEGER',
    notNull: true,
    value: (s) => counted(s.record).length,
    note: 'Payments in the remedy total',
  },
  ...moneyColumns<FactsSource>('max_payment', {
    pence: (s) => {
      const c = counted(s.record);
      return c.length === 0 ? null : Math.max(...c.map((p) => pence(p.amount)));
    },
    note: 'the largest payment in the total; null when none',
  }),
  {
    name: 'apology',
    type: 'INTEGER',
    value: (s) => bool(s.record.apology),
    note: '1 when an apology was agreed or recommended; null for records without facts',
  },
  {
    name: 'deadline_days',
    type: 'REAL',
    value: (s) => s.record.deadlineDays ?? null,
    note: 'Days allowed for the agreed action (shortest stated); null when none',
  },
  {
    name: 'delay_count',
    type: 'INTEGER',
    notNull: true,
    scope: 'archive',
    value: (s) => s.record.delays?.length ?? 0,
    note: 'Delays extracted',
  },
  {
    name: 'max_delay_days',
    type: 'REAL',
    notNull: true,
    value: (s) => Math.max(0, ...(s.record.delays ?? []).map((d) => d.days ?? 0)),
    note: 'Longest delay found, days (0 when none)',
    index: { field: 'maxDelayDays', filter: 'comparison' },
  },
  ...delaySubjectColumns(),
  {
    name: 'missed_education_count',
    type: 'INTEGER',
    notNull: true,
    value: (s) => s.record.missedEducation?.length ?? 0,
    note: 'Periods of missed education or provision found (0 when none)',
    index: { field: 'missedEducationCount', filter: 'comparison' },
  },
  {
    name: 'longest_missed_education_days',
    type: 'REAL',
    value: (s) => longestMissedEducation(s.record),
    note: 'Longest period of missed education, days: the length as stated (term 91, month 30, week 7), else the whole months between its dates × 30; null when none has a length',
    index: { field: 'missedEducationDays', filter: 'comparison' },
  },
  {
    name: 'service_improvement_count',
    type: 'INTEGER',
    notNull: true,
    value: (s) => s.record.serviceImprovements?.length ?? 0,
    note: 'Service improvements agreed or recommended',
  },
  {
    name: 'header_complete',
    type: 'INTEGER',
    notNull: true,
    value: (s) => (s.record.headerComplete === false ? 0 : 1),
    note: '0 when the page lacked a header line (outcome or date may be null)',
    index: { field: 'headerComplete', boolean: true, filter: 'equality' },
  },
  {
    name: 'finding_conflict',
    type: 'INTEGER',
    notNull: true,
    value: (s) => (s.record.findingConflict ? 1 : 0),
    note: '1 when the Decision line and the text disagree about the finding (see finding_conflicts)',
    index: { field: 'findingConflict', boolean: true, filter: 'equality' },
  },
  {
    name: 'finding_from_text',
    type: 'TEXT',
    value: (s) => s.record.findingConflict?.textFinding ?? null,
    note: 'When they disagree: the finding the text alone gives',
  },
  {
    name: 'finding_rules',
    type: 'TEXT',
    value: (s) => (s.record.findingRules?.length ? s.record.findingRules.join(' ') : null),
    note: 'Ids of the rules that decided the finding, space-separated (parser/facts/README.md)',
  },
  {
    name: 'parse_warnings',
    type: 'TEXT',
    value: (s) => (s.record.parseWarnings?.length ? s.record.parseWarnings.join(' | ') : null),
    note: "What the parser could not read, separated by ' | '",
  },
  {
    name: 'removed_at',
    type: 'TEXT',
    value: (s) => s.row.removed_at,
    note: "When the page was found gone from the Ombudsman's site; null while it is there",
  },
  {
    name: 'parser_version',
    type: 'TEXT',
    notNull: true,
    value: (s) => s.row.parser_version,
    note: 'Parser that made the record',
  },
  {
    name: 'page_hash',
    type: 'TEXT',
    notNull: true,
    value: (s) => s.row.page_hash,
    note: 'sha256 of the page the record was parsed from',
  },
  {
    name: 'first_fetched_at',
    type: 'TEXT',
    notNull: true,
    value: (s) => s.row.first_fetched_at,
    note: 'When the archive first fetched the page',
  },
  {
    name: 'last_fetched_at',
    type: 'TEXT',
    notNull: true,
    value: (s) => s.row.last_fetched_at,
    note: 'When the archive last fetched the page',
  },
  { name: 'summary', type: 'TEXT', value: (s) => s.record.summary ?? null, note: 'The summary paragraph' },
];

/** The evidence columns every item row carries: the sentence it was read from. */
function evidenceColumns<T>(of: (item: T) => Evidence | null | undefined): Column<T>[] {
  return [
    {
      name: 'evidence_section',
      type: 'TEXT',
      value: (i) => of(i)?.section ?? null,
      note: 'Heading of the section the sentence is in',
    },
    { name: 'evidence_text', type: 'TEXT', value: (i) => of(i)?.text ?? null, note: 'The sentence' },
    {
      name: 'evidence_start',
      type: 'INTEGER',
      value: (i) => of(i)?.start ?? null,
      note: 'Offset of the sentence in its section',
    },
    { name: 'evidence_end', type: 'INTEGER', value: (i) => of(i)?.end ?? null, note: 'End offset' },
  ];
}

/** An item of a decision (a payment, a delay, …) with its refKey and position. */
export interface Item<T> {
  refKey: string;
  seq: number;
  item: T;
}

type ItemOf<K extends keyof StoredRecord> =
  NonNullable<StoredRecord[K]> extends readonly (infer T)[] ? T : never;

const keyColumns = <T>(): Column<Item<T>>[] => [
  { name: 'ref_key', type: 'TEXT', notNull: true, value: (i) => i.refKey, note: 'The decision' },
  { name: 'seq', type: 'INTEGER', notNull: true, value: (i) => i.seq, note: 'Position in the decision' },
];

/** A table of items of a decision, one row per item. */
export interface ItemTable<T> {
  /** Name in the archive. */
  name: string;
  /** Name in the SQLite download. */
  exportName: string;
  /** With `seq`: one row per item; without: at most one row per decision (key ref_key). */
  seq: boolean;
  items: (r: StoredRecord) => readonly T[];
  columns: readonly Column<Item<T>>[];
}

const evidenceOf =
  <T extends { evidence?: Evidence | null }>() =>
  (i: Item<T>) =>
    i.item.evidence;

function itemTable<T extends { evidence?: Evidence | null }>(
  name: string,
  exportName: string,
  items: (r: StoredRecord) => readonly T[],
  columns: Column<Item<T>>[],
  afterEvidence: Column<Item<T>>[] = [],
): ItemTable<T> {
  return {
    name,
    exportName,
    seq: true,
    items,
    columns: [...keyColumns<T>(), ...columns, ...evidenceColumns(evidenceOf<T>()), ...afterEvidence],
  };
}

type Payment = ItemOf<'payments'>;

export const PAYMENTS = itemTable<Payment>(
  'decision_payments',
  'payments',
  (r) => r.payments ?? [],
  [
    ...moneyColumns<Item<Payment>>('amount', {
      notNull: true,
      pence: (i) => pence(i.item.amount ?? 0),
      note: 'the sum',
    }),
    {
      name: 'status',
      type: 'TEXT',
      notNull: true,
      value: (i) => i.item.status ?? 'other',
      note: 'agreed, recommended, already_paid, offered or other',
    },
    {
      name: 'purpose',
      type: 'TEXT',
      notNull: true,
      value: (i) => i.item.purpose ?? 'other',
      note: 'What the payment is for',
    },
    {
      name: 'recipient',
      type: 'TEXT',
      value: (i) => i.item.recipient ?? null,
      note: 'As printed; null when not named',
    },
  ],
  [
    {
      name: 'counted_in_total',
      type: 'INTEGER',
      notNull: true,
      value: (i) => (countedInTotal(i.item) ? 1 : 0),
      note: "1 when the sum is in the decision's remedy_total (agreed, recommended, already paid, or an offer the Ombudsman found enough); 0 for a declined or insufficient offer",
    },
  ],
);

export const DELAYS = itemTable<ItemOf<'delays'>>('decision_delays', 'delays', (r) => r.delays ?? [], [
  { name: 'days', type: 'REAL', notNull: true, value: (i) => i.item.days ?? 0, note: 'Length in days' },
  {
    name: 'about',
    type: 'TEXT',
    notNull: true,
    value: (i) => i.item.about ?? 'other',
    note: 'What was delayed (ehc_plan, annual_review, assessment, complaint_response, …)',
  },
  {
    name: 'text',
    type: 'TEXT',
    notNull: true,
    value: (i) => i.item.text ?? '',
    note: 'The phrase stating it',
  },
]);

export const MISSED_EDUCATION = itemTable<ItemOf<'missedEducation'>>(
  'decision_missed_education',
  'missed_education',
  (r) => r.missedEducation ?? [],
  [
    { name: 'from_month', type: 'TEXT', value: (i) => i.item.from ?? null, note: 'yyyy-mm, when stated' },
    { name: 'to_month', type: 'TEXT', value: (i) => i.item.to ?? null, note: 'yyyy-mm, when stated' },
    {
      name: 'days',
      type: 'REAL',
      value: (i) => i.item.days ?? null,
      note: 'Stated length in days; null when only dates',
    },
    {
      name: 'text',
      type: 'TEXT',
      notNull: true,
      value: (i) => i.item.text ?? '',
      note: 'The phrase stating it',
    },
  ],
);

export const SERVICE_IMPROVEMENTS = itemTable<ItemOf<'serviceImprovements'>>(
  'decision_service_improvements',
  'service_improvements',
  (r) => r.serviceImprovements ?? [],
  [{ name: 'text', type: 'TEXT', notNull: true, value: (i) => i.item.text ?? '', note: 'The improvement' }],
);

type Conflict = NonNullable<StoredRecord['findingConflict']>;

export const FINDING_CONFLICTS: ItemTable<Conflict> = {
  name: 'decision_finding_conflicts',
  exportName: 'finding_conflicts',
  seq: false,
  items: (r) => (r.findingConflict ? [r.findingConflict] : []),
  // Nullable: a stored record is read as it is, whatever an older parser left out.
  columns: [
    { name: 'ref_key', type: 'TEXT', notNull: true, value: (i) => i.refKey, note: 'The decision' },
    {
      name: 'outcome',
      type: 'TEXT',
      value: (i) => i.item.outcome ?? null,
      note: 'Decision line as printed',
    },
    {
      name: 'outcome_reading',
      type: 'TEXT',
      value: (i) => i.item.outcomeReading ?? null,
      note: 'What the Decision line says about fault',
    },
    {
      name: 'text_finding',
      type: 'TEXT',
      value: (i) => i.item.textFinding ?? null,
      note: 'The finding the text alone gives',
    },
    {
      name: 'kept',
      type: 'TEXT',
      value: (i) => i.item.kept ?? null,
      note: 'The finding the record keeps',
    },
    { name: 'rule', type: 'TEXT', value: (i) => i.item.rule ?? null, note: 'Rule that decided' },
    ...evidenceColumns<Item<Conflict>>((i) => i.item.textEvidence),
  ],
};

/** Every item table, in the order they are filled and exported. */
export const ITEM_TABLES: readonly ItemTable<never>[] = [
  PAYMENTS,
  FINDING_CONFLICTS,
  DELAYS,
  MISSED_EDUCATION,
  SERVICE_IMPROVEMENTS,
] as unknown as ItemTable<never>[];

/** Columns of the decision table the exports carry (CSV and NDJSON decision rows, the SQLite download). */
export const EXPORTED_DECISION_COLUMNS = DECISION_COLUMNS.filter((c) => c.scope !== 'archive');
