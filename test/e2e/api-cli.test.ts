/**
 * `lgsco export` and `lgsco stats` share the API's implementation: on the same archive they give
 * the same rows and figures as /api/export.csv and /api/stats.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../api/index.js';
import { openServices, type Services } from '../../cli/services.js';
import { loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/log.js';
import { runCrawl } from '../../crawler/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('lgsco export / lgsco stats', () => {
  const tmp = tempDir('lgsco-api-cli-');
  let replica: ReplicaServer;
  let services: Services;
  let app: FastifyInstance;

  beforeAll(async () => {
    replica = await startReplica({ port: 0, seed: 31, decisions: 150 });
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
    app = await buildApi({ config, archive: services.archive, index: services.index });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await services?.close();
    await replica?.close();
    tmp.cleanup();
  });

  const env = () => ({ DATA_DIR: tmp.dir, LOG_LEVEL: 'silent' });

  it('export CSV (decisions and payments, with filters) equals /api/export.csv byte for byte', async () => {
    for (const [args, query] of [
      [[], ''],
      [['--category', 'Education', '--has-payment', 'true'], 'category=Education&hasPayment=true'],
      [['--rows', 'payments', '--min-remedy', '500'], 'rows=payments&minRemedy=500'],
    ] as Array<[string[], string]>) {
      const cli = await runCli(['export', ...args], env());
      expect(cli.code, cli.stderr).toBe(0);
      const res = await app.inject({ method: 'GET', url: `/api/export.csv?${query}` });
      expect(cli.stdout, args.join(' ')).toBe(res.body);
      expect(cli.stdout.split('\n').length).toBeGreaterThan(2);
    }
  });

  it('stats --json equals /api/stats, grouped and filtered; the table prints the total', async () => {
    for (const [args, query] of [
      [['--by', 'year'], 'groupBy=year'],
      [['--by', 'organisation', '--outcome', 'Upheld'], 'groupBy=organisation&outcome=Upheld'],
      [['--q', 'EHC plan', '--by', 'category'], 'groupBy=category&q=EHC%20plan'],
    ] as Array<[string[], string]>) {
      const cli = await runCli(['stats', '--json', ...args], env());
      expect(cli.code, cli.stderr).toBe(0);
      const res = await app.inject({ method: 'GET', url: `/api/stats?${query}` });
      expect(JSON.parse(cli.stdout), args.join(' ')).toEqual(res.json());
    }
    const table = await runCli(['stats', '--by', 'year'], env());
    expect(table.stdout).toMatch(/^year\s+decisions/);
    expect(table.stdout).toMatch(/\nall\s+150\s/);
  });

  it('export --format sqlite writes the structured archive (needs --out; filters ignored); --out writes the CSV; bad options exit 2 naming the option', async () => {
    const out = path.join(tmp.dir, 'out.sqlite');
    const cli = await runCli(['export', '--format', 'sqlite', '--out', out], env());
    expect(cli.code, cli.stderr).toBe(0);
    const db = new BetterSqlite3(out, { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM decisions').get() as { n: number }).n).toBe(150);
    db.close();
    expect(readFileSync(out).subarray(0, 15).toString()).toBe('SQLite format 3');
    const noOut = await runCli(['export', '--format', 'sqlite'], env());
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toBe('lgsco: --format sqlite needs --out FILE\n');
    const filtered = await runCli(['export', '--format', 'sqlite', '--out', out, '--year', '2020'], env());
    expect(filtered.code, filtered.stderr).toBe(0);
    expect(filtered.stderr).toMatch(
      /^lgsco: the SQLite export holds the whole archive; filters are ignored\n/,
    );
    const csv = path.join(tmp.dir, 'out.csv');
    const toFile = await runCli(['export', '--category', 'Education', '--out', csv], env());
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toMatch(/^wrote .*out\.csv in \d+\.\d s\n$/);
    const res = await app.inject({ method: 'GET', url: '/api/export.csv?category=Education' });
    expect(readFileSync(csv, 'utf8')).toBe(res.body);
    const bad = await runCli(['stats', '--min-remedy', 'lots'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--min-remedy/);
    const badFinding = await runCli(['export', '--finding', 'guilty'], env());
    expect(badFinding.code).toBe(2);
    expect(badFinding.stderr).toMatch(/finding/);
  });
});
