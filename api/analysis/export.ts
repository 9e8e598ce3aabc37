/**
 * Exports: decisions (one row each) or payments (one row per extracted payment) matching the
 * filters, as CSV or NDJSON streams. Rows come from one SELECT on a connection of the export's
 * own (a consistent snapshot), pulled one at a time as the consumer reads: constant memory,
 * backpressure from the socket or file down to SQLite.
 * @module
 */
import { Readable } from 'node:stream';
import { EXPORTED_DECISION_COLUMNS, PAYMENTS } from '../../archive/index.js';
import type { DecisionFilters, SearchSort } from '../../indexer/index.js';
import { csvStringifier } from './csv.js';
import { type AnalysisStore, where } from './store.js';

export const EXPORT_ROWS = ['decisions', 'payments'] as const;
export type ExportRows = (typeof EXPORT_ROWS)[number];
export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Columns of a decision row, in CSV order: the exported columns of archive/facts-table.ts. */
export const DECISION_COLUMNS: readonly string[] = EXPORTED_DECISION_COLUMNS.map((c) => c.name);

/** The decision's columns a payment row repeats, then the payment's own (facts-table.ts PAYMENTS). */
const PAYMENT_CONTEXT = [
  'ref',
  'ref_key',
  'organisation',
  'organisation_code',
  'organisation_kind',
  'decision_date',
  'url',
] as const;

/** Columns of a payment row, in CSV order. */
export const PAYMENT_COLUMNS: readonly string[] = [
  ...PAYMENT_CONTEXT,
  ...PAYMENTS.columns.map((c) => c.name).filter((n) => n !== 'ref_key'),
];

const DECISION_SELECT = `SELECT ${DECISION_COLUMNS.map((c) => `f.${c}`).join(', ')}`;

const NESTED_SELECT = `,
         json_extract(d.record_json, '$.payments') AS payments_json,
         json_extract(d.record_json, '$.delays') AS delays_json,
         json_extract(d.record_json, '$.missedEducation') AS missed_education_json,
         json_extract(d.record_json, '$.serviceImprovements') AS service_improvements_json`;

const PAYMENT_SELECT = `SELECT ${[
  ...PAYMENT_CONTEXT.map((c) => `f.${c}`),
  ...PAYMENT_COLUMNS.slice(PAYMENT_CONTEXT.length).map((c) => `p.${c}`),
].join(', ')}`;

export interface ExportOptions {
  rows: ExportRows;
  filters: DecisionFilters;
  /** The set a full-text query matched (from the search index); undefined = no query. */
  refKeys?: readonly string[];
  /** NDJSON decision rows: include payments, delays, missed education and improvements as arrays. */
  nested?: boolean;
  /** Row order as the search page shows it; relevance or absent: oldest decision first. */
  sort?: SearchSort;
  /** CSV: start with a UTF-8 byte order mark (Excel otherwise reads the file as ANSI). */
  bom?: boolean;
}

/** ORDER BY of the decision key for a sort (ties by reference, in the sort's direction). */
const ORDER: Record<SearchSort, string> = {
  relevance: 'f.decision_date, f.ref_key',
  'date:asc': 'f.decision_date, f.ref_key',
  'date:desc': 'f.decision_date DESC, f.ref_key DESC',
  'remedy:desc': 'f.remedy_total DESC, f.ref_key DESC',
  'remedy:asc': 'f.remedy_total, f.ref_key',
};

type Row = Record<string, unknown>;

/**
 * Every matching row in `sort` order (default oldest decision first; then reference, then payment order), read from a
 * snapshot connection that is closed when the iteration ends or is abandoned.
 */
export function* exportRows(store: AnalysisStore, opts: ExportOptions): Generator<Row> {
  const w = where(opts.filters, opts.refKeys);
  const order = ORDER[opts.sort ?? 'relevance'];
  const sql =
    opts.rows === 'payments'
      ? `${PAYMENT_SELECT} FROM decision_facts f JOIN decision_payments p ON p.ref_key = f.ref_key ${w.sql}
         ORDER BY ${order}, p.seq`
      : `${DECISION_SELECT}${opts.nested ? NESTED_SELECT : ''}
         FROM decision_facts f${opts.nested ? ' JOIN decisions d ON d.ref_key = f.ref_key' : ''} ${w.sql}
         ORDER BY ${order}`;
  const db = store.openSnapshot();
  try {
    yield* db.prepare<unknown[], Row>(sql).iterate(...w.params);
  } finally {
    db.close();
  }
}

