/**
 * The extracted-fact fields in the index (finding, remedy, payment, delay, removed), sorting by
 * remedy, references as queries, synonyms, ids-only matching, the search-only key and the
 * gap-free rebuild — against the real Meilisearch binary.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../core/record.js';
import type { RefKey } from '../core/ref.js';
import { syntheticDecisions } from '../test/helpers/synthetic.js';
import { DecisionIndex, searchKeyUid } from './decision-index.js';
import { meiliHttpClient } from './http-client.js';
import { ensureMeili, type MeiliHandle } from './meili-server.js';

let dataDir: string;
let meili: MeiliHandle;
let index: DecisionIndex;
const decisions: Decision[] = syntheticDecisions(200);
// One decision whose summary uses the long form, one the abbreviation, for the synonym check.
decisions[7] = { ...decisions[7]!, summary: 'The Council delayed the Education Health and Care plan for Y.' };
decisions[8] = { ...decisions[8]!, summary: 'The Council did not process the DFG application on time.' };
const removed = new Set([decisions[3]!.refKey, decisions[4]!.refKey]);
const docs = decisions.map((d) => (removed.has(d.refKey) ? { ...d, removedFromSource: true as const } : d));

const count = (pred: (d: Decision) => boolean) => decisions.filter(pred).length;
const maxDelay = (d: Decision) => Math.max(0, ...d.delays.map((x) => x.days));

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lgsco-facts-'));
  meili = await ensureMeili({ dataDir });
  index = new DecisionIndex(meili.client, { indexUid: `facts_${process.pid}_${Date.now()}` });
  await index.ensureSettings();
  await index.upsert(docs);
});

afterAll(async () => {
  await meili?.release();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('fact filters', () => {
  it('filter by finding, remedy range, payment, delay, year and removed exactly', async () => {
    const cases: Array<[Parameters<DecisionIndex['search']>[0], number]> = [
      [{ finding: 'fault_injustice' }, count((d) => d.finding === 'fault_injustice')],
      [{ finding: ['no_fault', 'not_investigated'] }, count((d) => d.finding !== 'fault_injustice')],
      [{ hasPayment: true }, count((d) => d.remedyTotal > 0)],
      [{ hasPayment: false }, count((d) => d.remedyTotal === 0)],
      [{ minRemedy: 400 }, count((d) => d.remedyTotal >= 400)],
      [{ minRemedy: 300, maxRemedy: 500 }, count((d) => d.remedyTotal >= 300 && d.remedyTotal <= 500)],
      [{ minDelay: 100 }, count((d) => maxDelay(d) >= 100)],
      [{ maxDelay: 50 }, count((d) => maxDelay(d) <= 50)],
      [{ year: [2020, 2022] }, count((d) => ['2020', '2022'].includes(d.decisionDate!.slice(0, 4)))],
      [{ removed: true }, 2],
      [{ removed: false }, 198],
    ];
    for (const [params, expected] of cases) {
      expect(expected, JSON.stringify(params)).toBeGreaterThan(0);
      expect((await index.search({ ...params, limit: 1 })).total, JSON.stringify(params)).toBe(expected);
    }
  });

  it('counts facets for finding, hasPayment and removedFromSource', async () => {
    const r = await index.search({ facets: ['finding', 'hasPayment', 'removedFromSource'], limit: 1 });
    expect(Object.keys(r.facets).sort()).toEqual(['finding', 'hasPayment', 'removedFromSource']);
    expect(r.facets.finding?.fault_injustice).toBe(count((d) => d.finding === 'fault_injustice'));
    expect(r.facets.hasPayment?.true).toBe(count((d) => d.remedyTotal > 0));
    expect(r.facets.removedFromSource?.true).toBe(2);
    expect((await index.search({ facets: [], limit: 1 })).facets).toEqual({});
  });

  it('sorts by remedy, largest first, and returns the fact fields on hits', async () => {
    const r = await index.search({ sort: 'remedy:desc', limit: 5 });
    const top = [...decisions].sort((a, b) => b.remedyTotal - a.remedyTotal)[0]!;
    expect(r.hits[0]!.remedyTotal).toBe(top.remedyTotal);
    for (let i = 1; i < r.hits.length; i++)
      expect(r.hits[i - 1]!.remedyTotal).toBeGreaterThanOrEqual(r.hits[i]!.remedyTotal);
    expect(r.hits[0]).toMatchObject({ hasPayment: true, finding: 'fault_injustice' });
    const asc = await index.search({ sort: 'remedy:asc', limit: 1 });
    expect(asc.hits[0]!.remedyTotal).toBe(0);
    // With a query, an explicit sort still orders strictly by the field.
    const q = await index.search({ q: 'Council', sort: 'remedy:desc', limit: 3 });
    expect(q.hits[0]!.remedyTotal).toBe(top.remedyTotal);
  });

  it('a reference as the query finds exactly that decision, in any spelling', async () => {
    const d = decisions[42]!;
    for (const q of [d.ref, d.refKey, d.refKey.replace(/-/g, '')]) {
      const r = await index.search({ q });
      expect(r.total, q).toBe(1);
      expect(r.hits[0]!.refKey).toBe(d.refKey);
    }
    // A near miss (one digit off) finds nothing: no typo tolerance on references.
    const near = d.refKey.replace(/\d$/, (c) => String((Number(c) + 1) % 10));
    expect((await index.search({ q: near })).hits.map((h) => h.refKey)).not.toContain(d.refKey);
  });

  it('applies synonyms both ways (EHCP ↔ Education, Health and Care plan; disabled facilities grant ↔ DFG)', async () => {
    const hit = async (q: string, d: Decision) => (await index.search({ q, refKey: [d.refKey] })).total;
    expect(await hit('EHCP', decisions[7]!)).toBe(1);
    expect(await hit('EHC plan', decisions[7]!)).toBe(1);
    expect(await hit('disabled facilities grant', decisions[8]!)).toBe(1);
    expect(await hit('DFG', decisions[8]!)).toBe(1);
    // Without the synonym the words are simply absent.
    expect(await hit('zebracrossing', decisions[8]!)).toBe(0);
  });

  it('highlights the decision text too when asked (highlight=all), only the summary by default', async () => {
    const r = await index.search({ q: 'investigation', limit: 1, highlight: 'all' });
    expect(r.hits[0]!.textSnippet).toMatch(/<mark>investigation<\/mark>/i);
    const byDefault = await index.search({ q: 'investigation', limit: 1 });
    expect(byDefault.hits[0]!.textSnippet).toBeNull();
    const none = await index.search({ q: 'investigation', limit: 1, highlight: 'none' });
    expect(none.hits[0]!.snippet).toBeNull();
  });

  it('matchingRefKeys returns every matching id (ids only), with filters', async () => {
    const all = await index.matchingRefKeys('Council');
    expect(all.length).toBe((await index.search({ q: 'Council', limit: 1 })).total);
    const derby = await index.matchingRefKeys('Council', { organisation: 'Derby City Council' });
    expect(derby.length).toBe(count((d) => d.organisation === 'Derby City Council'));
    expect(await index.matchingRefKeys(decisions[9]!.ref)).toEqual([decisions[9]!.refKey]);
  });
});

describe('search-only key', () => {
  it('is created once, can search, and cannot write (403)', async () => {
    const view = await index.searchOnlyView();
    const again = await index.searchOnlyView();
    expect(view.apiKey).toBe(again.apiKey);
    expect(view.apiKey).not.toBe(meili.masterKey);
    const key = await meili.client.getKey(searchKeyUid(index.uid));
    expect(key.actions).toEqual(['search']);
    expect(key.indexes).toEqual([index.uid]);
    expect((await view.search({ limit: 1 })).total).toBe(200);

    const raw = new Meilisearch({ host: meili.url, apiKey: view.apiKey });
    const write = await raw
      .index(index.uid)
      .addDocuments([{ id: 'x' }])
      .catch((e: unknown) => e);
    expect((write as { response?: { status?: number } }).response?.status).toBe(403);
    const settings = await raw
      .index(index.uid)
      .updateSettings({ synonyms: {} })
      .catch((e: unknown) => e);
    expect((settings as { response?: { status?: number } }).response?.status).toBe(403);
    const keys = await raw.getKeys().catch((e: unknown) => e);
    expect((keys as { response?: { status?: number } }).response?.status).toBe(403);
  });
});

describe('node:http search client', () => {
  it('reports Meilisearch errors as MeilisearchApiError and a dead server as MeilisearchRequestError', async () => {
    const missing = new DecisionIndex(meili.client, { indexUid: `missing_${process.pid}_${Date.now()}` });
    const view = await missing.searchOnlyView();
    const err = await view.search({ q: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeilisearchApiError);
    expect((err as MeilisearchApiError).cause?.code).toBe('index_not_found');
    expect((err as MeilisearchApiError).response.status).toBe(404);
    const dead = new Meilisearch({ host: 'http://127.0.0.1:9', httpClient: meiliHttpClient });
    const down = await dead.health().catch((e: unknown) => e);
    expect(down).toBeInstanceOf(MeilisearchRequestError);
    expect((down as MeilisearchRequestError).cause).not.toBeInstanceOf(MeilisearchApiError);
  });
});

describe('rebuild', () => {
  it('swaps in a fresh index with the same documents and keeps the search key working', async () => {
    const own = new DecisionIndex(meili.client, { indexUid: `rebuild_${process.pid}_${Date.now()}` });
    await own.ensureSettings();
    const stale = { ...decisions[0]!, refKey: '11-111-111' as RefKey };
    await own.upsert([stale]);
    const view = await own.searchOnlyView();
    const report = await own.rebuild(decisions.slice(0, 50));
    expect(report.documents).toBe(50);
    expect(await own.count()).toBe(50);
    expect((await view.search({ limit: 1 })).total).toBe(50);
    expect((await view.search({ q: '11-111-111' })).total).toBe(0);
  });
});
