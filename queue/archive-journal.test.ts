import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.js';
import { silentLogger } from '../core/log.js';
import { fetchDecisionPage, HttpClient, parseStoredDecision } from '../crawler/index.js';
import { startReplica } from '../replica/index.js';
import { tempDir } from '../test/helpers/tmp.js';
import { ArchiveJournal, JournalOp, replayJournal } from './archive-journal.js';
import { QueueStageError } from './errors/queue-stage-error.js';

describe('ArchiveJournal: the fetch stage on a machine without the archive', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const replica = await startReplica({ port: 0, seed: 5, decisions: 5 });
    const dirs = [tempDir(), tempDir()];
    const [direct, replayed] = dirs.map((d) => Archive.open(d.dir)) as [Archive, Archive];
    cleanups.push(
      () => replica.close(),
      ...dirs.map((d) => () => d.cleanup()),
      () => direct.close(),
      () => replayed.close(),
    );
    const http = new HttpClient({
      userAgent: 'lgsco-test',
      rate: 500,
      concurrency: 2,
      timeoutMs: 5000,
      maxTries: 2,
    });
    const target = (i: number) => {
      const d = replica.corpus.decisions[i]!;
      return { refKey: d.refKey, url: new URL(d.path, replica.url).href };
    };
    return { replica, direct, replayed, http, target };
  }

  it('replaying the journal leaves the archive as the stage writing to it directly would', async () => {
    const { direct, replayed, http, target } = await setup();
    const t = target(0);
    const out = await fetchDecisionPage({ http, archive: direct, log: silentLogger }, t);
    const journal = new ArchiveJournal();
    const viaJournal = await fetchDecisionPage({ http, archive: journal.asArchive(), log: silentLogger }, t);
    expect(viaJournal.status).toBe('stored');
    expect(out.status).toBe('stored');
    if (out.status !== 'stored' || viaJournal.status !== 'stored') return;
    expect(viaJournal.pageHash).toBe(out.pageHash);

    // The ops travel as JSON in a job payload.
    const ops = JournalOp.array().parse(JSON.parse(JSON.stringify(journal.ops)));
    replayJournal(replayed, ops);
    expect(replayed.decisionPageFetched(t.refKey)).toBe(true);
    expect(replayed.getPageBody(out.pageHash).equals(direct.getPageBody(out.pageHash))).toBe(true);

    const a = parseStoredDecision({ archive: direct, log: silentLogger }, { refKey: t.refKey, ...out });
    const b = parseStoredDecision(
      { archive: replayed, log: silentLogger },
      { refKey: t.refKey, ...viaJournal },
    );
    expect(b.status).toBe('saved');
    if (a.status === 'saved' && b.status === 'saved') expect(b.record).toEqual(a.record);
  });

  it('a page gone at the source is journaled as a permanent failure and replayed as one', async () => {
    const { replica, replayed, http, target } = await setup();
    const t = target(1);
    replica.removeDecision(t.refKey, 410);
    const journal = new ArchiveJournal();
    const out = await fetchDecisionPage({ http, archive: journal.asArchive(), log: silentLogger }, t);
    expect(out).toMatchObject({ status: 'gone', httpStatus: 410 });
    expect(journal.ops.map((o) => o.op)).toEqual(['logFetch', 'recordFailure', 'markRemoved']);
    replayJournal(replayed, journal.ops);
    expect(replayed.isPermanentFailure(t.url)).toBe(true);
    expect(replayed.decisionPageFetched(t.refKey)).toBe(false);
  });

  it('refuses an archive method it cannot record, naming it, instead of writing nowhere', () => {
    const archive = new ArchiveJournal().asArchive();
    expect(() => archive.saveDecision).toThrow(QueueStageError);
    expect(() => archive.getPageBody).toThrow(/archive\.getPageBody/);
  });

  it('a body altered in transit is refused on replay', async () => {
    const { replayed, http, target } = await setup();
    const journal = new ArchiveJournal();
    await fetchDecisionPage({ http, archive: journal.asArchive(), log: silentLogger }, target(2));
    const ops = journal.ops.map((o) => (o.op === 'storePage' ? { ...o, hash: '0'.repeat(64) } : o));
    expect(() => replayJournal(replayed, ops)).toThrow(QueueStageError);
    expect(replayed.counts().pages).toBe(0);
  });
});
