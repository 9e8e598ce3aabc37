/**
 * The archive's view of the source: migrations applied by set, pages kept but not parsed,
 * removed-from-source flags reaching the index path, re-check due dates.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDecisionHtml } from '../parser/index.js';
import { generateCorpus, renderDecisionPage } from '../replica/index.js';
import { tempDir } from '../test/helpers/tmp.js';
import { ARCHIVE_FILE, Archive } from './archive.js';
import { MIGRATIONS, migrate } from './schema.js';

const corpus = generateCorpus({ seed: 2, count: 5 });
const page = (i: number) => {
  const d = corpus.decisions[i]!;
  const url = `https://www.lgo.org.uk${d.path}`;
  return { d, url, body: Buffer.from(renderDecisionPage(corpus.full(i)), 'utf8') };
};

describe('archive source state', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0).reverse()) c();
  });
  const open = () => {
    const tmp = tempDir('lgsco-archive-src-');
    const a = Archive.open(tmp.dir);
    cleanups.push(tmp.cleanup, () => a.close());
    return { a, dir: tmp.dir };
  };
  const store = (a: Archive, i: number) => {
    const { d, url, body } = page(i);
    const { hash } = a.storePage({
      url,
      kind: 'decision',
      status: 200,
      body,
      refKey: d.refKey,
      etag: '"e1"',
    });
    return { d, url, hash };
  };

  it('applies a migration numbered below one already applied', () => {
    const { dir } = open();
    const db = new BetterSqlite3(`${dir}/${ARCHIVE_FILE}`);
    try {
      const versions = () =>
        (
          db.prepare('SELECT version FROM schema_version ORDER BY version').all() as { version: number }[]
        ).map((r) => r.version);
      expect(versions()).toEqual(MIGRATIONS.map((m) => m.version).sort((x, y) => x - y));
      // Pretend version 1 was never recorded: only it runs again (its table exists, so it fails loudly).
      db.prepare('DELETE FROM schema_version WHERE version = 1').run();
      expect(() => migrate(db)).toThrow(/already exists/);
      expect(versions()).not.toContain(1);
    } finally {
      db.close();
    }
  });

  it('lists a kept decision page that was neither parsed nor quarantined, until it is', () => {
    const { a } = open();
    const { d, url, hash } = store(a, 0);
    expect(a.unparsedDecisionPages()).toEqual([
      expect.objectContaining({ refKey: d.refKey, url, pageHash: hash, etag: '"e1"' }),
    ]);
    a.saveDecision(parseDecisionHtml(page(0).body.toString('utf8'), { url }), hash);
    expect(a.unparsedDecisionPages()).toEqual([]);
    const other = store(a, 1);
    a.quarantine({ url: other.url, refKey: other.d.refKey, pageHash: other.hash, reason: 'test' });
    expect(a.unparsedDecisionPages()).toEqual([]);
    expect(a.isQuarantined(other.d.refKey, other.hash)).toBe(true);
  });

  it('sends a removed decision to the index with removedFromSource, and again once it is back', () => {
    const { a } = open();
    const { d, url, hash } = store(a, 2);
    a.saveDecision(parseDecisionHtml(page(2).body.toString('utf8'), { url }), hash);
    a.markIndexed(d.refKey);
    expect([...a.decisionsNeedingIndex()]).toEqual([]);

    expect(a.markRemoved(d.refKey, '2026-11-01T00:00:00.000Z')).toBe(true);
    expect(a.markRemoved(d.refKey, '2026-11-09T00:00:00.000Z')).toBe(false); // first date kept
    expect(a.getDecision(d.refKey)!.archive.removedAt).toBe('2026-11-01T00:00:00.000Z');
    const [pending] = [...a.decisionsNeedingIndex()];
    expect(pending).toMatchObject({ refKey: d.refKey, removedFromSource: true });
    a.markIndexed(d.refKey);
    expect(a.counts()).toMatchObject({ removed: 1, needingIndex: 0 });

    expect(a.clearRemoved(d.refKey)).toBe(true);
    const [back] = [...a.decisionsNeedingIndex()];
    expect(back!.refKey).toBe(d.refKey);
    expect(back).not.toHaveProperty('removedFromSource');
    expect(a.getDecision(d.refKey)!.archive.removedAt).toBeNull();
  });

  it('lists decisions due for a re-check by their last check, and reports the newest decision date', () => {
    const { a } = open();
    expect(a.newestDecisionDate()).toBeUndefined();
    const saved = [0, 1, 2].map((i) => {
      const { d, url, hash } = store(a, i);
      a.saveDecision(parseDecisionHtml(page(i).body.toString('utf8'), { url }), hash, {
        fetchedAt: `2026-0${i + 1}-01T00:00:00.000Z`,
      });
      return d;
    });
    expect(a.newestDecisionDate()).toBe(
      saved
        .map((d) => d.decisionDate)
        .sort()
        .at(-1),
    );
    a.touchChecked(saved[0]!.refKey, '2026-06-01T00:00:00.000Z');
    expect(a.dueForRecheck('2026-05-01T00:00:00.000Z').map((t) => t.refKey)).toEqual([
      saved[1]!.refKey,
      saved[2]!.refKey,
    ]);
    expect(a.dueForRecheck('2026-07-01T00:00:00.000Z', 2).map((t) => t.refKey)).toEqual([
      saved[1]!.refKey,
      saved[2]!.refKey,
    ]);
  });
});
