import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { deleteKeys, openRedis } from '../../queue/index.js';

import { REDIS_HOWTO, TEST_REDIS_URL } from './requirements.js';

export { TEST_REDIS_URL };

/** A queue prefix no other test shares. */
export function testPrefix(): string {
  return `test-${randomUUID()}`;
}

/** A Redis client for a test, and a cleanup that deletes the prefix's keys and disconnects. */
export async function testRedis(prefix: string): Promise<{ redis: Redis; cleanup(): Promise<void> }> {
  const redis = await openRedis(TEST_REDIS_URL).catch((e: unknown) => {
    throw new Error(`${REDIS_HOWTO} (${e instanceof Error ? e.message : String(e)})`);
  });
  return {
    redis,
    async cleanup() {
      await deleteKeys(redis, prefix);
      await redis.quit();
    },
  };
}
