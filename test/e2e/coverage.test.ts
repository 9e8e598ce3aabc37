/**
 * Gaps are said, not left silent: decisions the replica lists whose pages are gone (410, 404) and a
 * fetched page that does not parse show in GET /api/coverage (whole archive and per organisation)
 * and in `lgsco status`, each with its reason; a crawl that finished leaves no listing gap.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../api/index.js';
import { openServices, type Services } from '../../cli/services.js';
import { loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/log.js';
import { parseStoredDecision, runCrawl } from '../../crawler/index.js';
import { generateCorpus, type ReplicaServer, renderDecisionPage, startReplica } from '../../replica/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const DECISIONS = 60;

describe('coverage: what the archive is missing, said', () => {
  const tmp = tempDir('lgsco-coverage-');
  let replica: ReplicaServer;
  let services: Services;
  let app: FastifyInstance;
  let api: string;
  let unparsedRef: string;

  beforeAll(async () => {
    replica = await startReplica({ port: 0, seed: 91, decisions: DECISIONS });
    replica.removeDecision(replica.corpus.decisions[5]!.refKey, 410);
    replica.removeDecision(replica.corpus.decisions[17]!.refKey, 404);
    const config = loadConfig(
      { dataDir: tmp.dir, baseUrl: replica.url, rate: 400, concurrency: 8, logLevel: 'silent' },
      { LGSCO_API_RATE_LIMIT: '0' },
    );
    services = await openServices(config, silentLogger);
    await runCrawl({
      config,
      archive: services.archive,
      log: silentLogger,
      onRecords: (r) => services.indexRecords(r),
    });
    // A page fetched on its own that has lost its title and header lines (no reference): kept
    // verbatim, quarantined.
    const other = generateCorpus({ seed: 92, count: 1 }).full(0);
    unparsedRef = other.refKey;
    const html = renderDecisionPage(other)
      .replace(/<div class="decision-meta">[\s\S]*?<\/div>/, '')
      .replace(/<div class="decision-title">[\s\S]*?<\/div>/, '');
    const { hash } = services.archive.storePage({
      url: other.url,
      kind: 'decision',
      status: 200,
      body: Buffer.from(html),
      contentType: 'text/html; charset=utf-8',
      refKey: other.refKey,
    });
    expect(
      parseStoredDecision(
        { archive: services.archive, log: silentLogger },
        { refKey: other.refKey, url: other.url, pageHash: hash, contentType: 'text/html; charset=utf-8' },
      ).status,
    ).toBe('quarantined');
    app = await buildApi({ config, archive: services.archive, index: services.index });
    api = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await services?.close();
    await replica?.close();
    tmp.cleanup();
  });

  const get = async (p: string) => {
    const res = await fetch(`${api}${p}`);
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in assertions
    return { status: res.status, body: (await res.json()) as any };
  };

  it('lists the gone pages and the unparsed one with their reasons, and no listing gap', async () => {
    const [a, b] = [replica.corpus.decisions[5]!, replica.corpus.decisions[17]!];
    const { status, body } = await get('/api/coverage');
    expect(status).toBe(200);
    expect(body.archived).toBe(DECISIONS - 2);
    expect(body.missing).toMatchObject({ total: 3, pending: 0, failed: 0, gone: 2, unparsed: 1 });
    const byRef = new Map(body.missing.items.map((m: { refKey: string }) => [m.refKey, m]));
    expect(byRef.get(a.refKey)).toMatchObject({
      state: 'gone',
      organisation: a.organisation,
      listingDate: a.decisionDate,
      reason: expect.stringMatching(/^HTTP 410/),
    });
    expect(byRef.get(b.refKey)).toMatchObject({ state: 'gone', reason: expect.stringMatching(/^HTTP 404/) });
    expect(byRef.get(unparsedRef)).toMatchObject({
      state: 'unparsed',
      organisation: null,
      reason: expect.stringMatching(/not a decision page/),
    });
    const dates = replica.corpus.decisions.map((d) => d.decisionDate).sort();
    expect(body.listings.gaps).toEqual([]);
    expect(body.listings.incomplete).toEqual([]);
    expect(body.listings.from <= dates[0]!).toBe(true);
    expect(body.listings.to >= dates.at(-1)!).toBe(true);
  });

  it('per organisation: only what is listed under that name', async () => {
    const a = replica.corpus.decisions[5]!;
    const { body } = await get(
      `/api/coverage?organisation=${encodeURIComponent(a.organisation.toUpperCase())}`,
    );
    expect(body.missing.items.map((m: { refKey: string }) => m.refKey)).toContain(a.refKey);
    for (const m of body.missing.items) expect(m.organisation).toBe(a.organisation);
    expect(body.archived).toBe(
      replica.corpus.decisions.filter((d) => d.organisation === a.organisation).length -
        body.missing.items.length,
    );
  });

  it('answers bad parameters with 400 naming them', async () => {
    for (const [p, pattern] of [
      ['/api/coverage?limit=0', /limit/],
      ['/api/coverage?limit=many', /limit/],
      ['/api/coverage?organisation=a&organisation=b', /organisation may be given only once/],
      ['/api/coverage?colour=blue', /colour/],
    ] as const) {
      const { status, body } = await get(p);
      expect(status, p).toBe(400);
      expect(body.message, p).toMatch(pattern);
    }
    // An empty value means the parameter is absent (as on every endpoint): the whole site's answer.
    const empty = await get('/api/coverage?organisation=');
    expect(empty.status).toBe(200);
    expect(empty.body.missing.total).toBe((await get('/api/coverage')).body.missing.total);
  });

  it('`lgsco status` says the same', async () => {
    const env = { DATA_DIR: tmp.dir, LOG_LEVEL: 'silent' };
    const text = await runCli(['status'], env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/not archived\s+3 \(pending 0, failed 0, gone 2, unparsed 1\)/);
    expect(text.stdout).toContain(replica.corpus.decisions[5]!.refKey);
    expect(text.stdout).toMatch(/listing gaps\s+none/);
    // Every replica council is in the organisation registry (issue #17): no unmatched council name.
    expect(text.stdout).toMatch(/unmatched\s+none/);
    const json = await runCli(['status', '--json'], env);
    expect(JSON.parse(json.stdout).coverage.missing.total).toBe(3);
    expect(JSON.parse(json.stdout).coverage.unmatchedOrganisations).toEqual([]);
  });
});
