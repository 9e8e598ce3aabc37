/**
 * A page without the header fields, served by the replica, goes through the crawler's parse stage
 * into quarantine with the reason, and never reaches the index queue; a whole page next to it is
 * saved and queued. Then `reparse` keeps the quarantined page there (it still does not parse).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../archive/index.js';
import { reparseArchive } from '../../cli/commands/reparse.js';
import { createLogger } from '../../core/log.js';
import { parseStoredDecision } from '../../crawler/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { tempDir } from '../helpers/tmp.js';

describe('a decision page without its header fields', () => {
  const tmp = tempDir('lgsco-quarantine-');
  let replica: ReplicaServer;
  let archive: Archive;

  beforeAll(async () => {
    replica = await startReplica({ seed: 77, decisions: 30 });
    archive = Archive.open(tmp.dir);
  });

  afterAll(async () => {
    archive?.close();
    await replica?.close();
    tmp.cleanup();
  });

  async function store(index: number, strip: boolean) {
    const meta = replica.corpus.decisions[index]!;
    const res = await fetch(`${replica.url}${meta.path}`);
    expect(res.status).toBe(200);
    let html = await res.text();
    if (strip) {
      const before = html;
      html = html.replace(/<div class="decision-meta">[\s\S]*?<\/div>/, '');
      expect(html).not.toBe(before);
    }
    const url = `https://www.lgo.org.uk${meta.path}`;
    const { hash } = archive.storePage({
      url,
      kind: 'decision',
      status: 200,
      body: Buffer.from(html),
      contentType: res.headers.get('content-type'),
      refKey: meta.refKey,
    });
    return { refKey: meta.refKey, url, pageHash: hash, contentType: res.headers.get('content-type') };
  }

  it('is quarantined with the reason and not indexed; a whole page beside it is', async () => {
    const log = createLogger('silent');
    const bad = await store(3, true);
    const good = await store(4, false);
    expect(parseStoredDecision({ archive, log }, bad)).toMatchObject({
      status: 'quarantined',
      reason: expect.stringMatching(
        /not a decision page: missing category, decision \(outcome\), decision date/,
      ),
    });
    expect(parseStoredDecision({ archive, log }, good)).toMatchObject({ status: 'saved' });
    expect(archive.hasDecision(bad.refKey)).toBe(false);
    expect(archive.isQuarantined(bad.refKey, bad.pageHash)).toBe(true);
    expect([...archive.decisionsNeedingIndex()].map((d) => d.refKey)).toEqual([good.refKey]);
    const q = archive.quarantined();
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ refKey: bad.refKey, pageHash: bad.pageHash, url: bad.url });
  });

  it('stays quarantined when re-parsed, noted once for this parser version', async () => {
    const s = await reparseArchive(archive, { workers: 0 });
    expect(s).toMatchObject({ stillQuarantined: 1, recovered: 0 });
    const again = await reparseArchive(archive, { workers: 0 });
    // Without --all, a page this parser version already failed is not tried again.
    expect(again.reparsed).toBe(0);
    expect(archive.hasDecision(replica.corpus.decisions[3]!.refKey)).toBe(false);
  });
});
