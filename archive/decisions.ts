/**
 * Decisions: one row per refKey with its parsed record (validated on save), every page version,
 * the removed-from-source flag, the re-check clock and what the search index holds.
 * @module
 */
import type BetterSqlite3 from 'better-sqlite3';
import { type ArchivedDecision, Decision } from '../core/record.js';
import { FactsWriter } from './facts-table.js';
import type { Pages } from './pages.js';
import {
  type ArchiveContext,
  ArchiveError,
  type IndexableDecision,
  ITER_PAGE,
  now,
  type RecheckTarget,
  sha256,
} from './types.js';

interface DecisionRow {
  ref_key: string;
  record_json: string;
  record_hash: string;
  page_hash: string;
  first_fetched_at: string;
  last_fetched_at: string;
  removed_at: string | null;
}

type IndexRow = { ref_key: string; record_json: string; removed_at: string | null };

/** The hash identifying a record's content, as stored in decisions.record_hash / indexed_hash. */
export function recordHash(record: Decision): string {
  return sha256(JSON.stringify(Decision.parse(record)));
}

export class Decisions {
  private readonly stmts;
  /** The facts tables follow every change of a decision, in the same transaction. */
  private readonly facts: FactsWriter;

  constructor(
    private readonly ctx: ArchiveContext,
    private readonly pages: Pages,
  ) {
    const db = ctx.conn;
    this.facts = new FactsWriter(db);
    this.stmts = {
      hasDecision: db.prepare<[string], { x: number }>('SELECT 1 AS x FROM decisions WHERE ref_key = ?'),
      getDecisionRow: db.prepare<[string], DecisionRow>(
        `SELECT ref_key, record_json, record_hash, page_hash, first_fetched_at, last_fetched_at, removed_at
         FROM decisions WHERE ref_key = ?`,
      ),
      insertDecision: db.prepare(
        `INSERT INTO decisions (ref_key, ref, url, organisation, category, subcategory, outcome, decision_date, kind,
           record_json, record_hash, parser_version, page_hash, first_fetched_at, last_fetched_at)
         VALUES (@refKey, @ref, @url, @organisation, @category, @subcategory, @outcome, @decisionDate, @kind,
           @recordJson, @recordHash, @parserVersion, @pageHash, @fetchedAt, @fetchedAt)`,
      ),
      updateDecision: db.prepare(
        `UPDATE decisions SET ref = @ref, url = @url, organisation = @organisation, category = @category,
           subcategory = @subcategory, outcome = @outcome, decision_date = @decisionDate, kind = @kind,
           record_json = @recordJson, record_hash = @recordHash, parser_version = @parserVersion,
           page_hash = @pageHash,
           last_fetched_at = MAX(last_fetched_at, @fetchedAt),
           first_fetched_at = MIN(first_fetched_at, @fetchedAt)
         WHERE ref_key = @refKey`,
      ),
      restamp: db.prepare(
        `UPDATE decisions SET record_json = @recordJson, record_hash = @recordHash, parser_version = @parserVersion
         WHERE ref_key = @refKey`,
      ),
      insertVersion: db.prepare(
        'INSERT OR IGNORE INTO decision_versions (ref_key, page_hash, fetched_at) VALUES (?, ?, ?)',
      ),
      versions: db.prepare<[string], { page_hash: string; fetched_at: string }>(
        'SELECT page_hash, fetched_at FROM decision_versions WHERE ref_key = ? ORDER BY fetched_at, page_hash',
      ),
      decisionsAfter: db.prepare<[string], IndexRow>(
        `SELECT ref_key, record_json, removed_at FROM decisions WHERE ref_key > ? ORDER BY ref_key LIMIT ${ITER_PAGE}`,
      ),
      needingIndexAfter: db.prepare<[string], IndexRow>(
        `SELECT ref_key, record_json, removed_at FROM decisions
         WHERE ref_key > ? AND (indexed_hash IS NULL OR indexed_hash <> record_hash)
         ORDER BY ref_key LIMIT ${ITER_PAGE}`,
      ),
      markIndexedCurrent: db.prepare('UPDATE decisions SET indexed_hash = record_hash WHERE ref_key = ?'),
      markIndexedHash: db.prepare('UPDATE decisions SET indexed_hash = ? WHERE ref_key = ?'),
      clearIndexed: db.prepare('UPDATE decisions SET indexed_hash = NULL'),
      indexedCount: db.prepare<[], { n: number }>(
        'SELECT COUNT(*) AS n FROM decisions WHERE indexed_hash = record_hash',
      ),
      // A change of the removed flag changes the index document: it needs indexing again.
      markRemoved: db.prepare(
        'UPDATE decisions SET removed_at = ?, indexed_hash = NULL WHERE ref_key = ? AND removed_at IS NULL',
      ),
      clearRemoved: db.prepare(
        'UPDATE decisions SET removed_at = NULL, indexed_hash = NULL WHERE ref_key = ? AND removed_at IS NOT NULL',
      ),
      touchChecked: db.prepare('UPDATE decisions SET last_checked_at = ? WHERE ref_key = ?'),
      dueForRecheck: db.prepare<[string, number], RecheckTarget>(
        `SELECT ref_key AS refKey, url, page_hash AS pageHash, removed_at AS removedAt,
                COALESCE(last_checked_at, last_fetched_at) AS checkedAt
         FROM decisions WHERE COALESCE(last_checked_at, last_fetched_at) < ?
         ORDER BY COALESCE(last_checked_at, last_fetched_at), ref_key LIMIT ?`,
      ),
      newestDecisionDate: db.prepare<[], { d: string | null }>(
        'SELECT MAX(decision_date) AS d FROM decisions',
      ),
    };
  }

