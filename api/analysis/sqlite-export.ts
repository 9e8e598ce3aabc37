/**
 * The archive's structured tables as a standalone SQLite file that opens as-is in Datasette or a
 * spreadsheet tool: plain tables with typed columns, primary and foreign keys, no JSON. Built into
 * a temporary file next to the cache, renamed into place when complete, and kept while the
 * archive's facts revision is unchanged (one build at a time per revision).
 * @module
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { VERSION } from '../../core/config.js';
import type { AnalysisStore } from './store.js';

const evidence = `
  evidence_section TEXT,
  evidence_text    TEXT,
  evidence_start   INTEGER,
  evidence_end     INTEGER`;

const SCHEMA = `
  CREATE TABLE decisions (
    ref_key                   TEXT PRIMARY KEY,
    ref                       TEXT NOT NULL,
    url                       TEXT NOT NULL,
    organisation              TEXT NOT NULL,
    category                  TEXT NOT NULL,
    subcategory               TEXT,
    outcome                   TEXT,
    kind                      TEXT NOT NULL,
    decision_date             TEXT,
    decision_year             INTEGER,
    finding                   TEXT NOT NULL,
    not_investigated_reason   TEXT,
    remedy_total              REAL NOT NULL,
    remedy_payment_count      INTEGER NOT NULL,
    max_payment               REAL,
    apology                   INTEGER,
    deadline_days             REAL,
    max_delay_days            REAL NOT NULL,
    service_improvement_count INTEGER NOT NULL,
    header_complete           INTEGER NOT NULL,
    finding_rules             TEXT,
    parse_warnings            TEXT,
    summary                   TEXT,
    removed_at                TEXT,
    parser_version            TEXT NOT NULL,
    page_hash                 TEXT NOT NULL,
    first_fetched_at          TEXT NOT NULL,
    last_fetched_at           TEXT NOT NULL
  );
  CREATE TABLE payments (
    ref_key   TEXT NOT NULL REFERENCES decisions(ref_key),
    seq       INTEGER NOT NULL,
    amount    REAL NOT NULL,
    status    TEXT NOT NULL,
    purpose   TEXT NOT NULL,
    recipient TEXT,${evidence},
    -- 1 when the sum is in the decision's remedy_total (agreed, recommended, already paid, or an
    -- offer the Ombudsman found enough); 0 for a declined or insufficient offer.
    counted_in_total INTEGER NOT NULL,
    PRIMARY KEY (ref_key, seq)
  );
  CREATE TABLE delays (
    ref_key TEXT NOT NULL REFERENCES decisions(ref_key),
    seq     INTEGER NOT NULL,
    days    REAL NOT NULL,
    about   TEXT NOT NULL,
    text    TEXT NOT NULL,${evidence},
    PRIMARY KEY (ref_key, seq)
  );
  CREATE TABLE missed_education (
    ref_key    TEXT NOT NULL REFERENCES decisions(ref_key),
    seq        INTEGER NOT NULL,
    from_month TEXT,
    to_month   TEXT,
    days       REAL,
    text       TEXT NOT NULL,${evidence},
    PRIMARY KEY (ref_key, seq)
  );
  CREATE TABLE service_improvements (
    ref_key TEXT NOT NULL REFERENCES decisions(ref_key),
    seq     INTEGER NOT NULL,
    text    TEXT NOT NULL,${evidence},
    PRIMARY KEY (ref_key, seq)
  );
  CREATE TABLE finding_conflicts (
    ref_key          TEXT PRIMARY KEY REFERENCES decisions(ref_key),
    outcome          TEXT NOT NULL,
    outcome_reading  TEXT NOT NULL,
    text_finding     TEXT NOT NULL,
    kept             TEXT NOT NULL,
    rule             TEXT NOT NULL,${evidence}
  );
  CREATE TABLE export_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
`;

/** Source query (archive, read-only) → destination table, column for column. */
const COPIES: ReadonlyArray<[string, string]> = [
  [
    `SELECT f.ref_key, f.ref, f.url, f.organisation, f.category, f.subcategory, f.outcome, f.kind, f.decision_date,
            f.decision_year, f.finding, f.not_investigated_reason, f.remedy_total, f.remedy_payment_count,
            f.max_payment, f.apology, f.deadline_days, f.max_delay_days, f.service_improvement_count,
            f.header_complete,
            (SELECT group_concat(r.value, ' ') FROM json_each(d.record_json, '$.findingRules') r),
            (SELECT group_concat(w.value, char(10)) FROM json_each(d.record_json, '$.parseWarnings') w),
            json_extract(d.record_json, '$.summary'), f.removed_at, f.parser_version, f.page_hash,
            f.first_fetched_at, f.last_fetched_at
     FROM decision_facts f JOIN decisions d ON d.ref_key = f.ref_key ORDER BY f.ref_key`,
    'decisions',
  ],
  ['SELECT * FROM decision_payments ORDER BY ref_key, seq', 'payments'],
  [
    `SELECT f.ref_key, json_extract(d.record_json, '$.findingConflict.outcome'),
            json_extract(d.record_json, '$.findingConflict.outcomeReading'),
            json_extract(d.record_json, '$.findingConflict.textFinding'),
            json_extract(d.record_json, '$.findingConflict.kept'),
            json_extract(d.record_json, '$.findingConflict.rule'),
            json_extract(d.record_json, '$.findingConflict.textEvidence.section'),
            json_extract(d.record_json, '$.findingConflict.textEvidence.text'),
            json_extract(d.record_json, '$.findingConflict.textEvidence.start'),
            json_extract(d.record_json, '$.findingConflict.textEvidence.end')
     FROM decision_facts f JOIN decisions d ON d.ref_key = f.ref_key
     WHERE f.finding_conflict = 1 ORDER BY f.ref_key`,
    'finding_conflicts',
  ],
  ['SELECT * FROM decision_delays ORDER BY ref_key, seq', 'delays'],
  ['SELECT * FROM decision_missed_education ORDER BY ref_key, seq', 'missed_education'],
  ['SELECT * FROM decision_service_improvements ORDER BY ref_key, seq', 'service_improvements'],
];

