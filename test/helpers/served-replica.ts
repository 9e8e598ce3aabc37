/**
 * The whole stack the API and browser end-to-end tests run against: a replica on 127.0.0.1,
 * crawled into a fresh archive, indexed by the real Meilisearch and served by the API and web
 * pages on a free port. One place for the start and the stop, instead of a copy per test file.
 */
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/index.js';
import { openServices, type Services } from '../../cli/services.js';
import { type Config, type ConfigFlags, loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/log.js';
import { type CrawlOptions, type CrawlSummary, runCrawl } from '../../crawler/index.js';
import { type FaultProfile, type ReplicaServer, startReplica } from '../../replica/index.js';

export interface ServedReplica {
  replica: ReplicaServer;
  services: Services;
  config: Readonly<Config>;
  app: FastifyInstance;
  /** The API's base URL, e.g. http://127.0.0.1:41234 */
  base: string;
  /** What the crawl reported. */
  crawl: CrawlSummary;
  /** Stops the API, the services and the replica (the caller removes its data dir). */
  close(): Promise<void>;
}

export async function serveCrawledReplica(opts: {
  dataDir: string;
  seed: number;
  decisions: number;
  /** Configuration beside the test defaults (rate 400, concurrency 8, silent). */
  config?: ConfigFlags;
  env?: Record<string, string>;
  /** HTTP faults of the replica during the crawl (5xx …), for a crawl that leaves decisions failed. */
  faults?: FaultProfile;
  /** Called with the replica before the crawl (e.g. to remove a decision). */
  beforeCrawl?: (replica: ReplicaServer) => void;
  /** The crawl's HTTP client options (e.g. a short backoff with faults). */
  httpOptions?: CrawlOptions['httpOptions'];
}): Promise<ServedReplica> {
  const replica = await startReplica({
    port: 0,
    seed: opts.seed,
    decisions: opts.decisions,
    ...(opts.faults ? { faults: opts.faults } : {}),
  });
  opts.beforeCrawl?.(replica);
  let services: Services | undefined;
  let app: FastifyInstance | undefined;
  const close = async () => {
    await app?.close();
    await services?.close();
    await replica.close();
  };
  try {
    const config = loadConfig(
      {
        dataDir: opts.dataDir,
        baseUrl: replica.url,
        rate: 400,
        concurrency: 8,
        logLevel: 'silent',
        ...opts.config,
      },
      opts.env ?? {},
    );
    const s = await openServices(config, silentLogger);
    services = s;
    const crawl = await runCrawl({
      config,
      archive: s.archive,
      log: silentLogger,
      ...(opts.httpOptions ? { httpOptions: opts.httpOptions } : {}),
      onRecords: (records) => s.indexRecords(records),
    });
    const a = await buildApi({ config, archive: s.archive, index: s.index });
    app = a;
    const base = await a.listen({ port: 0, host: '127.0.0.1' });
    return { replica, services: s, config, app: a, base, crawl, close };
  } catch (err) {
    await close();
    throw err;
  }
}
