/**
 * RunStats: the counters of one crawl run, in a Redis hash every worker increments, so the
 * process that enqueued the run (on any machine) can print its progress and summary. Also the
 * run's `--limit`, reserved atomically so parallel discovery jobs never queue more than asked,
 * and whether the run's listing pages go through Chromium (so every discovery worker knows).
 * @module
 */
import type { Redis } from 'ioredis';
import { redisKeys } from './names.js';

/** Every counter a run keeps. */
export const RUN_COUNTERS = [
  'windowsPlanned',
  'windows',
  'windowsSkipped',
  'windowsFailed',
  'listingPages',
  'discovered',
  'queued',
  'fetched',
  'gone',
  'failed',
  'saved',
  'quarantined',
  'indexed',
  'duplicates',
  // A re-check run (`quarantined`, `failed`, `indexed` and `queued` as above):
  /** Re-check jobs finished (each decision answered in some way). */
  'rechecked',
  'notModified',
  'unchanged',
  /** New versions kept (the old ones stay). */
  'changed',
  /** Newly flagged removed from the source (404/410). */
  'removed',
  'stillRemoved',
  'restored',
] as const;
export type RunCounter = (typeof RUN_COUNTERS)[number];
export type RunKind = 'crawl' | 'recheck';
export type RunCounts = Record<RunCounter, number> & {
  planned: boolean;
  /** What the run's plan started ('crawl' until planned). */
  kind: RunKind;
  /** Listing pages of this run go through Chromium (a search shell was met, or LGSCO_BROWSER=always). */
  browser: boolean;
};

/** Counters outlive the run so `lgsco status` can show the last one; then they go. */
const RUN_TTL_S = 14 * 86_400;

// KEYS: run hash. ARGV: wanted, limit. Returns how many of `wanted` fit under the limit.
const RESERVE = `
local before = tonumber(redis.call('HGET', KEYS[1], 'queued') or '0')
local take = math.min(tonumber(ARGV[1]), tonumber(ARGV[2]) - before)
if take < 0 then take = 0 end
redis.call('HINCRBY', KEYS[1], 'queued', take)
redis.call('EXPIRE', KEYS[1], ${RUN_TTL_S})
return take
`;

export class RunStats {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(runId: string): string {
    return redisKeys.run(this.prefix, runId);
  }

  /** Adds to counters of a run. */
  async add(runId: string, counts: Partial<Record<RunCounter, number>>): Promise<void> {
    const entries = Object.entries(counts).filter(([, n]) => n !== 0 && n !== undefined);
    if (entries.length === 0) return;
    const key = this.key(runId);
    const tx = this.redis.multi();
    for (const [field, n] of entries) tx.hincrby(key, field, n as number);
    tx.expire(key, RUN_TTL_S);
    await tx.exec();
  }

  /** Marks the run's plan as done (windows queued), and remembers it as the latest run. */
  async markPlanned(runId: string, windows: number): Promise<void> {
    const key = this.key(runId);
    await this.redis
      .multi()
      .hset(key, 'planned', '1', 'kind', 'crawl')
      .hincrby(key, 'windowsPlanned', windows)
      .expire(key, RUN_TTL_S)
      .set(redisKeys.lastRun(this.prefix), runId, 'EX', RUN_TTL_S)
      .exec();
  }

  /** Marks a re-check run's plan as done (its decisions queued), and remembers it as the latest run. */
  async markRecheckPlanned(runId: string, queued: number): Promise<void> {
    const key = this.key(runId);
    await this.redis
      .multi()
      .hset(key, 'planned', '1', 'kind', 'recheck')
      .hincrby(key, 'queued', queued)
      .expire(key, RUN_TTL_S)
      .set(redisKeys.lastRun(this.prefix), runId, 'EX', RUN_TTL_S)
      .exec();
  }

  /** Records that the run's listing pages go through Chromium from now on. Idempotent. */
  async markBrowser(runId: string): Promise<void> {
    const key = this.key(runId);
    await this.redis.multi().hset(key, 'browser', '1').expire(key, RUN_TTL_S).exec();
  }

  /** True once some discovery worker switched the run's listing pages to Chromium. */
  async usesBrowser(runId: string): Promise<boolean> {
    return (await this.redis.hget(this.key(runId), 'browser')) === '1';
  }

  /**
   * Reserves up to `wanted` decisions under the run's limit and returns how many may be queued
   * (all of them without a limit). Counts them as `queued`.
   */
  async reserve(runId: string, wanted: number, limit: number | undefined): Promise<number> {
    if (wanted <= 0) return 0;
    if (limit === undefined) {
      await this.add(runId, { queued: wanted });
      return wanted;
    }
    return Number(await this.redis.eval(RESERVE, 1, this.key(runId), wanted, limit));
  }

  /** How many decisions the run has queued so far. */
  async queued(runId: string): Promise<number> {
    return Number((await this.redis.hget(this.key(runId), 'queued')) ?? 0);
  }

  async get(runId: string): Promise<RunCounts> {
    const h = await this.redis.hgetall(this.key(runId));
    const out = {
      planned: h.planned === '1',
      kind: h.kind === 'recheck' ? 'recheck' : 'crawl',
      browser: h.browser === '1',
    } as RunCounts;
    for (const c of RUN_COUNTERS) out[c] = Number(h[c] ?? 0);
    return out;
  }

  /** The id of the run planned most recently, if any. */
  async lastRunId(): Promise<string | undefined> {
    return (await this.redis.get(redisKeys.lastRun(this.prefix))) ?? undefined;
  }
}
