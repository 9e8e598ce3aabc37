/**
 * Pages served by the replica over HTTP go through the crawler's parse stage:
 * - a decision page without its header lines (as about one real copy in six) is saved, flagged
 *   `headerComplete: false`, with the category from its URL and no outcome or date;
 * - a page with no reference is quarantined with the reason and never reaches the index queue;
 * - `reparse` recovers a header-less page that an earlier parser version quarantined, and keeps the
 *   page that is no decision in quarantine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../archive/index.js';
import { reparseArchive } from '../../cli/commands/reparse.js';
import { createLogger } from '../../core/log.js';
import { parseStoredDecision } from '../../crawler/index.js';
import { type ReplicaServer, startReplica } from '../../replica/index.js';
import { tempDir } from '../helpers/tmp.js';

describe('decision pages with missing parts, through the parse stage', () => {
  const tmp = tempDir('lgsco-quarantine-');
  let replica: ReplicaServer;
  let archive: Archive;
  const log = createLogger('silent');

  beforeAll(async () => {
    replica = await startReplica({ seed: 77, decisions: 30 });
    archive = Archive.open(tmp.dir);
  });

  afterAll(async () => {
    archive?.close();
    await replica?.close();
    tmp.cleanup();
  });

  /** Fetches decision `index` from the replica, takes out the parts named, and stores the page. */
  async function store(index: number, strip: Array<'header' | 'title'>) {
    const meta = replica.corpus.decisions[index]!;
    const res = await fetch(`${replica.url}${meta.path}`);
    expect(res.status).toBe(200);
    let html = await res.text();
    const cut = (re: RegExp) => {
      const before = html;
      html = html.replace(re, '');
      expect(html).not.toBe(before);
    };
    if (strip.includes('header')) cut(/<div class="decision-meta">[\s\S]*?<\/div>/);
    if (strip.includes('title')) cut(/<div class="decision-title">[\s\S]*?<\/div>/);
    const url = `https://www.lgo.org.uk${meta.path}`;
    const { hash } = archive.storePage({
      url,
      kind: 'decision',
      status: 200,
      body: Buffer.from(html),
      contentType: res.headers.get('content-type'),
      refKey: meta.refKey,
    });
    return { meta, refKey: meta.refKey, url, pageHash: hash, contentType: res.headers.get('content-type') };
  }

  it('a page without its header lines is saved with headerComplete false and the category from its URL', async () => {
    const page = await store(4, ['header']);
    expect(parseStoredDecision({ archive, log }, page)).toMatchObject({ status: 'saved' });
    const d = archive.getDecision(page.refKey)!;
    expect(d).toMatchObject({
      organisation: page.meta.organisation,
      category: page.meta.category,
      subcategory: page.meta.subcategory,
      outcome: null,
      decisionDate: null,
      headerComplete: false,
    });
    expect(d.parseWarnings).toContain('header incomplete: no Category, Decision, Decision date lines');
    expect([...archive.decisionsNeedingIndex()].map((x) => x.refKey)).toContain(page.refKey);
  });

  it('a page with no reference is quarantined with the reason and not indexed', async () => {
    const bad = await store(3, ['header', 'title']);
    expect(parseStoredDecision({ archive, log }, bad)).toMatchObject({
      status: 'quarantined',
      reason: expect.stringMatching(/not a decision page: no reference/),
    });
    expect(archive.hasDecision(bad.refKey)).toBe(false);
    expect(archive.isQuarantined(bad.refKey, bad.pageHash)).toBe(true);
    expect([...archive.decisionsNeedingIndex()].map((d) => d.refKey)).not.toContain(bad.refKey);
  });

  it('reparse recovers a header-less page an earlier parser quarantined, and keeps the non-decision there', async () => {
    const old = await store(6, ['header']);
    // As parser 1.10.0 left it: refused for its missing header fields.
    archive.quarantine({
      url: old.url,
      refKey: old.refKey,
      pageHash: old.pageHash,
      reason: 'not a decision page: missing category, decision (outcome), decision date',
    });
    expect(archive.hasDecision(old.refKey)).toBe(false);
    const s = await reparseArchive(archive, { workers: 0 });
    expect(s).toMatchObject({ recovered: 1, stillQuarantined: 1 });
    expect(archive.getDecision(old.refKey)).toMatchObject({
      headerComplete: false,
      category: old.meta.category,
    });
    expect([...new Set(archive.quarantined().map((q) => q.refKey))]).toEqual([
      replica.corpus.decisions[3]!.refKey,
    ]);
    const again = await reparseArchive(archive, { workers: 0 });
    // Without --all, a page this parser version already failed is not tried again.
    expect(again.reparsed).toBe(0);
    expect(archive.hasDecision(replica.corpus.decisions[3]!.refKey)).toBe(false);
  });
});
