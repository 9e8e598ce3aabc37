/**
 * Every error answer is { code, message } with a code from core/errors.ts (issue #16, point 7),
 * including what Fastify and Node answer before a route runs (414, 431, a bad URL) and an
 * unexpected error (500, LGSCO_ERR_INTERNAL, no detail).
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.js';
import { ErrorCode } from '../core/errors.js';
import type { DecisionIndex } from '../indexer/index.js';
import { rawGet, seedArchive, useStubApi } from '../test/helpers/stub-api.js';
import { tempDir } from '../test/helpers/tmp.js';
import { buildApi } from './app.js';
import { installErrorHandler } from './errors.js';

const CODES = new Set<string>(Object.values(ErrorCode));

const stub = useStubApi();
const get = stub.get;

describe('error bodies', () => {
  it('414: a path segment over 100 characters, or a request line over 8 KiB', async () => {
    const long = await get(`/api/decisions/${'1'.repeat(200)}`);
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({
      code: ErrorCode.URI_TOO_LONG,
      message: expect.stringMatching(/URL is too long/),
    });
    const huge = await rawGet(stub.api().base, `/api/stats?q=${'a'.repeat(20_000)}`);
    expect(huge.status).toBe(414);
    expect(JSON.parse(huge.body)).toEqual({ code: ErrorCode.URI_TOO_LONG, message: 'the URL is too long' });
    expect(huge.headers['x-content-type-options']).toBe('nosniff');
  });

  it('431: headers over the limit', async () => {
    const res = await rawGet(stub.api().base, '/api/stats', { 'x-big': 'b'.repeat(20_000) });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toEqual({
      code: ErrorCode.HEADERS_TOO_LARGE,
      message: expect.stringMatching(/headers .* larger than the server accepts/),
    });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a bad percent-encoding is a 400 in the same shape', async () => {
    const res = await get('/api/decisions/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(ErrorCode.BAD_REQUEST);
  });

  it('an unexpected error is LGSCO_ERR_INTERNAL without details; framework 4xx carry our codes', async () => {
    const app = Fastify({ bodyLimit: 10 });
    installErrorHandler(app);
    app.get('/boom', async () => {
      throw new Error('secret detail /etc/passwd');
    });
    app.post('/echo', async (req) => req.body);
    const boom = await app.inject({ method: 'GET', url: '/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toEqual({ code: ErrorCode.INTERNAL, message: 'internal error; see the server log' });
    const big = await app.inject({ method: 'POST', url: '/echo', payload: { a: 'x'.repeat(100) } });
    expect(big.statusCode).toBe(413);
    expect(CODES.has(big.json().code)).toBe(true);
    const bad = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe(ErrorCode.BAD_REQUEST);
    await app.close();
  });

  it('every code an answer can carry is in core/errors.ts', async () => {
    for (const url of ['/nope', '/api/decisions/xyz', '/api/stats?bogus=1', '/api/stats?groupBy=x']) {
      const res = await get(url);
      expect(CODES.has(res.json().code), url).toBe(true);
    }
  });

  it('docs/errors.md lists every code of core/errors.ts', () => {
    const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    for (const code of CODES) expect(doc, code).toContain(`| \`${code}\` |`);
  });

  it('a request arriving while the server shuts down gets 503 LGSCO_ERR_UNAVAILABLE', async () => {
    const tmp = tempDir('lgsco-closing-');
    const archive = seedArchive(tmp.dir, []);
    const index = { count: async () => 0 } as unknown as DecisionIndex;
    const config = loadConfig({ dataDir: tmp.dir, logLevel: 'silent' }, { LGSCO_API_RATE_LIMIT: '0' });
    const app = await buildApi({ config, archive, index, searchIndex: index });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inSlow = new Promise<void>((r) => (entered = r));
    app.get('/slow', async () => {
      entered();
      await held;
      return { ok: true };
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const sock = connect(Number(new URL(base).port), '127.0.0.1');
    let data = '';
    sock.on('data', (d) => (data += d));
    try {
      // A keep-alive connection busy with a request when close() starts stays open; the next
      // request on it arrives while the server is closing.
      sock.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
      await inSlow;
      const closing = app.close();
      await new Promise((r) => setTimeout(r, 50));
      sock.write('GET /api/stats HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((r) => setTimeout(r, 50));
      release();
      await expect.poll(() => data.includes('LGSCO_ERR_UNAVAILABLE'), { timeout: 5_000 }).toBe(true);
      const second = data.slice(data.indexOf('HTTP/1.1', 1));
      expect(second).toMatch(/^HTTP\/1\.1 503 /);
      expect(second).toMatch(/\r\nconnection: close\r\n/i);
      expect(JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4))).toEqual({
        code: ErrorCode.UNAVAILABLE,
        message: 'the server is shutting down; try again shortly',
      });
      await closing;
    } finally {
      sock.destroy();
      release();
      await app.close();
      archive.close();
      tmp.cleanup();
    }
  });
});
