import type { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.js';
import { silentLogger } from '../core/log.js';
import { tempDir } from '../test/helpers/tmp.js';
import { ArchiveJournal } from './archive-journal.js';
import { storeProcessor } from './processors/store.js';
import type { RunStats } from './run-stats.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('store step (queued crawl)', () => {
  it('quarantines a decision page the fetch step refused as over the size cap, with the reason', async () => {
    const tmp = tempDir('lgsco-store-cap-');
    const archive = Archive.open(tmp.dir);
    cleanups.push(() => {
      archive.close();
      tmp.cleanup();
    });
    const url = 'https://www.lgo.org.uk/decisions/housing/allocations/24-000-001';
    const error = `page too large: Content-Length 9000000 bytes, over the 5242880-byte cap (LGSCO_MAX_PAGE_BYTES) (${url})`;
    // What the fetch step journals for a refused page.
    const journal = new ArchiveJournal();
    journal.logFetch({ url, kind: 'decision', status: 200, error, refKey: '24-000-001' });
    journal.recordFailure({
      url,
      kind: 'decision',
      refKey: '24-000-001',
      status: 200,
      permanent: true,
      tries: 1,
      error,
    });
    const process = storeProcessor({
      archive,
      stats: { add: async () => {} } as unknown as RunStats,
      log: silentLogger,
    });
    const data = {
      runId: 'run-1',
      refKey: '24-000-001',
      url,
      outcome: { status: 'gone', httpStatus: 200, error },
      journal: journal.ops,
    };
    const out = await process({ data, id: 'store-1' } as unknown as Job, undefined, undefined);
    expect(out).toEqual({ status: 'quarantined' });
    expect(archive.quarantined()).toEqual([
      expect.objectContaining({ url, refKey: '24-000-001', reason: error, pageHash: null }),
    ]);
    expect(archive.isPermanentFailure(url)).toBe(true);
  });
});
