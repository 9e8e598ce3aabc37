/**
 * `lgsco reparse` as a user runs it (default: with the search index): only records whose content
 * changed go to Meilisearch again, and what is searchable afterwards is the new parse.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openReplicaArchive } from '../../bench/replica-archive.js';
import { openServices } from '../../cli/services.js';
import { loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/log.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('lgsco reparse with the search index', () => {
  const tmp = tempDir('lgsco-reparse-index-');
  const dataDir = path.join(tmp.dir, 'data');
  afterAll(() => tmp.cleanup());

  it('re-indexes only the records whose content changed', async () => {
    const { archive } = openReplicaArchive(dataDir, { seed: 41, count: 120 });
    const keys = [...archive.iterateDecisions()].map((d) => d.refKey);
    const [stale, same] = keys;
    const record = (k: string) => {
      const { archive: _meta, ...r } = archive.getDecision(k)!;
      return r;
    };
    const pageOf = (k: string) => archive.getDecision(k)!.archive.pageHash;
    // An older parser read a wrong remedy total for `stale` and the same content for `same`.
    archive.saveDecision({ ...record(stale!), parserVersion: '0.9.0', remedyTotal: 98_765 }, pageOf(stale!));
    archive.saveDecision({ ...record(same!), parserVersion: '0.9.0' }, pageOf(same!));
    archive.close();

    const config = loadConfig({ dataDir, logLevel: 'silent' }, {});
    // Index everything as it stands (the stale total included), as a crawl would have.
    let services = await openServices(config, silentLogger);
    expect(await services.catchUpIndex()).toBe(120);
    const staleHit = async () =>
      (await services.index.search({ q: stale!, page: 1, limit: 1 })).hits[0] as { remedyTotal?: number };
    expect((await staleHit()).remedyTotal).toBe(98_765);
    await services.close();

    const r = await runCli(['reparse', '--workers', '0'], { DATA_DIR: dataDir }, 120_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/indexed 1 decisions/);

    services = await openServices(config, silentLogger);
    try {
      expect((await staleHit()).remedyTotal).not.toBe(98_765);
      expect(await services.index.count()).toBe(120);
      expect(services.archive.counts().needingIndex).toBe(0);
    } finally {
      await services.close();
    }
  }, 180_000);
});
