/**
 * The query and analysis API end to end, all real: the replica over HTTP, the crawler and parser
 * (with fact extraction), the SQLite archive, Meilisearch and the API.
 *
 * Every figure the API gives is compared with one computed here independently, from the records
 * the archive holds (`archive.iterateDecisions()`), with plain JavaScript. Those records are in
 * turn compared with the replica's ground truth (`corpus.full(i)`); where the parser and the truth
 * disagree the archive is what the API must reflect, and the disagreement counts are printed as
 * `[measure]` lines rather than hidden.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../api/index.js';
import { openServices, type Services } from '../../cli/services.js';
import { type Config, loadConfig } from '../../core/config.js';
import { countedInTotal, DelayAbout } from '../../core/facts.js';
import { silentLogger } from '../../core/log.js';
import type { Decision } from '../../core/record.js';
import { runCrawl } from '../../crawler/index.js';
import { defaultRegistry } from '../../registry/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { tempDir } from '../helpers/tmp.js';

const DECISIONS = 400;
const TOKEN = 'admin-token-for-tests-0123456789';

type Rec = Decision & { removedFromSource?: boolean };

describe('query and analysis API against the replica', () => {
  const tmp = tempDir('lgsco-api-analysis-');
  let replica: ReplicaServer;
  let services: Services;
  let config: Readonly<Config>;
  let app: FastifyInstance;
  let api: string;
  let records: Rec[] = [];
  const removed = new Set<string>();

  beforeAll(async () => {
    replica = await startReplica({ port: 0, seed: 23, decisions: DECISIONS });
    config = loadConfig(
      {
        dataDir: tmp.dir,
        baseUrl: replica.url,
        rate: 400,
        concurrency: 8,
        logLevel: 'silent',
      },
      { LGSCO_ADMIN_TOKEN: TOKEN, LGSCO_API_RATE_LIMIT: '0' },
    );
    services = await openServices(config, silentLogger);
    await runCrawl({
      config,
      archive: services.archive,
      log: silentLogger,
      onRecords: (r) => services.indexRecords(r),
    });
    // Two decisions taken down by the source: kept, flagged, re-indexed with the flag.
    for (const d of replica.corpus.decisions.slice(10, 12)) {
      services.archive.markRemoved(d.refKey);
      removed.add(d.refKey);
    }
    await services.catchUpIndex();
    records = [...services.archive.iterateDecisions()].map((r) => ({
      ...r,
      removedFromSource: removed.has(r.refKey),
    }));
    app = await buildApi({ config, archive: services.archive, index: services.index });
    api = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await services?.close();
    await replica?.close();
    tmp.cleanup();
  });

  const get = async (p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${api}${p}`, { headers });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in assertions
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, body, text, headers: res.headers };
  };

  // ---- independent computations ---------------------------------------------------------------

  const maxDelay = (d: Rec) => Math.max(0, ...(d.delays ?? []).map((x) => x.days));
  const remedyOf = (d: Rec) => d.remedyTotal ?? 0;
  const remedyPayments = (d: Rec) => (d.payments ?? []).filter((p) => countedInTotal(p)).length;
  const round2 = (n: number) => Math.round(n * 100) / 100;
  const sumPence = (ds: Rec[]) => ds.reduce((s, d) => s + Math.round(remedyOf(d) * 100), 0) / 100;
  const med = (xs: number[]) => {
    if (xs.length === 0) return null;
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const subjectDelay = (d: Rec, s: string) =>
    Math.max(0, ...(d.delays ?? []).filter((x) => x.about === s).map((x) => x.days));
  // A period's length: as stated, else whole months between its dates × 30 (README, missed education).
  const longestMissed = (d: Rec) => {
    const months = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7));
    const lengths = (d.missedEducation ?? [])
      .map((m) =>
        m.days !== null
          ? m.days
          : m.from && m.to && months(m.to) > months(m.from)
            ? (months(m.to) - months(m.from)) * 30
            : null,
      )
      .filter((x): x is number => x !== null);
    return lengths.length ? Math.max(...lengths) : null;
  };
  const figures = (ds: Rec[]) => {
    const paid = ds.filter((d) => remedyOf(d) > 0);
    const delayed = ds.map(maxDelay).filter((x) => x > 0);
    return {
      decisions: ds.length,
      upheld: ds.filter((d) => d.outcome === 'Upheld').length,
      faultFound: ds.filter((d) => d.finding === 'fault_injustice' || d.finding === 'fault_no_injustice')
        .length,
      withPayment: paid.length,
      payments: ds.reduce((s, d) => s + remedyPayments(d), 0),
      remedyTotal: sumPence(ds),
      remedyMedian: med(paid.map(remedyOf)) === null ? null : round2(med(paid.map(remedyOf))!),
      remedyMax: paid.length ? Math.max(...paid.map(remedyOf)) : null,
      withDelay: delayed.length,
      medianDelayDays: round1(med(delayed)),
      delaysBySubject: Object.fromEntries(
        DelayAbout.options.map((s) => {
          const days = ds.map((d) => subjectDelay(d, s)).filter((x) => x > 0);
          return [s, { withDelay: days.length, medianDelayDays: round1(med(days)) }];
        }),
      ),
      withMissedEducation: ds.filter((d) => (d.missedEducation ?? []).length > 0).length,
      medianMissedEducationDays: round1(med(ds.map(longestMissed).filter((x): x is number => x !== null))),
      removed: ds.filter((d) => d.removedFromSource).length,
      headerIncomplete: ds.filter((d) => d.headerComplete === false).length,
      findingConflicts: ds.filter((d) => d.findingConflict != null).length,
    };
  };
  const pick = (row: Record<string, unknown>) => {
    const {
      key: _k,
      upheldRate: _u,
      faultRate: _f,
      remedyMaxRef: _r,
      withoutFacts: _w,
      firstDecisionDate: _a,
      lastDecisionDate: _b,
      // Figures per resident: checked against the registry in api/analysis/registry-join.test.ts.
      perResident: _p,
      ...rest
    } = row;
    return rest;
  };

  const qs = (params: Record<string, string | number | boolean | Array<string | number> | undefined>) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined) continue;
      for (const x of Array.isArray(v) ? v : [v]) u.append(k, String(x));
    }
    return u.toString();
  };

  // The busiest organisation and its commonest category: the reporter's question.
  const busiest = () => {
    const by = new Map<string, number>();
    for (const d of records) by.set(d.organisation, (by.get(d.organisation) ?? 0) + 1);
    return [...by.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  };

  // ---- archive vs truth ------------------------------------------------------------------------

  it('archives every decision; reports where the parser and the ground truth disagree', () => {
    expect(records.length).toBe(DECISIONS);
    const truth = new Map(
      replica.corpus.decisions.map((m) => [m.refKey, replica.corpus.full(m.index)] as const),
    );
    let finding = 0;
    let remedy = 0;
    let paymentCount = 0;
    let delay = 0;
    const examples: string[] = [];
    for (const d of records) {
      const t = truth.get(d.refKey)!;
      if (t.finding !== d.finding) finding++;
      if (Math.abs(t.remedyTotal - remedyOf(d)) > 0.005) {
        remedy++;
        if (examples.length < 5) examples.push(`${d.ref}: truth £${t.remedyTotal}, archive £${remedyOf(d)}`);
      }
      const tPay = t.payments.filter(
        (p) => p.amount !== null && ['agreed', 'recommended', 'already_paid'].includes(p.status),
      ).length;
      if (tPay !== remedyPayments(d)) paymentCount++;
      const tDelay = Math.max(0, ...t.delays.map((x) => x.days));
      if (tDelay !== maxDelay(d)) delay++;
    }
    console.info(
      `[measure] parser vs truth over ${records.length} decisions: finding differs ${finding}, ` +
        `remedyTotal differs ${remedy}, remedy payment count differs ${paymentCount}, longest delay differs ${delay}` +
        (examples.length ? ` (${examples.join('; ')})` : ''),
    );
    const truthTotal = [...truth.values()].reduce((s, t) => s + Math.round(t.remedyTotal * 100), 0) / 100;
    console.info(`[measure] remedy total: truth £${truthTotal}, archive £${sumPence(records)}`);
    // The facts are there at all (a parser without facts would leave everything "unknown").
    expect(records.filter((d) => d.finding !== 'unknown').length).toBeGreaterThan(DECISIONS * 0.8);
    expect(records.some((d) => remedyOf(d) > 0)).toBe(true);
  });

  // ---- stats and filters -----------------------------------------------------------------------

  it('every filter: search total, stats figures and the archive agree', async () => {
    const org = busiest();
    const years = [
      ...new Set(records.flatMap((d) => (d.decisionDate ? [Number(d.decisionDate.slice(0, 4))] : []))),
    ].sort();
    const cases: Array<[Record<string, string | number | boolean | string[]>, (d: Rec) => boolean]> = [
      [{}, () => true],
      [{ organisation: org }, (d) => d.organisation === org],
      [{ organisation: org.toUpperCase() }, (d) => d.organisation === org],
      [{ category: 'Education' }, (d) => d.category === 'Education'],
      [{ category: ['Education', 'Housing'] }, (d) => ['Education', 'Housing'].includes(d.category)],
      [{ subcategory: 'Special educational needs' }, (d) => d.subcategory === 'Special educational needs'],
      [{ outcome: 'Upheld' }, (d) => d.outcome === 'Upheld'],
      [{ finding: 'fault_injustice' }, (d) => d.finding === 'fault_injustice'],
      [{ finding: 'no_fault,not_investigated' }, (d) => ['no_fault', 'not_investigated'].includes(d.finding)],
      [
        { year: years[years.length - 2]! },
        (d) => d.decisionDate?.startsWith(String(years[years.length - 2])) ?? false,
      ],
      [
        { from: '2022-01-01', to: '2023-06-30' },
        (d) => (d.decisionDate ?? '') >= '2022-01-01' && (d.decisionDate ?? '') <= '2023-06-30',
      ],
      [{ minRemedy: 1000 }, (d) => remedyOf(d) >= 1000],
      [{ minRemedy: 200, maxRemedy: 900 }, (d) => remedyOf(d) >= 200 && remedyOf(d) <= 900],
      [{ hasPayment: true }, (d) => remedyOf(d) > 0],
      [{ hasPayment: false }, (d) => remedyOf(d) === 0],
      [{ minDelay: 140 }, (d) => maxDelay(d) >= 140],
      [{ maxDelay: 60 }, (d) => maxDelay(d) <= 60],
      // Delays by what they were about (issue #14, point 7): the longest delay ABOUT the subject.
      [{ delaySubject: 'ehc_plan' }, (d) => subjectDelay(d, 'ehc_plan') > 0],
      [{ delaySubject: 'ehc_plan', minDelay: 60 }, (d) => subjectDelay(d, 'ehc_plan') >= 60],
      [
        { delaySubject: 'complaint_response', maxDelay: 100 },
        (d) => subjectDelay(d, 'complaint_response') > 0 && subjectDelay(d, 'complaint_response') <= 100,
      ],
      // Missed education (point 8).
      [{ hasMissedEducation: true }, (d) => (d.missedEducation ?? []).length > 0],
      [{ hasMissedEducation: false }, (d) => (d.missedEducation ?? []).length === 0],
      [{ minMissedEducation: 90 }, (d) => (longestMissed(d) ?? -1) >= 90],
      [{ removed: true }, (d) => !!d.removedFromSource],
      [{ removed: false }, (d) => !d.removedFromSource],
      [{ headerComplete: false }, (d) => !d.headerComplete],
      [{ headerComplete: true, outcome: 'Upheld' }, (d) => d.headerComplete && d.outcome === 'Upheld'],
      [{ findingConflict: false }, (d) => !d.findingConflict],
      [
        { category: 'Education', outcome: 'Upheld', hasPayment: true, from: '2020-01-01' },
        (d) =>
          d.category === 'Education' &&
          d.outcome === 'Upheld' &&
          remedyOf(d) > 0 &&
          (d.decisionDate ?? '') >= '2020-01-01',
      ],
    ];
    for (const [params, pred] of cases) {
      const expected = figures(records.filter(pred));
      const label = JSON.stringify(params);
      const search = await get(`/api/search?limit=1&${qs(params)}`);
      expect(search.status, label).toBe(200);
      expect(search.body.total, label).toBe(expected.decisions);
      const stats = await get(`/api/stats?${qs(params)}`);
      expect(stats.status, label).toBe(200);
      expect(pick(stats.body.total), label).toEqual(expected);
    }
  });

  it('every groupBy gives exact per-group figures', async () => {
    const keyOf: Record<string, (d: Rec) => string | number> = {
      organisation: (d) => d.organisation,
      category: (d) => d.category,
      subcategory: (d) => d.subcategory ?? '(none)',
      // Pages printed without their header lines have no outcome or date: one "(not stated)" group.
      outcome: (d) => d.outcome ?? '(not stated)',
      finding: (d) => d.finding,
      year: (d) => (d.decisionDate ? Number(d.decisionDate.slice(0, 4)) : '(not stated)'),
      quarter: (d) =>
        d.decisionDate
          ? `${d.decisionDate.slice(0, 4)}-Q${Math.ceil(Number(d.decisionDate.slice(5, 7)) / 3)}`
          : '(not stated)',
      month: (d) => d.decisionDate?.slice(0, 7) ?? '(not stated)',
      // The organisation registry's fields (issue #17), resolved here from the name as printed.
      organisationCode: (d) => defaultRegistry().resolve(d.organisation).code ?? '(not stated)',
      organisationKind: (d) => defaultRegistry().resolve(d.organisation).kind,
      region: (d) => defaultRegistry().resolve(d.organisation).region ?? '(not stated)',
    };
    expect(records.some((d) => !d.headerComplete)).toBe(true);
    for (const [groupBy, key] of Object.entries(keyOf)) {
      for (const filter of [{}, { category: 'Education' }]) {
        const subset = records.filter((d) => !('category' in filter) || d.category === 'Education');
        const groups = new Map<string | number, Rec[]>();
        for (const d of subset) groups.set(key(d), [...(groups.get(key(d)) ?? []), d]);
        const res = await get(`/api/stats?${qs({ groupBy, ...filter })}`);
        expect(res.status).toBe(200);
        expect(res.body.groupBy).toBe(groupBy);
        expect(res.body.groups.length, groupBy).toBe(groups.size);
        for (const row of res.body.groups) {
          expect(pick(row), `${groupBy}=${row.key}`).toEqual(figures(groups.get(row.key)!));
        }
        expect(pick(res.body.total)).toEqual(figures(subset));
        if (groupBy === 'year') {
          const keys = res.body.groups.map((g: { key: number | string }) => g.key);
          // Years oldest first, the undated last.
          expect(keys.at(-1)).toBe('(not stated)');
          expect(keys.slice(0, -1)).toEqual([...keys.slice(0, -1)].sort());
        }
      }
    }
  });

  it('the largest remedy names its decision, and that decision shows the payments with their sentences', async () => {
    const res = await get('/api/stats?hasPayment=true');
    const top = records.filter((d) => remedyOf(d) === res.body.total.remedyMax);
    expect(top.map((d) => d.ref)).toContain(res.body.total.remedyMaxRef);
    const rec = await get(`/api/decisions/${encodeURIComponent(res.body.total.remedyMaxRef)}`);
    expect(rec.status).toBe(200);
    expect(rec.body.remedyTotal).toBe(res.body.total.remedyMax);
    expect(rec.body.factsExtracted).toBe(true);
    expect(rec.body.removedFromSource).toBe(false);
    expect(rec.body.payments.length).toBeGreaterThan(0);
    for (const p of rec.body.payments) {
      const section =
        p.evidence.section === 'Summary'
          ? rec.body.summary
          : rec.body.sections.find((s: { heading: string }) => s.heading === p.evidence.section)?.text;
      expect(section.slice(p.evidence.start, p.evidence.end)).toBe(p.evidence.text);
    }
    const gone = await get(`/api/decisions/${[...removed][0]}`);
    expect(gone.body.removedFromSource).toBe(true);
    expect(gone.body.archive.removedAt).toEqual(expect.any(String));
  });

  it('with q, stats take every id the index matches and compute in the archive', async () => {
    for (const q of ['EHC plan', 'homelessness', 'council tax']) {
      const ids = new Set(await services.index.matchingRefKeys(q));
      expect(ids.size, q).toBeGreaterThan(0);
      const search = await get(`/api/search?${qs({ q, limit: 1 })}`);
      expect(search.body.total, q).toBe(ids.size);
      const stats = await get(`/api/stats?${qs({ q })}`);
      expect(pick(stats.body.total), q).toEqual(figures(records.filter((d) => ids.has(d.refKey))));
      const withFilter = await get(`/api/stats?${qs({ q, hasPayment: true })}`);
      expect(withFilter.body.total.decisions).toBe(
        records.filter((d) => ids.has(d.refKey) && remedyOf(d) > 0).length,
      );
    }
  });

  it('lists every organisation with counts, upheld and latest decision date', async () => {
    const res = await get('/api/organisations');
    expect(res.status).toBe(200);
    const byOrg = new Map<string, Rec[]>();
    for (const d of records) byOrg.set(d.organisation, [...(byOrg.get(d.organisation) ?? []), d]);
    expect(res.body.total).toBe(byOrg.size);
    for (const o of res.body.organisations) {
      const ds = byOrg.get(o.organisation)!;
      expect(o.decisions).toBe(ds.length);
      expect(o.upheld).toBe(ds.filter((d) => d.outcome === 'Upheld').length);
      expect(o.latestDecisionDate).toBe(
        ds
          .map((d) => d.decisionDate)
          .filter((x) => x !== null)
          .sort()
          .at(-1) ?? null,
      );
      expect(o.remedyTotal).toBe(sumPence(ds));
    }
  });

  // ---- exports ---------------------------------------------------------------------------------

  /** Minimal RFC 4180 reader (quotes, doubled quotes, newlines in fields). */
  const readCsv = (text: string): string[][] => {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(field);
        field = '';
      } else if (c === '\n') {
        row.push(field);
        rows.push(row);
        row = [];
        field = '';
      } else if (c !== '\r') field += c;
    }
    if (field !== '' || row.length > 0) rows.push([...row, field]);
    return rows;
  };

  it('CSV and NDJSON exports: one row per decision or per payment, counts and sums equal the archive', async () => {
    for (const params of [{}, { category: 'Education' }, { q: 'EHC plan', hasPayment: true }]) {
      const ids =
        'q' in params ? new Set(await services.index.matchingRefKeys(params.q as string)) : undefined;
      const subset = records.filter(
        (d) =>
          (!('category' in params) || d.category === 'Education') &&
          (!ids || (ids.has(d.refKey) && remedyOf(d) > 0)),
      );
      const allPayments = subset.flatMap((d) => d.payments ?? []);
      const label = JSON.stringify(params);

      const csv = await get(`/api/export.csv?${qs(params)}`);
      expect(csv.status, label).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const rows = readCsv(csv.text);
      const header = rows[0]!;
      expect(rows.length - 1, label).toBe(subset.length);
      const col = header.indexOf('remedy_total');
      const sum = rows.slice(1).reduce((s, r) => s + Math.round(Number(r[col]) * 100), 0) / 100;
      expect(sum, label).toBe(sumPence(subset));
      // Incomplete headers, finding conflicts and the parse warnings travel with every row.
      const count = (name: string, v: string) =>
        rows.slice(1).filter((r) => r[header.indexOf(name)] === v).length;
      expect(count('header_complete', '0'), label).toBe(subset.filter((d) => !d.headerComplete).length);
      expect(count('finding_conflict', '1'), label).toBe(subset.filter((d) => d.findingConflict).length);
      const warnings = header.indexOf('parse_warnings');
      expect(warnings, label).toBeGreaterThan(0);
      for (const r of rows.slice(1).filter((r) => r[header.indexOf('header_complete')] === '0'))
        expect(r[warnings], label).toMatch(/header incomplete/);

      const pay = readCsv((await get(`/api/export.csv?${qs({ ...params, rows: 'payments' })}`)).text);
      expect(pay[0]).toEqual(
        expect.arrayContaining([
          'ref',
          'organisation',
          'decision_date',
          'url',
          'amount',
          'status',
          'purpose',
          'evidence_text',
        ]),
      );
      expect(pay.length - 1, label).toBe(allPayments.length);
      const a = pay[0]!.indexOf('amount');
      expect(pay.slice(1).reduce((s, r) => s + Math.round(Number(r[a]) * 100), 0)).toBe(
        allPayments.reduce((s, p) => s + Math.round(p.amount * 100), 0),
      );
      // The payment rows in the total add up to the decisions' remedy totals.
      const counted = pay[0]!.indexOf('counted_in_total');
      expect(
        pay.slice(1).reduce((s, r) => s + (r[counted] === '1' ? Math.round(Number(r[a]) * 100) : 0), 0) / 100,
        label,
      ).toBe(sumPence(subset));
      const ev = pay[0]!.indexOf('evidence_text');
      for (const r of pay.slice(1)) expect(r[ev]!.length).toBeGreaterThan(0);

      const nd = await get(`/api/export.ndjson?${qs(params)}`);
      expect(nd.headers.get('content-type')).toMatch(/ndjson/);
      const lines =
        nd.text.trim() === ''
          ? []
          : nd.text
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l));
      expect(lines.length, label).toBe(subset.length);
      expect(lines.reduce((s, l) => s + l.payments.length, 0)).toBe(allPayments.length);
      expect(lines.filter((l) => l.header_complete === 0).length, label).toBe(
        subset.filter((d) => !d.headerComplete).length,
      );
      const ndPay = (await get(`/api/export.ndjson?${qs({ ...params, rows: 'payments' })}`)).text.trim();
      expect(ndPay === '' ? 0 : ndPay.split('\n').length).toBe(allPayments.length);
    }
  });

  it('archive.sqlite opens as plain typed tables whose counts and sums equal the archive; cached by revision', async () => {
    const res = await fetch(`${api}/api/archive.sqlite`);
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag')!;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lgsco-dl-')), 'a.sqlite');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(n('SELECT COUNT(*) AS n FROM decisions')).toBe(records.length);
      expect(n('SELECT COUNT(*) AS n FROM payments')).toBe(
        records.reduce((s, d) => s + (d.payments?.length ?? 0), 0),
      );
      expect(n('SELECT COUNT(*) AS n FROM delays')).toBe(
        records.reduce((s, d) => s + (d.delays?.length ?? 0), 0),
      );
      expect(n('SELECT CAST(ROUND(SUM(remedy_total) * 100) AS INTEGER) AS n FROM decisions') / 100).toBe(
        sumPence(records),
      );
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const cols = db.prepare("SELECT name, type FROM pragma_table_info('payments')").all() as Array<{
        name: string;
        type: string;
      }>;
      // Money: whole pence as INTEGER, pounds as decimal text (issue #14 point 4).
      expect(cols.find((c) => c.name === 'amount_pence')?.type).toBe('INTEGER');
      expect(cols.find((c) => c.name === 'amount')?.type).toBe('TEXT');
      expect(n('SELECT SUM(remedy_total_pence) AS n FROM decisions') / 100).toBe(sumPence(records));
      expect(n('SELECT COUNT(*) AS n FROM decisions WHERE removed_at IS NOT NULL')).toBe(removed.size);
      // Pages without header lines keep null outcome and date; conflicts have a table of their own.
      expect(n('SELECT COUNT(*) AS n FROM decisions WHERE header_complete = 0')).toBe(
        records.filter((d) => !d.headerComplete).length,
      );
      expect(n('SELECT COUNT(*) AS n FROM decisions WHERE decision_date IS NULL')).toBe(
        records.filter((d) => d.decisionDate === null).length,
      );
      expect(n('SELECT COUNT(*) AS n FROM finding_conflicts')).toBe(
        records.filter((d) => d.findingConflict).length,
      );
    } finally {
      db.close();
    }
    const again = await fetch(`${api}/api/archive.sqlite`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('Atom feed: newest matching decisions with links to the source page and to the API record', async () => {
    const org = busiest();
    const res = await get(`/api/feeds/search.atom?${qs({ organisation: org, limit: 5 })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    const entries = res.text.split('<entry>').slice(1);
    const newest = records
      .filter((d) => d.organisation === org)
      // Newest first; a decision whose page shows no date comes after every dated one.
      .sort(
        (a, b) =>
          Number(a.decisionDate === null) - Number(b.decisionDate === null) ||
          `${b.decisionDate} ${b.refKey}`.localeCompare(`${a.decisionDate} ${a.refKey}`),
      )
      .slice(0, 5);
    expect(entries.length).toBe(newest.length);
    newest.forEach((d, i) => {
      expect(entries[i]).toContain(`href="${d.url}"`);
      expect(entries[i]).toContain(`/api/decisions/${d.refKey}`);
    });
    const bad = await get('/api/feeds/search.atom?limit=500');
    expect(bad.status).toBe(400);
  });

  // ---- validation and injection ----------------------------------------------------------------

  it('answers bad parameters with 400 JSON naming the parameter, on every endpoint', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/search?minRemedy=abc', /minRemedy/],
      ['/api/search?minRemedy=-5', /minRemedy/],
      ['/api/search?minRemedy=500&maxRemedy=100', /minRemedy must not be more than maxRemedy/],
      ['/api/search?hasPayment=yes', /hasPayment/],
      ['/api/search?removed=maybe', /removed/],
      ['/api/search?finding=guilty', /finding/],
      ['/api/search?year=24', /year/],
      ['/api/search?minDelay=1e9', /minDelay/],
      ['/api/search?sort=price', /sort/],
      ['/api/search?facets=colour', /facets/],
      ['/api/search?limit=101', /limit/],
      ['/api/search?highlights=yes', /highlights/],
      ['/api/stats?groupBy=council', /groupBy/],
      ['/api/stats?from=2024-02-30', /from/],
      ['/api/stats?from=2024-05-01&to=2024-01-01', /from must not be after to/],
      ['/api/stats?colour=blue', /colour/],
      ['/api/organisations?maxDelay=x', /maxDelay/],
      ['/api/export.csv?rows=lines', /rows/],
      ['/api/export.ndjson?minRemedy=NaN', /minRemedy/],
      ['/api/feeds/search.atom?to=yesterday', /to/],
      [`/api/search?q=${'x'.repeat(501)}`, /q/],
      ['/api/decisions/not-a-ref', /not-a-ref/],
    ];
    for (const [p, pattern] of cases) {
      const { status, body } = await get(p);
      expect(status, p).toBe(400);
      expect(body.code, p).toMatch(/^LGSCO_ERR_BAD_(REQUEST|REF)$/);
      expect(body.message, p).toMatch(pattern);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });

  it('filter injection attempts match nothing and never widen, on search, stats and export', async () => {
    const org = busiest();
    const attempts = [
      'x" OR organisation EXISTS OR organisation = "y',
      `${org}" OR category EXISTS`,
      '\\" OR outcome EXISTS OR outcome = \\"',
      ') OR (organisation EXISTS',
      '["a", "b"]',
      '1 TO 999999',
      "x' OR 1=1 --",
      "') OR 1=1; DROP TABLE decisions; --",
      '\\',
    ];
    for (const value of attempts) {
      for (const key of ['category', 'subcategory', 'outcome']) {
        const p = qs({ [key]: value });
        expect((await get(`/api/search?limit=1&${p}`)).body.total, `${key}=${value}`).toBe(0);
        expect((await get(`/api/stats?${p}`)).body.total.decisions, `${key}=${value}`).toBe(0);
      }
      // An organisation the archive does not hold is refused outright (400 with the closest names).
      for (const path of ['/api/search?limit=1&', '/api/stats?', '/api/export.csv?']) {
        const res = await get(`${path}${qs({ organisation: [org, value] })}`);
        expect(res.status, `${path} organisation=${value}`).toBe(400);
        expect(res.body.message).toContain('matches no decision in the archive');
      }
    }
    // Typed parameters refuse text outright.
    for (const p of [
      'minRemedy=0%20OR%20remedyTotal%20EXISTS',
      'hasPayment=true%20OR%201',
      'year=2024%20OR%20x',
      'finding=no_fault%22%20OR%20%22',
    ]) {
      expect((await get(`/api/search?${p}`)).status, p).toBe(400);
    }
    expect(services.archive.counts().decisions).toBe(DECISIONS);
  });

  // ---- security --------------------------------------------------------------------------------

  it('the API searches with a search-only key: a write with that key is refused (403)', async () => {
    const key = app.lgscoSearchIndex.apiKey!;
    expect(key).not.toBe(services.meili.masterKey);
    const client = new Meilisearch({ host: services.meili.url, apiKey: key });
    const write = await client
      .index(services.index.uid)
      .addDocuments([{ id: 'intruder' }])
      .catch((e: unknown) => e);
    expect((write as { response?: { status?: number } }).response?.status).toBe(403);
    const del = await client.deleteIndex(services.index.uid).catch((e: unknown) => e);
    expect((del as { response?: { status?: number } }).response?.status).toBe(403);
    expect((await get('/api/search?limit=1')).body.total).toBe(DECISIONS);
  });

  it('admin routes: 401 without or with a wrong token; reindex and crawl run in the background with a status', async () => {
    const tries: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: TOKEN },
    ];
    for (const headers of tries) {
      const res = await fetch(`${api}/api/admin/reindex`, { method: 'POST', headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
      expect(((await res.json()) as { code: string }).code).toBe('LGSCO_ERR_UNAUTHORIZED');
    }
    expect((await get('/api/admin/runs/00000000-0000-4000-8000-000000000000')).status).toBe(401);
    const auth = { authorization: `Bearer ${TOKEN}` };
    const poll = async (statusUrl: string) => {
      for (;;) {
        const s = await get(statusUrl, auth);
        expect(s.status).toBe(200);
        if (s.body.status !== 'running') return s.body;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const started = await fetch(`${api}/api/admin/reindex`, { method: 'POST', headers: auth });
    expect(started.status).toBe(202);
    const run = (await started.json()) as { id: string; statusUrl: string; status: string };
    expect(run.status).toBe('running');
    const done = await poll(run.statusUrl);
    expect(done).toMatchObject({ status: 'succeeded', kind: 'reindex', result: { documents: DECISIONS } });
    expect((await get('/api/search?limit=1')).body.total).toBe(DECISIONS);
    expect((await get('/api/search?limit=1&removed=true')).body.total).toBe(removed.size);

    const crawl = await fetch(`${api}/api/admin/crawl`, { method: 'POST', headers: auth });
    expect(crawl.status).toBe(202);
    const c = (await crawl.json()) as { statusUrl: string };
    const busy = await fetch(`${api}/api/admin/crawl`, { method: 'POST', headers: auth });
    expect([202, 409]).toContain(busy.status);
    const cdone = await poll(c.statusUrl);
    expect(cdone.status).toBe('succeeded');
    expect(cdone.result.failed).toBe(0);
    expect((await get('/api/admin/runs/00000000-0000-4000-8000-000000000000', auth)).status).toBe(404);
  });

  it('admin routes do not exist without a token; rate limit answers 429 JSON; CORS only for configured origins', async () => {
    const plain = loadConfig(
      { dataDir: tmp.dir, logLevel: 'silent' },
      { LGSCO_API_RATE_LIMIT: '3', LGSCO_CORS_ORIGINS: 'https://news.example' },
    );
    const other = await buildApi({
      config: plain,
      archive: services.archive,
      index: services.index,
      searchIndex: app.lgscoSearchIndex,
    });
    try {
      const noAdmin = await other.inject({
        method: 'POST',
        url: '/api/admin/reindex',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(noAdmin.statusCode).toBe(404);
      const statuses: number[] = [];
      let last: { statusCode: number; body: string; headers: Record<string, unknown> } | undefined;
      for (let i = 0; i < 5; i++) {
        last = await other.inject({ method: 'GET', url: '/api/stats', remoteAddress: '10.0.0.7' });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(JSON.parse(last!.body)).toMatchObject({ code: 'LGSCO_ERR_RATE_LIMITED' });
      expect(last!.headers['retry-after']).toBeDefined();
      // Another client is not affected; /health is never limited.
      expect(
        (await other.inject({ method: 'GET', url: '/api/stats', remoteAddress: '10.0.0.8' })).statusCode,
      ).toBe(200);
      for (let i = 0; i < 5; i++)
        expect(
          (await other.inject({ method: 'GET', url: '/health', remoteAddress: '10.0.0.7' })).statusCode,
        ).not.toBe(429);

      const cors = await other.inject({
        method: 'GET',
        url: '/health',
        headers: { origin: 'https://news.example' },
      });
      expect(cors.headers['access-control-allow-origin']).toBe('https://news.example');
      const foreign = await other.inject({
        method: 'GET',
        url: '/health',
        headers: { origin: 'https://evil.example' },
      });
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await other.close();
    }
    // The main app (no CORS origins configured) sends no CORS header at all.
    const none = await get('/health', { origin: 'https://news.example' });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('documents every endpoint and parameter in the OpenAPI document', async () => {
    const docRes = await get('/api/docs/json');
    expect(docRes.status, docRes.text.slice(0, 300)).toBe(200);
    const doc = docRes.body;
    for (const p of [
      '/api/search',
      '/api/stats',
      '/api/organisations',
      '/api/export.csv',
      '/api/export.ndjson',
      '/api/feeds/search.atom',
      '/api/archive.sqlite',
      '/api/coverage',
      '/api/decisions/{ref}',
      '/api/admin/crawl',
      '/api/admin/reindex',
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    const names = (p: string) => doc.paths[p].get.parameters.map((x: { name: string }) => x.name);
    for (const n of [
      'q',
      'organisation',
      'finding',
      'year',
      'from',
      'to',
      'minRemedy',
      'maxRemedy',
      'hasPayment',
      'minDelay',
      'maxDelay',
      'removed',
      'sort',
      'facets',
      'highlights',
    ])
      expect(names('/api/search'), n).toContain(n);
    expect(names('/api/stats')).toContain('groupBy');
    expect(names('/api/export.csv')).toContain('rows');
    expect(names('/api/coverage')).toEqual(expect.arrayContaining(['organisation', 'limit']));
  });
});
