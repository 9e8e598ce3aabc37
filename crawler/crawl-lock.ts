/**
 * One crawl or re-check per archive at a time, in any process: both runners hold the archive's
 * crawl lock (archive/crawl-lock.ts) around their whole run.
 * @module
 */
import type { Archive, CrawlKind } from '../archive/index.js';

/**
 * Runs `run` holding the archive's crawl lock, released however it ends. While another crawl or
 * re-check holds it, throws CrawlLockedError (LGSCO_ERR_BUSY) before `run` starts.
 */
export async function withCrawlLock<T>(
  archive: Pick<Archive, 'acquireCrawlLock'>,
  kind: CrawlKind,
  run: () => Promise<T>,
): Promise<T> {
  const lock = archive.acquireCrawlLock(kind);
  try {
    return await run();
  } finally {
    lock.release();
  }
}
