/**
 * CSV exports for spreadsheets (issue #14, point 15): `bom=true` starts the file with a UTF-8 byte
 * order mark, so Excel reads £ and accents; `sort` orders the rows as the search page does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StubApi, startStubApi } from '../test/helpers/stub-api.js';

let api: StubApi;
beforeAll(async () => {
  api = await startStubApi();
});
afterAll(async () => {
  await api?.close();
});

const get = (url: string) => api.app.inject({ method: 'GET', url });
const BOM = [0xef, 0xbb, 0xbf];

/** CSV rows as objects (the stub's cells hold no newlines inside quotes that matter here). */
async function csvRows(url: string): Promise<Record<string, string>[]> {
  const { parse } = await import('csv-parse/sync');
  return parse((await get(url)).rawPayload, { columns: true, bom: true }) as Record<string, string>[];
}

describe('CSV export: bom and sort', () => {
  it('bom=true starts the file with EF BB BF, and the rest is the same file', async () => {
    const plain = await get('/api/export.csv');
    const withBom = await get('/api/export.csv?bom=true');
    expect(withBom.statusCode).toBe(200);
    expect([...withBom.rawPayload.subarray(0, 3)]).toEqual(BOM);
    expect([...plain.rawPayload.subarray(0, 3)]).not.toEqual(BOM);
    expect(withBom.rawPayload.subarray(3).equals(plain.rawPayload)).toBe(true);
    const pay = await get('/api/export.csv?rows=payments&bom=1');
    expect([...pay.rawPayload.subarray(0, 3)]).toEqual(BOM);
    expect((await get('/api/export.csv?bom=false')).rawPayload.equals(plain.rawPayload)).toBe(true);
  });

  it('refuses a bad bom value, and bom on NDJSON, naming the parameter', async () => {
    const bad = await get('/api/export.csv?bom=yes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('bom must be true or false');
    const nd = await get('/api/export.ndjson?bom=true');
    expect(nd.statusCode).toBe(400);
    expect(nd.json().message).toContain('bom');
  });

  it('sort orders the rows; without it, oldest decision first', async () => {
    const byRemedy = (await csvRows('/api/export.csv?sort=remedy:desc')).map((r) => Number(r.remedy_total));
    expect(byRemedy.length).toBeGreaterThan(5);
    expect(new Set(byRemedy).size).toBeGreaterThan(1);
    expect(byRemedy).toEqual([...byRemedy].sort((a, b) => b - a));
    const newest = (await csvRows('/api/export.csv?sort=date:desc')).map((r) => r.decision_date);
    expect(newest).toEqual([...newest].sort().reverse());
    const oldest = (await csvRows('/api/export.csv')).map((r) => r.decision_date);
    expect(oldest).toEqual([...newest].reverse());
    expect((await get('/api/export.ndjson?sort=nonsense')).statusCode).toBe(400);
  });
});
