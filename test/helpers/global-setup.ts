/**
 * vitest globalSetup of `npm test`: says once, up front, what the machine lacks for the tests that
 * need Redis (queue/*.test.ts) — those tests then fail with the same line (test/helpers/queue.ts).
 */
import { redisMissing } from './requirements.js';

export default async function setup(): Promise<void> {
  const redis = await redisMissing();
  if (redis) process.stderr.write(`\n!! ${redis}\n!! the queue tests will fail until it is there\n\n`);
}
