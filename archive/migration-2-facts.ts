/**
 * Migration 2: the extracted facts as plain, typed tables derived from `decisions.record_json`,
 * kept in step by triggers in the same transaction as every write to `decisions`:
 *
 * - `decision_facts`: one compact row per decision (header fields copied, finding, remedy_total,
 *   has_payment, max_delay_days, decision_year/quarter/month, removed_at …) so statistics and
 *   exports never parse the full record and never read the long `record_json` column;
 * - `decision_payments`, `decision_delays`, `decision_missed_education`,
 *   `decision_service_improvements`: one row per extracted item, with its evidence sentence.
 * - `facts_state.revision`: bumped on every change, a cheap key for caches of derived files.
 *
 * A record parsed before the facts existed has none: finding 'unknown', remedy_total 0, no items
 * (`has_facts` = 0). The tables are derived: deleting them and re-running the backfill gives the
 * same rows. Row triggers rather than generated columns because SQLite generated columns cannot
 * aggregate over JSON arrays (max delay, payment counts) and cannot be added as STORED later.
 * @module
 */
import type { Migration } from './schema.js';

const REMEDY_STATUSES = "('agreed', 'recommended', 'already_paid')";

/** A decision_facts column added by a later migration: name and expression over the row `r`. */
export type ExtraFactsColumn = [name: string, expression: (r: string) => string];

/**
 * The shape of the facts tables a migration derives: migration 2's, or a later one's with `extra`
 * decision_facts columns and (`counted`) decision_payments.counted_in_total, the remedy figures
 * counting each payment's countedInTotal (an offer found enough is in the total; records without
 * the flag count by status).
 */
export interface FactsShape {
  extra: readonly ExtraFactsColumn[];
  counted: boolean;
}
const SHAPE_2: FactsShape = { extra: [], counted: false };

/** SQL: whether the payment JSON `v` is in the remedy total. */
const remedyPredicate = (v: string, shape: FactsShape) =>
  shape.counted
    ? `COALESCE(json_extract(${v}, '$.countedInTotal'), json_extract(${v}, '$.status') IN ${REMEDY_STATUSES})`
    : `json_extract(${v}, '$.status') IN ${REMEDY_STATUSES}`;

/** Column list and expressions of decision_facts for a decisions row aliased `r`. */
function factsSelect(r: string, shape: FactsShape): { columns: string; values: string } {
  const j = (path: string) => `json_extract(${r}.record_json, '${path}')`;
  const cols: Array<[string, string]> = [
    ['ref_key', `${r}.ref_key`],
    ['ref', `${r}.ref`],
    ['url', `${r}.url`],
    ['organisation', `${r}.organisation`],
    ['category', `${r}.category`],
    ['subcategory', `${r}.subcategory`],
    ['outcome', `${r}.outcome`],
    ['kind', `${r}.kind`],
    ['decision_date', `${r}.decision_date`],
    ['decision_year', `CAST(substr(${r}.decision_date, 1, 4) AS INTEGER)`],
    [
      'decision_quarter',
      `substr(${r}.decision_date, 1, 4) || '-Q' || ((CAST(substr(${r}.decision_date, 6, 2) AS INTEGER) + 2) / 3)`,
    ],
    ['decision_month', `substr(${r}.decision_date, 1, 7)`],
    ['has_facts', `(json_type(${r}.record_json, '$.finding') IS NOT NULL)`],
    ['finding', `COALESCE(${j('$.finding')}, 'unknown')`],
    ['not_investigated_reason', j('$.notInvestigatedReason')],
    ['remedy_total', `CAST(COALESCE(${j('$.remedyTotal')}, 0) AS REAL)`],
    ['has_payment', `(COALESCE(${j('$.remedyTotal')}, 0) > 0)`],
    ['payment_count', `COALESCE(json_array_length(${r}.record_json, '$.payments'), 0)`],
    [
      'remedy_payment_count',
      `(SELECT COUNT(*) FROM json_each(${r}.record_json, '$.payments') p
        WHERE ${remedyPredicate('p.value', shape)})`,
    ],
    [
      'max_payment',
      `(SELECT MAX(CAST(json_extract(p.value, '$.amount') AS REAL)) FROM json_each(${r}.record_json, '$.payments') p
        WHERE ${remedyPredicate('p.value', shape)})`,
    ],
    ['apology', `${j('$.apology')}`],
    ['deadline_days', `CAST(${j('$.deadlineDays')} AS REAL)`],
    ['delay_count', `COALESCE(json_array_length(${r}.record_json, '$.delays'), 0)`],
    [
      'max_delay_days',
      `CAST(COALESCE((SELECT MAX(json_extract(x.value, '$.days')) FROM json_each(${r}.record_json, '$.delays') x), 0) AS REAL)`,
    ],
    [
      'service_improvement_count',
      `COALESCE(json_array_length(${r}.record_json, '$.serviceImprovements'), 0)`,
    ],
    ['parser_version', `${r}.parser_version`],
    ['page_hash', `${r}.page_hash`],
    ['first_fetched_at', `${r}.first_fetched_at`],
    ['last_fetched_at', `${r}.last_fetched_at`],
    ['removed_at', `${r}.removed_at`],
    ...shape.extra.map(([name, expr]): [string, string] => [name, expr(r)]),
  ];
  return { columns: cols.map((c) => c[0]).join(', '), values: cols.map((c) => c[1]).join(',\n    ') };
}

