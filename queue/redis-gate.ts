/**
 * RedisGate: the crawler's rate gate (`RequestGate`, crawler/limits.ts) shared by every worker
 * process through Redis, so N workers together start at most `rate` requests per second, evenly
 * spaced, and a Retry-After seen by one of them pauses all of them.
 *
 * The same spacing rule as the in-process RateGate, made atomic in one Lua script on Redis's own
 * clock (TIME), so machines with skewed clocks still share one timeline:
 *
 *     slot = max(now, next, pausedUntil);  next = slot + interval;  wait = slot - now
 *
 * Each `take()` reserves a distinct slot; an idle gate banks no credit (slot ≥ now), so there is no
 * burst after a quiet spell. After sleeping to its slot a caller asks once more whether a pause
 * began meanwhile (another worker got a 429) and, if so, reserves again after it.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/log.js';
import type { RequestGate } from '../crawler/index.js';
import { redisKeys } from './names.js';

// KEYS: next-slot key, paused-until key. ARGV: interval µs, key ttl ms. Returns µs to wait.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
local slot = math.max(now, nxt, paused)
redis.call('SET', KEYS[1], string.format('%.0f', slot + tonumber(ARGV[1])), 'PX', ARGV[2])
return slot - now
`;

// KEYS: paused-until key. Returns µs of pause left (0 when none).
const PAUSED_FOR = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if paused > now then return paused - now end
return 0
`;

// KEYS: paused-until key. ARGV: pause µs. Extends a pause, never shortens it.
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local untilUs = now + tonumber(ARGV[1])
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilUs > paused then
  redis.call('SET', KEYS[1], string.format('%.0f', untilUs), 'PX', math.floor(tonumber(ARGV[1]) / 1000) + 1000)
end
return 0
`;

/** Keys outlive any spacing by far; they expire so an abandoned prefix leaves nothing behind. */
const KEY_TTL_MS = 3_600_000;

export interface RedisGateOptions {
  redis: Redis;
  /** LGSCO_QUEUE_PREFIX: one gate per prefix, i.e. per archive. */
  prefix: string;
  /** Requests per second for all workers together. */
  rate: number;
  log?: Logger;
}

export class RedisGate implements RequestGate {
  private intervalMs: number;
  private readonly redis: Redis;
  private readonly nextKey: string;
  private readonly pausedKey: string;
  private readonly log: Logger | undefined;

  constructor(options: RedisGateOptions) {
    if (!(options.rate > 0))
      throw new RangeError(`rate must be a positive number of requests per second (got ${options.rate})`);
    this.intervalMs = 1000 / options.rate;
    this.redis = options.redis;
    this.nextKey = redisKeys.gateNext(options.prefix);
    this.pausedKey = redisKeys.gatePaused(options.prefix);
    this.log = options.log;
  }

  get interval(): number {
    return this.intervalMs;
  }

  /**
   * Widens this process's spacing (robots.txt Crawl-delay). Every worker reads the same robots.txt,
   * so all of them widen it; the shared `next` slot makes the widest one hold for everybody.
   */
  setInterval(ms: number): void {
    this.intervalMs = ms;
  }

  /** Pauses every worker sharing the gate for `ms` from now (Retry-After). Fire and forget, like RateGate's. */
  pauseFor(ms: number): void {
    const us = Math.max(0, Math.round(ms * 1000));
    this.redis.eval(PAUSE, 1, this.pausedKey, us).catch((e: unknown) => {
      this.log?.error({ err: (e as Error)?.message }, 'could not record a Retry-After pause in Redis');
    });
  }

  async take(signal?: AbortSignal): Promise<void> {
    const opts = signal ? { signal } : undefined;
    for (;;) {
      signal?.throwIfAborted();
      const waitUs = Number(
        await this.redis.eval(
          RESERVE,
          2,
          this.nextKey,
          this.pausedKey,
          Math.round(this.intervalMs * 1000),
          KEY_TTL_MS,
        ),
      );
      if (waitUs <= 0) return;
      // Sleep until the slot, never before it: a timer runs from the event loop's cached clock,
      // which lags after a busy spell, so it can fire early by that lag; top the sleep up.
      const due = performance.now() + waitUs / 1000;
      for (let left = waitUs / 1000; left > 0; left = due - performance.now())
        await sleep(left, undefined, opts);
      // A pause that began while we slept applies to us too: reserve again after it.
      const pausedUs = Number(await this.redis.eval(PAUSED_FOR, 1, this.pausedKey));
      if (pausedUs <= 0) return;
    }
  }
}
