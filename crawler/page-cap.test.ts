import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.js';
import { silentLogger } from '../core/log.js';
import { startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { tempDir } from '../test/helpers/tmp.js';
import { HttpClient, PageTooLargeError } from './http-client.js';
import { processDecision } from './stages.js';

const CAP = 64 * 1024;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(): Promise<TestServer> {
  const s = await startTestServer({
    '/robots.txt': (_q, res) => {
      res.writeHead(404).end();
    },
    // Declares its size.
    '/declared': (_q, res) => {
      const body = Buffer.alloc(CAP + 1, 'a');
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': body.length }).end(body);
    },
    // Chunked, no Content-Length: 1 MB in 16 kB chunks.
    '/chunked': (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      const chunk = Buffer.alloc(16 * 1024, 'b');
      let sent = 0;
      const more = () => {
        while (sent < 64 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) {
            res.once('drain', more);
            return;
          }
        }
        res.end();
      };
      more();
    },
    '/small': (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>ok</p>');
    },
  });
  cleanups.push(() => s.close());
  return s;
}

const client = () =>
  new HttpClient({
    userAgent: 'lgsco-test',
    rate: 1000,
    concurrency: 2,
    timeoutMs: 5000,
    maxTries: 3,
    backoffBaseMs: 1,
    maxBodyBytes: CAP,
  });

describe('page size cap', () => {
  it('refuses a body whose Content-Length is over the cap, without retrying', async () => {
    const s = await server();
    const http = client();
    const err = await http.get(`${s.url}/declared`, { kind: 'decision' }).catch((e) => e);
    expect(err).toBeInstanceOf(PageTooLargeError);
    expect((err as Error).message).toMatch(
      /page too large: Content-Length 65537 bytes, over the 65536-byte cap/,
    );
    expect(s.hits('/declared')).toBe(1);
  });

  it('stops reading a chunked body once it passes the cap', async () => {
    const s = await server();
    const http = client();
    const err = await http.get(`${s.url}/chunked`, { kind: 'decision' }).catch((e) => e);
    expect(err).toBeInstanceOf(PageTooLargeError);
    expect((err as PageTooLargeError).bytes).toBeLessThan(2 * CAP);
    expect(http.stats.bytes).toBe(0);
    expect(s.hits('/chunked')).toBe(1);
    expect((await http.get(`${s.url}/small`, { kind: 'decision' })).body.toString()).toBe('<p>ok</p>');
  });

  it('a decision page over the cap is quarantined with the reason and recorded as a permanent failure', async () => {
    const s = await server();
    const tmp = tempDir('lgsco-cap-');
    const archive = Archive.open(tmp.dir);
    cleanups.push(() => {
      archive.close();
      tmp.cleanup();
    });
    const url = `${s.url}/declared`;
    const out = await processDecision(
      { http: client(), archive, log: silentLogger },
      { refKey: '24-000-001', url },
    );
    expect(out).toMatchObject({ status: 'gone', tooLarge: true });
    expect(archive.quarantined()).toEqual([
      expect.objectContaining({
        url,
        refKey: '24-000-001',
        pageHash: null,
        reason: expect.stringMatching(/page too large/),
      }),
    ]);
    // Never asked again: discovery and the resumed frontier skip permanent failures.
    expect(archive.isPermanentFailure(url)).toBe(true);
    expect(archive.decisionPageFetched('24-000-001')).toBe(false);
    expect(archive.counts().pending).toBe(0);
  });
});
