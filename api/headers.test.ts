/**
 * Security headers (issue #16, point 8): nosniff on every response, whatever its type, errors
 * included; the OpenAPI page and its assets under a CSP that forbids framing. (That Swagger UI
 * still works under it is checked in Chromium: test/e2e/api-docs.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { useStubApi } from '../test/helpers/stub-api.js';

const stub = useStubApi();
const get = stub.get;

describe('security headers', () => {
  it('X-Content-Type-Options: nosniff on JSON, CSV, NDJSON, Atom, SQLite, pages, docs and errors', async () => {
    for (const url of [
      '/health',
      '/api/stats',
      '/api/organisations',
      '/api/coverage',
      `/api/decisions/${stub.api().decisions[1]!.refKey}`,
      '/api/export.csv',
      '/api/export.ndjson',
      '/api/feeds/search.atom',
      '/api/archive.sqlite',
      '/api/docs',
      '/api/docs/json',
      '/api/docs/static/swagger-ui.css',
      '/',
      '/nope',
      '/api/stats?maxRemedy=x',
    ]) {
      const res = await get(url);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it("/api/docs and its assets carry a CSP with frame-ancestors 'none'", async () => {
    for (const url of [
      '/api/docs',
      '/api/docs/static/swagger-ui.css',
      '/api/docs/static/swagger-ui-bundle.js',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe/);
    }
  });

  it('the OpenAPI document states the rules every answer follows', async () => {
    const doc = (await get('/api/docs/json')).json() as { info: { description: string } };
    for (const rule of ['empty value', 'plain decimal', 'LGSCO_ERR_INTERNAL', 'URI_TOO_LONG', 'nosniff'])
      expect(doc.info.description).toContain(rule);
  });
});
