/**
 * Redis connections. BullMQ gets connection options (it opens and duplicates its own clients);
 * our own keys (rate gate, lease, run counters) use one ioredis client per process.
 * @module
 */
import { Redis } from 'ioredis';
import { RedisUnavailableError } from './errors/redis-unavailable-error.js';

/** How long a command-line process waits for Redis before giving up. */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/**
 * Options for BullMQ Queue and Worker. `maxRetriesPerRequest: null` is what BullMQ requires for
 * workers: their blocking commands must wait through a Redis restart instead of failing.
 */
export function bullConnection(redisUrl: string): { url: string; maxRetriesPerRequest: null } {
  return { url: redisUrl, maxRetriesPerRequest: null };
}

/**
 * Opens our own client and waits until Redis answers PING; throws RedisUnavailableError after
 * `timeoutMs` instead of retrying forever (a CLI should say "Redis is down", not hang).
 */
export async function openRedis(redisUrl: string, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<Redis> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
  // Connection errors surface through connect()/ping() below; without a listener ioredis logs them.
  let lastError: unknown;
  redis.on('error', (e) => {
    lastError = e;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await redis.connect();
        await redis.ping();
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new RedisUnavailableError(
                redisUrl,
                `no answer within ${timeoutMs} ms${lastError instanceof Error ? ` (${lastError.message})` : ''}`,
              ),
            ),
          timeoutMs,
        );
      }),
    ]);
    return redis;
  } catch (e) {
    redis.disconnect();
    if (e instanceof RedisUnavailableError) throw e;
    throw new RedisUnavailableError(redisUrl, e instanceof Error ? e.message : String(e), { cause: e });
  } finally {
    clearTimeout(timer);
  }
}

/** Deletes every key under `prefix:` (tests and `obliterate`-like cleanups); returns how many. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