const ev = (v: string) =>
  `json_extract(${v}, '$.evidence.section'), json_extract(${v}, '$.evidence.text'),
   json_extract(${v}, '$.evidence.start'), json_extract(${v}, '$.evidence.end')`;

/** Statements that (re)derive every facts row of the decisions rows aliased `r` matching `where`. */
function deriveSql(r: string, where: string, shape: FactsShape): string {
  const f = factsSelect(r, shape);
  const counted = shape.counted
    ? { column: ', counted_in_total', value: `, ${remedyPredicate('p.value', shape)}` }
    : { column: '', value: '' };
  const from = (each?: [string, string]) =>
    `FROM decisions ${r}${each ? `, json_each(${r}.record_json, '${each[0]}') ${each[1]}` : ''} WHERE ${where}`;
  return `
  INSERT INTO decision_facts (${f.columns})
  SELECT ${f.values}
  ${from()};
  INSERT INTO decision_payments (ref_key, seq, amount, status, purpose, recipient,
    evidence_section, evidence_text, evidence_start, evidence_end${counted.column})
  SELECT ${r}.ref_key, CAST(p.key AS INTEGER), CAST(COALESCE(json_extract(p.value, '$.amount'), 0) AS REAL),
    COALESCE(json_extract(p.value, '$.status'), 'other'), COALESCE(json_extract(p.value, '$.purpose'), 'other'),
    json_extract(p.value, '$.recipient'), ${ev('p.value')}${counted.value}
  ${from(['$.payments', 'p'])};
  INSERT INTO decision_delays (ref_key, seq, days, about, text,
    evidence_section, evidence_text, evidence_start, evidence_end)
  SELECT ${r}.ref_key, CAST(x.key AS INTEGER), CAST(COALESCE(json_extract(x.value, '$.days'), 0) AS REAL),
    COALESCE(json_extract(x.value, '$.about'), 'other'), COALESCE(json_extract(x.value, '$.text'), ''),
    ${ev('x.value')}
  ${from(['$.delays', 'x'])};
  INSERT INTO decision_missed_education (ref_key, seq, from_month, to_month, days, text,
    evidence_section, evidence_text, evidence_start, evidence_end)
  SELECT ${r}.ref_key, CAST(m.key AS INTEGER), json_extract(m.value, '$.from'), json_extract(m.value, '$.to'),
    CAST(json_extract(m.value, '$.days') AS REAL), COALESCE(json_extract(m.value, '$.text'), ''),
    ${ev('m.value')}
  ${from(['$.missedEducation', 'm'])};
  INSERT INTO decision_service_improvements (ref_key, seq, text,
    evidence_section, evidence_text, evidence_start, evidence_end)
  SELECT ${r}.ref_key, CAST(s.key AS INTEGER), COALESCE(json_extract(s.value, '$.text'), ''), ${ev('s.value')}
  ${from(['$.serviceImprovements', 's'])};`;
}

const CHILD_TABLES = [
  'decision_payments',
  'decision_delays',
  'decision_missed_education',
  'decision_service_improvements',
];

const clearSql = (key: string) =>
  ['decision_facts', ...CHILD_TABLES].map((t) => `DELETE FROM ${t} WHERE ref_key = ${key};`).join('\n  ');

/** In a trigger the row is NEW: a one-row FROM clause stands in for it. */
const triggerBody = (shape: FactsShape) =>
  `${clearSql('NEW.ref_key')}
  ${deriveSql('n', 'n.ref_key = NEW.ref_key', shape)}
  UPDATE facts_state SET revision = revision + 1 WHERE id = 1;`;

const backfill = (shape: FactsShape) => deriveSql('d', '1', shape);

/**
 * The three triggers that keep the facts tables in step with `decisions`, for facts tables of the
 * given shape (a later migration that rebuilds the tables recreates them with its shape).
 */
export function factsTriggersSql(shape: FactsShape = SHAPE_2): string {
  return `
    CREATE TRIGGER decision_facts_after_insert AFTER INSERT ON decisions BEGIN
  ${triggerBody(shape)}
    END;
    CREATE TRIGGER decision_facts_after_update
    AFTER UPDATE OF ref, url, organisation, category, subcategory, outcome, decision_date, kind,
      record_json, parser_version, page_hash, first_fetched_at, last_fetched_at, removed_at ON decisions BEGIN
  ${triggerBody(shape)}
    END;
    CREATE TRIGGER decision_facts_after_delete AFTER DELETE ON decisions BEGIN
  ${clearSql('OLD.ref_key')}
  UPDATE facts_state SET revision = revision + 1 WHERE id = 1;
    END;`;
}

