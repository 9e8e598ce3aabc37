/**
 * The pages as served: each one document in the one shell (head, header with its navigation,
 * footer once), its own `<main>` and module, under the strict CSP. (The browser behaviour is
 * test/e2e/web-pages.test.ts.)
 */
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { webPages } from './index.js';
import { PAGES } from './pages.js';
import { CONTENT_SECURITY_POLICY } from './plugin.js';

const count = (text: string, part: string) => text.split(part).length - 1;
const examples: Record<string, string> = {
  '/decisions/:refKey': '/decisions/24-019-223',
  '/organisations/:name': '/organisations/Kent%20County%20Council',
};

describe('web pages', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await app.register(webPages);
    await app.ready();
  });
  afterAll(() => app.close());

  for (const spec of PAGES) {
    it(`${spec.route} is its own <main> in the one shell`, async () => {
      const res = await app.inject({ url: examples[spec.route] ?? spec.route });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      const html = res.body;
      expect(html.startsWith('<!doctype html>\n<html lang="en-GB">')).toBe(true);
      for (const once of [
        '<head>',
        '<header class="site">',
        '<nav aria-label="Site">',
        '<footer class="site">',
        '<main ',
      ]) {
        expect(count(html, once), once).toBe(1);
      }
      expect(html).toContain(`<title>${spec.title} · lgsco-archive</title>`);
      expect(html).toContain(`<script type="module" src="/assets/js/${spec.main}.js"></script>`);
      expect(html).toContain(
        readFileSync(new URL(`./pages/${spec.main}.html`, import.meta.url), 'utf8').trimEnd(),
      );
      const current = /<a href="([^"]+)" aria-current="page">/g;
      const marked = [...html.matchAll(current)].map((m) => m[1]);
      const expected = {
        search: ['/'],
        organisations: ['/organisations'],
        status: ['/status'],
        national: ['/national'],
      };
      expect(marked).toEqual(spec.current ? expected[spec.current as keyof typeof expected] : []);
      // Its module is served too.
      expect((await app.inject({ url: `/assets/js/${spec.main}.js` })).statusCode).toBe(200);
    });
  }

  it('answers a missing asset with the API error body', async () => {
    const res = await app.inject({ url: '/assets/js/nope.js' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: ErrorCode.NOT_FOUND, message: 'no such asset' });
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers a repeated request with 304 by ETag', async () => {
    const first = await app.inject({ url: '/status' });
    const again = await app.inject({
      url: '/status',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('keeps the site stylesheet after a vendor one, so that it wins', async () => {
    const html = (await app.inject({ url: '/organisations/Derby' })).body;
    expect(html.indexOf('/assets/vendor/uplot/uPlot.min.css')).toBeGreaterThan(0);
    expect(html.indexOf('/assets/vendor/uplot/uPlot.min.css')).toBeLessThan(
      html.indexOf('/assets/css/site.css'),
    );
  });
});
