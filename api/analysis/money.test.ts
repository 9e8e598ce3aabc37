/**
 * Money is exact in every export (issue #14 point 4): whole pence stored as INTEGER in the archive
 * and the SQLite download, pounds written with two decimals in CSV and the download, a number in
 * NDJSON — never 643546.8999999999.
 */
import { text } from 'node:stream/consumers';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../archive/index.js';
import type { Decision } from '../../core/record.js';
import { seedArchive } from '../../test/helpers/stub-api.js';
import { syntheticDecisions } from '../../test/helpers/synthetic.js';
import { tempDir } from '../../test/helpers/tmp.js';
import { exportStream } from './export.js';
import { sqliteExport } from './sqlite-export.js';
import { AnalysisStore } from './store.js';

// A sum as floating point leaves it: 643546.9 is not representable and adding pence drifts.
const DRIFTED = 643546.8999999999;

let tmp: { dir: string; cleanup(): void };
let archive: Archive;
let store: AnalysisStore;
let decision: Decision;

beforeAll(() => {
  tmp = tempDir('lgsco-money-');
  const [d] = syntheticDecisions(1);
  decision = {
    ...d!,
    remedyTotal: DRIFTED,
    payments: [{ ...d!.payments[0]!, amount: DRIFTED, status: 'agreed', countedInTotal: true }],
  };
  archive = seedArchive(tmp.dir, [decision]);
  store = new AnalysisStore(archive.file);
});

afterAll(() => {
  store?.close();
  archive?.close();
  tmp?.cleanup();
});

const csvRow = (csv: string) => {
  const [header, row] = csv.trim().split('\n');
  const h = header!.split(',');
  // The synthetic values used here contain no comma before the money columns' values.
  return (name: string) => row!.split(',')[h.indexOf(name)];
};

describe('money in exports', () => {
  it('the archive stores whole pence as INTEGER beside pounds', () => {
    expect(
      archive.conn
        .prepare(
          'SELECT remedy_total, remedy_total_pence, max_payment, max_payment_pence FROM decision_facts',
        )
        .get(),
    ).toEqual({
      remedy_total: 643546.9,
      remedy_total_pence: 64354690,
      max_payment: 643546.9,
      max_payment_pence: 64354690,
    });
    expect(archive.conn.prepare('SELECT amount, amount_pence FROM decision_payments').get()).toEqual({
      amount: 643546.9,
      amount_pence: 64354690,
    });
  });

  it('CSV prints 643546.90 (decisions and payments), NDJSON the number 643546.9', async () => {
    const dec = await text(exportStream(store, 'csv', { rows: 'decisions', filters: {} }));
    expect(dec).not.toContain('8999');
    expect(csvRow(dec)('remedy_total')).toBe('643546.90');
    expect(csvRow(dec)('remedy_total_pence')).toBe('64354690');
    const pay = await text(exportStream(store, 'csv', { rows: 'payments', filters: {} }));
    expect(pay).not.toContain('8999');
    expect(csvRow(pay)('amount')).toBe('643546.90');
    const nd = JSON.parse(await text(exportStream(store, 'ndjson', { rows: 'decisions', filters: {} })));
    expect(nd.remedy_total).toBe(643546.9);
    expect(nd.remedy_total_pence).toBe(64354690);
  });

  it('the SQLite download has pence as INTEGER, pounds as decimal text, and says so in its notes', async () => {
    const dl = tempDir('lgsco-money-dl-');
    const exp = await sqliteExport(store, dl.dir);
    const db = new BetterSqlite3(exp.file, { readonly: true });
    try {
      const type = (t: string, c: string) =>
        (db.prepare(`SELECT type FROM pragma_table_info('${t}') WHERE name = ?`).get(c) as { type: string })
          .type;
      expect(type('payments', 'amount_pence')).toBe('INTEGER');
      expect(type('payments', 'amount')).toBe('TEXT');
      expect(type('decisions', 'remedy_total_pence')).toBe('INTEGER');
      expect(db.prepare('SELECT remedy_total, remedy_total_pence FROM decisions').get()).toEqual({
        remedy_total: '643546.90',
        remedy_total_pence: 64354690,
      });
      expect(db.prepare('SELECT amount, amount_pence FROM payments').get()).toEqual({
        amount: '643546.90',
        amount_pence: 64354690,
      });
      const notes = db.prepare("SELECT value FROM export_info WHERE key = 'notes'").get() as {
        value: string;
      };
      expect(notes.value).toMatch(/whole pence as an INTEGER/);
      expect(
        db
          .prepare("SELECT note FROM columns WHERE table_name = 'payments' AND column_name = 'amount_pence'")
          .get(),
      ).toEqual({ note: expect.stringMatching(/^Whole pence/) });
    } finally {
      db.close();
      dl.cleanup();
    }
  });
});
