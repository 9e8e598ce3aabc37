/**
 * The analysis layer without Meilisearch: filters → SQL (bound parameters only), exact statistics
 * against figures computed here from the same synthetic records, exports, the SQLite file, and the
 * small security helpers (CORS setting, bearer check).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../archive/index.js';
import type { Decision } from '../core/record.js';
import type { DecisionFilters } from '../indexer/index.js';
import { seedArchive } from '../test/helpers/stub-api.js';
import { syntheticDecisions } from '../test/helpers/synthetic.js';
import {
  AnalysisStore,
  computeStats,
  exportStream,
  FilterQuery,
  listOrganisations,
  median,
  sqliteExport,
  where,
} from './analysis/index.js';
import { corsOrigin } from './app.js';
import { bearerMatches } from './routes/admin.js';

let dir: string;
let archive: Archive;
let store: AnalysisStore;
const decisions: Decision[] = syntheticDecisions(120);
// One record as archived before facts existed: no fact fields at all.
const bare = (() => {
  const {
    finding,
    notInvestigatedReason,
    payments,
    remedyTotal,
    apology,
    serviceImprovements,
    deadlineDays,
    delays,
    missedEducation,
    ...rest
  } = decisions[119]!;
  return rest;
})();

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lgsco-analysis-'));
  archive = seedArchive(dir, decisions);
  // Rewrite the last record as an old one, straight in SQLite (the schema would refuse it now).
  const raw = new BetterSqlite3(archive.file);
  raw
    .prepare('UPDATE decisions SET record_json = ? WHERE ref_key = ?')
    .run(JSON.stringify(bare), bare.refKey);
  raw.close();
  // The facts tables are derived by the program: derive them again from the rewritten record.
  archive.rebuildFacts();
  archive.markRemoved(decisions[3]!.refKey);
  store = new AnalysisStore(archive.file);
});

afterAll(() => {
  store?.close();
  archive?.close();
  rmSync(dir, { recursive: true, force: true });
});

const facts = (d: Decision) =>
  d.refKey === bare.refKey ? { remedyTotal: 0, finding: 'unknown', delays: [] } : d;
const maxDelay = (d: Decision) => Math.max(0, ...facts(d).delays.map((x: { days: number }) => x.days));

describe('where()', () => {
  it('binds every value; SQL-looking values are just values', () => {
    const w = where({ organisation: ["x' OR 1=1 --", 'Derby City Council'], minRemedy: 100, removed: true });
    expect(w.sql).not.toContain('1=1');
    expect(w.sql).not.toContain('Derby');
    expect(w.params).toEqual([JSON.stringify(["x' OR 1=1 --", 'Derby City Council']), 100, 1]);
    for (const evil of ["') OR 1=1; DROP TABLE decisions; --", '" OR ""="', '%', '_', '\\']) {
      expect(computeStats(store, 'none', { organisation: evil }).total.decisions).toBe(0);
    }
    expect(archive.counts().decisions).toBe(120);
  });

  it('an empty id list (a query matching nothing) selects nothing', () => {
    expect(computeStats(store, 'none', {}, []).total.decisions).toBe(0);
  });
});

describe('computeStats', () => {
  const cases: Array<[DecisionFilters, (d: Decision) => boolean]> = [
    [{}, () => true],
    [{ organisation: 'derby city council' }, (d) => d.organisation === 'Derby City Council'],
    [{ finding: ['no_fault'] }, (d) => facts(d).finding === 'no_fault'],
    [{ finding: 'unknown' }, (d) => d.refKey === bare.refKey],
    [{ hasPayment: true }, (d) => facts(d).remedyTotal > 0],
    [{ minRemedy: 300, maxRemedy: 600 }, (d) => facts(d).remedyTotal >= 300 && facts(d).remedyTotal <= 600],
    [{ minDelay: 50 }, (d) => maxDelay(d) >= 50],
    [{ year: [2020, 2023] }, (d) => ['2020', '2023'].includes(d.decisionDate!.slice(0, 4))],
    [
      { from: '2021-03-01', to: '2022-02-28' },
      (d) => d.decisionDate! >= '2021-03-01' && d.decisionDate! <= '2022-02-28',
    ],
    [{ removed: true }, (d) => d.refKey === decisions[3]!.refKey],
  ];
  it.each(cases.map(([f, p], i) => [i, JSON.stringify(f), f, p] as const))(
    'case %i %s',
    (_i, _l, filters, pred) => {
      const ds = decisions.filter(pred);
      const paid = ds.filter((d) => facts(d).remedyTotal > 0);
      const t = computeStats(store, 'none', filters).total;
      expect(t.decisions).toBe(ds.length);
      expect(t.upheld).toBe(ds.filter((d) => d.outcome === 'Upheld').length);
      expect(t.withPayment).toBe(paid.length);
      expect(t.remedyTotal).toBe(paid.reduce((s, d) => s + facts(d).remedyTotal, 0));
      expect(t.remedyMedian).toBe(median(paid.map((d) => facts(d).remedyTotal)));
      expect(t.withDelay).toBe(ds.filter((d) => maxDelay(d) > 0).length);
      expect(t.medianDelayDays).toBe(median(ds.map(maxDelay).filter((x) => x > 0)));
    },
  );

  it('groups: years oldest first, organisations by count, quarters as yyyy-Qn; total = sum of groups', () => {
    const byYear = computeStats(store, 'year', {});
    expect(byYear.groups.map((g) => g.key)).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
    expect(byYear.groups.reduce((s, g) => s + g.decisions, 0)).toBe(120);
    const byOrg = computeStats(store, 'organisation', {});
    for (let i = 1; i < byOrg.groups.length; i++)
      expect(byOrg.groups[i - 1]!.decisions).toBeGreaterThanOrEqual(byOrg.groups[i]!.decisions);
    const q = computeStats(store, 'quarter', {});
    expect(q.groups.every((g) => /^\d{4}-Q[1-4]$/.test(String(g.key)))).toBe(true);
    expect(computeStats(store, 'finding', {}).groups.find((g) => g.key === 'unknown')?.withoutFacts).toBe(1);
  });

  it('median is exact (middle value, or mean of the two middle values)', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('organisations list counts per organisation', () => {
    const orgs = listOrganisations(store, {});
    expect(orgs.reduce((s, o) => s + o.decisions, 0)).toBe(120);
    expect(orgs.map((o) => o.organisation)).toEqual([...orgs.map((o) => o.organisation)].sort());
  });
});

describe('exports', () => {
  it('CSV rows and payments rows match the records; NDJSON carries nested facts', async () => {
    const csv = await text(exportStream(store, 'csv', { rows: 'decisions', filters: {} }));
    expect(csv.split('\n').filter(Boolean).length).toBe(121);
    const pay = await text(exportStream(store, 'csv', { rows: 'payments', filters: {} }));
    const payments = decisions.slice(0, 119).flatMap((d) => d.payments);
    expect(pay.split('\n').filter(Boolean).length).toBe(payments.length + 1);
    const nd = (
      await text(exportStream(store, 'ndjson', { rows: 'decisions', filters: { hasPayment: true } }))
    )
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(nd.length).toBe(decisions.filter((d) => facts(d).remedyTotal > 0).length);
    expect(nd.every((r) => Array.isArray(r.payments) && r.payments.length === 1)).toBe(true);
    expect(nd[0].payments[0].evidence.text).toMatch(/^pay Mr X £\d+$/);
  });

  it('SQLite file: typed tables, cached per revision, rebuilt after a change', async () => {
    const cache = path.join(dir, 'exports');
    const a = await sqliteExport(store, cache);
    const b = await sqliteExport(store, cache);
    expect(b.file).toBe(a.file);
    const db = new BetterSqlite3(a.file, { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM decisions').get() as { n: number }).n).toBe(120);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    archive.markRemoved(decisions[5]!.refKey);
    const c = await sqliteExport(store, cache);
    expect(c.revision).toBeGreaterThan(a.revision);
    expect(c.file).not.toBe(a.file);
  });
});

describe('query schema and security helpers', () => {
  it('parses the filter query and names the parameter on errors', () => {
    expect(
      FilterQuery.parse({ finding: 'no_fault,unknown', year: ['2024', '2025'], hasPayment: '1' }),
    ).toEqual({
      finding: ['no_fault', 'unknown'],
      year: [2024, 2025],
      hasPayment: true,
    });
    const bad = FilterQuery.safeParse({ minRemedy: '12abc' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['minRemedy']);
  });

  it('CORS origins from the setting', () => {
    expect(corsOrigin(undefined)).toBeUndefined();
    expect(corsOrigin('')).toBeUndefined();
    expect(corsOrigin('*')).toBe(true);
    expect(corsOrigin('https://a.example, https://b.example')).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('bearer token check', () => {
    const token = 'x'.repeat(32);
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(undefined, token)).toBe(false);
    expect(bearerMatches('Bearer ', token)).toBe(false);
  });
});
