/**
 * The archive's facts tables (`decision_facts`, `decision_payments`, …), made from the one column
 * list of core/facts-columns.ts: their CREATE TABLE statements, the INSERTs that fill them
 * (`FactsWriter`, called in the same transaction as every write to `decisions`) and `ensureFacts`,
 * which derives them again when their definition changed. The values are computed by the program
 * and stored; no SQL restates a rule such as "is this payment in the remedy total".
 * @module
 */

import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import {
  type Column,
  DECISION_COLUMNS,
  type DecisionRow,
  type FactsSource,
  ITEM_TABLES,
  type ItemTable,
  type SqlValue,
  type StoredRecord,
} from '../core/facts-columns.js';
import { REGISTRY_VERSION } from '../registry/index.js';

export * from '../core/facts-columns.js';

export const DECISION_FACTS_TABLE = 'decision_facts';

const columnSql = (c: Column<unknown>, width: number) =>
  `${c.name.padEnd(width)} ${c.type}${c.notNull ? ' NOT NULL' : ''}`;

/**
 * CREATE TABLE statements for the decision table and the item tables. `strict`: the archive's
 * STRICT tables; `references`: item tables point at the decision table's ref_key (the download).
 */
export function factsTablesSql(opts: {
  decisions: { name: string; columns: readonly Column<FactsSource>[] };
  items: readonly { name: string; table: ItemTable<never> }[];
  strict: boolean;
  references: boolean;
}): string {
  const strict = opts.strict ? ' STRICT' : '';
  const table = (name: string, columns: readonly Column<never>[], key: string[], ref: boolean) => {
    const width = Math.max(...columns.map((c) => c.name.length));
    const lines = columns.map((c) => {
      let sql = columnSql(c as Column<unknown>, width);
      if (ref && c.name === 'ref_key') sql += ` REFERENCES ${opts.decisions.name}(ref_key)`;
      return `  ${sql}`;
    });
    lines.push(`  PRIMARY KEY (${key.join(', ')})`);
    return `CREATE TABLE ${name} (\n${lines.join(',\n')}\n)${strict};`;
  };
  return [
    table(opts.decisions.name, opts.decisions.columns as unknown as Column<never>[], ['ref_key'], false),
    ...opts.items.map((t) =>
      table(t.name, t.table.columns, t.table.seq ? ['ref_key', 'seq'] : ['ref_key'], opts.references),
    ),
  ].join('\n');
}

/** The archive's facts tables, their indexes and the revision row. */
export function archiveFactsSql(): string {
  return `${factsTablesSql({
    decisions: { name: DECISION_FACTS_TABLE, columns: DECISION_COLUMNS },
    items: ITEM_TABLES.map((t) => ({ name: t.name, table: t })),
    strict: true,
    references: false,
  })}
CREATE INDEX decision_facts_date ON decision_facts(decision_date, ref_key);
CREATE INDEX decision_facts_organisation ON decision_facts(organisation);
CREATE INDEX decision_facts_finding ON decision_facts(finding);
CREATE INDEX decision_facts_remedy ON decision_facts(remedy_total);`;
}

/** Identifies the facts tables' definition: when it changes, the archive derives them again. */
// The registry's version too: organisation_code and organisation_kind are derived from its data.
export const FACTS_DEFINITION = createHash('sha256')
  .update(archiveFactsSql())
  .update(REGISTRY_VERSION)
  .digest('hex')
  .slice(0, 16);

/** Every facts table of the archive. */
export const FACTS_TABLES = [DECISION_FACTS_TABLE, ...ITEM_TABLES.map((t) => t.name)];

const toSql = (v: SqlValue | boolean | undefined): SqlValue =>
  v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v;

const ROW_COLUMNS = `ref_key, ref, url, organisation, category, subcategory, outcome, decision_date,
  kind, parser_version, page_hash, first_fetched_at, last_fetched_at, removed_at`;
const DECISION_ROW_SQL = `SELECT ${ROW_COLUMNS}, record_json FROM decisions`;

const FILL_PAGE = 500;

/** The source of one decisions row. */
export function factsSource({ record_json, ...row }: DecisionRow): FactsSource {
  return { row, record: JSON.parse(record_json) as StoredRecord };
}

/** The rows of every facts table for one decision: table name → rows (values in column order). */
export function factsRows(s: FactsSource): Map<string, SqlValue[][]> {
  const out = new Map<string, SqlValue[][]>();
  out.set(DECISION_FACTS_TABLE, [DECISION_COLUMNS.map((c) => toSql(c.value(s)))]);
  for (const t of ITEM_TABLES) {
    const items = t.items(s.record as never) as readonly never[];
    out.set(
      t.name,
      items.map((item, seq) => t.columns.map((c) => toSql(c.value({ refKey: s.row.ref_key, seq, item })))),
    );
  }
  return out;
}

