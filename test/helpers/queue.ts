import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { deleteKeys, openRedis } from '../../queue/index.js';

/** The Redis the queue tests use: 127.0.0.1 only (CI starts one there). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** A queue prefix no other test shares. */
export function testPrefix(): string {
  return `test-${randomUUID()}`;
}

/** A Redis client for a test, and a cleanup that deletes the prefix's keys and disconnects. */
export async function testRedis(prefix: string): Promise<{ redis: Redis; cleanup(): Promise<void> }> {
  const redis = await openRedis(TEST_REDIS_URL);
  return {
    redis,
    async cleanup() {
      await deleteKeys(redis, prefix);
      await redis.quit();
    },
  };
}
