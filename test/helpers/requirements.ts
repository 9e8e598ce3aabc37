/**
 * What some tests need from the machine besides node_modules, and how to get it, said in one line
 * instead of a timeout or an obscure error in a beforeAll. In CI (CI=true, as .ci/run sets) a
 * missing requirement fails the tests that need it; elsewhere they are skipped with the reason
 * printed, so a laptop without Chromium can still run the rest.
 */
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';

/** Chromium for the browser fallback and the page tests (Debian's `chromium` package). */
export const CHROMIUM = process.env.LGSCO_CHROMIUM ?? '/usr/bin/chromium';
/** The Redis the queue tests use: 127.0.0.1 only (.ci/run starts one there). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export const CHROMIUM_HOWTO = `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set LGSCO_CHROMIUM to its path)`;
export const REDIS_HOWTO = `Redis is not answering at ${TEST_REDIS_URL}: apt-get install -y redis-server && redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ''`;

/** Why Chromium tests cannot run here, or undefined. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : CHROMIUM_HOWTO;
}

/** Why the Redis tests cannot run here (nothing accepts a connection on 127.0.0.1:6379 within 2 s), or undefined. */
export function redisMissing(): Promise<string | undefined> {
  const url = new URL(TEST_REDIS_URL);
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port) });
    const done = (why?: string) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(2000, () => done(`${REDIS_HOWTO} (no answer within 2 s)`));
    socket.once('connect', () => done());
    socket.once('error', (e: NodeJS.ErrnoException) => done(`${REDIS_HOWTO} (${e.code ?? e.message})`));
  });
}

/**
 * For `describe.skipIf(skipUnless(missing))`: true (skip, the reason printed) when `missing` is
 * set outside CI; false otherwise, so in CI the tests run and `requireNothingMissing` fails them.
 */
export function skipUnless(missing: string | undefined): boolean {
  if (!missing) return false;
  if (process.env.CI) return false;
  process.stderr.write(`skipped: ${missing}\n`);
  return true;
}

/** Throws `missing` as the error (call in beforeAll): the one line that says what to install. */
export function requireNothingMissing(missing: string | undefined): void {
  if (missing) throw new Error(missing);
}
