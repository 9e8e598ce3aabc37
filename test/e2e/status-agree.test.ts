/**
 * One definition of each state (issue #14 point 5): after a crawl against a faulty replica (5xx
 * answers with few tries, a page gone, a page that does not parse), `lgsco status`, GET /health
 * (which the status page shows), GET /api/coverage (the status page's list) and the crawl's own
 * summary count pending, failed, gone and unparsed decisions the same way.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../api/index.js';
import { openServices, type Services } from '../../cli/services.js';
import { loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/log.js';
import { type CrawlSummary, runCrawl } from '../../crawler/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const STATES = ['pending', 'failed', 'gone', 'unparsed'] as const;
const pick = (o: Record<string, unknown>) => Object.fromEntries(STATES.map((k) => [k, o[k]]));

describe('status: the CLI, the API and the status page agree after a faulty crawl', () => {
  const tmp = tempDir('lgsco-status-agree-');
  let replica: ReplicaServer;
  let services: Services;
  let app: FastifyInstance;
  let api: string;
  let summary: CrawlSummary;

  beforeAll(async () => {
    replica = await startReplica({ port: 0, seed: 57, decisions: 80, faults: { errorRate: 0.3 } });
    replica.removeDecision(replica.corpus.decisions[3]!.refKey, 410);
    const config = loadConfig(
      { dataDir: tmp.dir, baseUrl: replica.url, rate: 400, concurrency: 4, maxTries: 2, logLevel: 'silent' },
      { LGSCO_API_RATE_LIMIT: '0' },
    );
    services = await openServices(config, silentLogger);
    summary = await runCrawl({
      config,
      archive: services.archive,
      log: silentLogger,
      httpOptions: { backoffBaseMs: 5, backoffCapMs: 20 },
      onRecords: (r) => services.indexRecords(r),
    });
    app = await buildApi({ config, archive: services.archive, index: services.index });
    api = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await services?.close();
    await replica?.close();
    tmp.cleanup();
  });

  it('counts each state once, the same everywhere', async () => {
    // The faults left decisions failed after their tries, and the 410 one gone.
    expect(summary.failed).toBeGreaterThan(1);
    const cli = await runCli(['status', '--json'], { DATA_DIR: tmp.dir, LOG_LEVEL: 'silent' });
    expect(cli.code, cli.stderr).toBe(0);
    const status = JSON.parse(cli.stdout);
    const states = pick(status);
    expect(states.failed).toBeGreaterThan(0);
    expect(states.gone).toBe(1);
    // lgsco status: its totals and its coverage section.
    expect(pick(status.coverage.missing)).toEqual(states);
    // GET /health (the status page's tiles) and GET /api/coverage (its list of what is missing).
    const health = (await (await fetch(`${api}/health`)).json()) as { archive: Record<string, unknown> };
    expect(pick(health.archive)).toEqual(states);
    const coverage = (await (await fetch(`${api}/api/coverage`)).json()) as {
      missing: Record<string, unknown>;
    };
    expect(pick(coverage.missing)).toEqual(states);
    // The crawl's "failed" is decisions failed or gone plus listing pages that failed.
    expect(summary.failed).toBe(status.failed + status.gone + status.failedListingPages);
    expect(summary.gone).toBe(status.gone);
    expect(summary.pending).toBe(status.pending);
    // And the text output says the same figures.
    const text = await runCli(['status'], { DATA_DIR: tmp.dir, LOG_LEVEL: 'silent' });
    expect(text.stdout).toMatch(new RegExp(`\\n  failed\\s+${states.failed}\\n`));
    expect(text.stdout).toMatch(
      new RegExp(
        `not archived\\s+\\d+ \\(pending ${states.pending}, failed ${states.failed}, gone ${states.gone}, unparsed ${states.unparsed}\\)`,
      ),
    );
  });
});
