import { getEventListeners } from 'node:events';
import { types } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PermanentFetchError,
  RetryableFetchError,
  RobotsDisallowedError,
  ThrottledError,
} from '../core/errors.js';
import { html, robots, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { HttpClient, type HttpClientOptions, parseRetryAfter } from './http-client.js';
import { RateGate, Semaphore } from './limits.js';

const UA = 'lgsco-archive/0.1.0 (decision archive crawler; test)';

const client = (extra: Partial<HttpClientOptions> = {}) =>
  new HttpClient({
    userAgent: UA,
    rate: 1000,
    concurrency: 4,
    timeoutMs: 2000,
    maxTries: 3,
    backoffBaseMs: 5,
    backoffCapMs: 20,
    ...extra,
  });

describe('HttpClient', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it('sends the User-Agent and browser-like Accept headers, and fetches robots.txt once per origin first', async () => {
    server = await startTestServer({
      '/robots.txt': robots('User-agent: *\nAllow: /\n'),
      '/page': html('<p>hi</p>'),
    });
    const c = client();
    const res = await c.get(`${server.url}/page?x=1`, { kind: 'other' });
    await c.get(`${server.url}/page?x=2`, { kind: 'other' });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('<p>hi</p>');
    expect(res.url).toBe(`${server.url}/page?x=1`);
    expect(server.log.map((r) => r.path)).toEqual(['/robots.txt', '/page', '/page']);
    for (const r of server.log) {
      expect(r.headers['user-agent']).toBe(UA);
      expect(r.headers.accept).toMatch(/^text\/html/);
      expect(r.headers['accept-language']).toMatch(/^en-GB/);
    }
    expect(c.stats).toMatchObject({ requests: 3, fetched: 3, retried: 0, failed: 0 });
  });

  it('holds the global rate: at 20 req/s, the 40th page reaches the server no sooner than 2 s in', async () => {
    server = await startTestServer({ '/robots.txt': robots(''), '/p': html('ok') });
    // Record when the gate lets each request start: the spacing the client owns, free of the
    // test server's event-loop stalls that can bunch arrival stamps on a loaded machine.
    const gate = RateGate.perSecond(20);
    const starts: number[] = [];
    const take = gate.take.bind(gate);
    gate.take = async (signal?: AbortSignal) => {
      await take(signal);
      starts.push(performance.now());
    };
    const c = client({ rate: 20, concurrency: 8, gate });
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => c.get(`${server.url}/p?i=${i}`, { kind: 'other' })),
    );
    const elapsed = performance.now() - started;
    const pages = server.log.filter((r) => r.path === '/p').map((r) => r.at);
    const all = server.log.map((r) => r.at).sort((a, b) => a - b);
    const gaps = all.slice(1).map((t, i) => t - all[i]!);
    const achieved = ((all.length - 1) / (all.at(-1)! - all[0]!)) * 1000;
    console.log(
      `rate 20 req/s configured: ${all.length} requests (robots.txt included) over ${(all.at(-1)! - all[0]!).toFixed(0)} ms ` +
        `server-side → ${achieved.toFixed(2)} req/s; smallest gap ${Math.min(...gaps).toFixed(1)} ms; client wall ${elapsed.toFixed(0)} ms`,
    );
    // Measured from when the test began, never from the first arrival: a stalled server loop can
    // stamp that late (CI: first-to-last 1,763 ms for 40 pages whose gate starts were all on time).
    // robots.txt and 40 pages are 41 slots 50 ms apart, so the last page cannot arrive before
    // 2,000 ms, and no more than 20 req/s reach the server.
    expect(pages.at(-1)! - started).toBeGreaterThanOrEqual(1999);
    expect(((all.length - 1) / (all.at(-1)! - started)) * 1000).toBeLessThanOrEqual(20.5);
    // That it does not crawl needlessly slowly is a throughput figure, not a rule a loaded machine
    // can keep: `npm run bench:crawl` measures it (achieved rate ≥ 95 % of the budget).
    // Evenly spaced: the typical 10-gap span of arrivals is the full 10 intervals. No floor on the
    // smallest span: the client and this server share one event loop, and after a stall the slots
    // that fell due during it start together (each at or after its own slot, which is the rule),
    // so a stall of ~160 ms shrank one 10-gap window to 339 ms in CI. Bursts are excluded where the
    // rule is kept, below.
    const spans: number[] = [];
    for (let i = 0; i + 10 < all.length; i++) spans.push(all[i + 10]! - all[i]!);
    spans.sort((a, b) => a - b);
    expect(spans[Math.floor(spans.length / 2)]!).toBeGreaterThan(470);
    // The gate never starts a request before its slot, and slots are one interval (50 ms) apart
    // from the first call, so the j-th start is at least 50·j ms after we began: no burst, however
    // the machine stalls (stalls only make starts later).
    expect(starts).toHaveLength(41);
    starts.sort((a, b) => a - b);
    for (const [j, t] of starts.entries()) expect(t - started, `start ${j}`).toBeGreaterThanOrEqual(50 * j);
  });

  it('never has more than `concurrency` requests in flight', async () => {
    server = await startTestServer({ '/robots.txt': robots(''), '/slow': html('ok', 80) });
    const c = client({ rate: 1000, concurrency: 3 });
    let clientMax = 0;
    await Promise.all(
      Array.from({ length: 15 }, async (_, i) => {
        const p = c.get(`${server.url}/slow?i=${i}`, { kind: 'other' });
        clientMax = Math.max(clientMax, c.inFlight);
        await p;
      }),
    );
    expect(server.maxInFlight()).toBe(3);
    expect(clientMax).toBeLessThanOrEqual(3);
    expect(server.hits('/slow')).toBe(15);
  });

  it('retries a 500 and then succeeds', async () => {
    server = await startTestServer({
      '/robots.txt': robots(''),
      '/flaky': (_req, res, hit) => {
        res.writeHead(hit <= 2 ? 500 : 200);
        res.end(hit <= 2 ? 'oops' : 'fine');
      },
    });
    const c = client();
    const res = await c.get(`${server.url}/flaky`, { kind: 'other' });
    expect(res.body.toString()).toBe('fine');
    expect(res.attempts).toBe(3);
    expect(server.hits('/flaky')).toBe(3);
    expect(c.stats.retried).toBe(2);
  });

  it('gives up after maxTries with a RetryableFetchError', async () => {
    server = await startTestServer({
      '/robots.txt': robots(''),
      '/down': (_req, res) => {
        res.writeHead(502);
        res.end();
      },
    });
    const c = client({ maxTries: 4 });
    const err = await c.get(`${server.url}/down`, { kind: 'decision' }).catch((e) => e);
    expect(err).toBeInstanceOf(RetryableFetchError);
    expect(err.status).toBe(502);
    expect(server.hits('/down')).toBe(4);
    expect(c.stats).toMatchObject({ retried: 3, failed: 1 });
  });

  it('waits as long as Retry-After says on 429, without using up tries', async () => {
    server = await startTestServer({
      '/robots.txt': robots(''),
      '/busy': (_req, res, hit) => {
        if (hit === 1) {
          res.writeHead(429, { 'Retry-After': '1' });
          res.end();
        } else {
          res.writeHead(200);
          res.end('now ok');
        }
      },
    });
    const c = client({ maxTries: 1 });
    const res = await c.get(`${server.url}/busy`, { kind: 'other' });
    expect(res.body.toString()).toBe('now ok');
    const [a, b] = server.log.filter((r) => r.path === '/busy').map((r) => r.at);
    expect(b! - a!).toBeGreaterThanOrEqual(995);
    expect(c.stats.throttled).toBe(1);
  });

  it('pauses every request while throttled, and caps Retry-After', async () => {
    server = await startTestServer({
      '/robots.txt': robots(''),
      '/busy': (_req, res, hit) => {
        res.writeHead(hit === 1 ? 503 : 200, hit === 1 ? { 'Retry-After': '3600' } : {});
        res.end();
      },
      '/other': html('x'),
    });
    const c = client({ retryAfterCapMs: 300 });
    const busy = c.get(`${server.url}/busy`, { kind: 'other' });
    // Start the second request once the client has taken the 503 in (not after a fixed sleep,
    // which a loaded machine can outrun): from then on every request must wait out the pause.
    while (c.stats.throttled === 0) await new Promise((r) => setTimeout(r, 5));
    const throttledAt = performance.now();
    await c.get(`${server.url}/other`, { kind: 'other' });
    await busy;
    const other = server.log.find((r) => r.path === '/other')!;
    // The pause (Retry-After 3600 s capped to 300 ms) began when the 503 was taken in.
    expect(other.at - throttledAt).toBeGreaterThanOrEqual(250);
    // The cap: both requests completed, so the pause ended; uncapped (3,600 s) it would outlast the
    // test's timeout. No upper bound on the elapsed time: a loaded machine can stretch any.
    expect(c.stats.throttled).toBe(1);
  });

  it('stops after repeated throttling once the free retries and tries are used up', async () => {
    server = await startTestServer({
      '/robots.txt': robots(''),
      '/busy': (_req, res) => {
        res.writeHead(429, { 'Retry-After': '0' });
        res.end();
      },
    });
    const c = client({ maxTries: 2, freeThrottleRetries: 3 });
    await expect(c.get(`${server.url}/busy`, { kind: 'other' })).rejects.toBeInstanceOf(ThrottledError);
    expect(server.hits('/busy')).toBe(5); // 3 free + 2 counted
  });

  it('does not retry 404 or 410', async () => {
    server = await startTestServer({
      '/robots.txt': robots(''),
      '/gone': (_req, res) => {
        res.writeHead(410);
        res.end();
      },
    });
    const c = client();
    const e404 = await c.get(`${server.url}/missing`, { kind: 'decision' }).catch((e) => e);
    const e410 = await c.get(`${server.url}/gone`, { kind: 'decision' }).catch((e) => e);
    expect(e404).toBeInstanceOf(PermanentFetchError);
    expect(e404.status).toBe(404);
    expect(e410.status).toBe(410);
    expect(server.hits('/missing')).toBe(1);
    expect(server.hits('/gone')).toBe(1);
    expect(c.stats.retried).toBe(0);
  });

  it('times out a hanging request and retries it', async () => {
    server = await startTestServer({
      '/robots.txt': robots(''),
      '/hang': async (_req, res, hit) => {
        if (hit === 1) await new Promise((r) => setTimeout(r, 1500));
        if (!res.destroyed) {
          res.writeHead(200);
          res.end('late but fine');
        }
      },
    });
    const c = client({ timeoutMs: 200 });
    const res = await c.get(`${server.url}/hang`, { kind: 'other' });
    expect(res.body.toString()).toBe('late but fine');
    // Two hits: the first attempt was given up before the server answered it (at 1,500 ms), or it
    // would have been the answer. That is the timeout, whatever the load; no wall-clock bound.
    expect(server.hits('/hang')).toBe(2);
    expect(c.stats.retried).toBe(1);
  });

  it("stops a request in flight when the caller's signal aborts, without retrying it as a timeout", async () => {
    server = await startTestServer({
      '/robots.txt': robots(''),
      '/slow': async (_req, res) => {
        await new Promise((r) => setTimeout(r, 1000));
        if (!res.destroyed) res.end('too late');
      },
    });
    const c = client({ timeoutMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 100);
    await expect(c.get(`${server.url}/slow`, { kind: 'other', signal: controller.signal })).rejects.toThrow();
    // Rejected although the server answers (at 1,000 ms, well inside the 5,000 ms timeout): the
    // abort stopped the request in flight. No wall-clock bound, which load could break.
    expect(server.hits('/slow')).toBe(1);
    expect(c.stats.retried).toBe(0);
  });

  it('leaves nothing behind on a long-lived caller signal, however many requests use it', async () => {
    server = await startTestServer({ '/robots.txt': robots(''), '/p': html('ok') });
    const c = client();
    const signal = new AbortController().signal;
    for (let i = 0; i < 50; i++) await c.get(`${server.url}/p?i=${i}`, { kind: 'other', signal });
    // No abort listener left, and no entry per derived signal: Node 20's AbortSignal.any keeps one
    // in a set on the source signal that is never emptied (a crawl's signal grew with every request).
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    const kept = Object.getOwnPropertySymbols(signal)
      .map((sym) => (signal as unknown as Record<symbol, unknown>)[sym])
      .filter((v): v is Set<unknown> => types.isSet(v))
      .reduce((n, set) => n + set.size, 0);
    expect(kept).toBe(0);
  });

  it('retries a truncated body (fewer bytes than Content-Length)', async () => {
    const full = '<html>'.padEnd(2000, 'x');
    server = await startTestServer({
      '/robots.txt': robots(''),
      '/cut': (_req, res, hit) => {
        res.writeHead(200, { 'Content-Length': String(full.length), 'Content-Type': 'text/html' });
        if (hit === 1) {
          res.write(full.slice(0, 500));
          setTimeout(() => res.socket?.destroy(), 20);
        } else res.end(full);
      },
    });
    const c = client();
    const res = await c.get(`${server.url}/cut`, { kind: 'decision' });
    expect(res.body.length).toBe(2000);
    expect(server.hits('/cut')).toBe(2);
  });

  it('never requests a URL robots.txt disallows, also behind a redirect', async () => {
    server = await startTestServer({
      '/robots.txt': robots(
        'User-agent: *\nDisallow: /private\n\nUser-agent: lgsco-archive\nDisallow: /secret\n',
      ),
      '/private/x': html('no'),
      '/secret/y': html('no'),
      '/open': html('yes'),
      '/moved': (_req, res) => {
        res.writeHead(302, { Location: '/secret/y' });
        res.end();
      },
    });
    const c = client();
    await expect(c.get(`${server.url}/secret/y`, { kind: 'decision' })).rejects.toBeInstanceOf(
      RobotsDisallowedError,
    );
    await expect(c.get(`${server.url}/moved`, { kind: 'decision' })).rejects.toBeInstanceOf(
      RobotsDisallowedError,
    );
    // Our own group replaces "*": /private is allowed for us, /secret is not.
    expect((await c.get(`${server.url}/private/x`, { kind: 'other' })).status).toBe(200);
    expect((await c.get(`${server.url}/open`, { kind: 'other' })).status).toBe(200);
    expect(server.log.map((r) => r.path)).toEqual(['/robots.txt', '/moved', '/private/x', '/open']);
    expect(c.stats.robotsDisallowed).toBe(2);
  });

  it('treats a missing robots.txt as allow-all and follows redirects', async () => {
    server = await startTestServer({
      '/a': (_req, res) => {
        res.writeHead(301, { Location: '/b' });
        res.end();
      },
      '/b': html('b'),
    });
    const c = client();
    const res = await c.get(`${server.url}/a`, { kind: 'other' });
    expect(res.url).toBe(`${server.url}/b`);
    expect(server.log.map((r) => r.path)).toEqual(['/robots.txt', '/a', '/b']);
  });

  it('obeys a robots.txt Crawl-delay slower than the configured rate', async () => {
    server = await startTestServer({
      '/robots.txt': robots('User-agent: *\nCrawl-delay: 0.2\n'),
      '/p': html('p'),
    });
    // Starts recorded at the gate, where the spacing is decided (server arrival stamps carry the
    // test server's event-loop stalls: a late first arrival shrinks the measured span).
    const gate = RateGate.perSecond(100);
    const starts: number[] = [];
    const take = gate.take.bind(gate);
    gate.take = async (signal?: AbortSignal) => {
      await take(signal);
      starts.push(performance.now());
    };
    const c = client({ rate: 100, gate });
    const t0 = performance.now();
    await Promise.all([1, 2, 3].map((i) => c.get(`${server.url}/p?${i}`, { kind: 'other' })));
    expect(c.intervalMs).toBe(200);
    // robots.txt, then the three pages: no start before its slot, and the pages' slots are 200 ms
    // apart, so the last page starts at least 400 ms after t0 (at 100 req/s it would be ~30 ms).
    expect(starts).toHaveLength(4);
    starts.sort((a, b) => a - b);
    expect(starts[3]! - t0).toBeGreaterThanOrEqual(399);
    expect(starts[2]! - t0).toBeGreaterThanOrEqual(199);
    // And the server saw them spread out too (loosely: its stamps carry its own stalls).
    const at = server.log.filter((r) => r.path === '/p').map((r) => r.at);
    expect(at[2]! - at[0]!).toBeGreaterThanOrEqual(300);
  });

  it('sends conditional GET headers and returns 304 as such', async () => {
    server = await startTestServer({
      '/robots.txt': robots(''),
      '/c': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since']) {
          res.writeHead(304, { ETag: '"v1"' });
          res.end();
        } else {
          res.writeHead(200, { ETag: '"v1"', 'Last-Modified': 'Mon, 01 Dec 2025 10:00:00 GMT' });
          res.end('body');
        }
      },
    });
    const c = client();
    const first = await c.get(`${server.url}/c`, { kind: 'decision' });
    const again = await c.get(`${server.url}/c`, {
      kind: 'decision',
      etag: first.headers.get('etag'),
      lastModified: first.headers.get('last-modified'),
    });
    expect(first.status).toBe(200);
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});

describe('limits', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('RateGate hands out evenly spaced slots in call order', async () => {
    const gate = new RateGate(30); // slots 30 ms apart
    const t0 = performance.now();
    const at: number[] = [];
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        await gate.take();
        at.push(performance.now() - t0);
        order.push(i);
      }),
    );
    expect(order).toEqual([0, 1, 2, 3]);
    // Checked against the slots, not the gaps between wake-ups (a stalled event loop wakes two
    // callers together): the gate never starts a caller before its slot, and slot j is j
    // intervals after the first call, so the j-th start comes at least j intervals after t0.
    at.forEach((t, j) => {
      expect(t, `start ${j}`).toBeGreaterThanOrEqual(j * 30 - 0.5);
    });
  });

  it('Semaphore is FIFO and bounded', async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    await s.acquire();
    await s.acquire();
    const waiters = [1, 2, 3].map((i) => s.acquire().then(() => order.push(i)));
    expect(s.waiting).toBe(3);
    s.release();
    s.release();
    s.release();
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
    expect(s.inUse).toBe(2);
  });
});