/** Number of rows an export would produce (for a Content-Length-free progress hint and tests). */
export function countExportRows(store: AnalysisStore, opts: Omit<ExportOptions, 'nested'>): number {
  const w = where(opts.filters, opts.refKeys);
  const sql =
    opts.rows === 'payments'
      ? `SELECT COUNT(*) AS n FROM decision_facts f JOIN decision_payments p ON p.ref_key = f.ref_key ${w.sql}`
      : `SELECT COUNT(*) AS n FROM decision_facts f ${w.sql}`;
  return (store.db.prepare<unknown[], { n: number }>(sql).get(...w.params) ?? { n: 0 }).n;
}

const ROWS_PER_CHUNK = 200;

/** NDJSON lines, a few hundred rows per chunk; nested JSON columns are spliced in as arrays. */
function* ndjsonChunks(rows: Iterable<Row>): Generator<string> {
  let buf: string[] = [];
  for (const r of rows) {
    const nested: string[] = [];
    for (const [col, name] of [
      ['payments_json', 'payments'],
      ['delays_json', 'delays'],
      ['missed_education_json', 'missedEducation'],
      ['service_improvements_json', 'serviceImprovements'],
    ] as const) {
      if (!(col in r)) continue;
      const v = r[col];
      delete r[col];
      // The archive stores this JSON itself (record_json validated on save): safe to splice.
      nested.push(`${JSON.stringify(name)}:${typeof v === 'string' ? v : '[]'}`);
    }
    let line = JSON.stringify(r);
    if (nested.length > 0) line = `${line.slice(0, -1)},${nested.join(',')}}`;
    buf.push(line);
    if (buf.length >= ROWS_PER_CHUNK) {
      yield `${buf.join('\n')}\n`;
      buf = [];
    }
  }
  if (buf.length > 0) yield `${buf.join('\n')}\n`;
}

/** Columns holding pounds (facts-columns.ts `money`): CSV writes them with two decimals. */
const MONEY = new Set(
  [...EXPORTED_DECISION_COLUMNS, ...PAYMENTS.columns].filter((c) => c.money).map((c) => c.name),
);

/** Pounds as decimal text, "643546.90" (the value is whole pence / 100, so toFixed is exact). */
function* poundsAsText(rows: Iterable<Row>): Generator<Row> {
  for (const r of rows) {
    for (const k of MONEY) if (typeof r[k] === 'number') r[k] = (r[k] as number).toFixed(2);
    yield r;
  }
}

/**
 * The export as a byte stream (CSV with a header row, or NDJSON). Pull-driven: constant memory.
 * CSV text cells beginning with = + - @, a tab or a carriage return are written with a leading ';
 * money in pounds is written with two decimals (643546.90), NDJSON keeps it a number.
 */
export function exportStream(store: AnalysisStore, format: ExportFormat, opts: ExportOptions): Readable {
  if (format === 'ndjson') {
    return Readable.from(ndjsonChunks(exportRows(store, { ...opts, nested: opts.nested ?? true })), {
      objectMode: false,
    });
  }
  const columns = opts.rows === 'payments' ? PAYMENT_COLUMNS : DECISION_COLUMNS;
  const source = Readable.from(poundsAsText(exportRows(store, { ...opts, nested: false })), {
    objectMode: true,
  });
  // Text cells that a spreadsheet would run as formulas get a leading ' (api/analysis/csv.ts).
  const csv = csvStringifier(columns, { bom: opts.bom });
  source.on('error', (e) => csv.destroy(e));
  csv.on('close', () => source.destroy());
  return source.pipe(csv);
}

export interface LatestDecision {
  ref: string;
  ref_key: string;
  url: string;
  organisation: string;
  category: string;
  subcategory: string | null;
  outcome: string | null;
  decision_date: string | null;
  finding: string;
  remedy_total: number;
  removed_at: string | null;
  first_fetched_at: string;
  last_fetched_at: string;
  summary: string | null;
}

/** The newest `limit` matching decisions (decision date, then reference, descending): for feeds. */
export function latestDecisions(
  store: AnalysisStore,
  filters: DecisionFilters,
  refKeys: readonly string[] | undefined,
  limit: number,
): LatestDecision[] {
  const w = where(filters, refKeys);
  return store.db
    .prepare<unknown[], LatestDecision>(
      `SELECT f.ref, f.ref_key, f.url, f.organisation, f.category, f.subcategory, f.outcome, f.decision_date,
              f.finding, f.remedy_total, f.removed_at, f.first_fetched_at, f.last_fetched_at, f.summary
       FROM decision_facts f ${w.sql}
       ORDER BY f.decision_date DESC, f.ref_key DESC LIMIT ?`,
    )
    .all(...w.params, limit);
}