const INDEXES = `
  CREATE INDEX decisions_organisation ON decisions(organisation);
  CREATE INDEX decisions_date ON decisions(decision_date);
  CREATE INDEX decisions_category ON decisions(category, subcategory);
  CREATE INDEX payments_status ON payments(status);
`;

export interface SqliteExport {
  file: string;
  revision: number;
  bytes: number;
}

const building = new Map<string, Promise<SqliteExport>>();

/**
 * The export file for the archive's current state, built if needed into `cacheDir`
 * (older exports there are removed). Concurrent callers share one build.
 */
export function sqliteExport(store: AnalysisStore, cacheDir: string): Promise<SqliteExport> {
  const revision = store.revision();
  const file = path.join(cacheDir, `lgsco-archive-r${revision}.sqlite`);
  const inFlight = building.get(file);
  if (inFlight) return inFlight;
  const p = (async () => {
    try {
      return { file, revision, bytes: statSync(file).size };
    } catch {
      // not built yet
    }
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    const db = new BetterSqlite3(tmp);
    try {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.exec(SCHEMA);
      // Rows are read through a read-only snapshot of the archive (one read transaction for all
      // tables, so they agree) and written here; the archive is never opened for writing.
      const src = store.openSnapshot();
      try {
        src.exec('BEGIN');
        db.transaction(() => {
          for (const [select, table] of COPIES) {
            const stmt = src.prepare(select).raw(true);
            const cols = stmt.columns().length;
            const insert = db.prepare(`INSERT INTO ${table} VALUES (${Array(cols).fill('?').join(', ')})`);
            for (const row of stmt.iterate() as Iterable<unknown[]>) insert.run(row);
          }
        })();
        src.exec('COMMIT');
      } finally {
        src.close();
      }
      db.exec(INDEXES);
      db.transaction(() => {
        const info = db.prepare('INSERT INTO export_info (key, value) VALUES (?, ?)');
        info.run('generator', `lgsco-archive ${VERSION}`);
        info.run('exported_at', new Date().toISOString());
        info.run('archive_revision', String(revision));
        info.run(
          'notes',
          'Money in pounds. remedy_total = the payments with counted_in_total = 1 (agreed, recommended, already paid, offers found enough). ' +
            "finding 'unknown' and no payments for records parsed before facts were extracted. " +
            'Each fact row carries the sentence it was read from (evidence_*).',
        );
      })();
      db.close();
      renameSync(tmp, file);
    } catch (e) {
      if (db.open) db.close();
      rmSync(tmp, { force: true });
      throw e;
    }
    for (const f of readdirSync(cacheDir)) {
      if (/^lgsco-archive-r\d+\.sqlite$/.test(f) && path.join(cacheDir, f) !== file)
        rmSync(path.join(cacheDir, f), { force: true });
    }
    return { file, revision, bytes: statSync(file).size };
  })().finally(() => building.delete(file));
  building.set(file, p);
  return p;
}
