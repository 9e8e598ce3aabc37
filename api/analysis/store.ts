/**
 * Read side of the archive for statistics and exports: the facts tables the archive derives from
 * every record (`decision_facts`, `decision_payments`, …; archive/facts-table.ts), read through a
 * connection of our own, opened read-only, so nothing here can write to the archive of record.
 *
 * One implementation of "filters → rows" for the API and the CLI: `where()` turns the decision
 * filters (and an optional id set from the search index) into SQL with bound parameters only;
 * no value is ever spliced into SQL text.
 * @module
 */
import BetterSqlite3 from 'better-sqlite3';
import { ErrorCode, LgscoError } from '../../core/errors.js';
import { DELAY_SUBJECTS, delaySubjectColumn } from '../../core/facts-columns.js';
import type { DecisionFilters } from '../../indexer/index.js';
import { type RegistryFilters, registerRegistryFunctions, registryWhere } from './registry-filters.js';

export interface Where {
  /** "WHERE …" or "" (columns of decision_facts aliased f). */
  sql: string;
  params: unknown[];
}

const list = <T>(v: T | readonly T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? [...(v as T[])] : [v as T];

/** Columns compared as whole values, case-insensitively and trimmed (as Meilisearch does). */
const TEXT_FILTERS = {
  organisation: 'f.organisation',
  category: 'f.category',
  subcategory: 'f.subcategory',
  outcome: 'f.outcome',
  kind: 'f.kind',
  finding: 'f.finding',
} as const;

/**
 * The WHERE clause for `filters`, plus `refKeys` (the set a full-text query matched) when given.
 * An empty refKeys array matches nothing.
 */
export function where(filters: DecisionFilters & RegistryFilters, refKeys?: readonly string[]): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [key, column] of Object.entries(TEXT_FILTERS)) {
    const values = list<string>(filters[key as keyof typeof TEXT_FILTERS] as string | string[] | undefined);
    if (values.length === 0) continue;
    parts.push(`lower(trim(${column})) IN (SELECT lower(trim(value)) FROM json_each(?))`);
    params.push(JSON.stringify(values));
  }
  const years = list<number>(filters.year);
  if (years.length > 0) {
    parts.push('f.decision_year IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(years));
  }
  const keys = list<string>(filters.refKey);
  if (keys.length > 0) {
    parts.push('f.ref_key IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(keys));
  }
  const cmp = (sql: string, v: unknown) => {
    parts.push(sql);
    params.push(v);
  };
  if (filters.from !== undefined) cmp('f.decision_date >= ?', filters.from);
  if (filters.to !== undefined) cmp('f.decision_date <= ?', filters.to);
  if (filters.minRemedy !== undefined) cmp('f.remedy_total >= ?', filters.minRemedy);
  if (filters.maxRemedy !== undefined) cmp('f.remedy_total <= ?', filters.maxRemedy);
  if (filters.hasPayment !== undefined) cmp('f.has_payment = ?', filters.hasPayment ? 1 : 0);
  // With a subject, the delay bounds apply to the longest delay about it, and one must exist.
  let delayColumn = 'f.max_delay_days';
  if (filters.delaySubject !== undefined) {
    const subject = DELAY_SUBJECTS.find((s) => s === filters.delaySubject);
    if (!subject)
      throw new LgscoError(
        ErrorCode.BAD_REQUEST,
        `unknown delay subject ${JSON.stringify(filters.delaySubject)}`,
      );
    delayColumn = `f.${delaySubjectColumn(subject)}`;
    parts.push(`${delayColumn} > 0`);
  }
  if (filters.minDelay !== undefined) cmp(`${delayColumn} >= ?`, filters.minDelay);
  if (filters.maxDelay !== undefined) cmp(`${delayColumn} <= ?`, filters.maxDelay);
  if (filters.hasMissedEducation !== undefined)
    parts.push(`f.missed_education_count ${filters.hasMissedEducation ? '>' : '='} 0`);
  if (filters.minMissedEducation !== undefined)
    cmp('f.longest_missed_education_days >= ?', filters.minMissedEducation);
  if (filters.removed !== undefined) cmp('(f.removed_at IS NOT NULL) = ?', filters.removed ? 1 : 0);
  if (filters.headerComplete !== undefined) cmp('f.header_complete = ?', filters.headerComplete ? 1 : 0);
  if (filters.findingConflict !== undefined) cmp('f.finding_conflict = ?', filters.findingConflict ? 1 : 0);
  // organisationCode, organisationKind, region: the registry joined through org_code() & co.
  const reg = registryWhere(filters);
  parts.push(...reg.parts);
  params.push(...reg.params);
  if (refKeys !== undefined) {
    parts.push('f.ref_key IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(refKeys));
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Opens the archive file read-only (it must exist and be migrated to version 2). */
export function openReadOnly(file: string): BetterSqlite3.Database {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new LgscoError(ErrorCode.ARCHIVE, `cannot open the archive at ${file}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  db.pragma('busy_timeout = 10000');
  registerRegistryFunctions(db);
  const ok = db
    .prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'decision_facts'")
    .get();
  if (!ok) {
    db.close();
    throw new LgscoError(
      ErrorCode.ARCHIVE,
      `the archive at ${file} has no facts tables (schema version < 2): open it once with a current lgsco to migrate it`,
    );
  }
  return db;
}

/**
 * The shared read-only connection used by statistics and listings (each call runs and finishes
 * synchronously, so one connection serves every request). Streams open their own connection.
 */
export class AnalysisStore {
  readonly file: string;
  #db: BetterSqlite3.Database | undefined;

  constructor(file: string) {
    this.file = file;
  }

  get db(): BetterSqlite3.Database {
    this.#db ??= openReadOnly(this.file);
    return this.#db;
  }

  /** A fresh read-only connection for a long read (an export): one statement = one snapshot. */
  openSnapshot(): BetterSqlite3.Database {
    return openReadOnly(this.file);
  }

  /** Bumped by the archive on every change to a decision's facts: a cache key for derived files. */
  revision(): number {
    const row = this.db.prepare('SELECT revision FROM facts_state WHERE id = 1').get() as
      | { revision: number }
      | undefined;
    return row?.revision ?? 0;
  }

  close(): void {
    const db = this.#db;
    this.#db = undefined;
    if (db?.open) db.close();
  }
}