/** Every facts row derived again from `decisions` (the tables emptied first). */
export function refillFactsSql(shape: FactsShape): string {
  return `${['decision_facts', ...CHILD_TABLES].map((t) => `DELETE FROM ${t};`).join('\n  ')}
  ${backfill(shape)}
  UPDATE facts_state SET revision = revision + 1 WHERE id = 1;`;
}

/**
 * The decision_facts table and its indexes: as migration 2 made it, or (a later migration) with the
 * header fields nullable and `extra` columns (INTEGER) at the end.
 */
export function factsTableSql(
  options: { nullableHeader?: boolean; extra?: readonly ExtraFactsColumn[] } = {},
): string {
  const header = options.nullableHeader ? '' : ' NOT NULL';
  const extra = (options.extra ?? []).map(([name]) => `,\n      ${name} INTEGER NOT NULL`).join('');
  return `
    CREATE TABLE decision_facts (
      ref_key                   TEXT PRIMARY KEY,
      ref                       TEXT NOT NULL,
      url                       TEXT NOT NULL,
      organisation              TEXT NOT NULL,
      category                  TEXT NOT NULL,
      subcategory               TEXT,
      outcome                   TEXT${header},
      kind                      TEXT NOT NULL,
      decision_date             TEXT${header},
      decision_year             INTEGER${header},
      decision_quarter          TEXT${header},
      decision_month            TEXT${header},
      has_facts                 INTEGER NOT NULL,
      finding                   TEXT NOT NULL,
      not_investigated_reason   TEXT,
      remedy_total              REAL NOT NULL,
      has_payment               INTEGER NOT NULL,
      payment_count             INTEGER NOT NULL,
      remedy_payment_count      INTEGER NOT NULL,
      max_payment               REAL,
      apology                   INTEGER,
      deadline_days             REAL,
      delay_count               INTEGER NOT NULL,
      max_delay_days            REAL NOT NULL,
      service_improvement_count INTEGER NOT NULL,
      parser_version            TEXT NOT NULL,
      page_hash                 TEXT NOT NULL,
      first_fetched_at          TEXT NOT NULL,
      last_fetched_at           TEXT NOT NULL,
      removed_at                TEXT${extra}
    ) STRICT;
    CREATE INDEX decision_facts_date ON decision_facts(decision_date, ref_key);
    CREATE INDEX decision_facts_organisation ON decision_facts(organisation);
    CREATE INDEX decision_facts_finding ON decision_facts(finding);
    CREATE INDEX decision_facts_remedy ON decision_facts(remedy_total);
`;
}

const evidenceColumns = `
  evidence_section TEXT,
  evidence_text    TEXT,
  evidence_start   INTEGER,
  evidence_end     INTEGER`;

export const MIGRATION_2_FACTS: Migration = {
  version: 2,
  description: 'decision_facts, payments, delays, missed education, service improvements (trigger-derived)',
  sql: `
    ${factsTableSql()}
    CREATE TABLE decision_payments (
      ref_key   TEXT NOT NULL,
      seq       INTEGER NOT NULL,
      amount    REAL NOT NULL,
      status    TEXT NOT NULL,
      purpose   TEXT NOT NULL,
      recipient TEXT,${evidenceColumns},
      PRIMARY KEY (ref_key, seq)
    ) STRICT;
    CREATE TABLE decision_delays (
      ref_key TEXT NOT NULL,
      seq     INTEGER NOT NULL,
      days    REAL NOT NULL,
      about   TEXT NOT NULL,
      text    TEXT NOT NULL,${evidenceColumns},
      PRIMARY KEY (ref_key, seq)
    ) STRICT;
    CREATE TABLE decision_missed_education (
      ref_key    TEXT NOT NULL,
      seq        INTEGER NOT NULL,
      from_month TEXT,
      to_month   TEXT,
      days       REAL,
      text       TEXT NOT NULL,${evidenceColumns},
      PRIMARY KEY (ref_key, seq)
    ) STRICT;
    CREATE TABLE decision_service_improvements (
      ref_key TEXT NOT NULL,
      seq     INTEGER NOT NULL,
      text    TEXT NOT NULL,${evidenceColumns},
      PRIMARY KEY (ref_key, seq)
    ) STRICT;

    CREATE TABLE facts_state (
      id       INTEGER PRIMARY KEY CHECK (id = 1),
      revision INTEGER NOT NULL
    ) STRICT;
    INSERT INTO facts_state (id, revision) VALUES (1, 1);

    ${backfill(SHAPE_2)}
${factsTriggersSql()}
  `,
};