  hasDecision(refKey: string): boolean {
    return this.stmts.hasDecision.get(refKey) !== undefined;
  }

  /**
   * Upserts the decision parsed from the stored page `pageHash` (validated against the Decision
   * schema) and records the page version. `inserted`: a new decision; `changed`: an existing one
   * whose record or page differs from what was stored.
   */
  saveDecision(
    record: Decision,
    pageHash: string,
    opts: { fetchedAt?: string } = {},
  ): { inserted: boolean; changed: boolean } {
    const parsed = Decision.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ArchiveError(
        `record ${JSON.stringify((record as { refKey?: unknown })?.refKey)} is not a valid Decision: ` +
          `${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
        { cause: parsed.error },
      );
    }
    const d = parsed.data;
    const recordJson = JSON.stringify(d);
    const hash = sha256(recordJson);
    return this.ctx.write(() => {
      if (!this.pages.hasBlob(pageHash)) throw new ArchiveError(`no stored page with hash ${pageHash}`);
      const fetchedAt = opts.fetchedAt ?? this.pages.lastFetchedAt(pageHash) ?? now();
      const params = {
        refKey: d.refKey,
        ref: d.ref,
        url: d.url,
        organisation: d.organisation,
        category: d.category,
        subcategory: d.subcategory,
        outcome: d.outcome,
        decisionDate: d.decisionDate,
        kind: d.kind,
        recordJson,
        recordHash: hash,
        parserVersion: d.parserVersion,
        pageHash,
        fetchedAt,
      };
      const existing = this.stmts.getDecisionRow.get(d.refKey);
      if (existing) this.stmts.updateDecision.run(params);
      else this.stmts.insertDecision.run(params);
      this.stmts.insertVersion.run(d.refKey, pageHash, fetchedAt);
      // The record as stored: JSON.stringify drops undefined fields, as JSON.parse would not see them.
      this.facts.refresh(d.refKey, d);
      return {
        inserted: !existing,
        changed: !!existing && (existing.record_hash !== hash || existing.page_hash !== pageHash),
      };
    });
  }

  /**
   * Writes a record that says what the stored one says, parser version aside (a re-parse by a new
   * parser version found nothing else to change): only the record, its hash and the version move,
   * and the facts rows keep everything but their parser_version. `recordJson` must be the stored
   * record's JSON with the version written in — the caller has compared them. Returns the new hash.
   */
  restampDecision(refKey: string, recordJson: string, parserVersion: string): string {
    const hash = sha256(recordJson);
    this.ctx.write(() => {
      const r = this.stmts.restamp.run({ refKey, recordJson, recordHash: hash, parserVersion });
      if (r.changes !== 1) throw new ArchiveError(`no archived decision ${refKey} to restamp`);
      this.facts.restamp(refKey, parserVersion);
    });
    return hash;
  }

  /** The stored record with its archive history, or undefined. */
  getDecision(refKey: string): ArchivedDecision | undefined {
    const row = this.stmts.getDecisionRow.get(refKey);
    if (!row) return undefined;
    const record = JSON.parse(row.record_json) as Decision;
    return {
      ...record,
      archive: {
        firstFetchedAt: row.first_fetched_at,
        lastFetchedAt: row.last_fetched_at,
        removedAt: row.removed_at,
        pageHash: row.page_hash,
        versions: this.stmts.versions
          .all(refKey)
          .map((v) => ({ pageHash: v.page_hash, fetchedAt: v.fetched_at })),
      },
    };
  }

  /** The decision's record as the search index should see it now (with the removed flag), if archived. */
  indexableDecision(refKey: string): IndexableDecision | undefined {
    const d = this.getDecision(refKey);
    if (!d) return undefined;
    const { archive: state, ...record } = d;
    return state.removedAt ? { ...record, removedFromSource: true } : record;
  }

  /** Marks a decision as taken down by the source, keeping the first date (see Archive.markRemoved). */
  markRemoved(refKey: string, at: string = now()): boolean {
    return this.ctx.write(() => {
      const changed = this.stmts.markRemoved.run(at, refKey).changes > 0;
      if (changed) this.facts.refresh(refKey);
      return changed;
    });
  }

  /** The page is back at the source: clears the removed flag (and queues the index update). */
  clearRemoved(refKey: string): boolean {
    return this.ctx.write(() => {
      const changed = this.stmts.clearRemoved.run(refKey).changes > 0;
      if (changed) this.facts.refresh(refKey);
      return changed;
    });
  }

  /** Derives every facts row again from the stored records (facts-table.ts). */
  rebuildFacts(): void {
    this.ctx.write(() => this.facts.rebuild());
  }

  /** Records that the source was asked about a decision (a 304, an unchanged page, a 404). */
  touchChecked(refKey: string, at: string = now()): void {
    this.stmts.touchChecked.run(at, refKey);
  }

  /** Archived decisions last asked about before `before` (ISO time), least recently checked first. */
  dueForRecheck(before: string, limit: number = Number.MAX_SAFE_INTEGER): RecheckTarget[] {
    return this.stmts.dueForRecheck.all(before, limit);
  }

  /** The latest decision date in the archive (yyyy-mm-dd), or undefined when it is empty. */
  newestDecisionDate(): string | undefined {
    return this.stmts.newestDecisionDate.get()?.d ?? undefined;
  }

  /** Every decision record, by refKey; constant memory (keyset pages), safe to write while iterating. */
  *iterateDecisions(): Generator<IndexableDecision> {
    yield* this.keyset(this.stmts.decisionsAfter);
  }

  /** Decisions whose index document is out of date (safe to markIndexed while iterating). */
  *decisionsNeedingIndex(): Generator<IndexableDecision> {
    yield* this.keyset(this.stmts.needingIndexAfter);
  }

  private *keyset(stmt: BetterSqlite3.Statement<[string], IndexRow>): Generator<IndexableDecision> {
    let after = '';
    for (;;) {
      const rows = stmt.all(after);
      for (const r of rows) {
        const record = JSON.parse(r.record_json) as IndexableDecision;
        if (r.removed_at !== null) record.removedFromSource = true;
        yield record;
      }
      if (rows.length < ITER_PAGE) return;
      after = rows.at(-1)!.ref_key;
    }
  }

  /** See Archive.markIndexed. */
  markIndexed(refKeys: string | readonly string[], hash?: string): void {
    const keys = typeof refKeys === 'string' ? [refKeys] : refKeys;
    if (hash !== undefined && keys.length !== 1)
      throw new ArchiveError('markIndexed with a hash takes one refKey');
    this.ctx.write(() => {
      for (const k of keys) {
        if (hash !== undefined) this.stmts.markIndexedHash.run(hash, k);
        else this.stmts.markIndexedCurrent.run(k);
      }
    });
  }

  /** Decisions whose current record the index holds (the index should hold at least this many). */
  indexedDecisions(): number {
    return this.stmts.indexedCount.get()!.n;
  }

  /** Forgets what was indexed (after the index was cleared): every decision needs indexing again. */
  clearIndexed(): void {
    this.stmts.clearIndexed.run();
  }
}
