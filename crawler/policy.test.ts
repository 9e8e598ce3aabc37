/** The crawl policy both runners follow: which listed or resumed decision is fetched, and how a listing failure is recorded. */
import { describe, expect, it } from 'vitest';
import type { DiscoveredRow } from '../archive/index.js';
import { PermanentFetchError, RetryableFetchError, RobotsDisallowedError } from '../core/errors.js';
import { silentLogger } from '../core/log.js';
import { ListingItem } from '../parser/index.js';
import { CrawlCounters } from './crawl-counters.js';
import { crawlPolicy, oldestFirst, type PolicyArchive, recordListingFailure } from './policy.js';

const BASE = 'https://www.lgo.org.uk/decisions';
const item = (refKey: string, path: string, extra: { outcome?: string } = {}) =>
  ListingItem.parse({
    url: `${BASE}/${path}/${refKey}`,
    ref: refKey.replace(/-/g, ' '),
    refKey,
    organisation: 'Kent County Council',
    kind: 'statement',
    outcome: extra.outcome ?? null,
    subcategory: null,
    decisionDate: '2024-03-01',
    summary: '',
  });

function archiveWith(opts: {
  fetched?: string[];
  gone?: string[];
  pending?: Array<{
    refKey: string;
    url: string;
    organisation: string;
    outcome?: string;
    listingDate: string;
  }>;
}): PolicyArchive {
  return {
    decisionPageFetched: (refKey) => opts.fetched?.includes(refKey) ?? false,
    isPermanentFailure: (url) => opts.gone?.some((refKey) => url.endsWith(refKey)) ?? false,
    pendingDiscovered: function* () {
      for (const row of opts.pending ?? []) yield { outcome: null, ...row } as DiscoveredRow;
    },
  };
}

describe('crawlPolicy', () => {
  it('fetches a listed decision unless archived, outside the filter, or gone', () => {
    const policy = crawlPolicy(
      archiveWith({ fetched: ['24-000-001'], gone: ['24-000-003'] }),
      { category: 'education' },
      { from: '2024-01-01', to: '2024-12-31' },
    );
    expect(policy.judge(item('24-000-001', 'education/school-transport'))).toBe('archived');
    expect(policy.judge(item('24-000-002', 'housing/homelessness'))).toBe('filtered');
    expect(policy.judge(item('24-000-003', 'education/school-transport'))).toBe('gone');
    expect(policy.judge(item('24-000-004', 'education/school-transport'))).toBe('fetch');
  });

  it('checks the outcome filter on listed items too (the site may ignore dc), letting an unknown outcome through', () => {
    const policy = crawlPolicy(
      archiveWith({}),
      { outcomes: ['upheld'] },
      { from: '2024-01-01', to: '2024-12-31' },
    );
    expect(policy.decisionCodes).toBeDefined();
    expect(policy.judge(item('24-000-005', 'education/x', { outcome: 'Not upheld' }))).toBe('filtered');
    expect(policy.judge(item('24-000-006', 'education/x', { outcome: 'Upheld' }))).toBe('fetch');
    expect(policy.judge(item('24-000-007', 'education/x'))).toBe('fetch');
  });

  it('resumes the pending decisions its filters and dates select, in the frontier order', () => {
    const row = (
      refKey: string,
      path: string,
      listingDate: string,
      organisation = 'Kent County Council',
    ) => ({
      refKey,
      url: `${BASE}/${path}/${refKey}`,
      organisation,
      listingDate,
    });
    const policy = crawlPolicy(
      archiveWith({
        pending: [
          row('23-000-001', 'education/x', '2023-06-01'),
          row('24-000-001', 'education/x', '2024-02-01'),
          row('24-000-002', 'housing/x', '2024-02-02'),
          row('24-000-003', 'education/x', '2024-02-03', 'Derby City Council'),
          row('24-000-004', 'education/x', '2024-02-04'),
        ],
      }),
      { category: 'education', organisation: 'Kent County Council' },
      { from: '2024-01-01', to: '2024-12-31' },
    );
    expect([...policy.resumed()].map((t) => t.refKey)).toEqual(['24-000-001', '24-000-004']);
  });

  it('throws RangeError for an unknown outcome before anything is fetched', () => {
    expect(() =>
      crawlPolicy(archiveWith({}), { outcomes: ['maybe'] }, { from: '2024-01-01', to: '2024-01-31' }),
    ).toThrow(RangeError);
  });
});

describe('oldestFirst', () => {
  it('orders a window by decision date, then reference', () => {
    const items = [
      { refKey: 'b', url: 'u', date: '2024-03-02' },
      { refKey: 'c', url: 'u', date: '2024-03-01' },
      { refKey: 'a', url: 'u', date: '2024-03-02' },
    ];
    expect(oldestFirst(items).map((i) => i.refKey)).toEqual(['c', 'a', 'b']);
  });
});

describe('recordListingFailure', () => {
  it('records a listing page that failed after all tries or that robots.txt forbids, and nothing else', () => {
    const recorded: unknown[] = [];
    const archive = { recordFailure: (f: unknown) => void recorded.push(f) };
    const url = `${BASE}?page=2`;
    expect(
      recordListingFailure(archive, silentLogger, new RetryableFetchError(url, 'timed out'), '2024-03'),
    ).toBe(true);
    expect(recordListingFailure(archive, silentLogger, new RobotsDisallowedError(url), '2024-03')).toBe(true);
    expect(recordListingFailure(archive, silentLogger, new PermanentFetchError(url, 403), '2024-03')).toBe(
      false,
    );
    expect(recordListingFailure(archive, silentLogger, new Error('disk full'), '2024-03')).toBe(false);
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toMatchObject({ url, kind: 'listing', tries: 1 });
  });
});

describe('CrawlCounters', () => {
  it('counts robots.txt as skipped, not failed, and says which outcomes speak for the site', () => {
    const c = new CrawlCounters();
    expect(c.decision({ status: 'failed', error: 'disallowed', robots: true })).toBe('none');
    expect(c.decision({ status: 'failed', error: 'timed out' })).toBe('not-fetched');
    expect(c.decision({ status: 'gone', httpStatus: 404, error: '404' })).toBe('answered');
    expect(c.decision({ status: 'gone', httpStatus: 413, error: 'too large', tooLarge: true })).toBe(
      'answered',
    );
    expect(c.decision({ status: 'already-archived' })).toBe('none');
    expect(c).toMatchObject({ skippedRobots: 1, failed: 2, gone: 1, quarantined: 1, done: 5 });
  });
});
