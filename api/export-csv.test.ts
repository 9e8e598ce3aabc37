/**
 * CSV exports against formula injection (issue #16, point 5): a decision whose organisation,
 * summary or payment text starts a spreadsheet formula is exported with those cells neutralised
 * (a leading '), in decision and payment rows; NDJSON keeps the values exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionsWithFormulas, FORMULA_ORG, type StubApi, startStubApi } from '../test/helpers/stub-api.js';

let api: StubApi;
beforeAll(async () => {
  api = await startStubApi(decisionsWithFormulas());
});
afterAll(async () => {
  await api?.close();
});

const get = (url: string) => api.app.inject({ method: 'GET', url });

describe('CSV exports (formula injection)', () => {
  it('write text cells that start a formula with a leading quote, numbers as numbers', async () => {
    const res = await get('/api/export.csv?rows=decisions');
    expect(res.statusCode).toBe(200);
    const line = res.body.split('\n').find((l) => l.includes('HYPERLINK'))!;
    expect(line).toContain('"\'=HYPERLINK(""http://evil.example/"",""click"")"');
    expect(line).toContain("'+SUM(1,2) complained");
    expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
  });

  it('do the same for payment rows', async () => {
    const res = await get('/api/export.csv?rows=payments');
    const line = res.body.split('\n').find((l) => l.includes('HYPERLINK'))!;
    expect(line).toContain("'@Mr X");
    expect(line).toContain("'-2+3 pay Mr X");
    expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
  });

  it('leave NDJSON exact', async () => {
    const res = await get('/api/export.ndjson?rows=payments');
    const row = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((r) => r.organisation === FORMULA_ORG);
    expect(row?.recipient).toBe('@Mr X');
  });
});
