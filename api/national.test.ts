/**
 * The national view (issue #14 point 12): GET /api/national's three answers — remedies by category
 * and subcategory, remedies by year, upheld decisions without a payment — each compared with the
 * same figure computed here from the seeded records, and each row's search links checked to select
 * exactly the row's decisions (through /api/stats, which reads the archive with the link's filters).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../core/record.js';
import { type StubApi, startStubApi } from '../test/helpers/stub-api.js';
import { syntheticDecisions } from '../test/helpers/synthetic.js';

const ev = { section: 'Summary', text: 'x', start: 0, end: 1 };

// The synthetic decisions, varied: some sums with pence, an offer the remedy total leaves out
// (declined: not a payment), and decisions whose page states no outcome or date.
const decisions: Decision[] = syntheticDecisions(90).map((d, i) => {
  const counted = d.payments.map((p) => ({ ...p, amount: p.amount + (i % 4 === 0 ? 0.33 : 0) }));
  const declined =
    i % 7 === 3
      ? [
          {
            amount: 500,
            status: 'offered' as const,
            purpose: 'distress' as const,
            recipient: 'Mr X',
            evidence: ev,
            countedInTotal: false,
          },
        ]
      : [];
  const undated = i % 23 === 5;
  return {
    ...d,
    payments: [...counted, ...declined],
    remedyTotal: Math.round(counted.reduce((s, p) => s + p.amount, 0) * 100) / 100,
    ...(undated ? { decisionDate: null, outcome: null, headerComplete: false } : {}),
  };
});

interface Figures {
  decisions: number;
  withPayment: number;
  remedyTotal: number;
  remedyMedian: number | null;
  remedyMean: number | null;
  remedyMax: number | null;
  remedyMaxRef: string | null;
  upheld: number;
  upheldWithoutPayment: number;
  upheldWithoutPaymentShare: number | null;
}

/** The figures of a set of records, computed here in pence. */
function expected(ds: Decision[]): Figures {
  const pence = ds.map((d) => Math.round(d.remedyTotal * 100)).filter((p) => p > 0);
  const sorted = ds
    .map((d) => d.remedyTotal)
    .filter((v) => v > 0)
    .sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const med =
    sorted.length === 0 ? null : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const sum = pence.reduce((s, p) => s + p, 0);
  let max: Decision | undefined;
  for (const d of ds) if (d.remedyTotal > 0 && (!max || d.remedyTotal > max.remedyTotal)) max = d;
  const upheld = ds.filter((d) => d.outcome === 'Upheld');
  const unpaid = upheld.filter((d) => d.remedyTotal === 0).length;
  return {
    decisions: ds.length,
    withPayment: pence.length,
    remedyTotal: sum / 100,
    remedyMedian: med === null ? null : Math.round(med * 100) / 100,
    remedyMean: pence.length ? Math.round(sum / pence.length) / 100 : null,
    remedyMax: max ? max.remedyTotal : null,
    remedyMaxRef: max?.ref ?? null,
    upheld: upheld.length,
    upheldWithoutPayment: unpaid,
    upheldWithoutPaymentShare: upheld.length ? Math.round((unpaid / upheld.length) * 10_000) / 10_000 : null,
  };
}

const pick = (f: Figures): Figures => ({
  decisions: f.decisions,
  withPayment: f.withPayment,
  remedyTotal: f.remedyTotal,
  remedyMedian: f.remedyMedian,
  remedyMean: f.remedyMean,
  remedyMax: f.remedyMax,
  remedyMaxRef: f.remedyMaxRef,
  upheld: f.upheld,
  upheldWithoutPayment: f.upheldWithoutPayment,
  upheldWithoutPaymentShare: f.upheldWithoutPaymentShare,
});

const yearOf = (d: Decision) => (d.decisionDate ? Number(d.decisionDate.slice(0, 4)) : null);

type Links = Record<
  'decisions' | 'withPayment' | 'upheld' | 'upheldWithoutPayment' | 'remedyMax',
  string | null
>;
type Row = Figures & { search: Links };
interface National {
  rankBy: string;
  total: Row;
  categories: (Row & { category: string; subcategories: (Row & { subcategory: string | null })[] })[];
  years: (Row & { year: number | null })[];
}

