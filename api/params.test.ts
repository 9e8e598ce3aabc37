/**
 * The query-parameter rules every endpoint shares (api/analysis/query.ts; issue #16, points 6
 * and 7): an empty value is the parameter left out, numbers are plain decimal, dates are in range,
 * a parameter taken once says so when repeated — each refusal a 400 naming the parameter.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { useStubApi } from '../test/helpers/stub-api.js';
import {
  CoverageQuery,
  ExportQuery,
  FeedQuery,
  FilterOnlyQuery,
  SearchQuery,
  StatsQuery,
} from './schemas.js';

const stub = useStubApi();
const get = stub.get;

describe('query parameters', () => {
  const schemas = { SearchQuery, StatsQuery, FilterOnlyQuery, ExportQuery, FeedQuery, CoverageQuery };

  it('an empty value is the parameter left out, for every parameter of every query', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      const absent = schema.parse({});
      for (const key of Object.keys(schema.shape)) {
        expect(schema.safeParse({ [key]: '' }), `${name}.${key}=`).toEqual({ success: true, data: absent });
        expect(schema.safeParse({ [key]: ['', ''] }), `${name}.${key}=&${key}=`).toEqual({
          success: true,
          data: absent,
        });
      }
    }
  });

  it('empty numbers filter nothing on every filter endpoint (?maxRemedy= is not maxRemedy=0)', async () => {
    for (const path of ['/api/stats', '/api/organisations', '/api/export.ndjson', '/api/feeds/search.atom']) {
      const all = await get(path);
      expect(all.statusCode, path).toBe(200);
      for (const p of [
        'maxRemedy=',
        'maxDelay=',
        'minRemedy=&maxRemedy=',
        'from=&to=',
        'hasPayment=',
        'limit=',
      ]) {
        if (p === 'limit=' && !path.includes('feeds')) continue;
        const res = await get(`${path}?${p}`);
        expect(res.statusCode, `${path}?${p}`).toBe(200);
        // The feed's id/updated carry the URL and time; compare what it lists.
        const strip = (b: string) => b.replace(/<(id|updated|link)[^>]*>[^<]*<\/\1>|<link[^>]*\/>/g, '');
        expect(strip(res.body), `${path}?${p}`).toBe(strip(all.body));
      }
    }
    const rows = (b: string) => b.trim().split('\n').length;
    expect(rows((await get('/api/export.ndjson?maxRemedy=')).body)).toBe(30);
    expect(rows((await get('/api/export.ndjson?maxRemedy=0')).body)).toBeLessThan(30);
  });

  it('numbers are plain decimal: hex, exponents, spaces, Infinity are refused naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['maxRemedy=0x10', 'maxRemedy'],
      ['maxRemedy=1e3', 'maxRemedy'],
      ['minRemedy=%205%20', 'minRemedy'],
      ['minDelay=Infinity', 'minDelay'],
      ['maxDelay=%2B5', 'maxDelay'],
      ['minRemedy=.5', 'minRemedy'],
    ];
    for (const path of [
      '/api/search',
      '/api/stats',
      '/api/organisations',
      '/api/export.csv',
      '/api/feeds/search.atom',
    ]) {
      for (const [q, name] of cases) {
        const res = await get(`${path}?${q}`);
        expect(res.statusCode, `${path}?${q}`).toBe(400);
        expect(res.json(), `${path}?${q}`).toEqual({
          code: ErrorCode.BAD_REQUEST,
          message: `invalid querystring: ${name}: ${name} must be a plain decimal number such as 250 or 99.50`,
        });
      }
    }
    for (const q of ['limit=0x10', 'limit=%2010', 'page=1e2']) {
      const res = await get(`/api/${q.startsWith('page') ? 'search' : 'coverage'}?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().message, q).toMatch(new RegExp(`^invalid querystring: ${q.split('=')[0]}: `));
    }
    expect((await get('/api/stats?minRemedy=-5')).json().message).toMatch(/minRemedy must be 0 or more/);
    expect((await get('/api/stats?minRemedy=99.50&maxRemedy=100')).statusCode).toBe(200);
  });

  it('a date out of range names the parameter', async () => {
    for (const p of ['from', 'to']) {
      const res = await get(`/api/stats?${p}=0000-01-01`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        code: ErrorCode.BAD_REQUEST,
        message: `invalid querystring: ${p}: ${p} must be a date between 1900-01-01 and 2199-12-31`,
      });
    }
  });

  it('a parameter taken once, repeated, says so and names it', async () => {
    for (const url of [
      '/api/coverage?organisation=A&organisation=B',
      '/api/stats?from=2024-01-01&from=2024-02-01',
      '/api/stats?maxRemedy=1&maxRemedy=2',
      '/api/search?sort=date:asc&sort=date:desc',
      '/api/stats?q=a&q=b',
    ]) {
      const name = url.split('?')[1]!.split('=')[0]!;
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toEqual({
        code: ErrorCode.BAD_REQUEST,
        message: `invalid querystring: ${name}: ${name} may be given only once`,
      });
    }
  });
});
