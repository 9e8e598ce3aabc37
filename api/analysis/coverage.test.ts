/**
 * What the archive is missing, from the crawl's own tables: each way a listed decision can be
 * absent, the listing date ranges no crawl finished, and the organisation filter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../archive/index.js';
import type { Decision } from '../../core/record.js';
import { seedArchive } from '../../test/helpers/stub-api.js';
import { syntheticDecisions } from '../../test/helpers/synthetic.js';
import { computeCoverage, uncovered } from './coverage.js';
import { AnalysisStore } from './store.js';

const SITE = 'https://www.lgo.org.uk/decisions';
const KENT = 'Kent County Council';
let dir: string;
let archive: Archive;
let store: AnalysisStore;
const decisions: Decision[] = syntheticDecisions(30);
const kentArchived = decisions.filter((d) => d.organisation === KENT).length;

/** A listed decision that is not archived. */
const listed = (n: number, organisation: string | null, date: string) => ({
  refKey: `26-900-00${n}`,
  url: `${SITE}/housing/homelessness/26-900-00${n}`,
  organisation,
  decisionDate: date,
});

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lgsco-coverage-'));
  archive = seedArchive(dir, decisions, { fetchedAt: '2026-06-01T00:00:00.000Z' });
  // The archived ones were listed too: they are not missing.
  archive.addDiscovered(
    decisions.map((d) => ({ refKey: d.refKey, url: d.url, organisation: d.organisation })),
  );
  const pending = listed(1, KENT, '2024-05-02');
  const failed = listed(2, KENT, '2024-05-03');
  const gone = listed(3, 'Leeds City Council', '2024-04-20');
  const unparsed = listed(4, KENT, '2024-05-10');
  archive.addDiscovered([pending, failed, gone, unparsed]);
  archive.recordFailure({ url: failed.url, kind: 'decision', tries: 4, error: 'timeout after 30000 ms' });
  archive.recordFailure({
    url: gone.url,
    kind: 'decision',
    tries: 1,
    status: 410,
    error: 'Gone',
    permanent: true,
  });
  const body = archive.storePage({
    url: unparsed.url,
    kind: 'decision',
    status: 200,
    body: Buffer.from('<html><body>Service unavailable</body></html>'),
    refKey: unparsed.refKey,
  });
  archive.quarantine({
    url: unparsed.url,
    refKey: unparsed.refKey,
    pageHash: body.hash,
    reason: 'no reference heading',
  });
  // Known only from a fetched page that did not parse (never in a listing).
  archive.quarantine({ url: `${SITE}/x/26-900-005`, refKey: '26-900-005', reason: 'truncated page' });
  // An archived decision whose newer page failed to parse: the record stays the older version's.
  archive.quarantine({ url: decisions[0]!.url, refKey: decisions[0]!.refKey, reason: 'truncated page' });

  // Listing walks: January, February and April 2024 finished; March ended early; a walk of one
  // organisation's listing in March does not cover the whole site's March.
  for (const m of ['01', '02', '04'])
    archive.markWindow({
      key: `2024-${m}`,
      from: `2024-${m}-01`,
      to: `2024-${m}-${m === '02' ? 29 : m === '04' ? 30 : 31}`,
      total: 40,
    });
  archive.markWindow({ key: '2024-03', from: '2024-03-01', to: '2024-03-31', total: 52, complete: false });
  archive.markWindow({
    key: `aname=${KENT}|2024-03`,
    from: '2024-03-01',
    to: '2024-03-31',
    organisation: KENT,
    total: 6,
  });
  store = new AnalysisStore(archive.file);
});

afterAll(() => {
  store?.close();
  archive?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('computeCoverage', () => {
  it('lists every listed or fetched decision that is not archived, with why, newest listing first', () => {
    const c = computeCoverage(store, { limit: 100 });
    expect(c.archived).toBe(decisions.length);
    expect(c.missing).toMatchObject({ total: 5, pending: 1, failed: 1, gone: 1, unparsed: 2 });
    expect(c.missing.items.map((m) => [m.refKey, m.state, m.reason])).toEqual([
      ['26-900-004', 'unparsed', 'no reference heading'],
      ['26-900-002', 'failed', 'timeout after 30000 ms'],
      ['26-900-001', 'pending', null],
      ['26-900-003', 'gone', 'HTTP 410: Gone'],
      ['26-900-005', 'unparsed', 'truncated page'],
    ]);
    expect(c.missing.items.find((m) => m.refKey === '26-900-005')?.organisation).toBeNull();
    expect(c.missing.items.every((m) => m.state === 'pending' || typeof m.at === 'string')).toBe(true);
    expect(c.staleVersions).toBe(1);
  });

  it('for one organisation: only the decisions listed under its name, in any case', () => {
    const c = computeCoverage(store, { organisation: 'kent county council ', limit: 100 });
    expect(c.organisation).toBe('kent county council ');
    expect(c.archived).toBe(kentArchived);
    expect(c.missing).toMatchObject({ total: 3, pending: 1, failed: 1, gone: 0, unparsed: 1 });
    expect(c.missing.items.every((m) => m.organisation === KENT)).toBe(true);
    const leeds = computeCoverage(store, { organisation: 'Leeds City Council', limit: 100 });
    expect(leeds.missing.items.map((m) => m.state)).toEqual(['gone']);
  });

  it('caps the list, not the counts', () => {
    const c = computeCoverage(store, { limit: 2 });
    expect(c.missing.items).toHaveLength(2);
    expect(c.missing.total).toBe(5);
  });

  it('says which listing dates no whole-site walk finished', () => {
    const { listings } = computeCoverage(store, { limit: 1 });
    expect(listings.from).toBe('2024-01-01');
    expect(listings.to).toBe('2024-04-30');
    expect(listings.gaps).toEqual([{ from: '2024-03-01', to: '2024-03-31' }]);
    expect(listings.incomplete).toEqual([{ from: '2024-03-01', to: '2024-03-31', total: 52 }]);
  });
});

describe('uncovered', () => {
  it('finds the days between walked ranges, overlapping or adjacent ranges leaving none', () => {
    expect(uncovered([])).toEqual([]);
    expect(
      uncovered([
        { from: '2024-01-01', to: '2024-01-15' },
        { from: '2024-01-10', to: '2024-01-31' },
        { from: '2024-02-01', to: '2024-02-10' },
        { from: '2024-02-13', to: '2024-02-29' },
        { from: '2024-05-01', to: '2024-05-31' },
      ]),
    ).toEqual([
      { from: '2024-02-11', to: '2024-02-12' },
      { from: '2024-03-01', to: '2024-04-30' },
    ]);
  });
});