describe('GET /api/national', () => {
  let api: StubApi;
  beforeAll(async () => {
    api = await startStubApi(decisions);
  });
  afterAll(async () => {
    await api?.close();
  });

  const get = async <T>(url: string): Promise<{ status: number; body: T }> => {
    const res = await api.app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as T };
  };

  /** The number of decisions a web search link selects, read from the archive by /api/stats. */
  const countOf = async (href: string) => {
    const q = href.startsWith('/?') ? href.slice(2) : '';
    const res = await get<{ total: { decisions: number } }>(`/api/stats?${q}`);
    expect(res.status, href).toBe(200);
    return res.body.total.decisions;
  };

  /** Each link of a row lists exactly the row's count. */
  async function checkLinks(row: Row, what: string) {
    const { search } = row;
    if (search.decisions !== null) expect(await countOf(search.decisions), what).toBe(row.decisions);
    if (search.withPayment !== null) expect(await countOf(search.withPayment), what).toBe(row.withPayment);
    if (search.upheld !== null) expect(await countOf(search.upheld), what).toBe(row.upheld);
    if (search.upheldWithoutPayment !== null)
      expect(await countOf(search.upheldWithoutPayment), what).toBe(row.upheldWithoutPayment);
    const maxKey = decisions.find((d) => d.ref === row.remedyMaxRef)?.refKey;
    expect(search.remedyMax, what).toBe(maxKey ? `/decisions/${maxKey}` : null);
  }

  it('gives the totals, categories, subcategories and years as computed from the records', async () => {
    const { status, body } = await get<National>('/api/national');
    expect(status).toBe(200);
    expect(body.rankBy).toBe('remedyTotal');
    expect(pick(body.total)).toEqual(expected(decisions));
    // The declined offers are not payments: upheld decisions with only a declined offer count as unpaid.
    expect(
      decisions.some((d) => d.outcome === 'Upheld' && d.remedyTotal === 0 && d.payments.length > 0),
    ).toBe(true);

    const categories = [...new Set(decisions.map((d) => d.category))];
    expect(body.categories.map((c) => c.category).sort()).toEqual([...categories].sort());
    for (const c of body.categories) {
      const inC = decisions.filter((d) => d.category === c.category);
      expect(pick(c), c.category).toEqual(expected(inC));
      const subs = [...new Set(inC.map((d) => d.subcategory))];
      expect(c.subcategories.map((s) => s.subcategory)).toEqual(expect.arrayContaining(subs));
      expect(c.subcategories).toHaveLength(subs.length);
      for (const s of c.subcategories)
        expect(pick(s), `${c.category}/${s.subcategory}`).toEqual(
          expected(inC.filter((d) => d.subcategory === s.subcategory)),
        );
    }
    // Largest remedy total first; ties by more decisions.
    const totals = body.categories.map((c) => c.remedyTotal);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));

    const years = [...new Set(decisions.map(yearOf))];
    expect(body.years.map((y) => y.year)).toEqual(
      [...years].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b)),
    );
    expect(body.years.at(-1)?.year).toBeNull();
    for (const y of body.years)
      expect(pick(y), String(y.year)).toEqual(expected(decisions.filter((d) => yearOf(d) === y.year)));
  });

  it('agrees with /api/stats on the figures both give', async () => {
    const { body } = await get<National>('/api/national');
    const stats = await get<{ total: Row; groups: (Row & { key: string | number })[] }>(
      '/api/stats?groupBy=year',
    );
    const shared = (r: Row) => [
      r.decisions,
      r.withPayment,
      r.remedyTotal,
      r.remedyMedian,
      r.remedyMax,
      r.remedyMaxRef,
      r.upheld,
    ];
    expect(shared(body.total)).toEqual(shared(stats.body.total));
    expect(body.years.map(shared)).toEqual(stats.body.groups.map(shared));
  });

  it('links every figure to a search that selects exactly its decisions', async () => {
    const { body } = await get<National>('/api/national');
    expect(body.total.search.upheldWithoutPayment).toBe('/?outcome=Upheld&hasPayment=false');
    await checkLinks(body.total, 'total');
    for (const c of body.categories) {
      await checkLinks(c, c.category);
      for (const s of c.subcategories) {
        if (s.subcategory === null) expect(s.search.decisions).toBeNull();
        else await checkLinks(s, `${c.category}/${s.subcategory}`);
      }
    }
    for (const y of body.years) {
      if (y.year === null) expect(y.search).toMatchObject({ decisions: null, upheldWithoutPayment: null });
      else await checkLinks(y, String(y.year));
    }
  });

  it('narrows by the usual filters, and keeps them in every link', async () => {
    const query =
      'from=2020-01-01&to=2022-12-31&organisation=Kent%20County%20Council&organisation=Derby%20City%20Council';
    const { status, body } = await get<National>(`/api/national?${query}`);
    expect(status).toBe(200);
    const inSet = decisions.filter(
      (d) =>
        d.decisionDate !== null &&
        d.decisionDate >= '2020-01-01' &&
        d.decisionDate <= '2022-12-31' &&
        ['Kent County Council', 'Derby City Council'].includes(d.organisation),
    );
    expect(pick(body.total)).toEqual(expected(inSet));
    for (const y of body.years) expect(pick(y)).toEqual(expected(inSet.filter((d) => yearOf(d) === y.year)));
    for (const c of body.categories) {
      expect(c.search.decisions).toContain(
        'organisation=Kent+County+Council&organisation=Derby+City+Council',
      );
      await checkLinks(c, c.category);
    }
  });

  it('gives no link for a set the query excludes, rather than a search for the union', async () => {
    const { body } = await get<National>(
      '/api/national?outcome=Not%20upheld&category=Housing&category=Planning',
    );
    expect(body.total.upheld).toBe(0);
    expect(body.total.upheldWithoutPayment).toBe(0);
    expect(body.total.search.upheld).toBeNull();
    expect(body.total.search.upheldWithoutPayment).toBeNull();
    // A category row narrows the query's two categories to its own.
    for (const c of body.categories) {
      const p = new URLSearchParams(c.search.decisions!.slice(2));
      expect(p.getAll('category')).toEqual([c.category]);
      expect(p.getAll('outcome')).toEqual(['Not upheld']);
    }
    const paid = await get<National>('/api/national?hasPayment=true');
    expect(paid.body.total.search.upheldWithoutPayment).toBeNull();
    expect(paid.body.total.upheldWithoutPayment).toBe(0);
  });

  it('ranks by the median (or mean, or largest) when asked', async () => {
    for (const rankBy of ['remedyMedian', 'remedyMean', 'remedyMax'] as const) {
      const { body } = await get<National>(`/api/national?rankBy=${rankBy}`);
      expect(body.rankBy).toBe(rankBy);
      const v = body.categories.map((c) => c[rankBy] ?? -1);
      expect(v).toEqual([...v].sort((a, b) => b - a));
    }
    const bad = await get<{ code: string; message: string }>('/api/national?rankBy=size');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('rankBy must be one of remedyTotal');
  });
});
