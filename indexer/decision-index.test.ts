import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, MeiliTaskError } from '../core/errors.js';
import type { Decision } from '../core/record.js';
import type { RefKey } from '../core/ref.js';
import { ORGANISATIONS, syntheticDecisions } from '../test/helpers/synthetic.js';
import { DECISION_INDEX_SETTINGS, DecisionIndex } from './decision-index.js';
import { ensureMeili, type MeiliHandle } from './meili-server.js';
import { SearchResultSchema } from './search-types.js';

let dataDir: string;
let meili: MeiliHandle;
let uidCounter = 0;
const uid = () => `t${process.pid}_${Date.now()}_${uidCounter++}`;

const decisions = syntheticDecisions(200);
const countBy = <K extends string | number>(key: (d: Decision) => K): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const d of decisions) out[String(key(d))] = (out[String(key(d))] ?? 0) + 1;
  return out;
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lgsco-index-'));
  meili = await ensureMeili({ dataDir });
});

afterAll(async () => {
  await meili?.release();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('DecisionIndex settings', () => {
  it('applies every setting explicitly and is idempotent', async () => {
    const index = new DecisionIndex(meili.client, { indexUid: uid() });
    await index.ensureSettings();
    await index.ensureSettings();
    const s = await index.getSettings();
    expect(s.searchableAttributes).toEqual([
      'summary',
      'ref',
      'organisation',
      'subcategory',
      'category',
      'sectionsText',
    ]);
    expect(s.filterableAttributes).toEqual(DECISION_INDEX_SETTINGS.filterableAttributes);
    expect([...(s.sortableAttributes ?? [])].sort()).toEqual(['decisionTs', 'remedyTotal']);
    expect(s.displayedAttributes).toEqual(DECISION_INDEX_SETTINGS.displayedAttributes);
    expect(s.rankingRules).toEqual(['sort', 'words', 'typo', 'attribute', 'proximity', 'exactness']);
    expect(s.typoTolerance?.disableOnNumbers).toBe(true);
    expect(s.synonyms?.ehcp).toContain('education health and care plan');
    expect(s.searchCutoffMs).toBe(1500);
    expect(s.pagination?.maxTotalHits).toBe(1_000_000);
    expect(s.faceting?.maxValuesPerFacet).toBe(1000);
    expect(s.typoTolerance?.disableOnAttributes).toEqual(['ref', 'refKey']);
    expect((await meili.client.getRawIndex(index.uid)).primaryKey).toBe('id');
  });
});

describe('DecisionIndex with 200 decisions', () => {
  let index: DecisionIndex;

  beforeAll(async () => {
    index = new DecisionIndex(meili.client, { indexUid: uid(), batchSize: 50 });
    await index.ensureSettings();
    const report = await index.upsert(decisions);
    console.info(
      `[measure] upsert ${report.documents} docs in ${report.tasks} tasks: ${report.ms} ms ` +
        `(${Math.round((report.documents / report.ms) * 1000)} docs/s)`,
    );
  });

  it('counts, and upserting again replaces rather than duplicates', async () => {
    expect(await index.count()).toBe(200);
    const changed = { ...decisions[0]!, outcome: 'Upheld: maladministration and injustice' };
    await index.upsert([changed]);
    expect(await index.count()).toBe(200);
    const r = await index.search({ outcome: 'Upheld: maladministration and injustice' });
    expect(r.total).toBe(1);
    expect(r.hits[0]!.refKey).toBe(decisions[0]!.refKey);
    await index.upsert([decisions[0]!]);
  });

  it('totals per organisation are exact and facets count all matches', async () => {
    const perOrg = countBy((d) => d.organisation);
    for (const org of ORGANISATIONS) {
      const r = await index.search({ organisation: org, limit: 1 });
      expect(r.total, org).toBe(perOrg[org]);
    }
    const all = await index.search({ limit: 5 });
    expect(SearchResultSchema.parse(all)).toEqual(all);
    expect(all.total).toBe(200);
    expect(all.totalPages).toBe(40);
    expect(all.hits).toHaveLength(5);
    expect(all.facets.organisation).toEqual(perOrg);
    expect(all.facets.category).toEqual(countBy((d) => d.category));
    expect(all.facets.outcome).toEqual(countBy((d) => d.outcome!));
    expect(all.facets.decisionYear).toEqual(countBy((d) => d.decisionDate!.slice(0, 4)));
    const withSub = countBy((d) => d.subcategory ?? '(none)');
    delete withSub['(none)'];
    expect(all.facets.subcategory).toEqual(withSub);

    const two = await index.search({ organisation: [ORGANISATIONS[0], ORGANISATIONS[1]], outcome: 'Upheld' });
    expect(two.total).toBe(
      decisions.filter(
        (d) =>
          (d.organisation === ORGANISATIONS[0] || d.organisation === ORGANISATIONS[1]) &&
          d.outcome === 'Upheld',
      ).length,
    );
  });

  it('filters by an inclusive date range', async () => {
    const from = '2020-03-01';
    const to = '2021-06-30';
    const expected = decisions.filter((d) => d.decisionDate! >= from && d.decisionDate! <= to);
    const r = await index.search({ from, to, limit: 1000 });
    expect(r.total).toBe(expected.length);
    expect(new Set(r.hits.map((h) => h.refKey))).toEqual(new Set(expected.map((d) => d.refKey)));
    // Bounds are inclusive: a single day.
    const day = decisions[10]!.decisionDate!;
    const sameDay = await index.search({ from: day, to: day });
    expect(sameDay.total).toBe(decisions.filter((d) => d.decisionDate === day).length);
    expect(sameDay.total).toBeGreaterThan(0);
  });

  it('pages and sorts by date', async () => {
    const p3 = await index.search({ page: 3, limit: 7, sort: 'date:asc' });
    expect(p3).toMatchObject({ total: 200, page: 3, limit: 7, totalPages: 29 });
    const sorted = [...decisions].map((d) => d.decisionDate).sort();
    expect(p3.hits.map((h) => h.decisionDate)).toEqual(sorted.slice(14, 21));
    const desc = await index.search({ limit: 1000 });
    const dates = desc.hits.map((h) => h.decisionDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const beyond = await index.search({ page: 100, limit: 7 });
    expect(beyond.total).toBe(200);
    expect(beyond.hits).toHaveLength(0);
  });

  it('full-text search returns highlighted, cropped, HTML-safe snippets', async () => {
    const r = await index.search({ q: 'homelessness application', limit: 3 });
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) {
      expect(h.snippet).toMatch(/<mark>[^<]+<\/mark>/);
    }
    const browse = await index.search({ limit: 1 });
    expect(browse.hits[0]!.snippet).toBeNull();

    const hostile: Decision = {
      ...decisions[5]!,
      refKey: '99-999-999' as RefKey,
      summary: 'The zebracrossing <script>alert(1)</script> & "quotes" complaint.',
    };
    await index.upsert([hostile]);
    const x = await index.search({ q: 'zebracrossing' });
    expect(x.total).toBe(1);
    expect(x.hits[0]!.snippet).toBe(
      'The <mark>zebracrossing</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; complaint.',
    );
    await index.deleteByRefKeys(['99-999-999']);
    expect(await index.count()).toBe(200);
  });

  it('never widens or errors on injection attempts in filter values', async () => {
    const weird = ORGANISATIONS[5];
    const weirdCount = decisions.filter((d) => d.organisation === weird).length;
    expect(weirdCount).toBeGreaterThan(0);
    // Exactly equal (case-insensitive, the Meilisearch rule) matches only that organisation.
    expect((await index.search({ organisation: weird })).total).toBe(weirdCount);
    expect((await index.search({ organisation: weird.toUpperCase() })).total).toBe(weirdCount);
    // Meilisearch also trims surrounding whitespace of facet values: same organisation, not wider.
    expect((await index.search({ organisation: ` ${weird} ` })).total).toBe(weirdCount);

    const attempts = [
      'x" OR organisation EXISTS OR organisation = "y',
      'x\\" OR organisation EXISTS OR organisation = \\"y',
      '\\',
      '"',
      '\\"',
      'Derby City Council" OR category EXISTS',
      'Derby City Council OR Leeds City Council',
      'EXISTS',
      'organisation EXISTS',
      '1 TO 99999999999',
      '["Derby City Council", "Leeds City Council"]',
      '(Derby City Council)',
      ') OR (organisation EXISTS',
      'Derby City Council\nOR organisation EXISTS',
      'NOT "x"',
      '',
      weird.slice(0, -1),
      `${weird}"`,
      `"${weird}"`,
    ];
    for (const value of attempts) {
      for (const key of ['organisation', 'category', 'subcategory', 'outcome'] as const) {
        const r = await index.search({ [key]: value, limit: 1 });
        expect(r.total, `${key}=${JSON.stringify(value)}`).toBe(0);
        const list = await index.search({ [key]: [value, 'no such value'], limit: 1 });
        expect(list.total, `${key} IN ${JSON.stringify(value)}`).toBe(0);
      }
      // Combined with a real filter, an attempt can only narrow.
      const combined = await index.search({ organisation: ['Derby City Council', value], outcome: value });
      expect(combined.total).toBe(0);
    }
    // With q: still exact.
    expect((await index.search({ q: 'Council', organisation: attempts[0] })).total).toBe(0);
  });

  it('reports a failed task as MeiliTaskError (invalid document id)', async () => {
    const bad = { ...decisions[0]!, refKey: 'bad id/with slash' as RefKey };
    const err = await index.upsert([decisions[1]!, bad]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeiliTaskError);
    const e = err as MeiliTaskError;
    expect(e.code).toBe(ErrorCode.MEILI_TASK);
    expect(e.detail?.code).toBe('invalid_document_id');
    expect(e.taskType).toBe('documentAdditionOrUpdate');
    expect(e.message).toMatch(/invalid_document_id/);
    // A failed batch is atomic: nothing of it landed.
    expect(await index.count()).toBe(200);
  });

  it('rejects invalid search parameters before they reach Meilisearch', async () => {
    await expect(index.search({ from: '2020-02-30' })).rejects.toThrow();
    await expect(index.search({ page: 0 })).rejects.toThrow();
    await expect(index.search({ limit: 5000 })).rejects.toThrow();
  });
});

describe('DecisionIndex count/clear on an empty or missing index', () => {
  it('counts 0 for a missing index and clears', async () => {
    const index = new DecisionIndex(meili.client, { indexUid: uid() });
    expect(await index.count()).toBe(0);
    await index.ensureSettings();
    await index.upsert(decisions.slice(0, 10));
    expect(await index.count()).toBe(10);
    await index.clear();
    expect(await index.count()).toBe(0);
    expect((await index.getSettings()).pagination?.maxTotalHits).toBe(1_000_000);
  });
});
