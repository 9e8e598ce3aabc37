import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Decision } from '../core/record.js';
import type { PrintedRef, RefKey } from '../core/ref.js';
import { tempDir } from '../test/helpers/tmp.js';
import { ARCHIVE_FILE, Archive, ArchiveError } from './index.js';
import { SCHEMA_VERSION } from './schema.js';

const FIXTURES = path.resolve(import.meta.dirname, '../test/fixtures/pages');
const statementHtml = readFileSync(path.join(FIXTURES, 'modern-statement.html'));
const listingHtml = readFileSync(path.join(FIXTURES, 'listing.html'));

function decision(overrides: Partial<Decision> = {}): Decision {
  return {
    ref: '24 019 223' as PrintedRef,
    refKey: '24-019-223' as RefKey,
    url: 'https://www.lgo.org.uk/decisions/education/special-educational-needs/24-019-223',
    organisation: 'Northmere County Council',
    category: 'Education',
    subcategory: 'Special educational needs',
    outcome: 'Upheld',
    decisionDate: '2025-12-08',
    kind: 'statement',
    summary:
      "Mrs B says the Council took far too long to finalise her son's Education, Health and Care Plan and did not " +
      'arrange the support it promised. We found the Council at fault. It has agreed to apologise, pay Mrs B £1,200 ' +
      'and remind its casework team of the statutory timescales.',
    sections: [
      {
        heading: "The Ombudsman's final decision",
        text: "Summary: Mrs B says the Council took far too long to finalise her son's Education, Health and Care Plan.",
      },
      {
        heading: 'The complaint',
        text:
          "1. Mrs B complains the Council did not issue her son C's Education, Health and Care (EHC) Plan within the statutory timescale.\n" +
          '2. She says C went without speech and language therapy for most of a school year.',
      },
      { heading: 'What I found', text: '' },
      {
        heading: 'Law, guidance and policies',
        text: '1. The law says the Council must issue the plan within 20 weeks.',
      },
    ],
    finding: 'fault_injustice',
    notInvestigatedReason: null,
    payments: [
      {
        amount: 1200,
        status: 'agreed',
        purpose: 'other',
        recipient: 'Mrs B',
        evidence: {
          section: 'Summary',
          text: 'It has agreed to apologise, pay Mrs B £1,200 and remind its casework team of the statutory timescales.',
          start: 171,
          end: 273,
        },
      },
    ],
    remedyTotal: 1200,
    apology: true,
    serviceImprovements: [],
    deadlineDays: null,
    delays: [],
    missedEducation: [],
    parserVersion: '1.1.0',
    parseWarnings: [],
    headerComplete: true,
    findingRules: [],
    findingConflict: null,
    findingPoints: [],
    ...overrides,
  };
}

const joint = (overrides: Partial<Decision> = {}) =>
  decision({
    ref: '17 002 402b' as PrintedRef,
    refKey: '17-002-402b' as RefKey,
    url: 'https://www.lgo.org.uk/decisions/health/other/17-002-402b',
    organisation: 'Ashvale Hospitals NHS Foundation Trust',
    category: 'Health',
    subcategory: 'Other',
    outcome: 'Closed after initial enquiries',
    decisionDate: '2017-11-30',
    summary: 'The Ombudsmen will not investigate this complaint about a discharge from hospital.',
    ...overrides,
  });

