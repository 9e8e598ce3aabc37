import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FactsWriter } from './facts-table.js';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from './schema.js';

/** A database as parser 1.10.0 left it: every migration before 4, one decision, one page version. */
function archiveBefore4(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(
    'CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL, description TEXT NOT NULL)',
  );
  for (const m of [...MIGRATIONS].filter((m) => m.version < 4).sort((a, b) => a.version - b.version)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(
      m.version,
      '2026-01-01T00:00:00Z',
      m.description,
    );
  }
  db.prepare("INSERT INTO blobs VALUES ('h1', 'br', 3, x'00')").run();
  const record = {
    refKey: '24-000-001',
    finding: 'fault_injustice',
    remedyTotal: 250,
    payments: [{ amount: 250, status: 'agreed', purpose: 'distress', recipient: 'Mrs A' }],
  };
  db.prepare(
    `INSERT INTO decisions (ref_key, ref, url, organisation, category, subcategory, outcome, decision_date, kind,
       record_json, record_hash, parser_version, page_hash, first_fetched_at, last_fetched_at, last_checked_at)
     VALUES ('24-000-001', '24 000 001', 'https://www.lgo.org.uk/decisions/a/b/24-000-001', 'Eastmoor Council',
       'Housing', 'Allocations', 'Upheld', '2024-05-01', 'statement', ?, 'r1', '1.10.0', 'h1',
       '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')`,
  ).run(JSON.stringify(record));
  db.prepare("INSERT INTO decision_versions VALUES ('24-000-001', 'h1', '2026-01-01T00:00:00Z')").run();
  return db;
}

const notNull = (db: BetterSqlite3.Database, table: string, column: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; notnull: number }[]).find(
    (c) => c.name === column,
  )?.notnull;

describe('migration 4: decisions without header lines', () => {
  it('makes outcome and date nullable, keeping every row, column, index and foreign key', () => {
    const db = archiveBefore4();
    expect(notNull(db, 'decisions', 'outcome')).toBe(1);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(notNull(db, 'decisions', 'outcome')).toBe(0);
    expect(notNull(db, 'decisions', 'decision_date')).toBe(0);
    expect(notNull(db, 'decision_facts', 'decision_year')).toBe(0);
    const row = db.prepare('SELECT * FROM decisions').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      ref_key: '24-000-001',
      outcome: 'Upheld',
      last_checked_at: '2026-02-01T00:00:00Z',
    });
    const indexes = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'decisions'").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'decisions_date',
        'decisions_organisation',
        'decisions_parser_version',
        'decisions_checked',
      ]),
    );
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // The facts were derived again: a record from before 1.11.0 had its header lines.
    expect(
      db.prepare('SELECT header_complete, finding_conflict, remedy_total FROM decision_facts').get(),
    ).toEqual({
      header_complete: 1,
      finding_conflict: 0,
      remedy_total: 250,
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM decision_payments').get()).toEqual({ n: 1 });
    // The record from before 1.11.0 has no countedInTotal: its agreed sum counts by status.
    expect(db.prepare('SELECT counted_in_total FROM decision_payments').get()).toEqual({
      counted_in_total: 1,
    });
  });

  it('the facts of a record with no Decision line and a finding conflict fill the columns migration 4 added', () => {
    const db = archiveBefore4();
    migrate(db);
    const record = {
      headerComplete: false,
      finding: 'not_investigated',
      findingConflict: { outcome: 'Upheld', kept: 'not_investigated' },
      remedyTotal: 150,
      payments: [
        { amount: 150, status: 'offered', countedInTotal: true, purpose: 'distress' },
        { amount: 60, status: 'offered', countedInTotal: false, purpose: 'distress' },
      ],
    };
    db.prepare(
      `INSERT INTO decisions (ref_key, ref, url, organisation, category, subcategory, outcome, decision_date, kind,
         record_json, record_hash, parser_version, page_hash, first_fetched_at, last_fetched_at)
       VALUES ('24-000-002', '24 000 002', 'https://www.lgo.org.uk/decisions/a/b/24-000-002', 'Eastmoor Council',
         'Housing', 'Allocations', NULL, NULL, 'statement', ?, 'r2', '1.11.0', 'h1', 'x', 'x')`,
    ).run(JSON.stringify(record));
    // Since migration 5 the program derives the facts (the Archive calls this on every save).
    new FactsWriter(db).refresh('24-000-002');
    expect(
      db
        .prepare(
          "SELECT outcome, decision_date, decision_year, decision_quarter, header_complete, finding_conflict FROM decision_facts WHERE ref_key = '24-000-002'",
        )
        .get(),
    ).toEqual({
      outcome: null,
      decision_date: null,
      decision_year: null,
      decision_quarter: null,
      header_complete: 0,
      finding_conflict: 1,
    });
    // An offer found enough is in the remedy figures; a declined one is not.
    expect(
      db
        .prepare("SELECT remedy_payment_count, max_payment FROM decision_facts WHERE ref_key = '24-000-002'")
        .get(),
    ).toEqual({ remedy_payment_count: 1, max_payment: 150 });
    expect(
      db
        .prepare(
          "SELECT amount, counted_in_total FROM decision_payments WHERE ref_key = '24-000-002' ORDER BY seq",
        )
        .all(),
    ).toEqual([
      { amount: 150, counted_in_total: 1 },
      { amount: 60, counted_in_total: 0 },
    ]);
  });
});

/** Every table, index and trigger of a database, as SQLite stores their definitions. */
const schemaOf = (db: BetterSqlite3.Database) =>
  (
    db
      .prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
      )
      .all() as { type: string; name: string; tbl_name: string; sql: string | null }[]
  ).map((r) => ({
    ...r,
    sql: r.sql?.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').replace(/"/g, '') ?? null,
  }));

describe('schema: fresh and migrated archives', () => {
  it('an archive from before migration 4, migrated, has exactly the schema of one created fresh, and the same facts rows', () => {
    const old = archiveBefore4();
    migrate(old);
    const fresh = new BetterSqlite3(':memory:');
    migrate(fresh);
    const columns = (db: BetterSqlite3.Database, t: string) => db.prepare(`PRAGMA table_info(${t})`).all();
    const tables = schemaOf(fresh).filter((r) => r.type === 'table');
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['decision_facts', 'decision_payments']),
    );
    expect(schemaOf(old)).toEqual(schemaOf(fresh));
    for (const t of tables) expect(columns(old, t.name), t.name).toEqual(columns(fresh, t.name));
    expect(schemaOf(fresh).filter((r) => r.type === 'trigger')).toEqual([]);

    // The same decision row gives the same facts rows either way.
    const row = old.prepare('SELECT * FROM decisions').get() as Record<string, unknown>;
    fresh.prepare("INSERT INTO blobs VALUES ('h1', 'br', 3, x'00')").run();
    const names = Object.keys(row);
    fresh
      .prepare(`INSERT INTO decisions (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`)
      .run(row);
    new FactsWriter(fresh).refresh(row.ref_key as string);
    for (const t of ['decision_facts', 'decision_payments'])
      expect(fresh.prepare(`SELECT * FROM ${t}`).all(), t).toEqual(old.prepare(`SELECT * FROM ${t}`).all());
    expect(old.prepare('SELECT remedy_total, remedy_payment_count FROM decision_facts').get()).toEqual({
      remedy_total: 250,
      remedy_payment_count: 1,
    });
  });
});
