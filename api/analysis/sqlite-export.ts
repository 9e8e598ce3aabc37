/**
 * The archive's structured tables as a standalone SQLite file that opens as-is in Datasette or a
 * spreadsheet tool: plain tables with typed columns, primary and foreign keys, no JSON. Built into
 * a temporary file next to the cache, renamed into place when complete, and kept while the
 * archive's facts revision is unchanged (one build at a time per revision).
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  type Column,
  DECISION_FACTS_TABLE,
  EXPORTED_DECISION_COLUMNS,
  factsTablesSql,
  ITEM_TABLES,
} from '../../archive/index.js';
import { VERSION } from '../../core/config.js';
import type { AnalysisStore } from './store.js';

/** In the download, money in pounds is decimal text ("643546.90") beside its whole-pence INTEGER. */
const download = <C extends Column<never>>(c: C): C => (c.money ? { ...c, type: 'TEXT' } : c);
const selectOf = (c: Column<never>) =>
  c.money ? `CASE WHEN ${c.name} IS NULL THEN NULL ELSE printf('%.2f', ${c.name}) END` : c.name;

const DECISIONS = EXPORTED_DECISION_COLUMNS.map(download);
const ITEMS = ITEM_TABLES.map((t) => ({ ...t, columns: t.columns.map(download) }));

/** The download's tables: the archive's facts tables under plain names, exported columns only. */
const TABLES = [
  {
    name: 'decisions',
    source: DECISION_FACTS_TABLE,
    columns: DECISIONS as readonly Column<never>[],
    key: 'ref_key',
  },
  ...ITEMS.map((t) => ({
    name: t.exportName,
    source: t.name,
    columns: t.columns,
    key: t.seq ? 'ref_key, seq' : 'ref_key',
  })),
];

const SCHEMA = `
  ${factsTablesSql({
    decisions: { name: 'decisions', columns: DECISIONS },
    items: ITEMS.map((t) => ({ name: t.exportName, table: t })),
    strict: false,
    references: true,
  })}
  CREATE TABLE export_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  -- What every column means (the same notes as the CSV export's documentation).
  CREATE TABLE columns (
    table_name  TEXT NOT NULL,
    column_name TEXT NOT NULL,
    type        TEXT NOT NULL,
    note        TEXT NOT NULL,
    PRIMARY KEY (table_name, column_name)
  );
`;

/** Changes when the download's shape does: part of the cached file's name. */
const SHAPE = createHash('sha256').update(SCHEMA).digest('hex').slice(0, 8);

const INDEXES = `
  CREATE INDEX decisions_organisation ON decisions(organisation);
  CREATE INDEX decisions_date ON decisions(decision_date);
  CREATE INDEX decisions_category ON decisions(category, subcategory);
  CREATE INDEX payments_status ON payments(status);
`;

/** The notes row of export_info: how to read the figures. */
export const EXPORT_NOTES =
  'Money: every sum is stored twice, in whole pence as an INTEGER (remedy_total_pence, max_payment_pence, ' +
  'payments.amount_pence: sum these for exact totals) and in pounds as decimal text with two places ' +
  "(remedy_total, max_payment, payments.amount, e.g. '643546.90'). " +
  'remedy_total = the payments with counted_in_total = 1 (agreed, recommended, already paid, offers found enough). ' +
  "finding 'unknown' and no payments for records parsed before facts were extracted. " +
  'Each fact row carries the sentence it was read from (evidence_*). The table columns describes every column.';

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
  const file = path.join(cacheDir, `lgsco-archive-r${revision}-${SHAPE}.sqlite`);
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
          for (const t of TABLES) {
            const names = t.columns.map((c) => c.name).join(', ');
            const select = t.columns.map(selectOf).join(', ');
            const stmt = src.prepare(`SELECT ${select} FROM ${t.source} ORDER BY ${t.key}`).raw(true);
            const insert = db.prepare(
              `INSERT INTO ${t.name} (${names}) VALUES (${t.columns.map(() => '?').join(', ')})`,
            );
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
        info.run('notes', EXPORT_NOTES);
        const note = db.prepare(
          'INSERT INTO columns (table_name, column_name, type, note) VALUES (?, ?, ?, ?)',
        );
        for (const t of TABLES) for (const c of t.columns) note.run(t.name, c.name, c.type, c.note);
      })();
      db.close();
      renameSync(tmp, file);
    } catch (e) {
      if (db.open) db.close();
      rmSync(tmp, { force: true });
      throw e;
    }
    for (const f of readdirSync(cacheDir)) {
      if (/^lgsco-archive-r\d+(-[0-9a-f]+)?\.sqlite$/.test(f) && path.join(cacheDir, f) !== file)
        rmSync(path.join(cacheDir, f), { force: true });
    }
    return { file, revision, bytes: statSync(file).size };
  })().finally(() => building.delete(file));
  building.set(file, p);
  return p;
}
