/**
 * The documented command-line flow, as separate real processes:
 * `lgsco replica` → `lgsco crawl` → `lgsco serve` on one DATA_DIR.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LongRunning, runCli, startCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

interface TruthRecord {
  organisation: string;
  refKey: string;
}

describe('lgsco CLI', () => {
  const tmp = tempDir();
  const env = { DATA_DIR: path.join(tmp.dir, 'data') };
  const truthFile = path.join(tmp.dir, 't.json');
  let replica: LongRunning;
  let replicaUrl: string;

  beforeAll(async () => {
    replica = await startCli(
      ['replica', '--port', '0', '--decisions', '300', '--seed', '7', '--truth', truthFile],
      /at (http:\/\/127\.0\.0\.1:\d+)/,
    );
    replicaUrl = replica.match[1]!;
  });

  afterAll(async () => {
    await replica?.stop();
    tmp.cleanup();
  });

  it('prints help for the program and each command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['replica', 'crawl', 'serve', 'demo', 'parse', 'reindex', 'status']) {
      expect(top.stdout).toContain(cmd);
    }
    const crawl = await runCli(['crawl', '--help']);
    expect(crawl.stdout).toContain('--base-url');
  });

  it('rejects invalid configuration with one line naming the setting, and exit code 2', async () => {
    const r = await runCli(['crawl', '--base-url', replicaUrl], { ...env, LGSCO_RATE: 'fast' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/LGSCO_RATE/);
    const remote = await runCli(['crawl', '--base-url', 'https://www.lgo.org.uk'], env);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/LGSCO_CONTACT/);
  });

  it('crawls the replica, serves exactly its 300 decisions, and a second crawl adds nothing', async () => {
    const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as TruthRecord[];
    expect(truth).toHaveLength(300);

    const first = await runCli(['crawl', '--base-url', replicaUrl], env, 300_000);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/300 decision pages fetched/);

    const serve = await startCli(['serve', '--port', '0'], /listening on (http:\/\/[\d.:]+)/, env);
    try {
      const api = serve.match[1]!;
      const total = async (query = '') =>
        ((await (await fetch(`${api}/api/search?limit=1${query}`)).json()) as { total: number }).total;
      expect(await total()).toBe(300);

      const counts = new Map<string, number>();
      for (const t of truth) counts.set(t.organisation, (counts.get(t.organisation) ?? 0) + 1);
      const [busiest, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
      expect(await total(`&organisation=${encodeURIComponent(busiest)}`)).toBe(count);

      // A crawl while `serve` runs shares its Meilisearch and fetches nothing new.
      const second = await runCli(['crawl', '--base-url', replicaUrl], env, 300_000);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toMatch(
        / 0 decision pages fetched, 300 already archived|0 decision pages fetched/,
      );
      expect(await total()).toBe(300);

      const status = await runCli(['status', '--json'], env);
      expect(JSON.parse(status.stdout).decisions).toBe(300);
    } finally {
      await serve.stop();
    }
  }, 600_000);
});
