/**
 * A replica on 127.0.0.1 and a fresh archive for the crawl end-to-end tests, with a crawl function
 * that fills in a fast local configuration.
 */
import { Archive } from '../../archive/index.js';
import { silentLogger } from '../../core/log.js';
import { type CrawlOptions, runCrawl } from '../../crawler/index.js';
import {
  type ReplicaOptions,
  type ReplicaRequest,
  type ReplicaServer,
  startReplica,
} from '../../replica/index.js';
import { tempDir } from './tmp.js';

export const CRAWLER_UA = 'lgsco-archive/0.1.0 (decision archive crawler; e2e test)';

/** Decision-page requests (/decisions/<cat>/<subcat>/<ref>). */
export const isDecisionPath = (path: string) =>
  path.startsWith('/decisions/') && path.split('/').length === 5;
export const decisionRequests = (r: ReplicaServer): ReplicaRequest[] =>
  r.requestLog.filter((q) => isDecisionPath(q.path));
export const listingRequests = (r: ReplicaServer): ReplicaRequest[] =>
  r.requestLog.filter((q) => q.path === '/Decisions/SearchResults');

export interface ReplicaCrawl {
  replica: ReplicaServer;
  archive: Archive;
  dir: string;
  config: CrawlOptions['config'];
  crawl(extra?: Partial<CrawlOptions>): ReturnType<typeof runCrawl>;
  close(): Promise<void>;
}

export async function replicaCrawl(
  replicaOptions: ReplicaOptions,
  config: Partial<CrawlOptions['config']> = {},
): Promise<ReplicaCrawl> {
  const replica = await startReplica(replicaOptions);
  const tmp = tempDir('lgsco-e2e-crawl-');
  const archive = Archive.open(tmp.dir);
  const cfg: CrawlOptions['config'] = {
    baseUrl: replica.url,
    userAgent: CRAWLER_UA,
    rate: 400,
    concurrency: 4,
    timeoutMs: 5000,
    maxTries: 5,
    browser: 'never',
    ...config,
  };
  return {
    replica,
    archive,
    dir: tmp.dir,
    config: cfg,
    crawl: (extra = {}) =>
      runCrawl({
        config: cfg,
        archive,
        log: silentLogger,
        httpOptions: { backoffBaseMs: 20, backoffCapMs: 200 },
        ...extra,
      }),
    async close() {
      archive.close();
      await replica.close();
      tmp.cleanup();
    },
  };
}

/** refKey → number of decision-page 200 responses. */
export function decisionFetchCounts(r: ReplicaServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const q of decisionRequests(r)) {
    if (q.status !== 200) continue;
    const key = q.path.slice(q.path.lastIndexOf('/') + 1);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
