/**
 * Archive schema, as migrations in code. `schema_version` holds the number of the last migration
 * applied; `migrate(db)` applies the rest in one transaction each. Never edit a migration that has
 * shipped: add a new one.
 * @module
 */
import type { Database } from 'better-sqlite3';
import { ensureFacts, FACTS_DEFINITION } from './facts-table.js';
import { MIGRATION_2_FACTS } from './migration-2-facts.js';
import { MIGRATION_4_HEADER_OPTIONAL } from './migration-4-header-optional.js';

export interface Migration {
  version: number;
  description: string;
  sql: string;
  /** Instead of `sql`: a migration that reads the database to write its statements (a table rebuild). */
  up?: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'blobs, fetches, decisions, versions, quarantine, failures, discovered, windows',
    sql: `
      -- Every fetched body, verbatim, brotli-compressed, addressed by sha256 of the raw (uncompressed) bytes.
      CREATE TABLE blobs (
        hash     TEXT PRIMARY KEY,
        encoding TEXT NOT NULL,
        size     INTEGER NOT NULL,
        body     BLOB NOT NULL
      ) STRICT;

      -- One row per HTTP response kept (and per fetch that ended without a body worth keeping).
      CREATE TABLE fetches (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('listing', 'decision', 'robots', 'other')),
        status        INTEGER,
        fetched_at    TEXT NOT NULL,
        hash          TEXT REFERENCES blobs(hash),
        etag          TEXT,
        last_modified TEXT,
        content_type  TEXT,
        ref_key       TEXT,
        error         TEXT
      ) STRICT;
      CREATE INDEX fetches_url ON fetches(url);
      CREATE INDEX fetches_ref_key ON fetches(ref_key, kind, status) WHERE ref_key IS NOT NULL;
      CREATE INDEX fetches_hash ON fetches(hash) WHERE hash IS NOT NULL;

      -- One row per decision (refKey), however many listings mention it.
      CREATE TABLE decisions (
        ref_key          TEXT PRIMARY KEY,
        ref              TEXT NOT NULL,
        url              TEXT NOT NULL,
        organisation     TEXT NOT NULL,
        category         TEXT NOT NULL,
        subcategory      TEXT,
        outcome          TEXT NOT NULL,
        decision_date    TEXT NOT NULL,
        kind             TEXT NOT NULL,
        record_json      TEXT NOT NULL,
        record_hash      TEXT NOT NULL,
        parser_version   TEXT NOT NULL,
        page_hash        TEXT NOT NULL REFERENCES blobs(hash),
        first_fetched_at TEXT NOT NULL,
        last_fetched_at  TEXT NOT NULL,
        removed_at       TEXT,
        indexed_hash     TEXT
      ) STRICT;
      CREATE INDEX decisions_date ON decisions(decision_date);
      CREATE INDEX decisions_organisation ON decisions(organisation);
      CREATE INDEX decisions_parser_version ON decisions(parser_version);

      -- Every distinct page version of a decision; old ones are kept.
      CREATE TABLE decision_versions (
        ref_key    TEXT NOT NULL REFERENCES decisions(ref_key),
        page_hash  TEXT NOT NULL REFERENCES blobs(hash),
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (ref_key, page_hash)
      ) STRICT;

      CREATE TABLE quarantine (
        id        INTEGER PRIMARY KEY,
        url       TEXT NOT NULL,
        ref_key   TEXT,
        page_hash TEXT REFERENCES blobs(hash),
        reason    TEXT NOT NULL,
        at        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX quarantine_ref_key ON quarantine(ref_key);

      -- URLs that failed after all tries (permanent = 404/410/other 4xx: not retried by later crawls).
      CREATE TABLE failures (
        url        TEXT PRIMARY KEY,
        kind       TEXT NOT NULL,
        ref_key    TEXT,
        status     INTEGER,
        permanent  INTEGER NOT NULL DEFAULT 0,
        tries      INTEGER NOT NULL,
        last_error TEXT NOT NULL,
        first_at   TEXT NOT NULL,
        last_at    TEXT NOT NULL
      ) STRICT;

      -- The frontier found in listings: what exists, for resume and for counting what is left.
      CREATE TABLE discovered (
        ref_key       TEXT PRIMARY KEY,
        url           TEXT NOT NULL,
        organisation  TEXT,
        listing_date  TEXT,
        first_seen_at TEXT NOT NULL,
        last_seen_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX discovered_listing_date ON discovered(listing_date);

      -- Listing windows walked to the end.
      CREATE TABLE windows (
        key          TEXT PRIMARY KEY,
        from_date    TEXT NOT NULL,
        to_date      TEXT NOT NULL,
        organisation TEXT,
        total        INTEGER,
        pages        INTEGER,
        completed_at TEXT
      ) STRICT;
    `,
  },
  // Version 2 is reserved (analysis columns, another branch). Migrations are applied by the set of
  // versions missing from schema_version, so 2 still runs on an archive that already has 3.
  {
    version: 3,
    description: 'source tracking: decisions.last_checked_at (recheck), discovered.outcome (filters)',
    sql: `
      -- When the source was last asked about this decision (a 304 touches only this).
      ALTER TABLE decisions ADD COLUMN last_checked_at TEXT;
      CREATE INDEX decisions_checked ON decisions(COALESCE(last_checked_at, last_fetched_at));
      -- Outcome shown in the listing, so a filtered crawl can resume only what it selects.
      ALTER TABLE discovered ADD COLUMN outcome TEXT;
    `,
  },
  MIGRATION_2_FACTS,
  MIGRATION_4_HEADER_OPTIONAL,
  {
    version: 5,
    description:
      'facts tables computed by the program (archive/facts-table.ts) instead of triggers; facts_state.definition',
    // The facts tables themselves are (re)made by ensureFacts after the migrations, from the one
    // definition in facts-table.ts, whenever facts_state.definition differs from it.
    sql: `
      DROP TRIGGER IF EXISTS decision_facts_after_insert;
      DROP TRIGGER IF EXISTS decision_facts_after_update;
      DROP TRIGGER IF EXISTS decision_facts_after_delete;
      ALTER TABLE facts_state ADD COLUMN definition TEXT;
    `,
  },
];