describe('Archive', () => {
  const tmps: Array<{ cleanup(): void }> = [];
  const opened: Archive[] = [];
  const open = (dir?: string) => {
    let d = dir;
    if (!d) {
      const t = tempDir('lgsco-archive-');
      tmps.push(t);
      d = path.join(t.dir, 'nested', 'data');
    }
    const a = Archive.open(d);
    opened.push(a);
    return a;
  };
  afterEach(() => {
    for (const a of opened.splice(0)) a.close();
    for (const t of tmps.splice(0)) t.cleanup();
  });

  it('creates the data directory, runs in WAL mode with foreign keys, at the current schema version', () => {
    const a = open();
    expect(a.file.endsWith(ARCHIVE_FILE)).toBe(true);
    expect(a.journalMode()).toBe('wal');
    const db = new BetterSqlite3(a.file, { readonly: true });
    try {
      expect(db.prepare('SELECT MAX(version) AS v FROM schema_version').get()).toEqual({ v: SCHEMA_VERSION });
    } finally {
      db.close();
    }
  });

  it('keeps a page body verbatim and stores identical bodies once (content-addressed)', () => {
    const a = open();
    const url = 'https://www.lgo.org.uk/Decisions/SearchResults?fd=2025-12-01&td=2025-12-31&page=1';
    const first = a.storePage({
      url,
      kind: 'listing',
      status: 200,
      body: listingHtml,
      contentType: 'text/html',
    });
    const again = a.storePage({ url, kind: 'listing', status: 200, body: Buffer.from(listingHtml) });
    expect(again.hash).toBe(first.hash);
    expect(first.newBlob).toBe(true);
    expect(again.newBlob).toBe(false);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.getPageBody(first.hash).equals(listingHtml)).toBe(true);
    const c = a.counts();
    expect(c.pages).toBe(2);
    expect(c.blobs).toBe(1);

    // Bytes that are not valid UTF-8 survive too.
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x41, 0xc3]);
    const b = a.storePage({ url: 'https://www.lgo.org.uk/x', kind: 'other', status: 200, body: binary });
    expect(a.getPageBody(b.hash).equals(binary)).toBe(true);
    expect(() => a.getPageBody('0'.repeat(64))).toThrow(ArchiveError);
  });

  it('stores bodies compressed', () => {
    const a = open();
    const { hash } = a.storePage({ url: 'u', kind: 'decision', status: 200, body: statementHtml });
    a.close();
    const db = new BetterSqlite3(a.file, { readonly: true });
    try {
      const row = db
        .prepare('SELECT encoding, size, length(body) AS stored FROM blobs WHERE hash = ?')
        .get(hash) as {
        encoding: string;
        size: number;
        stored: number;
      };
      expect(row.encoding).toBe('br');
      expect(row.size).toBe(statementHtml.length);
      expect(row.stored).toBeLessThan(statementHtml.length / 2);
    } finally {
      db.close();
    }
  });

  it('keeps one row per decision, and every page version', () => {
    const a = open();
    const url = decision().url;
    const p1 = a.storePage({
      url,
      kind: 'decision',
      status: 200,
      body: statementHtml,
      refKey: '24-019-223',
      fetchedAt: '2026-01-01T10:00:00.000Z',
    });
    expect(a.hasDecision('24-019-223')).toBe(false);
    expect(a.decisionPageFetched('24-019-223')).toBe(true);
    expect(a.saveDecision(decision(), p1.hash)).toEqual({ inserted: true, changed: false });
    expect(a.saveDecision(decision(), p1.hash)).toEqual({ inserted: false, changed: false });
    expect(a.counts().decisions).toBe(1);

    const edited = Buffer.from(statementHtml.toString('utf8').replace('£1,200', '£1,250'));
    const p2 = a.storePage({
      url,
      kind: 'decision',
      status: 200,
      body: edited,
      refKey: '24-019-223',
      fetchedAt: '2026-03-01T10:00:00.000Z',
    });
    const r = a.saveDecision(decision({ summary: 'Changed summary, £1,250.' }), p2.hash);
    expect(r).toEqual({ inserted: false, changed: true });
    expect(a.counts().decisions).toBe(1);

    const got = a.getDecision('24-019-223')!;
    expect(got.summary).toBe('Changed summary, £1,250.');
    expect(got.sections).toHaveLength(4);
    expect(got.archive.firstFetchedAt).toBe('2026-01-01T10:00:00.000Z');
    expect(got.archive.lastFetchedAt).toBe('2026-03-01T10:00:00.000Z');
    expect(got.archive.removedAt).toBeNull();
    expect(got.archive.pageHash).toBe(p2.hash);
    expect(got.archive.versions).toEqual([
      { pageHash: p1.hash, fetchedAt: '2026-01-01T10:00:00.000Z' },
      { pageHash: p2.hash, fetchedAt: '2026-03-01T10:00:00.000Z' },
    ]);
    // The old version is still readable.
    expect(a.getPageBody(p1.hash).equals(statementHtml)).toBe(true);
    expect(a.getDecision('99-999-999')).toBeUndefined();
  });

  it('validates records with the Decision schema on the way in', () => {
    const a = open();
    const { hash } = a.storePage({ url: 'u', kind: 'decision', status: 200, body: statementHtml });
    expect(() => a.saveDecision(decision({ decisionDate: '2025-02-30' }), hash)).toThrow(/decisionDate/);
    expect(() => a.saveDecision(decision({ refKey: '24 019 223' as RefKey }), hash)).toThrow(ArchiveError);
    expect(() => a.saveDecision(decision(), 'f'.repeat(64))).toThrow(/no stored page/);
    expect(a.counts().decisions).toBe(0);
  });

  it('quarantines pages with a reason, records and clears failures', () => {
    const a = open();
    const { hash } = a.storePage({
      url: 'https://x/decisions/a/b/24-000-001',
      kind: 'decision',
      status: 200,
      body: listingHtml,
    });
    a.quarantine({
      url: 'https://x/decisions/a/b/24-000-001',
      refKey: '24-000-001',
      pageHash: hash,
      reason: 'no header',
    });
    expect(a.quarantined()).toMatchObject([{ refKey: '24-000-001', pageHash: hash, reason: 'no header' }]);

    a.recordFailure({ url: 'https://x/1', kind: 'decision', tries: 5, error: 'HTTP 500' });
    a.recordFailure({ url: 'https://x/1', kind: 'decision', tries: 5, error: 'HTTP 502' });
    a.recordFailure({
      url: 'https://x/2',
      kind: 'decision',
      tries: 1,
      error: 'HTTP 404',
      status: 404,
      permanent: true,
    });
    expect(a.failures()).toMatchObject([
      { url: 'https://x/1', tries: 10, lastError: 'HTTP 502', permanent: false },
      { url: 'https://x/2', tries: 1, status: 404, permanent: true },
    ]);
    a.clearFailure('https://x/1');
    expect(a.counts()).toMatchObject({ quarantined: 1, failures: 1 });
  });

  it('keeps a deduplicated frontier and lists what is still to fetch, oldest first', () => {
    const a = open();
    const item = (refKey: string, decisionDate: string | null) => ({
      refKey,
      url: `https://www.lgo.org.uk/decisions/housing/homelessness/${refKey}`,
      organisation: 'London Borough of Eastford',
      decisionDate,
    });
    expect(a.addDiscovered([item('24-005-444', '2025-12-05'), item('16-000-001', '2016-01-04')])).toBe(2);
    expect(a.addDiscovered([item('24-005-444', '2025-12-05'), item('20-111-222', null)])).toBe(1);
    expect([...a.pendingDiscovered()].map((r) => r.refKey)).toEqual([
      '16-000-001',
      '24-005-444',
      '20-111-222',
    ]);

    a.storePage({
      url: item('16-000-001', null).url,
      kind: 'decision',
      status: 200,
      body: statementHtml,
      refKey: '16-000-001',
    });
    a.recordFailure({
      url: item('20-111-222', null).url,
      kind: 'decision',
      tries: 1,
      error: 'HTTP 410',
      permanent: true,
    });
    expect([...a.pendingDiscovered()].map((r) => r.refKey)).toEqual(['24-005-444']);
    expect([...a.pendingDiscovered({ includePermanentFailures: true })].map((r) => r.refKey)).toEqual([
      '24-005-444',
      '20-111-222',
    ]);
    // States (archive/totals.ts): the fetched page not parsed yet is still pending (the next run
    // parses it without fetching); the 410 one is gone.
    expect(a.counts()).toMatchObject({ discovered: 3, pending: 2, failed: 0, gone: 1, unparsed: 0 });
  });

  it('pages through large frontiers and decision sets with constant memory', () => {
    const a = open();
    const items = Array.from({ length: 1234 }, (_, i) => ({
      refKey: `23-${String(i).padStart(3, '0').slice(-3)}-${String(i).padStart(3, '0')}`,
      url: `https://x/${i}`,
      decisionDate: '2023-01-01',
    }));
    a.addDiscovered(items);
    const seen = [...a.pendingDiscovered()].map((r) => r.refKey);
    expect(seen).toHaveLength(1234);
    expect(new Set(seen).size).toBe(1234);
  });

  it('tracks completed listing windows', () => {
    const a = open();
    expect(a.isWindowComplete('2024-03')).toBe(false);
    a.markWindow({ key: '2024-03', from: '2024-03-01', to: '2024-03-31', total: 412, pages: 42 });
    expect(a.isWindowComplete('2024-03')).toBe(true);
    expect(a.getWindow('2024-03')).toMatchObject({
      from: '2024-03-01',
      to: '2024-03-31',
      total: 412,
      pages: 42,
    });
    a.markWindow({ key: '2024-04', from: '2024-04-01', to: '2024-04-30', total: 10, complete: false });
    expect(a.isWindowComplete('2024-04')).toBe(false);
  });

  it('tells which records the index lacks, and iterates while marking', () => {
    const a = open();
    const { hash } = a.storePage({ url: 'u', kind: 'decision', status: 200, body: statementHtml });
    a.saveDecision(decision(), hash);
    a.saveDecision(joint(), hash);
    expect([...a.decisionsNeedingIndex()].map((d) => d.refKey)).toEqual(['17-002-402b', '24-019-223']);
    for (const d of a.decisionsNeedingIndex()) a.markIndexed([d.refKey]);
    expect([...a.decisionsNeedingIndex()]).toEqual([]);

    // A changed record needs indexing again; marking with an old hash does not hide it.
    const oldHash = Archive.recordHash(joint());
    a.saveDecision(joint({ outcome: 'Upheld' }), hash);
    expect([...a.decisionsNeedingIndex()].map((d) => d.refKey)).toEqual(['17-002-402b']);
    a.markIndexed('17-002-402b', oldHash);
    expect(a.counts().needingIndex).toBe(1);
    a.markIndexed('17-002-402b', Archive.recordHash(a.getDecision('17-002-402b')!));
    expect(a.counts().needingIndex).toBe(0); // the archive block is not part of the record hash
    a.clearIndexed();
    a.markIndexed(['17-002-402b', '24-019-223']);
    expect(a.counts().needingIndex).toBe(0);
    a.clearIndexed();
    expect(a.counts().needingIndex).toBe(2);
    expect([...a.iterateDecisions()].map((d) => d.organisation)).toEqual([
      'Ashvale Hospitals NHS Foundation Trust',
      'Northmere County Council',
    ]);
  });

  it('keeps everything after close and reopen; close is idempotent', () => {
    const t = tempDir('lgsco-archive-');
    tmps.push(t);
    const a = Archive.open(t.dir);
    const { hash } = a.storePage({
      url: decision().url,
      kind: 'decision',
      status: 200,
      body: statementHtml,
      refKey: '24-019-223',
    });
    a.saveDecision(decision(), hash);
    a.quarantine({ url: 'https://x/q', reason: 'no header fields' });
    a.close();
    a.close();
    expect(() => a.counts()).toThrow(/closed/);

    const b = open(t.dir);
    expect(b.getDecision('24-019-223')?.organisation).toBe('Northmere County Council');
    expect(b.getPageBody(hash).equals(statementHtml)).toBe(true);
    expect(b.counts()).toMatchObject({ decisions: 1, pages: 1, blobs: 1, quarantined: 1 });
  });
});
