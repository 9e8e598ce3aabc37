/**
 * The foundation slice end to end, all real: the replica over HTTP on 127.0.0.1, the crawler,
 * the SQLite archive, the Meilisearch binary and the HTTP API.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../api/index.js';
import { openServices, type Services } from '../../cli/services.js';
import { loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/log.js';
import { runCrawl } from '../../crawler/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { tempDir } from '../helpers/tmp.js';

const DECISIONS = 200;

describe('replica → crawl → archive → Meilisearch → API', () => {
  const tmp = tempDir();
  let replica: ReplicaServer;
  let services: Services;
  let app: FastifyInstance;
  let api: string;
  let firstCrawl: Awaited<ReturnType<typeof runCrawl>>;

  const decisionPageRequests = () =>
    replica.requestLog.filter((r) => r.path.startsWith('/decisions/') && r.path.split('/').length === 5);

  const crawl = () =>
    runCrawl({
      config: services.config,
      archive: services.archive,
      log: silentLogger,
      onRecords: (records) => services.indexRecords(records),
    });

  beforeAll(async () => {
    replica = await startReplica({ port: 0, seed: 11, decisions: DECISIONS });
    const config = loadConfig(
      { dataDir: tmp.dir, baseUrl: replica.url, rate: 400, concurrency: 8, logLevel: 'silent' },
      {},
    );
    services = await openServices(config, silentLogger);
    firstCrawl = await crawl();
    app = await buildApi({ config, archive: services.archive, index: services.index });
    api = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await services?.close();
    await replica?.close();
    tmp.cleanup();
  });

  const get = async (path: string) => {
    const res = await fetch(`${api}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('archives and indexes every decision of the replica exactly once', async () => {
    expect(firstCrawl.fetched).toBe(DECISIONS);
    expect(firstCrawl.failed).toBe(0);
    expect(firstCrawl.quarantined).toBe(0);
    expect(services.archive.counts().decisions).toBe(DECISIONS);
    const pages = decisionPageRequests();
    expect(new Set(pages.map((r) => r.path)).size).toBe(DECISIONS);
    const { status, body } = await get('/api/search?limit=1');
    expect(status).toBe(200);
    expect(body.total).toBe(DECISIONS);
  });

  it('counts each organisation exactly as the ground truth does', async () => {
    const truth = new Map<string, number>();
    for (const d of replica.corpus.decisions) truth.set(d.organisation, (truth.get(d.organisation) ?? 0) + 1);
    const ranked = [...truth.entries()].sort((a, b) => b[1] - a[1]);
    // The busiest, a middling and a rare organisation, plus one whose name has punctuation if any.
    const picks = [ranked[0]!, ranked[Math.floor(ranked.length / 2)]!, ranked.at(-1)!];
    const punctuated = ranked.find(([name]) => /[&',.]/.test(name));
    if (punctuated) picks.push(punctuated);
    for (const [organisation, count] of picks) {
      const { body } = await get(`/api/search?limit=1&organisation=${encodeURIComponent(organisation)}`);
      expect(body.total, organisation).toBe(count);
      const facets = body.facets as Record<string, Record<string, number>>;
      expect(facets.organisation?.[organisation]).toBe(count);
    }
  });

  it('filters by outcome, category and date window as the ground truth does', async () => {
    // A page printed without its header lines shows no outcome or date: it matches neither filter.
    const ds = replica.corpus.decisions.filter((d) => replica.corpus.full(d.index).headerLines);
    expect(ds.length).toBeLessThan(replica.corpus.decisions.length);
    const upheld = ds.filter((d) => d.outcome === 'Upheld').length;
    expect((await get('/api/search?limit=1&outcome=Upheld')).body.total).toBe(upheld);
    const housing2020s = ds.filter(
      (d) => d.category === 'Housing' && d.decisionDate >= '2020-01-01' && d.decisionDate <= '2023-12-31',
    ).length;
    expect((await get('/api/search?limit=1&category=Housing&from=2020-01-01&to=2023-12-31')).body.total).toBe(
      housing2020s,
    );
  });

  it('returns the full record for either spelling of a reference, and 404 JSON for an unknown one', async () => {
    const d = replica.corpus.decisions[5]!;
    const a = await get(`/api/decisions/${encodeURIComponent(d.ref)}`);
    const b = await get(`/api/decisions/${d.refKey}`);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
    expect(a.body).toMatchObject({
      ref: d.ref,
      organisation: d.organisation,
      category: d.category,
      outcome: d.outcome,
      decisionDate: d.decisionDate,
    });
    expect((a.body.sections as unknown[]).length).toBeGreaterThan(0);
    const missing = await get('/api/decisions/99-999-999');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('LGSCO_ERR_NOT_FOUND');
  });

  it('answers bad parameters with 400 and a message naming them', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/search?limit=0', /limit/],
      ['/api/search?limit=abc', /limit/],
      ['/api/search?page=-2', /page/],
      ['/api/search?from=2024-13-01', /from/],
      ['/api/search?from=2024-05-01&to=2024-01-01', /from must not be after to/],
      ['/api/search?colour=blue', /colour/],
      ['/api/decisions/not-a-ref', /not-a-ref/],
    ];
    for (const [path, pattern] of cases) {
      const { status, body } = await get(path);
      expect(status, path).toBe(400);
      expect(body.message, path).toMatch(pattern);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('fetches no decision page again on a second crawl and adds no duplicate', async () => {
    const before = decisionPageRequests().length;
    const second = await crawl();
    expect(second.fetched).toBe(0);
    expect(decisionPageRequests().length).toBe(before);
    expect(services.archive.counts().decisions).toBe(DECISIONS);
    expect((await get('/api/search?limit=1')).body.total).toBe(DECISIONS);
  });

  it('reports health with archive totals', async () => {
    const { status, body } = await get('/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect((body.archive as { decisions: number }).decisions).toBe(DECISIONS);
    expect(body.indexed).toBe(DECISIONS);
  });
});
