import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { countedInTotal } from '../core/facts.js';
import { seedArchive } from '../test/helpers/stub-api.js';
import { syntheticDecisions } from '../test/helpers/synthetic.js';
import { tempDir } from '../test/helpers/tmp.js';
import { FACTS_TABLES } from './facts-table.js';
import { Archive } from './index.js';

const dirs: { cleanup(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});

describe('facts tables (archive/facts-table.ts, core/facts-columns.ts)', () => {
  it('store what core/facts.ts computes: counted_in_total and the remedy figures follow countedInTotal()', () => {
    const tmp = tempDir('lgsco-facts-');
    dirs.push(tmp);
    const decisions = syntheticDecisions(40);
    const archive = seedArchive(tmp.dir, decisions);
    try {
      const db = archive.conn;
      for (const d of decisions) {
        const counted = d.payments.filter((p) => countedInTotal(p));
        expect(
          db
            .prepare(
              'SELECT remedy_payment_count AS n, max_payment AS max FROM decision_facts WHERE ref_key = ?',
            )
            .get(d.refKey),
        ).toEqual({
          n: counted.length,
          max: counted.length ? Math.max(...counted.map((p) => p.amount)) : null,
        });
        expect(
          (
            db
              .prepare('SELECT counted_in_total AS c FROM decision_payments WHERE ref_key = ? ORDER BY seq')
              .all(d.refKey) as { c: number }[]
          ).map((r) => r.c === 1),
        ).toEqual(d.payments.map((p) => countedInTotal(p)));
      }
      // No trigger restates a rule in SQL: the program writes every row.
      expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger'").get()).toEqual({
        n: 0,
      });
    } finally {
      archive.close();
    }
  });

  it('written from the record in hand on save, equal to what is derived again from the stored JSON', () => {
    const tmp = tempDir('lgsco-facts-');
    dirs.push(tmp);
    const archive = seedArchive(tmp.dir, syntheticDecisions(60));
    try {
      const dump = () =>
        FACTS_TABLES.map((t) => archive.conn.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
      const onSave = dump();
      expect(onSave[0]).toHaveLength(60);
      archive.rebuildFacts();
      expect(dump()).toEqual(onSave);
    } finally {
      archive.close();
    }
  });

  it('follow every change of a decision, and are derived again on open when their definition changed', () => {
    const tmp = tempDir('lgsco-facts-');
    dirs.push(tmp);
    const decisions = syntheticDecisions(5);
    let archive = seedArchive(tmp.dir, decisions);
    const key = decisions[0]!.refKey;
    const removedAt = () =>
      (
        archive.conn.prepare('SELECT removed_at AS r FROM decision_facts WHERE ref_key = ?').get(key) as {
          r: unknown;
        }
      ).r;
    archive.markRemoved(key, '2026-03-01T00:00:00.000Z');
    expect(removedAt()).toBe('2026-03-01T00:00:00.000Z');
    archive.clearRemoved(key);
    expect(removedAt()).toBeNull();
    const before = archive.conn.prepare('SELECT * FROM decision_facts ORDER BY ref_key').all();
    archive.close();
    // An archive whose facts tables were made by another definition (an older program).
    const raw = new BetterSqlite3(`${tmp.dir}/archive.sqlite`);
    raw.exec("DELETE FROM decision_facts; UPDATE facts_state SET definition = 'older'");
    raw.close();
    archive = Archive.open(tmp.dir);
    try {
      expect(archive.conn.prepare('SELECT * FROM decision_facts ORDER BY ref_key').all()).toEqual(before);
    } finally {
      archive.close();
    }
  });
});
