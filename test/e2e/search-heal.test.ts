/**
 * Search heals by itself under `lgsco serve`. Meilisearch is killed (SIGKILL) while serve runs,
 * and decisions are archived meanwhile without being indexed (`lgsco crawl --no-index`); search
 * must come back without restarting serve and find every archived decision. Two ways:
 * - the embedded Meilisearch of DATA_DIR: serve starts a new one (or joins the one a crawl
 *   started) and catches up;
 * - MEILI_URL: the server comes back on an empty database; serve reconnects, applies the settings
 *   and indexes the whole archive again.
 * (Before: serve answered 503 "try again shortly" until it was restarted, and the index kept
 * missing what was archived meanwhile.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { type LongRunning, runCli, startCli } from '../helpers/cli.js';
import { type ExternalMeili, startExternalMeili } from '../helpers/meili.js';
import { tempDir } from '../helpers/tmp.js';

const N = 160;

/** Polls the API until search answers 200 with `total` decisions; returns the seconds it took. */
async function searchRecovers(
  api: string,
  total: number,
  timeoutMs = 120_000,
  serve?: LongRunning,
): Promise<number> {
  const t0 = performance.now();
  let last = '';
  while (performance.now() - t0 < timeoutMs) {
    const res = await fetch(`${api}/api/search?limit=1&facets=none`).catch(() => undefined);
    if (res) {
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200 && (JSON.parse(last.slice(4)) as { total: number }).total === total)
        return (performance.now() - t0) / 1000;
    }
    await sleep(250);
  }
  throw new Error(
    `search did not recover to ${total} decisions in ${timeoutMs} ms; last answer: ${last}` +
      (serve ? `\nserve's output:\n${serve.output().slice(-6000)}` : ''),
  );
}

describe('search heals under lgsco serve', () => {
  let replica: ReplicaServer;
  let mid: string;
  let before: number;

  beforeAll(async () => {
    replica = await startReplica({ seed: 12, decisions: N });
    // The first part is crawled (and indexed) before serve starts; the rest while the index is down.
    const d = replica.corpus.decisions;
    mid = d[Math.floor(N / 2)]!.decisionDate;
    before = d.filter((x) => x.decisionDate <= mid).length;
  });

  afterAll(async () => {
    await replica?.close();
  });

  describe('embedded Meilisearch killed', () => {
    const tmp = tempDir('lgsco-e2e-heal-');
    let serve: LongRunning;
    let api: string;
    const env = () => ({ DATA_DIR: tmp.dir, LGSCO_BASE_URL: replica.url, LGSCO_RATE: '300' });

    beforeAll(async () => {
      const first = await runCli(['crawl', '--from', '2016-01-01', '--to', mid], env());
      expect(first.code, first.stderr).toBe(0);
      serve = await startCli(['serve', '--port', '0'], /API listening on (http:\/\/\S+?) /, env());
      api = serve.match[1]!;
    }, 240_000);

    afterAll(async () => {
      await serve?.stop();
      tmp.cleanup();
    });

    it('recovers without a restart of serve and catches up what was archived meanwhile', async () => {
      await searchRecovers(api, before, 30_000, serve);
      const state = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'meili', 'server.json'), 'utf8')) as {
        pid: number;
      };
      process.kill(state.pid, 'SIGKILL');
      const down = await fetch(`${api}/api/search?limit=1`);
      expect([200, 503]).toContain(down.status); // 503 until the watcher has reconnected
      // The rest of the decisions are archived, not indexed, while search is down.
      const rest = await runCli(['crawl', '--no-index', '--from', '2016-01-01'], env());
      expect(rest.code, rest.stderr).toBe(0);
      const seconds = await searchRecovers(api, N, 120_000, serve);
      console.log(
        `search heal (embedded): all ${N} decisions searchable ${seconds.toFixed(1)} s after the crawl`,
      );
      const health = (await (await fetch(`${api}/health`)).json()) as { search: string; indexed: number };
      expect(health).toMatchObject({ search: 'ok', indexed: N });
      const newState = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'meili', 'server.json'), 'utf8')) as {
        pid: number;
      };
      expect(newState.pid).not.toBe(state.pid);
      const status = await runCli(['status'], env());
      expect(status.stdout).toMatch(/search index: every archived decision is searchable/);
    }, 180_000);

    it('a crawl started while it is down brings up a server that serve then uses', async () => {
      const state = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'meili', 'server.json'), 'utf8')) as {
        pid: number;
      };
      process.kill(state.pid, 'SIGKILL');
      const again = await runCli(['crawl', '--from', '2016-01-01'], env());
      expect(again.code, `${again.stdout}\n${again.stderr}`).toBe(0);
      await searchRecovers(api, N, 120_000, serve);
    }, 180_000);
  });

  describe('MEILI_URL killed and back on an empty database', () => {
    const tmp = tempDir('lgsco-e2e-heal-ext-');
    const meiliDir = tempDir('lgsco-e2e-heal-ext-meili-');
    let meili: ExternalMeili;
    let serve: LongRunning;
    let api: string;
    const env = () => ({
      DATA_DIR: tmp.dir,
      LGSCO_BASE_URL: replica.url,
      LGSCO_RATE: '300',
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
    });

    beforeAll(async () => {
      meili = await startExternalMeili(meiliDir.dir);
      const first = await runCli(['crawl', '--from', '2016-01-01', '--to', mid], env());
      expect(first.code, first.stderr).toBe(0);
      serve = await startCli(['serve', '--port', '0'], /API listening on (http:\/\/\S+?) /, env());
      api = serve.match[1]!;
    }, 240_000);

    afterAll(async () => {
      await serve?.stop();
      await meili?.kill();
      tmp.cleanup();
      meiliDir.cleanup();
    });

    it('reconnects, re-applies the settings and indexes the whole archive again', async () => {
      await searchRecovers(api, before, 30_000, serve);
      await meili.kill();
      expect((await fetch(`${api}/api/search?limit=1`)).status).toBe(503);
      const rest = await runCli(['crawl', '--no-index', '--from', '2016-01-01'], env());
      expect(rest.code, rest.stderr).toBe(0);
      fs.rmSync(path.join(meiliDir.dir, 'data.ms'), { recursive: true, force: true });
      await meili.start();
      const seconds = await searchRecovers(api, N, 120_000, serve);
      console.log(
        `search heal (MEILI_URL): all ${N} decisions searchable ${seconds.toFixed(1)} s after restart`,
      );
      // Settings applied again: a filtered, sorted search works.
      const res = await fetch(`${api}/api/search?sort=date:asc&outcome=Upheld&limit=1`);
      expect(res.status).toBe(200);
    }, 180_000);

    it('also when the server is back, empty, before serve saw it down', async () => {
      // Killed and started again at once: serve's watcher (every 2 s) may never see it down, but
      // sees the index hold fewer decisions than the archive marked indexed.
      await meili.kill();
      fs.rmSync(path.join(meiliDir.dir, 'data.ms'), { recursive: true, force: true });
      await meili.start();
      await searchRecovers(api, N, 120_000, serve);
    }, 180_000);
  });
});