/**
 * Keeps the facts tables in step with `decisions`: `refresh(refKey)` derives one decision's rows
 * again (or deletes them when the decision is gone) and bumps `facts_state.revision`. Call it
 * inside the transaction that changed the decision.
 */
export class FactsWriter {
  private readonly stmts;

  constructor(private readonly db: BetterSqlite3.Database) {
    const tables = [
      { name: DECISION_FACTS_TABLE, columns: DECISION_COLUMNS as unknown as readonly Column<never>[] },
      ...ITEM_TABLES.map((t) => ({ name: t.name, columns: t.columns })),
    ];
    this.stmts = {
      row: db.prepare<[string], DecisionRow>(`${DECISION_ROW_SQL} WHERE ref_key = ?`),
      rowOnly: db.prepare<[string], FactsSource['row']>(
        `SELECT ${ROW_COLUMNS} FROM decisions WHERE ref_key = ?`,
      ),
      // Keyset pages: better-sqlite3 cannot write while a read statement is still iterating.
      page: db.prepare<[string], DecisionRow>(
        `${DECISION_ROW_SQL} WHERE ref_key > ? ORDER BY ref_key LIMIT ${FILL_PAGE}`,
      ),
      deletes: tables.map((t) => db.prepare(`DELETE FROM ${t.name} WHERE ref_key = ?`)),
      inserts: new Map(
        tables.map((t) => [
          t.name,
          db.prepare(
            `INSERT INTO ${t.name} (${t.columns.map((c) => c.name).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`,
          ),
        ]),
      ),
      restamp: db.prepare(`UPDATE ${DECISION_FACTS_TABLE} SET parser_version = ? WHERE ref_key = ?`),
      bump: db.prepare('UPDATE facts_state SET revision = revision + 1 WHERE id = 1'),
    };
  }

  /**
   * Derives the facts rows of one decision again (none when it is not archived). `record`: the
   * record just written, when the caller has it — parsing record_json back was a third of a
   * save's CPU.
   */
  refresh(refKey: string, record?: StoredRecord): void {
    for (const d of this.stmts.deletes) d.run(refKey);
    if (record) {
      const row = this.stmts.rowOnly.get(refKey);
      if (row) this.insert({ row, record });
    } else {
      const row = this.stmts.row.get(refKey);
      if (row) this.insert(factsSource(row));
    }
    this.stmts.bump.run();
  }

  /** A decision whose record changed in its parser version only: its facts rows say the same otherwise. */
  restamp(refKey: string, parserVersion: string): void {
    this.stmts.restamp.run(parserVersion, refKey);
    this.stmts.bump.run();
  }

  /** Empties the facts tables and derives every row again. */
  rebuild(): void {
    for (const t of FACTS_TABLES) this.db.prepare(`DELETE FROM ${t}`).run();
    this.fillAll();
  }

  /** Fills empty facts tables from every decision (after they were created again). */
  fillAll(): void {
    for (let after = ''; ; ) {
      const rows = this.stmts.page.all(after);
      for (const row of rows) this.insert(factsSource(row));
      if (rows.length < FILL_PAGE) break;
      after = rows.at(-1)!.ref_key;
    }
    this.stmts.bump.run();
  }

  private insert(s: FactsSource): void {
    for (const [table, rows] of factsRows(s)) {
      const insert = this.stmts.inserts.get(table)!;
      for (const r of rows) insert.run(r);
    }
  }
}

/**
 * Makes the archive's facts tables match this definition: when `facts_state.definition` differs
 * (a new column, an older archive), the tables are dropped, created again and refilled from
 * `decisions`. They are derived data, so nothing is lost. Runs in the caller's transaction.
 */
export function ensureFacts(db: BetterSqlite3.Database): boolean {
  const row = db.prepare('SELECT definition FROM facts_state WHERE id = 1').get() as
    | { definition: string | null }
    | undefined;
  if (row?.definition === FACTS_DEFINITION) return false;
  // Old tables of any shape, and the triggers of migrations 2 and 4 if still there.
  for (const t of [
    'decision_facts_after_insert',
    'decision_facts_after_update',
    'decision_facts_after_delete',
  ])
    db.exec(`DROP TRIGGER IF EXISTS ${t}`);
  for (const t of FACTS_TABLES) db.exec(`DROP TABLE IF EXISTS ${t}`);
  db.exec(archiveFactsSql());
  new FactsWriter(db).fillAll();
  db.prepare('UPDATE facts_state SET definition = ? WHERE id = 1').run(FACTS_DEFINITION);
  return true;
}
