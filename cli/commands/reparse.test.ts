import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../archive/index.js';
import { openReplicaArchive } from '../../bench/replica-archive.js';
import { PARSER_VERSION } from '../../parser/version.js';
import { generateCorpus, renderDecisionPage } from '../../replica/index.js';
import { QUARANTINE_TAG, reparseArchive } from './reparse.js';

const COUNT = 300;
const SEED = 31;

describe('lgsco reparse (reparseArchive)', () => {
  let dir: string;
  let archive: Archive;
  let keys: string[];

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lgsco-reparse-'));
    archive = openReplicaArchive(dir, { seed: SEED, count: COUNT }).archive;
    keys = [...archive.iterateDecisions()].map((d) => d.refKey);
    archive.markIndexed(keys);
  });

  afterAll(() => {
    archive.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const factsRows = () => archive.conn.prepare('SELECT * FROM decision_facts ORDER BY ref_key').all();
  const revision = () =>
    (archive.conn.prepare('SELECT revision AS r FROM facts_state WHERE id = 1').get() as { r: number }).r;

  it('re-parses every decision with --all and keeps unchanged records out of the index queue', async () => {
    const rows = archive.conn.prepare('SELECT * FROM decisions ORDER BY ref_key').all();
    const facts = factsRows();
    const rev = revision();
    const s = await reparseArchive(archive, { all: true, workers: 0 });
    expect(s).toMatchObject({ reparsed: COUNT, changed: 0, unchanged: COUNT, newlyQuarantined: 0 });
    expect(archive.counts().needingIndex).toBe(0);
    // Byte-identical records from the same pages: nothing was written.
    expect(archive.conn.prepare('SELECT * FROM decisions ORDER BY ref_key').all()).toEqual(rows);
    expect(factsRows()).toEqual(facts);
    expect(revision()).toBe(rev);
  });

  it('without --all re-parses only records of another parser version, re-indexing only changed content', async () => {
    const [a, b, c] = keys;
    const rec = (k: string) => {
      const { archive: _h, ...r } = archive.getDecision(k)!;
      return r;
    };
    const pageOf = (k: string) => archive.getDecision(k)!.archive.pageHash;
    // a: an older parser said something else; b: an older parser said the same; c: current.
    archive.saveDecision({ ...rec(a!), parserVersion: '0.9.0', remedyTotal: 12_345 }, pageOf(a!));
    archive.saveDecision({ ...rec(b!), parserVersion: '0.9.0' }, pageOf(b!));
    archive.markIndexed([a!, b!]);
    const s = await reparseArchive(archive, { workers: 0 });
    expect(s).toMatchObject({ reparsed: 2, changed: 1, unchanged: 1 });
    expect(archive.getDecision(a!)!.parserVersion).toBe(PARSER_VERSION);
    expect(archive.getDecision(a!)!.remedyTotal).not.toBe(12_345);
    expect(archive.getDecision(b!)!.parserVersion).toBe(PARSER_VERSION);
    expect([...archive.decisionsNeedingIndex()].map((d) => d.refKey)).toEqual([a]);
    // b was only restamped: its facts rows are what a full derivation gives, parser version included.
    const restamped = factsRows();
    expect(restamped.find((r) => (r as { ref_key: string }).ref_key === b)).toMatchObject({
      parser_version: PARSER_VERSION,
    });
    archive.rebuildFacts();
    expect(factsRows()).toEqual(restamped);
    expect(archive.getDecision(c!)!.parserVersion).toBe(PARSER_VERSION);
    archive.markIndexed(keys);
  });

  it('saves a quarantined page that now parses and takes it out of quarantine', async () => {
    const extra = generateCorpus({ seed: SEED + 1, count: 1 }).full(0);
    const { hash } = archive.storePage({
      url: extra.url,
      kind: 'decision',
      status: 200,
      body: Buffer.from(renderDecisionPage(extra)),
      contentType: 'text/html; charset=utf-8',
      refKey: extra.refKey,
    });
    archive.quarantine({
      url: extra.url,
      refKey: extra.refKey,
      pageHash: hash,
      reason: 'an older parser failed',
    });
    const s = await reparseArchive(archive, { workers: 0 });
    expect(s).toMatchObject({ reparsed: 1, recovered: 1, stillQuarantined: 0 });
    expect(archive.getDecision(extra.refKey)?.organisation).toBe(extra.organisation);
    expect(archive.quarantined().filter((q) => q.refKey === extra.refKey)).toEqual([]);
    expect([...archive.decisionsNeedingIndex()].map((d) => d.refKey)).toEqual([extra.refKey]);
    archive.markIndexed(extra.refKey);
  });

  it('keeps the last good record of a decision whose newest page no longer parses, and quarantines the page', async () => {
    const k = keys[10]!;
    const before = archive.getDecision(k)!;
    const corpus = generateCorpus({ seed: SEED, count: COUNT });
    const html = renderDecisionPage(corpus.full(corpus.indexOf(k)!));
    // A new version of the page with the title and header lines gone: no reference, no decision.
    const broken = html
      .replace(/<div class="decision-meta">[\s\S]*?<\/div>/, '')
      .replace(/<div class="decision-title">[\s\S]*?<\/div>/, '');
    expect(broken).not.toBe(html);
    const { hash } = archive.storePage({
      url: before.url,
      kind: 'decision',
      status: 200,
      body: Buffer.from(broken),
      contentType: 'text/html; charset=utf-8',
      refKey: k,
    });
    const s = await reparseArchive(archive, { all: true, workers: 0 });
    expect(s.newlyQuarantined).toBe(1);
    expect(s.reparsed).toBe(COUNT + 1);
    const after = archive.getDecision(k)!;
    expect(after.archive.pageHash).toBe(before.archive.pageHash);
    expect(after.remedyTotal).toBe(before.remedyTotal);
    const q = archive.quarantined().filter((r) => r.refKey === k);
    expect(q).toHaveLength(1);
    expect(q[0]!.pageHash).toBe(hash);
    expect(q[0]!.reason).toMatch(/not a decision page: no reference/);
    expect(q[0]!.reason.endsWith(QUARANTINE_TAG)).toBe(true);
    expect(archive.counts().needingIndex).toBe(0);
    // Again: the same failure is not quarantined twice.
    const again = await reparseArchive(archive, { all: true, workers: 0 });
    expect(again).toMatchObject({ newlyQuarantined: 0, stillQuarantined: 1 });
    expect(archive.quarantined().filter((r) => r.refKey === k)).toHaveLength(1);
  });

  it('gives the same result on worker threads as on the main thread', async () => {
    const s = await reparseArchive(archive, { all: true, workers: 2, batchSize: 16 });
    expect(s.workers).toBe(2);
    // The decision whose newest page is broken stays quarantined (counted in neither).
    expect(s).toMatchObject({ reparsed: COUNT + 1, changed: 0, unchanged: COUNT, newlyQuarantined: 0 });
    expect(archive.counts().needingIndex).toBe(0);
  }, 60_000);
});