export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/**
 * Applies every migration the database has not recorded, in version order, then makes the derived
 * facts tables match their definition (facts-table.ts `ensureFacts`); returns the highest version
 * known. Going by the set (not the maximum) lets a migration numbered below one already applied
 * (developed in parallel) still run.
 */
export function migrate(db: Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER NOT NULL,
    applied_at TEXT NOT NULL,
    description TEXT NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_version').all() as { version: number }[]).map((r) => r.version),
  );
  const current = Math.max(0, ...applied);
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `archive schema version ${current} is newer than this program knows (${SCHEMA_VERSION}); upgrade lgsco-archive`,
    );
  }
  const pending = MIGRATIONS.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
  if (pending.length === 0) {
    updateFacts(db);
    return SCHEMA_VERSION;
  }
  // A table rebuild drops and renames tables other tables point at: foreign keys are checked once
  // each migration is done, not during it (the pragma cannot change inside a transaction).
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    for (const m of pending) applyMigration(db, m);
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  updateFacts(db);
  return SCHEMA_VERSION;
}

/** Derives the facts tables again when their definition changed (checked again inside IMMEDIATE). */
function updateFacts(db: Database): void {
  const current = db.prepare('SELECT definition FROM facts_state WHERE id = 1').get() as
    | { definition: string | null }
    | undefined;
  if (current?.definition === FACTS_DEFINITION) return;
  db.transaction(() => ensureFacts(db)).immediate();
}

function applyMigration(db: Database, m: Migration): void {
  // IMMEDIATE, and the version checked again inside: another process opening the same fresh
  // archive at the same moment (two crawls started together) may have applied it meanwhile.
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM schema_version WHERE version = ?').get(m.version)) return;
    if (m.up) m.up(db);
    else db.exec(m.sql);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0)
      throw new Error(`migration ${m.version} left ${broken.length} rows pointing at missing rows`);
    db.prepare('INSERT INTO schema_version (version, applied_at, description) VALUES (?, ?, ?)').run(
      m.version,
      new Date().toISOString(),
      m.description,
    );
  }).immediate();
}
