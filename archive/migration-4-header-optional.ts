/**
 * Migration 4 (parser 1.11.0): a decision whose page lacks its header lines is kept, so
 * `decisions.outcome` and `decisions.decision_date` may be NULL, and the facts table carries
 * `header_complete` and `finding_conflict` (the Decision line and the text disagree) so stats,
 * exports and the status page can count them; each payment row says whether it is in the remedy
 * total (`counted_in_total`: an offer the Ombudsman found enough is, with status offered).
 *
 * SQLite cannot drop a NOT NULL constraint in place: the decisions table is rebuilt from its own
 * stored definition with those two constraints removed (so columns added by any other migration
 * are kept), and the derived facts tables are created again and refilled.
 * @module
 */
import type { Database } from 'better-sqlite3';
import {
  type ExtraFactsColumn,
  type FactsShape,
  factsTableSql,
  factsTriggersSql,
  refillFactsSql,
} from './migration-2-facts.js';
import type { Migration } from './schema.js';

/** decision_facts columns added by this migration (records parsed before 1.11.0 had complete headers). */
export const FACTS_COLUMNS_4: readonly ExtraFactsColumn[] = [
  ['header_complete', (r) => `COALESCE(json_extract(${r}.record_json, '$.headerComplete'), 1)`],
  [
    'finding_conflict',
    (r) => `(COALESCE(json_type(${r}.record_json, '$.findingConflict'), 'null') = 'object')`,
  ],
];

function rebuildDecisions(db: Database): void {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'decisions'").get() as
    | { sql: string }
    | undefined;
  if (!row) throw new Error('migration 4: no decisions table');
  const relaxed = row.sql
    .replace(/\boutcome(\s+)TEXT\s+NOT\s+NULL/i, 'outcome$1TEXT')
    .replace(/\bdecision_date(\s+)TEXT\s+NOT\s+NULL/i, 'decision_date$1TEXT')
    .replace(/^CREATE TABLE\s+"?decisions"?/i, 'CREATE TABLE decisions_v4');
  const indexes = (
    db
      .prepare(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'decisions' AND sql IS NOT NULL",
      )
      .all() as { sql: string }[]
  ).map((r) => r.sql);
  const columns = (db.prepare('PRAGMA table_info(decisions)').all() as { name: string }[])
    .map((c) => c.name)
    .join(', ');
  db.exec(`
    DROP TRIGGER IF EXISTS decision_facts_after_insert;
    DROP TRIGGER IF EXISTS decision_facts_after_update;
    DROP TRIGGER IF EXISTS decision_facts_after_delete;
    ${relaxed};
    INSERT INTO decisions_v4 (${columns}) SELECT ${columns} FROM decisions;
    DROP TABLE decisions;
    ALTER TABLE decisions_v4 RENAME TO decisions;
    ${indexes.map((sql) => `${sql};`).join('\n')}
  `);
}

/** The facts tables after migration 4: payments carry counted_in_total (an offer found enough counts). */
export const FACTS_SHAPE_4: FactsShape = { extra: FACTS_COLUMNS_4, counted: true };

export const MIGRATION_4_HEADER_OPTIONAL: Migration = {
  version: 4,
  description:
    'decisions without header lines: outcome and decision_date nullable; facts header_complete, finding_conflict; payments counted_in_total',
  sql: '',
  up(db: Database): void {
    rebuildDecisions(db);
    db.exec(`
      DROP TABLE decision_facts;
      ${factsTableSql({ nullableHeader: true, extra: FACTS_COLUMNS_4 })}
      ALTER TABLE decision_payments ADD COLUMN counted_in_total INTEGER NOT NULL DEFAULT 0;
      ${refillFactsSql(FACTS_SHAPE_4)}
      ${factsTriggersSql(FACTS_SHAPE_4)}
    `);
  },
};
